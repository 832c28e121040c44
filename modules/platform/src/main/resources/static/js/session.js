// Automatic logoff on pages: asks "still there?" shortly before an idle session ends, and goes to
// the sign-in page when it has. The server decides (every response tells how many seconds are
// left); background polling does not count as activity there, so an open inbox does not keep a
// session alive, and this script only shows what the server said.
(() => {
  const notice = document.getElementById('idle-notice');
  if (!notice) {
    return;
  }
  const warning = Number(notice.dataset.warningSeconds) * 1000;
  let endsAt = Date.now() + Number(notice.dataset.idleSeconds) * 1000;

  const heard = (remainingSeconds) => {
    if (remainingSeconds === null || remainingSeconds === '') {
      return;
    }
    endsAt = Date.now() + Number(remainingSeconds) * 1000;
    if (notice.open && endsAt - Date.now() > warning) {
      notice.close();
    }
  };

  document.body.addEventListener('htmx:afterRequest', (event) => {
    heard(event.detail.xhr.getResponseHeader('X-Stride-Session-Remaining'));
  });

  const form = notice.querySelector('form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
      .then((response) => response.ok ? heard(response.headers.get('X-Stride-Session-Remaining')) : location.reload());
  });

  setInterval(() => {
    const left = endsAt - Date.now();
    if (left <= 0) {
      location.reload(); // the server ends the session and asks to sign in again
    } else if (left <= warning && !notice.open) {
      notice.showModal();
    }
  }, 1000);
})();
