// The hand-over from the first paint to the app. The server draws a form's first step into
// <div id="prerender"> (forms-server/src/http/page.rs), so that it can be read and typed into
// before the app has loaded. When the app is about to draw the form it calls formsPrerender(),
// which removes that drawing and returns, as JSON, what the person changed in it: {pointer:
// answer}; null when there is no drawing.
// Answers are those the app's own controls would give: text as typed, a choice's value (true or
// false for yes/no), the checked boxes' values in the options' order, null for "Choose…". Once
// the app has drawn the step, formsPrerenderFocus() puts the focus back in the same control,
// with the same selection (or caret).
(function () {
  'use strict';
  var root = document.getElementById('prerender');
  var focused = null;
  if (root) {
    // Answers kept in this browser, or a saved draft's link: the app will show those, and
    // perhaps another step. Nothing is typed into a drawing they would replace.
    var kept = false;
    try {
      kept = window.localStorage.getItem('forms-draft:' + root.getAttribute('data-form')) !== null;
    } catch (e) {
      kept = false;
    }
    if (kept || location.hash.indexOf('#draft=') === 0) {
      root.inert = true;
      root.setAttribute('aria-busy', 'true');
    }
    // The app reads its language from the address, else from the browser: the server's choice
    // (the page's language) is put in the address, so the app never redraws in another.
    if (!/[?&]lang=/.test(location.search)) {
      var query = (location.search ? location.search + '&' : '?') + 'lang=' + encodeURIComponent(document.documentElement.lang);
      history.replaceState(history.state, '', location.pathname + query + location.hash);
    }
    // If the app has not come after a while (blocked, or the network gone), say so.
    setTimeout(function () {
      var status = document.getElementById('prerender-slow');
      if (!status || !document.getElementById('prerender')) return;
      var notice = document.createElement('p');
      notice.className = 'notice';
      notice.textContent = status.getAttribute('data-message');
      status.appendChild(notice);
    }, 8000);
  }

  window.formsPrerender = function () {
    var drawing = document.getElementById('prerender');
    if (!drawing) return null;
    var values = {};
    var boxes = {};
    drawing.querySelectorAll('[data-pointer]').forEach(function (control) {
      var pointer = control.getAttribute('data-pointer');
      if (control.type === 'checkbox') {
        var group = boxes[pointer] || (boxes[pointer] = { changed: false, chosen: [] });
        if (control.checked !== control.defaultChecked) group.changed = true;
        if (control.checked) group.chosen.push(control.value);
      } else if (control.type === 'radio') {
        if (control.checked && !control.defaultChecked) {
          values[pointer] = control.hasAttribute('data-yes-no') ? control.value === 'true' : control.value;
        }
      } else if (control.tagName === 'SELECT') {
        var changed = Array.prototype.some.call(control.options, function (o) { return o.selected !== o.defaultSelected; });
        if (changed) values[pointer] = control.value === '' ? null : control.value;
      } else if (control.value !== control.defaultValue) {
        values[pointer] = control.value;
      }
    });
    Object.keys(boxes).forEach(function (pointer) {
      if (boxes[pointer].changed) values[pointer] = boxes[pointer].chosen;
    });
    var active = document.activeElement;
    focused = null;
    if (active && active !== drawing && drawing.contains(active) && active.id) {
      focused = { id: active.id, value: active.value, start: null, end: null, direction: 'none' };
      try {
        // Only text controls have a selection; others throw or give null.
        if (typeof active.selectionStart === 'number') {
          focused.start = active.selectionStart;
          focused.end = active.selectionEnd;
          focused.direction = active.selectionDirection || 'none';
        }
      } catch (e) {
        focused.start = null;
      }
    }
    drawing.remove();
    return JSON.stringify(values);
  };

  window.formsPrerenderFocus = function () {
    var was = focused;
    focused = null;
    var control = was && document.getElementById(was.id);
    if (!control) return;
    control.focus();
    if (was.start === null) return;
    // The app writes the control's value in an effect of its own, a little later, which puts
    // the caret at the end: the selection is put back once the value is there (unless the
    // person has typed on meanwhile: then the caret is where they typed).
    var tries = 0;
    var select = function () {
      if (control.value !== was.value) {
        if (tries++ < 100) setTimeout(select, 0);
        return;
      }
      try {
        control.setSelectionRange(was.start, was.end, was.direction);
      } catch (e) {
        // A control without a selection (it changed type): the focus is enough.
      }
    };
    select();
  };
})();
