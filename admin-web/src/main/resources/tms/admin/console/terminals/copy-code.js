// The copy button of the activation code page: a file of its own, since the console's CSP forbids inline script.
// Without it (or without a clipboard) the code is still one click to select: its element has user-select: all.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy-from]');
  if (!button || !navigator.clipboard) {
    return;
  }
  var source = document.getElementById(button.getAttribute('data-copy-from'));
  if (source) {
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      button.textContent = 'Copied';
    });
  }
});
