/* lawdiff serve: upload with progress, polling of the work, drop zone. Same origin only, no eval, no inline code. */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return key in values ? values[key] : m; });
  }

  function humanSize(n) {
    if (n >= 1048576) { return (n / 1048576).toFixed(1).replace(/\.0$/, "") + " MB"; }
    if (n >= 1024) { return (n / 1024).toFixed(1).replace(/\.0$/, "") + " KB"; }
    return n + " bytes";
  }

  function box(root) {
    return {
      progress: root.querySelector("#progress"),
      bar: root.querySelector("#progress-bar"),
      text: root.querySelector("#progress-text"),
      time: root.querySelector("#progress-time"),
      error: root.querySelector("#error"),
      errorText: root.querySelector("#error-text")
    };
  }

  function showError(ui, message) {
    if (ui.progress) { ui.progress.hidden = true; }
    ui.errorText.textContent = message;
    ui.error.hidden = false;
    if (ui.error.scrollIntoView) { ui.error.scrollIntoView({ block: "nearest" }); }
  }

  function showStatus(ui, status) {
    ui.progress.hidden = false;
    ui.bar.max = status.total || 1;
    ui.bar.value = status.done || 0;
    ui.text.textContent = status.message || "";
    if (ui.time) { ui.time.textContent = status.elapsed_text || ""; }
  }

  /* Poll a workspace until it is done (go to its page) or failed (show the message). */
  function poll(ui, url, onError) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      var status = null;
      try { status = JSON.parse(request.responseText); } catch (e) { status = null; }
      if (!status) { onError(request.statusText || String(request.status)); return; }
      if (status.state === "done") { window.location.assign(status.result); return; }
      if (status.state === "error") { onError(status.error || ""); return; }
      showStatus(ui, status);
      window.setTimeout(function () { poll(ui, url, onError); }, 250);
    };
    request.onerror = function () { onError(null); };
    request.send();
  }

  function asyncForm(form) {
    var ui = box(form);
    var buttons = form.querySelectorAll("button[type=submit]");
    function busy(on) { Array.prototype.forEach.call(buttons, function (b) { b.disabled = on; }); }
    function fail(message) {
      busy(false);
      showError(ui, message === null ? form.getAttribute("data-msg-network") : message);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ui.error.hidden = true;
      var limit = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
      var size = 0;
      Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
        Array.prototype.forEach.call(input.files || [], function (f) { size += f.size; });
      });
      if (limit && size > limit) {
        showError(ui, fill(form.getAttribute("data-msg-too-large"), { size: humanSize(size), limit: form.getAttribute("data-max-text") }));
        return;
      }
      busy(true);
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      var uploading = form.getAttribute("data-msg-uploading");
      if (uploading && request.upload) {
        request.upload.onprogress = function (e) {
          if (!e.lengthComputable) { return; }
          var percent = Math.round(100 * e.loaded / e.total);
          showStatus(ui, { done: percent, total: 100, message: fill(uploading, { percent: percent }) });
        };
      }
      request.onload = function () {
        var data = null;
        try { data = JSON.parse(request.responseText); } catch (e) { data = null; }
        if (!data) { fail(request.status + " " + request.statusText); return; }
        if (data.state === "error") { fail(data.error || String(request.status)); return; }
        showStatus(ui, data);
        poll(ui, data.status, fail);
      };
      request.onerror = function () { fail(null); };
      request.send(new FormData(form));
    });
  }

  /* Files dropped on the drop zone fill the empty draft slots in order. */
  function dropzone(zone) {
    var inputs = Array.prototype.slice.call(document.querySelectorAll("fieldset.draft input[type=file]"));
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      var files = Array.prototype.slice.call((e.dataTransfer && e.dataTransfer.files) || []);
      var free = inputs.filter(function (input) { return !input.files || !input.files.length; });
      if (free.length < files.length) { free = inputs; }
      files.forEach(function (file, k) {
        if (k >= free.length) { return; }
        var transfer = new DataTransfer();
        transfer.items.add(file);
        free[k].files = transfer.files;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.async"), asyncForm);
    var zone = document.getElementById("dropzone");
    if (zone) { dropzone(zone); }
    var page = document.getElementById("progress-page");
    if (page) {
      var ui = box(page);
      poll(ui, page.getAttribute("data-status"), function (message) {
        showError(ui, message === null ? "" : message);
      });
    }
  });
})();
