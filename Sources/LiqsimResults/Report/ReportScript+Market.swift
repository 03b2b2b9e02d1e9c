extension ReportScript {
    /// The TradingView-style panel: candles with regime bands and the chosen run's trades,
    /// volume, and liquidations (short above the axis in green, long below in red).
    static let market = #"""
    var TREND = { U: "STRENGTHENING", D: "WEAKENING", S: "STABLE" }, VOL = { C: "COMPRESSED", N: "NORMAL", E: "ELEVATED" };
    var VOL_COLOR = { C: "#5c6bc0", N: "#4a5060", E: "#ff9800" };
    /** Bars grouped so each candle is at least ~5 px wide: OHLC, sums, last labels. */
    function candles(s, width) {
      var n = s.t.length, k = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(width / 5)))), out = [];
      for (var a = 0; a < n; a += k) {
        var b = Math.min(n, a + k) - 1, c = { t0: a > 0 ? s.t[a - 1] : s.t[0] - (s.t.length > 1 ? s.t[1] - s.t[0] : 60000), t1: s.t[b],
          o: s.o[a], h: -Infinity, l: Infinity, c: s.c[b], v: 0, ll: 0, sl: 0, trend: s.trend[b], vol: s.vol[b] };
        for (var i = a; i <= b; i++) {
          c.h = Math.max(c.h, s.h[i]); c.l = Math.min(c.l, s.l[i]); c.v += s.v[i]; c.ll += s.ll[i]; c.sl += s.sl[i];
        }
        out.push(c);
      }
      return { list: out, k: k };
    }
    /**
     * The top of a bar scale: the largest value, unless one spike would flatten every
     * other bar; then 3 × the 98th percentile, with taller bars clipped and capped in white.
     */
    function scaleTop(values) {
      var sorted = values.filter(function (v) { return v > 0; }).sort(function (a, b) { return a - b; });
      var max = sorted.length ? sorted[sorted.length - 1] : 0;
      var p98 = sorted.length ? sorted[Math.floor((sorted.length - 1) * 0.98)] : 0;
      var top = p98 > 0 && max > 3 * p98 ? 3 * p98 : max;
      return { top: top, max: max, clipped: top < max };
    }
    function clipMark(g, x0, y0, w) { el("rect", { "class": "clipped", x: x0, y: y0, width: w, height: 2, fill: "#ffffff" }, g); }
    /** Contiguous stretches of one label: [code, first candle, last candle]. */
    function stretches(list, field) {
      var out = [];
      list.forEach(function (c, i) {
        var last = out[out.length - 1];
        if (last && last[0] === c[field]) { last[2] = i; } else { out.push([c[field], i, i]); }
      });
      return out;
    }
    function drawMarket(box, run) {
      var s = D.symbols[run.sym];
      document.getElementById("market-symbol").textContent = s ? "· " + s.symbol : "";
      if (!s || s.t.length === 0) { box.textContent = "No bars in the results."; return; }
      var phone = box.getBoundingClientRect().width < 600;
      var cv = canvas(box, phone ? 480 : 620), svg = cv.svg;
      var left = 6, right = cv.w - (phone ? 58 : 74), top = 22, bottom = cv.h - 22;
      var gap = 10, plotH = bottom - top - 2 * gap;
      var priceTop = top, priceBottom = top + plotH * 0.6;
      var volTop = priceBottom + gap, volBottom = volTop + plotH * 0.12;
      var liqTop = volBottom + gap, liqBottom = bottom;
      var cs = candles(s, right - left), list = cs.list;
      var t0 = list[0].t0, t1 = list[list.length - 1].t1;
      var x = function (t) { return left + (t - t0) / Math.max(1, t1 - t0) * (right - left); };
      var lo = Infinity, hi = -Infinity;
      list.forEach(function (c) { lo = Math.min(lo, c.l); hi = Math.max(hi, c.h); });
      var vmax = scaleTop(list.map(function (c) { return c.v; }));
      var lmax = scaleTop(list.map(function (c) { return c.ll; }).concat(list.map(function (c) { return c.sl; })));
      var trades = run.tr.filter(function (tr) { return tr[1] <= t1 && tr[3] >= t0; });
      trades.forEach(function (tr) { lo = Math.min(lo, tr[2], tr[4]); hi = Math.max(hi, tr[2], tr[4]); });
      var padP = (hi - lo) * 0.05 || hi * 0.01 || 1;
      lo -= padP; hi += padP;
      var y = function (p) { return priceBottom - (p - lo) / (hi - lo) * (priceBottom - priceTop); };
      // Regime bands behind everything: trend shaded, volatility as a strip above the plot.
      stretches(list, "trend").forEach(function (st) {
        if (st[0] !== "U" && st[0] !== "D") { return; }
        var xa = x(list[st[1]].t0), xb = x(list[st[2]].t1);
        el("rect", { "class": "regime-band", x: xa, y: priceTop, width: Math.max(1, xb - xa), height: priceBottom - priceTop,
          fill: st[0] === "U" ? "rgba(38,166,154,0.13)" : "rgba(239,83,80,0.13)" }, svg);
        if (xb - xa > 96) { label(xa + 4, priceTop + 12, TREND[st[0]], { fill: st[0] === "U" ? C.up : C.down, "font-size": 10, opacity: 0.9 }, svg); }
      });
      stretches(list, "vol").forEach(function (st) {
        var xa = x(list[st[1]].t0), xb = x(list[st[2]].t1);
        el("rect", { "class": "vol-band", x: xa, y: 4, width: Math.max(1, xb - xa), height: 12, fill: VOL_COLOR[st[0]] || C.vol }, svg);
        if (xb - xa > 70 && st[0] !== "N") { label(xa + 3, 13.5, "vol " + (VOL[st[0]] || "?").toLowerCase(), { fill: "#131722", "font-size": 9.5, "font-weight": 600 }, svg); }
      });
      valueAxis(svg, lo, hi, y, left, right, phone ? 5 : 7, price);
      timeAxis(svg, t0, t1, x, priceTop, liqBottom);
      // Candles (a close line when they would be thinner than 2 px).
      var bw = (right - left) / list.length;
      var g = el("g", { "class": "candles" }, svg);
      list.forEach(function (c) {
        var cx = (x(c.t0) + x(c.t1)) / 2, color = c.c >= c.o ? C.up : C.down;
        el("line", { x1: cx, x2: cx, y1: y(c.h), y2: y(c.l), stroke: color, "stroke-width": 1 }, g);
        var yo = y(c.o), yc = y(c.c);
        el("rect", { "class": "candle", x: cx - bw * 0.35, y: Math.min(yo, yc), width: Math.max(1, bw * 0.7), height: Math.max(1, Math.abs(yo - yc)), fill: color }, g);
      });
      // Volume.
      var gv = el("g", { "class": "volume" }, svg);
      list.forEach(function (c) {
        var h = vmax.top > 0 ? Math.min(1, c.v / vmax.top) * (volBottom - volTop) : 0, xa = x(c.t0) + bw * 0.1, w = Math.max(1, bw * 0.8);
        el("rect", { x: xa, y: volBottom - h, width: w, height: h, fill: c.c >= c.o ? C.up : C.down, opacity: 0.45 }, gv);
        if (c.v > vmax.top) { clipMark(gv, xa, volBottom - h, w); }
      });
      label(left + 2, volTop + 10, "volume" + (!vmax.clipped ? " · max " + usd(vmax.max) : phone ? " · clipped at " + usd(vmax.top)
        : " · scale " + usd(vmax.top) + ", taller bars clipped (max " + usd(vmax.max) + ")"), {}, svg);
      // Liquidations: shorts liquidated up (green), longs liquidated down (red).
      var mid = (liqTop + liqBottom) / 2, half = (liqBottom - liqTop) / 2;
      var gl = el("g", { "class": "liquidations" }, svg);
      list.forEach(function (c) {
        var hs = lmax.top > 0 ? Math.min(1, c.sl / lmax.top) * half : 0, hl = lmax.top > 0 ? Math.min(1, c.ll / lmax.top) * half : 0;
        var xa = x(c.t0) + bw * 0.1, w = Math.max(1, bw * 0.8);
        if (hs > 0) { el("rect", { "class": "liq-short", x: xa, y: mid - hs, width: w, height: hs, fill: C.up }, gl); }
        if (hl > 0) { el("rect", { "class": "liq-long", x: xa, y: mid, width: w, height: hl, fill: C.down }, gl); }
        if (c.sl > lmax.top) { clipMark(gl, xa, mid - hs, w); }
        if (c.ll > lmax.top) { clipMark(gl, xa, mid + hl - 2, w); }
      });
      el("line", { x1: left, x2: right, y1: mid, y2: mid, stroke: C.dim, "stroke-width": 0.6 }, svg);
      label(left + 2, liqTop + 10, "short liquidations ▲", { fill: C.up }, svg);
      label(left + 2, liqBottom - 3, "long liquidations ▼", { fill: C.down }, svg);
      label(right + 6, liqTop + 10, usd(lmax.top), {}, svg);
      label(right + 6, liqBottom - 3, usd(lmax.top), {}, svg);
      if (lmax.clipped && !phone) { label(right - 2, liqTop + 10, "taller bars clipped · max " + usd(lmax.max), { "text-anchor": "end" }, svg); }
      // The chosen run's trades: entry triangles (▲ long, ▼ short), exit rings, joined by a line coloured by P&L.
      var gt = el("g", { "class": "trades" }, svg);
      trades.forEach(function (tr) {
        var xe = x(tr[1]), ye = y(tr[2]), xx = x(tr[3]), yx = y(tr[4]);
        el("line", { x1: xe, y1: ye, x2: xx, y2: yx, stroke: tr[5] >= 0 ? C.up : C.down, "stroke-width": 1.2, "stroke-dasharray": "3 2" }, gt);
        var d = tr[0] > 0 ? "M" + xe + "," + (ye - 1) + " l-5,9 h10 z" : "M" + xe + "," + (ye + 1) + " l-5,-9 h10 z";
        el("path", { "class": "entry-mark", d: d, fill: C.chosen, stroke: "#0b0e14", "stroke-width": 0.8 }, gt);
        if (!tr[6]) { el("circle", { "class": "exit-mark", cx: xx, cy: yx, r: 3.5, fill: "none", stroke: "#ffffff", "stroke-width": 1.5 }, gt); }
      });
      // Hover: the candle under the pointer.
      var cross = el("line", { x1: 0, x2: 0, y1: priceTop, y2: liqBottom, stroke: C.dim, "stroke-dasharray": "2 3", visibility: "hidden" }, svg);
      var hit = el("rect", { x: left, y: priceTop, width: right - left, height: liqBottom - priceTop, fill: "transparent" }, svg);
      hit.addEventListener("mousemove", function (e) {
        var r = svg.getBoundingClientRect(), px = (e.clientX - r.left) * cv.w / r.width;
        var i = Math.max(0, Math.min(list.length - 1, Math.floor((px - left) / bw))), c = list[i];
        cross.setAttribute("x1", (x(c.t0) + x(c.t1)) / 2); cross.setAttribute("x2", (x(c.t0) + x(c.t1)) / 2); cross.setAttribute("visibility", "visible");
        showTip(e, day(c.t1) + " " + clock(c.t1) + " UTC" + (cs.k * s.merged > 1 ? " (" + cs.k * s.merged + " bars)" : "") +
          "\nO " + grouped(c.o, 2) + "  H " + grouped(c.h, 2) + "\nL " + grouped(c.l, 2) + "  C " + grouped(c.c, 2) +
          "\nvolume " + usd(c.v) + "\nliq long " + usd(c.ll) + " · short " + usd(c.sl) + "\n" + TREND[c.trend] + " · vol " + (VOL[c.vol] || "?"));
      });
      hit.addEventListener("mouseleave", function () { hideTip(); cross.setAttribute("visibility", "hidden"); });
      var per = cs.k * s.merged;
      document.getElementById("market-note").textContent = trades.length + " trades of " + runLabel(run) + ". " + s.bars + " bars" +
        (per > 1 ? "; each candle here merges " + per + " bars, its regime labels are its last bar's" : "") + ".";
    }

    """#
}
