// The hand-over from the first paint to the app. The server draws a form's first step into
// <div id="prerender"> (forms-server/src/http/page.rs), so that it can be read and typed into
// before the app has loaded. When the app is about to draw the form it calls formsPrerender(),
// which removes that drawing and returns, as JSON, what the person changed in it and where the
// focus was: {"values": {pointer: answer}, "focus": id or null}; null when there is none.
// Answers are those the app's own controls would give: text as typed, a choice's value (true or
// false for yes/no), the checked boxes' values in the options' order, null for "Choose…".
(function () {
  'use strict';
  window.formsPrerender = function () {
    var root = document.getElementById('prerender');
    if (!root) return null;
    var values = {};
    var boxes = {};
    root.querySelectorAll('[data-pointer]').forEach(function (control) {
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
    var focus = active && active !== root && root.contains(active) && active.id ? active.id : null;
    root.remove();
    return JSON.stringify({ values: values, focus: focus });
  };
})();
