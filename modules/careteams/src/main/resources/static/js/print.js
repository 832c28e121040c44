// A button with data-print prints the page (inline handlers are not allowed by the content security policy).
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});
