extension ReportScript {
    /// The metric heatmap: one cell per run over two parameter axes (weights first), the
    /// other parameters held at chosen values; colours run from worse (red) to better (green).
    static let grid = #"""
    var SMALLER_BETTER = { max_drawdown_pct: 1, fees_usd: 1 }, UNRANKED = { trades: 1, exposure_pct: 1 };
    function distinct(k) {
      var seen = {}, out = [];
      D.runs.forEach(function (r) { if (!seen.hasOwnProperty(r.p[k])) { seen[r.p[k]] = 1; out.push(r.p[k]); } });
      var numeric = out.every(function (v) { return !isNaN(num(v)); });
      out.sort(function (a, b) { return numeric ? num(a) - num(b) : (a < b ? -1 : a > b ? 1 : 0); });
      return out;
    }
    function axes() {
      var list = [];
      D.params.forEach(function (p, k) { var v = distinct(k); if (v.length > 1) { list.push({ name: p, k: k, values: v }); } });
      list.sort(function (a, b) { return (/\.weight$/.test(b.name) ? 1 : 0) - (/\.weight$/.test(a.name) ? 1 : 0); });
      return list;
    }
    function select(labelText, options, value, onChange) {
      var wrap = document.createElement("label"), s = document.createElement("select");
      wrap.appendChild(document.createTextNode(labelText + " "));
      options.forEach(function (o) {
        var opt = document.createElement("option");
        opt.value = o; opt.textContent = o;
        if (o === value) { opt.selected = true; }
        s.appendChild(opt);
      });
      s.addEventListener("change", function () { onChange(s.value); });
      wrap.appendChild(s);
      return wrap;
    }
    function drawGrid() {
      var controls = document.getElementById("grid-controls"), box = document.getElementById("grid-chart");
      var list = axes();
      controls.textContent = "";
      box.textContent = "";
      if (list.length === 0) { box.textContent = "The grid has one point: nothing to map."; return; }
      var names = list.map(function (a) { return a.name; });
      if (names.indexOf(state.x) < 0) { state.x = names[0]; }
      if (names.indexOf(state.y) < 0 || state.y === state.x) { state.y = names.filter(function (n) { return n !== state.x; })[0] || null; }
      controls.appendChild(select("metric", D.metrics, state.metric, function (v) { state.metric = v; drawGrid(); }));
      controls.appendChild(select("x", names, state.x, function (v) { if (v === state.y) { state.y = state.x; } state.x = v; drawGrid(); }));
      if (state.y !== null) {
        controls.appendChild(select("y", names.filter(function (n) { return n !== state.x; }), state.y, function (v) { state.y = v; drawGrid(); }));
      }
      list.forEach(function (a) {
        if (a.name === state.x || a.name === state.y) { return; }
        controls.appendChild(select(a.name, a.values, state.fixed[a.name], function (v) { state.fixed[a.name] = v; drawGrid(); }));
      });
      var ax = list[names.indexOf(state.x)], ay = state.y !== null ? list[names.indexOf(state.y)] : { name: "", values: [""], k: -1 };
      var m = D.metrics.indexOf(state.metric), cells = [];
      ay.values.forEach(function (vy, j) {
        ax.values.forEach(function (vx, i) {
          var run = D.runs.filter(function (r) {
            return list.every(function (a) {
              var want = a.name === ax.name ? vx : a.name === ay.name ? vy : state.fixed[a.name];
              return r.p[a.k] === want;
            });
          })[0];
          cells.push({ i: i, j: j, run: run, v: run ? num(run.m[m]) : NaN, text: run ? run.m[m] : "" });
        });
      });
      var finite = cells.filter(function (c) { return isFinite(c.v); }).map(function (c) { return c.v; });
      var lo = Math.min.apply(null, finite.concat([0])), hi = Math.max.apply(null, finite.concat([0]));
      function color(v) {
        if (!isFinite(v)) { return v > 0 ? "#1b5e20" : v < 0 ? "#7f1d1d" : "#2a2e39"; }
        var f;
        if (UNRANKED[state.metric]) { f = hi > lo ? (v - lo) / (hi - lo) : 0.5; return "rgba(66,165,245," + (0.15 + 0.7 * f).toFixed(3) + ")"; }
        if (SMALLER_BETTER[state.metric]) { f = hi > lo ? 1 - (v - lo) / (hi - lo) : 0.5; return "rgba(38,166,154," + (0.12 + 0.78 * f).toFixed(3) + ")"; }
        var top = Math.max(Math.abs(lo), Math.abs(hi));
        f = top > 0 ? Math.abs(v) / top : 0;
        return (v >= 0 ? "rgba(38,166,154," : "rgba(239,83,80,") + (0.12 + 0.78 * f).toFixed(3) + ")";
      }
      var phone = box.getBoundingClientRect().width < 600;
      var labelW = state.y !== null ? 64 : 10, cols = ax.values.length, rows = ay.values.length;
      var cellH = phone ? 34 : 40, height = 34 + rows * cellH + 40;
      var cv = canvas(box, height), svg = cv.svg, left = labelW + 6, cellW = (cv.w - left - 8) / cols, top = 26;
      label(left, 14, state.metric + " · " + (state.y !== null ? ay.name + " (rows) × " : "") + ax.name + " (columns)", { fill: C.ink, "font-size": 12 }, svg);
      cells.forEach(function (c) {
        var cx = left + c.i * cellW, cy = top + (rows - 1 - c.j) * cellH;
        var r = el("rect", { "class": "grid-cell", x: cx + 1, y: cy + 1, width: Math.max(1, cellW - 2), height: cellH - 2, rx: 3, fill: c.run ? color(c.v) : "#1a1d26",
          stroke: c.run && c.run.id === state.run ? C.chosen : "none", "stroke-width": 2 }, svg);
        if (c.run) {
          r.setAttribute("data-run", c.run.id);
          r.setAttribute("data-value", c.text);
          r.style.cursor = "pointer";
          r.addEventListener("click", function () { selectRun(c.run.id, true); });
          r.addEventListener("mousemove", function (e) { showTip(e, runLabel(c.run) + "\n" + state.metric + " = " + c.text); });
          r.addEventListener("mouseleave", hideTip);
        }
        var shown = !c.run ? "–" : isFinite(c.v) ? (Math.abs(c.v) >= 1000 ? grouped(c.v, 0) : c.v.toFixed(2)) : c.text;
        if (cellW > 30) { label(cx + cellW / 2, cy + cellH / 2 + 4, shown, { "text-anchor": "middle", fill: C.ink, "font-size": cellW > 60 ? 12 : 10, "pointer-events": "none" }, svg); }
      });
      ax.values.forEach(function (v, i) { label(left + (i + 0.5) * cellW, top + rows * cellH + 15, v, { "text-anchor": "middle" }, svg); });
      label(left + cols * cellW / 2, top + rows * cellH + 32, ax.name, { "text-anchor": "middle", fill: C.ink }, svg);
      if (state.y !== null) {
        ay.values.forEach(function (v, j) { label(left - 8, top + (rows - 1 - j) * cellH + cellH / 2 + 4, v, { "text-anchor": "end" }, svg); });
        var yl = label(12, top + rows * cellH / 2, ay.name, { "text-anchor": "middle", fill: C.ink }, svg);
        yl.setAttribute("transform", "rotate(-90 12 " + (top + rows * cellH / 2) + ")");
      }
    }

    """#
}
