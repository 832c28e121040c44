// The open chart's heartbeat (a form with data-while-visible, polled by htmx) counts chart-review
// minutes, so it beats only while the page is on screen: a beat due while the tab is in the
// background or the window minimised is not sent. (An htmx trigger filter would need eval, which the
// content security policy and the htmx config do not allow.)
document.addEventListener('htmx:confirm', (event) => {
  const form = event.target;
  if (form instanceof Element && form.matches('[data-while-visible]') && document.visibilityState !== 'visible') {
    event.preventDefault();
  }
});
