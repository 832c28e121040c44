// Shows <time class="local" datetime="..."> in the reader's own time zone; without JavaScript the
// server's text (in UTC, and saying so) stays.
(() => {
  const format = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
  const localise = root => root.querySelectorAll("time.local[datetime]").forEach(time => {
    time.textContent = format.format(new Date(time.getAttribute("datetime")));
    time.classList.remove("local");
  });
  document.addEventListener("DOMContentLoaded", () => localise(document));
  document.addEventListener("htmx:afterSettle", event => localise(event.target.ownerDocument || document));
})();
