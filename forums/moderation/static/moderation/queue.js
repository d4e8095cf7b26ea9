// Keyboard shortcuts for the review queue. Everything works without them: each row's actions are
// ordinary forms. j/k move between items, a/x/h/s/d press Approve/Reject/Hide/Suspend/Redact all
// findings in the current item's row, r chooses a reason, o opens the item. After an action the page comes back with the
// next item's link as the address's fragment: it gets the focus.
(function () {
  "use strict";
  function links() { return Array.prototype.slice.call(document.querySelectorAll("[data-queue-open]")); }
  function currentRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("tr") : null;
  }
  function focusLink(index) {
    var all = links();
    if (!all.length) { return; }
    all[Math.max(0, Math.min(index, all.length - 1))].focus();
  }
  function start() {
    var keys = document.getElementById("queue-keys");
    if (keys) { keys.hidden = false; }
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target && target.hasAttribute("data-queue-open")) { target.focus(); }
    else if (!document.querySelector(".messages .error")) { focusLink(0); }
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.target.isContentEditable) { return; }
    var row = currentRow();
    var index = links().indexOf(row ? row.querySelector("[data-queue-open]") : null);
    var key = event.key;
    if (key === "j" || key === "k") {
      focusLink(index < 0 ? 0 : index + (key === "j" ? 1 : -1));
    } else if (row && key === "o") {
      row.querySelector("[data-queue-open]").click();
    } else if (row && (key === "a" || key === "x" || key === "h" || key === "s" || key === "d" || key === "r")) {
      var control = row.querySelector('[data-queue-key="' + key + '"]');
      if (!control) { return; }
      if (key === "r") { control.focus(); } else { control.click(); }
    } else {
      return;
    }
    event.preventDefault();
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
