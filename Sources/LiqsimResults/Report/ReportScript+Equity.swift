extension ReportScript {
    /// Equity (top) and drawdown (bottom) of the best run and the chosen run. Every point
    /// is a row of equity.csv (thinned on big grids, docs/report.md).
    static let equity = #"""
    function drawEquity(box, run) {
      var best = D.best !== null ? byId[D.best] : null;
      var shown = [];
      if (best && best.eq) { shown.push({ r: best, color: C.best, name: run.id === best.id ? "best (chosen)" : "best" }); }
      if (run.eq && (!best || run.id !== best.id)) { shown.push({ r: run, color: C.chosen, name: "chosen" }); }
      if (shown.length === 0) { box.textContent = "No equity curve in the results."; return; }
      var phone = box.getBoundingClientRect().width < 600;
      var cv = canvas(box, phone ? 300 : 340), svg = cv.svg;
      var left = 6, right = cv.w - (phone ? 58 : 74), top = 40, bottom = cv.h - 22, gap = 14;
      var eqBottom = top + (bottom - top - gap) * 0.68, ddTop = eqBottom + gap;
      var t0 = Infinity, t1 = -Infinity, lo = Infinity, hi = -Infinity, dmax = 0;
      shown.forEach(function (s) {
        var e = s.r.eq, bars = D.symbols[s.r.sym], ct = bars.ct || bars.t;
        s.t = e.i.map(function (k) { return ct[k]; });
        t0 = Math.min(t0, s.t[0]); t1 = Math.max(t1, s.t[s.t.length - 1]);
        e.e.forEach(function (v) { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
        e.d.forEach(function (v) { if (v !== null) { dmax = Math.max(dmax, v); } });
      });
      var padE = (hi - lo) * 0.06 || Math.abs(hi) * 0.001 || 1;
      lo -= padE; hi += padE;
      dmax = dmax > 0 ? dmax * 1.1 : 1;
      var x = function (t) { return left + (t - t0) / Math.max(1, t1 - t0) * (right - left); };
      var y = function (v) { return eqBottom - (v - lo) / (hi - lo) * (eqBottom - top); };
      var yd = function (d) { return ddTop + d / dmax * (bottom - ddTop); };
      valueAxis(svg, lo, hi, y, left, right, phone ? 4 : 5, function (v, step) { return grouped(v, step >= 1 ? 0 : 2); });
      var dt = ticks(0, dmax, 3);
      dt.list.forEach(function (d) {
        el("line", { x1: left, x2: right, y1: yd(d), y2: yd(d), stroke: C.line }, svg);
        label(right + 6, yd(d) + 4, d === 0 ? "0%" : "−" + d.toFixed(dt.step >= 1 ? 0 : 1) + "%", {}, svg);
      });
      timeAxis(svg, t0, t1, x, top, bottom);
      label(left + 2, bottom - 4, "drawdown", {}, svg);
      var legendX = left, legendY = 19;
      shown.forEach(function (s) {
        var e = s.r.eq, t = s.t, pts = [], dd = [];
        for (var i = 0; i < t.length; i++) {
          if (e.e[i] === null || t[i] === undefined) { continue; }
          pts.push(x(t[i]).toFixed(1) + "," + y(e.e[i]).toFixed(1));
          dd.push(x(t[i]).toFixed(1) + "," + yd(e.d[i] || 0).toFixed(1));
        }
        el("polyline", { "class": "dd-line", "data-run": s.r.id, points: x(t[0]).toFixed(1) + "," + ddTop + " " + dd.join(" ") + " " +
          x(t[t.length - 1]).toFixed(1) + "," + ddTop, fill: s.color, "fill-opacity": 0.18, stroke: s.color, "stroke-width": 1 }, svg);
        el("polyline", { "class": "eq-line", "data-run": s.r.id, "data-points": pts.length, points: pts.join(" "), fill: "none",
          stroke: s.color, "stroke-width": 1.6, "stroke-linejoin": "round" }, svg);
        var ret = num(s.r.m[D.metrics.indexOf("total_return_pct")]), dd0 = num(s.r.m[D.metrics.indexOf("max_drawdown_pct")]);
        var text = s.name + ": run " + s.r.id + "  return " + (ret >= 0 ? "+" : "") + ret.toFixed(2) + "%  max DD " + dd0.toFixed(2) + "%";
        // A second legend entry that would not fit goes on the next line (phones).
        if (legendX > left && legendX + text.length * 6.5 > right) { legendX = left; legendY += 16; }
        el("rect", { x: legendX, y: legendY - 9, width: 12, height: 10, rx: 2, fill: s.color }, svg);
        var t = label(legendX + 16, legendY, text, { fill: C.ink, "font-size": 12 }, svg);
        legendX += 26 + t.getComputedTextLength();
      });
      // Hover: each curve's point nearest in time to the pointer.
      var cross = el("line", { x1: 0, x2: 0, y1: top, y2: bottom, stroke: C.dim, "stroke-dasharray": "2 3", visibility: "hidden" }, svg);
      var hit = el("rect", { x: left, y: top, width: right - left, height: bottom - top, fill: "transparent" }, svg);
      hit.addEventListener("mousemove", function (ev) {
        var r = svg.getBoundingClientRect(), px = (ev.clientX - r.left) * cv.w / r.width;
        var t = t0 + (px - left) / (right - left) * (t1 - t0), lines = [];
        shown.forEach(function (s) {
          var k = 0;
          for (var i = 1; i < s.t.length; i++) { if (Math.abs(s.t[i] - t) < Math.abs(s.t[k] - t)) { k = i; } }
          if (lines.length === 0) { lines.push(day(s.t[k]) + " " + clock(s.t[k]) + " UTC"); cross.setAttribute("x1", x(s.t[k])); cross.setAttribute("x2", x(s.t[k])); }
          lines.push("run " + s.r.id + ": $" + grouped(s.r.eq.e[k], 2) + "  DD " + (s.r.eq.d[k] || 0).toFixed(2) + "%");
        });
        cross.setAttribute("visibility", "visible");
        showTip(ev, lines.join("\n"));
      });
      hit.addEventListener("mouseleave", function () { hideTip(); cross.setAttribute("visibility", "hidden"); });
      if (shown.some(function (s) { return s.r.eq.rows > s.r.eq.i.length; })) {
        label(left + 2, top - 6, "thinned: lows, highs and deepest drawdown of each slice kept", { "font-size": 10 }, svg);
      }
    }

    """#
}
