/* ficscope library: uploads with a progress bar (sending, then analysis stages polled from the
   JSON twin of the status page). Without script the form posts normally and the status page
   refreshes itself. Text goes into the page with textContent only. */
(function () {
  "use strict";

  function ready() {
    var form = document.getElementById("upload-form");
    if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
    var box = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-bar");
    var stage = document.getElementById("upload-stage");
    var failure = document.getElementById("upload-error");
    var button = form.querySelector("button[type=submit]");
    var limit = parseInt(form.getAttribute("data-max-bytes"), 10);

    function fail(message) {
      failure.textContent = message;
      failure.hidden = false;
      box.hidden = true;
      button.disabled = false;
    }
    function say(text, value) {
      box.hidden = false;
      stage.textContent = text;
      if (typeof value === "number") { bar.value = value; } else { bar.removeAttribute("value"); }
    }
    function messageOf(xhr) {
      try { return JSON.parse(xhr.responseText).error.message; } catch (e) { return "the upload failed (" + xhr.status + ")"; }
    }
    function poll(url) {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", url);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.onload = function () {
        if (xhr.status !== 200) { fail(messageOf(xhr)); return; }
        var job = JSON.parse(xhr.responseText);
        if (job.state === "failed") { fail(job.error || "the file could not be analyzed"); return; }
        if (job.state === "done") {
          say("Done: " + job.stage + ". Opening the work…", 1);
          window.location.assign(job.work_url);
          return;
        }
        say(job.stage.charAt(0).toUpperCase() + job.stage.slice(1) + "…", 0.5 + job.progress / 2);
        window.setTimeout(function () { poll(url); }, 300);
      };
      xhr.onerror = function () { fail("lost contact with the server"); };
      xhr.send();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      failure.hidden = true;
      var input = form.querySelector("input[type=file]");
      var file = input.files && input.files[0];
      if (!file) { fail("Choose a file first."); return; }
      if (limit && file.size > limit) {
        fail(file.name + ": too large (" + (file.size / 1048576).toFixed(1) + " MB; the limit is " + (limit / 1048576).toFixed(1) + " MB)");
        return;
      }
      button.disabled = true;
      var data = new FormData();
      data.append("file", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action"));
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { say("Sending " + file.name + "… " + Math.round(100 * e.loaded / e.total) + "%", 0.5 * e.loaded / e.total); }
      };
      xhr.onload = function () {
        if (xhr.status !== 202) { fail(messageOf(xhr)); return; }
        var reply = JSON.parse(xhr.responseText);
        say("Analyzing…", 0.5);
        poll(reply.status_url);
      };
      xhr.onerror = function () { fail("lost contact with the server"); };
      say("Sending " + file.name + "…", 0);
      xhr.send(data);
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); }
  else { ready(); }
})();
