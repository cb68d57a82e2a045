// eForms for portals. Add this script and a placeholder per form:
//
//   <script src="https://eforms.example.bg/embed.js" defer></script>
//   <div data-form="public-information-request" data-lang="bg"
//        data-title="Заявление за достъп до обществена информация"></div>
//
// The script puts the form in an iframe (the server lets only the portals of its
// FORMS_FRAME_ANCESTORS frame it), sizes the iframe to its content, and re-emits the form's
// messages as DOM events on the placeholder, bubbling: `forms:resize` {height},
// `forms:step` {step, index, count}, `forms:submitted` {reference}. Messages count only when
// they come from this server's origin and from this placeholder's own iframe.
//
// A fee paid from the frame is paid in the top window; the provider then sends the browser back
// to this page with `forms_*` parameters (the application and a single-use code). The script
// takes them out of the address and shows that application's status page in the frame of its
// form, which redeems the code and says whether the payment went through.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var NAMES = ['forms_form', 'forms_reference', 'forms_payment', 'forms_lang', 'forms_return'];

  var back = (function () {
    var params = new URLSearchParams(location.search);
    var found = {
      form: params.get('forms_form'),
      reference: params.get('forms_reference'),
      payment: params.get('forms_payment') === 'cancel' ? 'cancel' : 'ok',
      lang: params.get('forms_lang'),
      code: params.get('forms_return')
    };
    if (!found.reference || !found.code) return null;
    NAMES.forEach(function (name) { params.delete(name); });
    var query = params.toString();
    history.replaceState(history.state, '', location.pathname + (query ? '?' + query : '') + location.hash);
    return found;
  })();

  function mount(placeholder) {
    if (placeholder.querySelector('iframe')) return;
    var url;
    var lang = placeholder.dataset.lang;
    if (back && (!back.form || back.form === placeholder.dataset.form)) {
      url = new URL('/s/' + encodeURIComponent(back.reference), origin);
      url.searchParams.set('payment', back.payment);
      url.searchParams.set('return', back.code);
      lang = back.lang || lang;
      back = null;
    } else {
      url = new URL('/f/' + encodeURIComponent(placeholder.dataset.form), origin);
    }
    url.searchParams.set('embed', '1');
    if (lang) url.searchParams.set('lang', lang);
    // The page to come back to after paying (the app checks it is of its parent's origin).
    url.searchParams.set('portal', location.href);
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
