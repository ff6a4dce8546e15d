// Pain LMN automatic logoff (HIPAA 164.312(a)(2)(iii)). The server enforces the limits; this script
// warns before the idle limit, lets the user stay, and at the limit keeps the open step's input as its
// draft before the browser goes to the login page. Before warning or leaving it asks the server for the
// time left, because another tab may have kept the session alive.
(function () {
  "use strict";

  var RECHECK_MS = 10000;
  var body = document.body;
  var statusUrl = body.getAttribute("data-session-status-url");
  var dialog = document.getElementById("session-warning");
  if (!statusUrl || !dialog) return;
  var stayForm = dialog.querySelector("form");
  var deadline = null; // when the session ends, on this browser's clock
  var warningMs = 120000;
  var extendable = true;
  var checkedAt = 0;
  var checking = false;
  var leaving = false;
  var dismissed = false; // the user closed the warning of a limit that cannot be extended
  var returnFocus = null;

  function json(response) {
    if (!response.ok || response.redirected) throw new Error("session " + response.status);
    return response.json();
  }

  function schedule(status) {
    checkedAt = Date.now();
    if (!status.signed_in) return leave(false);
    deadline = checkedAt + status.remaining_seconds * 1000;
    warningMs = status.warning_seconds * 1000;
    extendable = status.extendable;
    if (extendable) dismissed = false;
    if (status.remaining_seconds <= 0) return leave(true);
    tick();
  }

  function check() {
    if (checking || leaving) return;
    checking = true;
    fetch(statusUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(json)
      .then(function (status) { checking = false; schedule(status); })
      .catch(function () {
        checking = false;
        checkedAt = Date.now();
        // Unreachable at the limit: leave anyway, so no patient data stays on an unattended screen.
        if (deadline !== null && Date.now() >= deadline) leave(true);
      });
  }

  function clock(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function show() {
    dialog.querySelectorAll("[data-session-when]").forEach(function (element) {
      element.hidden = element.getAttribute("data-session-when") !== (extendable ? "idle" : "absolute");
    });
    if (dialog.open) return;
    returnFocus = document.activeElement;
    dialog.showModal();
    var button = dialog.querySelector("button:not([hidden])");
    if (button) button.focus();
  }

  function hide() {
    if (!dialog.open) return;
    dialog.close();
    if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
    returnFocus = null;
  }

  function tick() {
    if (leaving || checking) return;
    var now = Date.now();
    if (deadline === null) {
      if (now - checkedAt >= RECHECK_MS) check();
      return;
    }
    var left = deadline - now;
    if (left > warningMs) return hide();
    // Warn or leave only on a fresh answer from the server, then re-ask now and then while warning.
    if (left <= 0 || checkedAt < deadline - warningMs || now - checkedAt >= RECHECK_MS) return check();
    if (!dismissed) show();
    dialog.querySelectorAll("[data-session-countdown]").forEach(function (element) {
      element.textContent = clock(left);
    });
  }

  function leave(signedIn) {
    if (leaving) return;
    leaving = true;
    // The wizard's "unsaved changes" prompt would keep the page (and the patient's data) on screen.
    document.dispatchEvent(new CustomEvent("session:leaving"));
    var target = window.location.pathname + window.location.search;
    var go = function () { window.location.assign(target); };
    var form = document.getElementById("step-form");
    var draftUrl = body.getAttribute("data-session-draft-url");
    if (!signedIn || !form || !draftUrl) return go();
    var data = new FormData(form);
    data.delete("wizard_goto_step");
    // The server keeps this as the step's draft, ends the session, and the page's URL then leads to sign-in.
    fetch(draftUrl, { method: "POST", body: data, credentials: "same-origin" }).then(go, go);
  }

  function stay(event) {
    event.preventDefault();
    if (leaving) return;
    hide();
    checking = true;
    fetch(stayForm.action, {
      method: "POST",
      body: new FormData(stayForm),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(json)
      .then(function (status) { checking = false; schedule(status); })
      .catch(function () { checking = false; check(); });
  }

  function dismiss() {
    dismissed = true;
    hide();
  }

  stayForm.addEventListener("submit", stay);
  dialog.querySelector("[data-session-dismiss]").addEventListener("click", dismiss);
  // Escape closes a modal dialog; treat it as "Stay signed in", the user is evidently there.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    if (extendable) stay(event); else dismiss();
  });
  document.addEventListener("session:ended", function () { leave(false); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) tick(); });
  window.addEventListener("pageshow", function (event) { if (event.persisted) check(); });
  setInterval(tick, 1000);
  check();
})();
