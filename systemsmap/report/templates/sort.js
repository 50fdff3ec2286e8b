/* systemsmap report: sort a table by clicking its header; say how many images loaded. No network access. */
(function () {
  "use strict";
  function cellKey(row, col, numeric) {
    var cell = row.cells[col];
    if (!cell) { return null; }
    if (numeric) {
      var raw = cell.getAttribute("data-v");
      if (raw === null || raw === "") { return null; }
      var x = parseFloat(raw);
      return isNaN(x) ? null : x;
    }
    var text = cell.textContent.trim().toLowerCase();
    return text === "" ? null : text;
  }
  function sortBy(table, col, th) {
    var numeric = th.getAttribute("data-type") === "num";
    var current = th.getAttribute("aria-sort");
    // numbers first sort largest first, text A to Z; a second click reverses
    var dir = current ? (current === "ascending" ? -1 : 1) : (numeric ? -1 : 1);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) { return { row: row, key: cellKey(row, col, numeric), i: i }; });
    keyed.sort(function (a, b) {
      if (a.key === null && b.key === null) { return a.i - b.i; }
      if (a.key === null) { return 1; }   // missing values always last
      if (b.key === null) { return -1; }
      if (a.key < b.key) { return -dir; }
      if (a.key > b.key) { return dir; }
      return a.i - b.i;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  }
  function init() {
    var tables = document.querySelectorAll("table.sortable");
    Array.prototype.forEach.call(tables, function (table) {
      if (!table.tHead || !table.tBodies.length) { return; }
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        th.tabIndex = 0;
        th.title = "Sort by this column";
        th.addEventListener("click", function () { sortBy(table, col, th); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, col, th); }
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.addEventListener("load", function () {
    var imgs = document.images, ok = 0;
    for (var i = 0; i < imgs.length; i++) {
      if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; }
    }
    document.documentElement.setAttribute("data-images-loaded", ok + "/" + imgs.length);
  });
})();
