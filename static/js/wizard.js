// Pain LMN wizard: show the groups a request needs, add and remove rows, compute as you type,
// and warn before leaving a page with unsaved input. Everything also works without this script,
// except the live panel; no data leaves this site.
(function () {
  "use strict";

  function controlValue(form, name) {
    var checked = form.querySelector('[name="' + name + '"]:checked');
    if (checked) return checked.value;
    var control = form.querySelector('select[name="' + name + '"], input[name="' + name + '"]:not([type=radio])');
    return control ? control.value : "";
  }

  function toggleGroups(form) {
    form.querySelectorAll("[data-show-field]").forEach(function (group) {
      var wanted = group.getAttribute("data-show-for").split(" ");
      group.hidden = wanted.indexOf(controlValue(form, group.getAttribute("data-show-field"))) === -1;
    });
  }

  function addRow(button) {
    var prefix = button.getAttribute("data-add-row");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var index = parseInt(total.value, 10);
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.firstElementChild;
    button.closest(".formset").querySelector(".formset-rows").appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  function debounce(fn, ms) {
    var timer = null;
    var run = function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
    run.cancel = function () { clearTimeout(timer); };
    return run;
  }

  function refreshDerived(form) {
    var panel = document.getElementById("derived");
    var url = form.getAttribute("data-derived-url");
    if (!panel || !url) return;
    var body = new FormData(form);
    body.delete("wizard_goto_step");
    fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        // 401: the session had ended; the server kept this input as the step's draft.
        if (response.status === 401) document.dispatchEvent(new CustomEvent("session:ended"));
        return response.ok && !response.redirected ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null && html.trim()) panel.innerHTML = html;
      })
      .catch(function () { /* the panel refreshes on the next save */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("step-form");
    document.querySelectorAll("form.confirm-delete").forEach(function (f) {
      f.addEventListener("submit", function (event) {
        if (!window.confirm("Delete this draft? This cannot be undone.")) event.preventDefault();
      });
    });
    if (!form) return;
    var dirty = false;
    var refresh = debounce(function () { refreshDerived(form); }, 350);
    toggleGroups(form);
    form.addEventListener("change", function (event) {
      dirty = true;
      toggleGroups(form);
      if (event.target.name && /-DELETE$/.test(event.target.name)) {
        event.target.closest(".formset-row").classList.toggle("row-deleted", event.target.checked);
      }
      refresh();
    });
    form.addEventListener("input", function () { dirty = true; refresh(); });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-add-row]");
      if (button) { event.preventDefault(); addRow(button); dirty = true; }
    });
    form.addEventListener("submit", function () { dirty = false; refresh.cancel(); });
    // Automatic logoff (session.js) has kept the input as a draft before leaving.
    document.addEventListener("session:leaving", function () { dirty = false; refresh.cancel(); });
    // Autosave (autosave.js) has kept everything typed so far as the step's draft: leaving loses nothing.
    document.addEventListener("autosave:saved", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  });
})();
