// The directory import: a file larger than the console takes is refused before it is sent, with the reason. Sent,
// it would be cut off by the server part way, and the browser would show no answer at all.
(function () {
  'use strict';
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.dataset.maxBytes) { return; }
    var file = input.files && input.files[0];
    var tooLarge = file && file.size > Number(input.dataset.maxBytes);
    input.setCustomValidity(tooLarge ? input.dataset.tooLarge : '');
    if (tooLarge) { input.reportValidity(); }
  });
})();
