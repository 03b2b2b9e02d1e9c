/// The page's script (no libraries, no network): draws the charts as SVG from the page's
/// JSON and wires the run selector, the metric grid and the sortable runs table. Split by
/// panel into `ReportScript+Market`, `+Equity` and `+Grid`; this part holds the helpers
/// and the wiring.
enum ReportScript {
    static var text: String { helpers + market + equity + grid + wiring }

    static let helpers = #"""
    (function () {
    "use strict";
    var D = JSON.parse(document.getElementById("report-data").textContent);
    var NS = "http://www.w3.org/2000/svg";
    var C = { up: "#26a69a", down: "#ef5350", ink: "#d1d4dc", dim: "#8a91a0", line: "#2a2e39", best: "#f0b90b", chosen: "#42a5f5", vol: "#4a5060" };
    var byId = {};
    D.runs.forEach(function (r) { byId[r.id] = r; });
    var state = { run: D.chosen, metric: D.rank, x: null, y: null, fixed: {} };
    var tip = document.createElement("div");
    tip.className = "tip";
    document.body.appendChild(tip);

    function el(tag, attrs, parent) {
      var e = document.createElementNS(NS, tag);
      for (var k in attrs) { e.setAttribute(k, attrs[k]); }
      if (parent) { parent.appendChild(e); }
      return e;
    }
    function label(x, y, s, attrs, parent) {
      var a = { x: x, y: y, fill: C.dim };
      for (var k in attrs || {}) { a[k] = attrs[k]; }
      var t = el("text", a, parent);
      t.textContent = s;
      return t;
    }
    function num(s) {
      if (s === "inf") { return Infinity; }
      if (s === "-inf") { return -Infinity; }
      if (s === "" || s === null || s === undefined) { return NaN; }
      return +s;
    }
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function day(ms) { var d = new Date(ms); return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }
    function clock(ms) { var d = new Date(ms); return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()); }
    function grouped(v, decimals) {
      var parts = Math.abs(v).toFixed(decimals).split(".");
      parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      return (v < 0 ? "−" : "") + parts.join(".");
    }
    function usd(v) {
      var a = Math.abs(v);
      if (a >= 1e9) { return "$" + (v / 1e9).toFixed(2) + "B"; }
      if (a >= 1e6) { return "$" + (v / 1e6).toFixed(2) + "M"; }
      if (a >= 1e3) { return "$" + (v / 1e3).toFixed(0) + "k"; }
      return "$" + v.toFixed(0);
    }
    function price(v, step) { var d = step >= 1 ? 0 : Math.min(8, Math.ceil(-Math.log10(step))); return grouped(v, d); }
    function niceStep(span, count) {
      var raw = span / Math.max(count, 1), mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
      return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }
    function ticks(lo, hi, count) {
      if (!(hi > lo)) { return { step: 1, list: [lo] }; }
      var step = niceStep(hi - lo, count), out = [];
      for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) { out.push(v); }
      return { step: step, list: out };
    }
    var MIN = 60000, HOUR = 60 * MIN, DAY = 24 * HOUR;
    var TIME_STEPS = [MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 30 * DAY];
    /** Vertical grid lines and UTC labels under a plot spanning times t0..t1. */
    function timeAxis(svg, t0, t1, x, top, bottom) {
      var step = TIME_STEPS[TIME_STEPS.length - 1];
      for (var i = 0; i < TIME_STEPS.length; i++) {
        if ((t1 - t0) / TIME_STEPS[i] <= Math.max(2, (x(t1) - x(t0)) / 80)) { step = TIME_STEPS[i]; break; }
      }
      for (var t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
        var px = x(t), midnight = t % DAY === 0;
        el("line", { x1: px, x2: px, y1: top, y2: bottom, stroke: C.line }, svg);
        // Labels at the plot's edges are anchored inside it, not cut off.
        var anchor = px - x(t0) < 24 ? "start" : x(t1) - px < 24 ? "end" : "middle";
        label(px, bottom + 14, midnight || step >= DAY ? day(t).slice(5) : clock(t), { "text-anchor": anchor, fill: midnight ? C.ink : C.dim }, svg);
      }
    }
    /** Horizontal grid lines with labels right of the plot. */
    function valueAxis(svg, lo, hi, y, left, right, count, text) {
      var tk = ticks(lo, hi, count);
      tk.list.forEach(function (v) {
        el("line", { x1: left, x2: right, y1: y(v), y2: y(v), stroke: C.line }, svg);
        label(right + 6, y(v) + 4, text(v, tk.step), {}, svg);
      });
    }
    function canvas(container, height) {
      container.textContent = "";
      var w = Math.max(300, Math.floor(container.getBoundingClientRect().width) || 800);
      return { svg: el("svg", { width: w, height: height, viewBox: "0 0 " + w + " " + height, "font-size": 11 }, container), w: w, h: height };
    }
    function showTip(event, text) {
      tip.textContent = text;
      tip.style.display = "block";
      var x = event.clientX + 14, y = event.clientY + 14;
      if (x + tip.offsetWidth > window.innerWidth - 4) { x = event.clientX - tip.offsetWidth - 14; }
      if (y + tip.offsetHeight > window.innerHeight - 4) { y = event.clientY - tip.offsetHeight - 14; }
      tip.style.left = Math.max(4, x) + "px";
      tip.style.top = Math.max(4, y) + "px";
    }
    function hideTip() { tip.style.display = "none"; }
    function runLabel(r) {
      return "run " + r.id + " · " + D.params.map(function (p, i) { return p + "=" + r.p[i]; }).join(" ");
    }

    """#

    static let wiring = #"""
    function selectRun(id, fromGrid) {
      if (byId[id] === undefined) { return; }
      state.run = id;
      document.getElementById("run-select").value = String(id);
      var rows = document.querySelectorAll("#runs-table tbody tr");
      for (var i = 0; i < rows.length; i++) { rows[i].classList.toggle("chosen", rows[i].getAttribute("data-run") === String(id)); }
      if (!fromGrid) { D.params.forEach(function (p, k) { state.fixed[p] = byId[id].p[k]; }); }
      drawAll();
    }
    function sortTable(th) {
      var table = th.closest("table"), col = +th.getAttribute("data-col"), numeric = th.getAttribute("data-type") === "num";
      var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
      var heads = table.querySelectorAll("th");
      for (var i = 0; i < heads.length; i++) { heads[i].setAttribute("aria-sort", "none"); }
      th.setAttribute("aria-sort", dir);
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows), sign = dir === "ascending" ? 1 : -1;
      function key(row) {
        var cell = row.cells[col];
        if (!numeric) { return cell.textContent; }
        var v = cell.getAttribute("data-v");
        return v === null ? NaN : num(v === "Infinity" ? "inf" : v === "-Infinity" ? "-inf" : v);
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (numeric) {
          if (isNaN(x) || isNaN(y)) { return isNaN(x) - isNaN(y); }
          if (x !== y) { return (x < y ? -1 : 1) * sign; }
        } else if (x !== y) { return (x < y ? -1 : 1) * sign; }
        return +a.getAttribute("data-run") - +b.getAttribute("data-run");
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    function drawAll() {
      hideTip();
      if (state.run === null) {
        document.getElementById("market-note").textContent = "This result directory holds no run.";
        return;
      }
      drawMarket(document.getElementById("market-chart"), byId[state.run]);
      drawEquity(document.getElementById("equity-chart"), byId[state.run]);
      drawGrid();
    }
    document.getElementById("run-select").addEventListener("change", function (e) { selectRun(+e.target.value, false); });
    var heads = document.querySelectorAll("#runs-table th");
    for (var i = 0; i < heads.length; i++) {
      heads[i].addEventListener("click", function (e) { sortTable(e.currentTarget); });
      heads[i].addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortTable(e.currentTarget); } });
    }
    document.querySelector("#runs-table tbody").addEventListener("click", function (e) {
      var row = e.target.closest("tr");
      if (row) { selectRun(+row.getAttribute("data-run"), false); }
    });
    // Links can open the page on a run and a sorted table: report.html#run=7&sort=5 (column index, descending).
    var hash = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (kv) { var p = kv.split("="); if (p.length === 2) { hash[p[0]] = p[1]; } });
    if (hash.run !== undefined && byId[+hash.run] !== undefined) {
      state.run = +hash.run;
      document.getElementById("run-select").value = hash.run;
      var marked = document.querySelectorAll("#runs-table tbody tr");
      for (var m = 0; m < marked.length; m++) { marked[m].classList.toggle("chosen", marked[m].getAttribute("data-run") === hash.run); }
    }
    var sortHead = hash.sort !== undefined ? document.querySelector("#runs-table th[data-col=\"" + (+hash.sort) + "\"]") : null;
    if (sortHead) {
      sortHead.setAttribute("aria-sort", "ascending");
      sortTable(sortHead);
    }
    if (state.run !== null) { D.params.forEach(function (p, k) { state.fixed[p] = byId[state.run].p[k]; }); }
    var pending = false, lastWidth = window.innerWidth;
    window.addEventListener("resize", function () {
      if (pending || window.innerWidth === lastWidth) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; lastWidth = window.innerWidth; drawAll(); });
    });
    drawAll();
    })();

    """#
}
