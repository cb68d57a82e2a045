// eForms for portals. Add this script and a placeholder per form:
//
//   <script src="https://eforms.example.bg/embed.js" defer></script>
//   <div data-form="public-information-request" data-lang="bg"
//        data-title="Заявление за достъп до обществена информация"></div>
//
// The script puts the form in an iframe (the server lets only the portals of its
// FORMS_FRAME_ANCESTORS frame it), sizes the iframe to its content, and re-emits the form's
// messages as DOM events on the placeholder, bubbling: `forms:resize` {height},
// `forms:submitted` {reference}. Messages count only when they come from this server's origin
// and from this placeholder's own iframe.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;

  function mount(placeholder) {
    if (placeholder.querySelector('iframe')) return;
    var url = new URL('/f/' + encodeURIComponent(placeholder.dataset.form), origin);
    url.searchParams.set('embed', '1');
    if (placeholder.dataset.lang) url.searchParams.set('lang', placeholder.dataset.lang);
    var frame = document.createElement('iframe');
    // The first page learns the portal's origin from its referrer (where ancestorOrigins is
    // missing), and only the origin.
    frame.referrerPolicy = 'origin';
    frame.src = url.href;
    frame.title = placeholder.dataset.title || placeholder.dataset.form;
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = '40rem';
    placeholder.appendChild(frame);
    window.addEventListener('message', function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var message = event.data;
      if (!message || typeof message.type !== 'string' || message.type.indexOf('forms:') !== 0) return;
      if (message.type === 'forms:resize' && typeof message.height === 'number' && message.height > 0) {
        frame.style.height = Math.ceil(message.height) + 'px';
      }
      placeholder.dispatchEvent(new CustomEvent(message.type, { detail: message, bubbles: true }));
    });
  }

  function mountAll() {
    document.querySelectorAll('[data-form]').forEach(mount);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mountAll);
  } else {
    mountAll();
  }
})();
