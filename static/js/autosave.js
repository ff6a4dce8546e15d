// Autosave: what is typed on the open step is kept on the case as the step's draft, 1.5 s after the last
// input and when the page is hidden or left, so a reload or a closed tab loses nothing. The status line
// says "Unsaved changes" while typing and "Saved at 10:42" (the server's clock) once kept. Each post
// carries this tab's id and the version of the step the page was opened with: the server refuses a draft
// typed against a step saved since (see wizard/views/drafts.py). Nothing is kept in the browser itself.
(function () {
  "use strict";

  var DELAY_MS = 1500;
  var RETRY_MS = 10000;
  var TAB_KEY = "autosave-tab";

  function randomId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16); }).join("");
  }

  function tabId() {
    // sessionStorage is per tab: two tabs never share an id, a reload keeps it.
    try {
      var id = window.sessionStorage.getItem(TAB_KEY);
      if (!id) { id = randomId(); window.sessionStorage.setItem(TAB_KEY, id); }
      return id;
    } catch (error) {
      return randomId();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("step-form");
    var status = document.getElementById("autosave-status");
    var url = document.body.getAttribute("data-session-draft-url");
    if (!form || !status || !url) return;
    var tab = tabId();
    var visit = randomId();
    var timer = null;
    var typed = 0;      // inputs since the page opened
    var kept = 0;       // inputs covered by the last kept draft
    var sending = false;
    var stopped = false;

    var restored = document.getElementById("draft-restored");
    if (restored && restored.getAttribute("data-draft-tab") !== tab) {
      restored.querySelector(".draft-other-tab").hidden = false;
    }

    function say(text) {
      // Unchanged text is not written again, so a screen reader is not told the same thing per key.
      if (status.textContent !== text) status.textContent = text;
    }

    function body() {
      var data = new FormData(form);
      data.delete("wizard_goto_step");
      data.append(TAB_KEY, tab);
      data.append("autosave-visit", visit);
      return data;
    }

    function answer(result, covered) {
      if (result.stale) {
        stopped = true;
        say("Not saved as you type: this step was saved in another tab or window. Save to compare both versions.");
        return;
      }
      if (!result.kept) return;
      kept = Math.max(kept, covered);
      if (kept === typed) {
        say("Saved at " + result.saved_at);
        document.dispatchEvent(new CustomEvent("autosave:saved"));
      }
    }

    function save() {
      timer = null;
      if (stopped || kept === typed) return;
      if (sending) { schedule(); return; }
      sending = true;
      var covered = typed;
      fetch(url, { method: "POST", body: body(), credentials: "same-origin" })
        .then(function (response) {
          // 401: the session had ended; the server kept this input as the step's draft.
          if (response.status === 401) {
            stopped = true;
            document.dispatchEvent(new CustomEvent("session:ended"));
          }
          if (!response.ok || response.redirected) throw new Error("not kept");
          return response.json();
        })
        .then(function (result) { answer(result, covered); })
        .catch(function () {
          if (stopped || kept === typed) return;
          say("Unsaved changes (not saved yet: trying again)");
          clearTimeout(timer);
          timer = setTimeout(save, RETRY_MS);
        })
        .then(function () { sending = false; });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    }

    function changed(event) {
      if (stopped || (event.target && !event.target.name)) return;
      typed += 1;
      say("Unsaved changes");
      schedule();
    }

    function saveNow() {
      // The page may be going away: a beacon (or a keepalive fetch) outlives it.
      if (stopped || kept === typed) return;
      clearTimeout(timer);
      var data = body();
      if (!(navigator.sendBeacon && navigator.sendBeacon(url, data))) {
        fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true });
      }
      kept = typed;
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", function (event) {
      // A text field's change on leaving it repeats what its input events already counted.
      var target = event.target;
      var typedField = target.tagName === "TEXTAREA" ||
        (target.tagName === "INPUT" && ["checkbox", "radio", "hidden"].indexOf(target.type) === -1);
      if (!typedField) changed(event);
    });
    // The step is being saved (or left through the step list, which keeps its input): no draft after it.
    form.addEventListener("submit", function () { stopped = true; clearTimeout(timer); });
    // Automatic logoff (session.js) keeps the input itself before leaving.
    document.addEventListener("session:leaving", function () { stopped = true; clearTimeout(timer); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") saveNow();
    });
    window.addEventListener("pagehide", saveNow);
  });
})();
