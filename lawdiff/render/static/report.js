/* lawdiff report: changed-only filters, previous/next change (buttons and keys p/n). No network. */
(function () {
  "use strict";
  var body = document.body;
  var onlyBox = document.getElementById("changed-only");
  var eqBox = document.getElementById("hide-equivalent");
  var position = document.getElementById("position");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#comparison tbody tr"));
  var current = null;

  function shown(tr) { return tr.offsetParent !== null || tr.getClientRects().length > 0; }

  function changes() {
    return rows.filter(function (tr) { return tr.classList.contains("diff") && shown(tr); });
  }

  function applyFilters() {
    body.classList.toggle("changed-only", onlyBox.checked);
    body.classList.toggle("hide-equivalent", eqBox.checked);
    // a heading row is empty when no visible unit follows it before the next
    // heading of the same or an outer level (编 > 分编 > 章 > 节)
    var filtering = onlyBox.checked || eqBox.checked;
    rows.forEach(function (tr, i) {
      if (!tr.classList.contains("chapter")) { return; }
      var level = Number(tr.getAttribute("data-level") || 0);
      var any = false;
      for (var j = i + 1; j < rows.length; j++) {
        var next = rows[j];
        if (next.classList.contains("chapter")) {
          if (Number(next.getAttribute("data-level") || 0) <= level) { break; }
        } else if (shown(next)) { any = true; break; }
      }
      tr.classList.toggle("empty", filtering && !any);
    });
    if (current && !shown(current)) { current.classList.remove("current"); current = null; }
    report();
  }

  function report() {
    var list = changes();
    var k = current ? list.indexOf(current) : -1;
    position.textContent = list.length ? (k >= 0 ? (k + 1) + " / " + list.length : list.length + " 处差异") : "没有差异";
  }

  function go(step) {
    var list = changes();
    if (!list.length) { report(); return; }
    var target = null;
    if (current && list.indexOf(current) >= 0) {
      var k = list.indexOf(current) + step;
      target = list[Math.max(0, Math.min(list.length - 1, k))];
    } else {
      // no current change yet: the first one below (or above) the top of the window
      var top = 0;
      var bar = document.querySelector(".toolbar");
      if (bar) { top = bar.getBoundingClientRect().bottom; }
      if (step > 0) {
        target = list.filter(function (tr) { return tr.getBoundingClientRect().top >= top - 1; })[0] || list[list.length - 1];
      } else {
        var above = list.filter(function (tr) { return tr.getBoundingClientRect().top < top - 1; });
        target = above.length ? above[above.length - 1] : list[0];
      }
    }
    if (current) { current.classList.remove("current"); }
    current = target;
    current.classList.add("current");
    current.scrollIntoView({ block: "center", behavior: "auto" });
    report();
  }

  onlyBox.addEventListener("change", applyFilters);
  eqBox.addEventListener("change", applyFilters);
  document.getElementById("next-change").addEventListener("click", function () { go(1); });
  document.getElementById("prev-change").addEventListener("click", function () { go(-1); });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName) || "";
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(tag)) { return; }
    if (e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "p") { go(-1); e.preventDefault(); }
  });
  applyFilters();
})();
