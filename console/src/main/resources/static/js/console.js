// mailtrail console: the little the pages need beyond htmx.
(function () {
  'use strict';

  // Dates arrive as ISO instants and are shown in the browser's own time zone.
  var dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  function localTimes(root) {
    root.querySelectorAll('time.local-time[datetime]').forEach(function (element) {
      var instant = new Date(element.getAttribute('datetime'));
      if (!isNaN(instant)) {
        element.textContent = dateTime.format(instant);
        element.title = instant.toISOString();
      }
    });
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    root.querySelectorAll('input.browser-time-zone').forEach(function (input) { input.value = zone; });
  }

  // Copy buttons: data-copy names the element whose text is copied.
  function copyButtons(root) {
    root.querySelectorAll('button[data-copy]').forEach(function (button) {
      if (button.dataset.bound) { return; }
      button.dataset.bound = 'true';
      button.addEventListener('click', function () {
        var source = document.getElementById(button.dataset.copy);
        var text = source.value !== undefined ? source.value : source.textContent;
        var done = function () { button.textContent = 'Copied'; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done);
        } else {
          var area = document.createElement('textarea');
          area.value = text;
          document.body.appendChild(area);
          area.select();
          document.execCommand('copy');
          document.body.removeChild(area);
          done();
        }
      });
    });
  }

  function enhance(root) {
    localTimes(root);
    copyButtons(root);
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    // htmx's requests carry the CSRF token like the forms do.
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    document.body.addEventListener('htmx:configRequest', function (event) {
      if (token && header) {
        event.detail.headers[header.content] = token.content;
      }
    });
    document.body.addEventListener('htmx:afterSwap', function (event) { enhance(event.target); });
    // A refused htmx request shows the service's answer in place of what it asked for.
    document.body.addEventListener('htmx:beforeSwap', function (event) {
      if (event.detail.xhr.status >= 400 && event.detail.xhr.status !== 401) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
  });
})();
