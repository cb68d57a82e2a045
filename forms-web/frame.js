// Runs in the app when a portal frames it with `?embed=1` (see embed.js): hides the site's brand
// (the language switcher stays), and tells the portal the page's height and the submitted
// reference, by postMessage to the portal's origin only. The server's frame-ancestors lets only the configured portals
// frame the app, so the parent's origin is one of them.
(function () {
  'use strict';
  if (window.parent === window) return;
  // Storage may be refused to a framed page (third-party storage blocked): then only the first
  // page of the frame, the one with ?embed=1, knows it is embedded.
  var store = null;
  try { store = window.sessionStorage; } catch (e) { store = null; }
  function remembered(key) {
    try { return store ? store.getItem(key) : null; } catch (e) { return null; }
  }
  function remember(key, value) {
    try { if (store) store.setItem(key, value); } catch (e) { /* this page only */ }
  }
  var params = new URLSearchParams(location.search);
  var embedded = params.get('embed') === '1';
  if (!embedded && remembered('forms-parent') === null) return;
  document.documentElement.classList.add('embedded');
  // The parent's origin: from the browser (ancestorOrigins), else the first page's referrer,
  // kept for the pages the person opens inside the frame later (they have no referrer).
  var origin = location.ancestorOrigins && location.ancestorOrigins.length
    ? location.ancestorOrigins[0]
    : (remembered('forms-parent') || (document.referrer ? new URL(document.referrer).origin : null));
  if (!origin || origin === 'null') return;
  remember('forms-parent', origin);
  // The portal's page (embed.js names it), if it is of the parent's origin: a payment started
  // in the frame brings the browser back there, and embed.js shows its outcome in the frame.
  var portal = params.get('portal') || remembered('forms-portal');
  try {
    if (portal && new URL(portal).origin === origin) {
      remember('forms-portal', portal);
      document.documentElement.setAttribute('data-portal', portal);
    }
  } catch (e) { /* not a URL: the payment comes back to this server's status page */ }
  function post(message) {
    window.parent.postMessage(message, origin);
  }
  var last = 0;
  function measure() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      post({ type: 'forms:resize', height: height });
    }
  }
  new ResizeObserver(measure).observe(document.documentElement);
  // The app announces what the portal may want to know as DOM events on window.
  window.addEventListener('forms:submitted', function (event) {
    post({ type: 'forms:submitted', reference: event.detail && event.detail.reference });
  });
  window.addEventListener('forms:step', function (event) {
    var d = event.detail || {};
    post({ type: 'forms:step', step: d.step, index: d.index, count: d.count });
  });
})();
