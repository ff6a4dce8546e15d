// Pain LMN repeating rows: a real Remove button per row with Undo, and focus that follows the keyboard.
// Without this script each row keeps its "Remove this row" checkbox, which the server reads the same way.
(function () {
  "use strict";

  function deleteBox(row) {
    return row.querySelector('input[type=checkbox][name$="-DELETE"]');
  }

  function enhance(row) {
    if (row.hasAttribute("data-rows-ready")) return;
    row.setAttribute("data-rows-ready", "");
    row.querySelector(".row-remove").hidden = true;
    row.querySelector("[data-remove-row]").hidden = false;
    if (deleteBox(row).checked) showRemoved(row, true);
  }

  function enhanceAll(root) {
    root.querySelectorAll(".formset-row").forEach(enhance);
  }

  function announceChange(box) {
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function showRemoved(row, removed) {
    row.querySelector(".row-details").hidden = removed;
    row.querySelector(".row-actions").hidden = removed;
    row.querySelector(".row-removed").hidden = !removed;
  }

  function visibleRowAfter(row) {
    var next = row.nextElementSibling;
    while (next && next.querySelector(".row-details").hidden) next = next.nextElementSibling;
    return next;
  }

  function focusAfterRemoval(formset, next) {
    var target = next ? next.querySelector(".row-summary") : formset.querySelector("[data-add-row]");
    if (target) target.focus();
  }

  function removeRow(row) {
    var formset = row.closest(".formset");
    var rows = formset.querySelector(".formset-rows");
    var next = visibleRowAfter(row);
    var total = formset.querySelector('input[name$="-TOTAL_FORMS"]');
    // A row added on this page and still last can go entirely; any other row keeps its place (and its
    // index) and is marked for deletion, so Undo can bring it back.
    if (row.hasAttribute("data-added") && row === rows.lastElementChild) {
      row.remove();
      total.value = String(parseInt(total.value, 10) - 1);
      total.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      var box = deleteBox(row);
      box.checked = true;
      announceChange(box);
      showRemoved(row, true);
    }
    focusAfterRemoval(formset, next);
  }

  function undoRemove(row) {
    var box = deleteBox(row);
    box.checked = false;
    announceChange(box);
    showRemoved(row, false);
    row.querySelector(".row-summary").focus();
  }

  function numberNewRow(row) {
    var rows = row.parentElement.children;
    var name = "row " + rows.length;
    row.setAttribute("data-added", "");
    row.setAttribute("data-row-name", name);
    row.querySelectorAll(".visually-hidden").forEach(function (span) {
      span.textContent = span.textContent.replace("new row", name);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("step-form");
    if (!form) return;
    enhanceAll(form);
    // Runs after wizard.js (listening on the form) has added the row and moved focus into it.
    document.addEventListener("click", function (event) {
      if (event.target.closest("[data-add-row]")) {
        var holder = event.target.closest(".formset").querySelector(".formset-rows");
        var added = holder.lastElementChild;
        if (added && !added.hasAttribute("data-rows-ready")) numberNewRow(added);
        enhanceAll(form);
        return;
      }
      var remove = event.target.closest("[data-remove-row]");
      if (remove) { removeRow(remove.closest(".formset-row")); return; }
      var undo = event.target.closest("[data-undo-remove]");
      if (undo) undoRemove(undo.closest(".formset-row"));
    });
  });
})();
