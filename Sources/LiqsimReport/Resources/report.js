(function () {
"use strict";
var D = JSON.parse(document.getElementById("report-data").textContent);
/** Zigzag varints in base64 (ReportPacking): the whole numbers back. */
function unpack(text) {
  var b = atob(text), out = [], z = 0, scale = 1;
  for (var i = 0; i < b.length; i++) {
    var c = b.charCodeAt(i);
    z += (c & 127) * scale;
    if (c < 128) { out.push(z % 2 ? -(z + 1) / 2 : z / 2); z = 0; scale = 1; } else { scale *= 128; }
  }
  return out;
}
/** Running sums of a[from..<to], each divided by `scale` (delta-coded series). */
function sums(a, from, to, scale) {
  var out = [], v = 0;
  for (var k = from; k < to; k++) { v += a[k]; out.push(v / scale); }
  return out;
}
// Packed series expand once, into the plain arrays the charts read.
D.runs.forEach(function (r) {
  if (r.eq && r.eq.z !== undefined) {
    var a = unpack(r.eq.z), n = a.length / 3;
    r.eq.i = sums(a, 0, n, 1); r.eq.e = sums(a, n, 2 * n, 100); r.eq.d = sums(a, 2 * n, 3 * n, 10000);
  }
  if (r.tz !== undefined) {
    var t = unpack(r.tz), unit = Math.pow(10, r.px), entry = 0, price = 0;
    r.tr = [];
    for (var k = 0; k + 6 < t.length; k += 7) {
      entry += t[k + 2];
      var pe = price + t[k + 4];
      price = pe + t[k + 5];
      r.tr.push([t[k] % 2 ? 1 : -1, entry, pe / unit, entry + t[k + 3], price / unit, t[k + 6] / 100, t[k] >= 2 ? 1 : 0, D.reasons[t[k + 1]]]);
    }
  }
});
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
var SMALLER_BETTER = { max_drawdown_pct: 1, fees_usd: 1, liquidations: 1 }, UNRANKED = { trades: 1, exposure_pct: 1, bars: 1, days: 1, skew: 1, kurtosis: 1, sharpe_se: 1 };
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
  // Runs by their values on the varying axes (the first run for each), so each cell is one
  // lookup: drawing stays linear in the number of runs.
  var byValues = {};
  D.runs.forEach(function (r) {
    var key = JSON.stringify(list.map(function (a) { return r.p[a.k]; }));
    if (!byValues.hasOwnProperty(key)) { byValues[key] = r; }
  });
  ay.values.forEach(function (vy, j) {
    ax.values.forEach(function (vx, i) {
      var key = JSON.stringify(list.map(function (a) { return a.name === ax.name ? vx : a.name === ay.name ? vy : state.fixed[a.name]; }));
      var run = byValues.hasOwnProperty(key) ? byValues[key] : undefined;
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
    return num(v !== null ? v : cell.textContent);
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
