// A form sent by htmx that the server refused as a whole (text too long to keep, invisible control
// characters) is answered 400 with what to correct and where the page shows it (HX-Retarget). htmx
// leaves error answers unswapped, so without this nothing would happen on the page; the notice is
// emptied again when the next request goes out.
(() => {
  document.addEventListener('htmx:beforeSwap', (event) => {
    const xhr = event.detail.xhr;
    if (xhr.status === 400 && xhr.getResponseHeader('HX-Retarget')) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener('htmx:beforeRequest', () => {
    const notice = document.getElementById('htmx-refusal');
    if (notice) {
      notice.replaceChildren();
    }
  });
})();
