// Runs in the app when a portal frames it with `?embed=1` (see embed.js): hides the site's own
// header, and tells the portal the page's height and the submitted reference, by postMessage
// to the portal's origin only. The server's frame-ancestors lets only the configured portals
// frame the app, so the parent's origin is one of them.
(function () {
  'use strict';
  if (window.parent === window) return;
  if (new URLSearchParams(location.search).get('embed') !== '1') return;
  document.documentElement.classList.add('embedded');
  var origin = location.ancestorOrigins && location.ancestorOrigins.length
    ? location.ancestorOrigins[0]
    : (document.referrer ? new URL(document.referrer).origin : null);
  if (!origin) return;
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
})();
