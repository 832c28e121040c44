// A countdown for holds and timed exercises on the session page. Without JavaScript the page works
// the same, only without the timer button.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".timer[data-seconds]").forEach(timer => {
    const seconds = Number(timer.dataset.seconds);
    const button = document.createElement("button");
    const status = document.createElement("span");
    button.type = "button";
    button.className = "button secondary";
    button.textContent = `Start a ${seconds}-second timer`;
    status.setAttribute("role", "status");
    status.className = "timer-status";
    let interval = null;
    button.addEventListener("click", () => {
      if (interval) {
        clearInterval(interval);
      }
      let left = seconds;
      status.textContent = `${left} s`;
      interval = setInterval(() => {
        left -= 1;
        status.textContent = left > 0 ? `${left} s` : "Done: relax.";
        if (left <= 0) {
          clearInterval(interval);
          interval = null;
        }
      }, 1000);
    });
    timer.append(button, status);
  });
});
