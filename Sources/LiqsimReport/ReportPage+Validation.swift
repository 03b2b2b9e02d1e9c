import LiqsimCore
import LiqsimResultFiles

extension ReportPage {
    /// How far the best run's Sharpe ratio can be trusted (docs/metrics.md, "Significance").
    static func significancePanel(_ data: ReportData) -> String {
        let runs = data.runs
        guard let best = runs.best, runs.metricNames.contains("dsr") else { return "" }
        func m(_ name: String) -> String { runs.metric(name, of: best).map { RunColumns.text(name, $0) } ?? "" }
        var out = "<section class=\"panel\" id=\"significance\">\n<h2>Significance</h2>\n"
        if let days = runs.metric("days", of: best), days < Significance.shortSpanDays {
            out += "<p class=\"note missing\" id=\"short-span\">The data spans \(HTMLText.escape(m("days"))) days, under \(Int(Significance.shortSpanDays)): "
                + "Sharpe ratios over so short a span carry wide standard errors.</p>\n"
        }
        out += "<p class=\"note\">★ marks the best by \(HTMLText.escape(RunColumns.rankingLabel)). Run \(best.run): sharpe \(HTMLText.escape(m("sharpe"))) "
            + "± \(HTMLText.escape(m("sharpe_se"))) (standard error, allowing for skew \(HTMLText.escape(m("skew"))) and kurtosis \(HTMLText.escape(m("kurtosis")))) "
            + "over \(HTMLText.escape(m("bars"))) bars; probability its true Sharpe is above 0 (psr) \(HTMLText.escape(m("psr"))); "
            + "above the best of \(data.manifest.grid.points) zero-skill trials (dsr) \(HTMLText.escape(m("dsr"))).</p>\n"
        return out + "</section>\n"
    }

    /// Walk-forward folds in and out of sample side by side, the stitched out-of-sample
    /// equity, and PBO (docs/metrics.md, "Out of sample").
    static func validationPanel(_ data: ReportData) -> String {
        guard !data.folds.isEmpty || data.validation != nil else { return "" }
        var out = "<section class=\"panel\" id=\"validation\">\n<h2>Out of sample</h2>\n"
        if let v = data.validation { out += "<p class=\"note\">\(HTMLText.escape(CompareTable.summaryLine(v)))</p>\n" }
        if !data.folds.isEmpty {
            out += "<div class=\"scroll\"><table id=\"folds-table\">\n<thead><tr><th>fold</th><th>test window (UTC)</th><th>run</th>"
            for name in FoldRow.metrics { out += "<th>IS \(HTMLText.escape(name))</th><th>OOS \(HTMLText.escape(name))</th>" }
            out += "</tr></thead>\n<tbody>\n"
            for f in data.folds {
                out += "<tr><td class=\"num\">\(f.fold)</td><td>\(HTMLText.escape(f.testFrom)) → \(HTMLText.escape(f.testTo))</td><td class=\"num\">\(f.run)</td>"
                for field in f.fields[7...] { out += "<td class=\"num\">\(HTMLText.escape(field))</td>" }
                out += "</tr>\n"
            }
            out += "</tbody></table></div>\n"
        }
        out += equitySVG(data)
        return out + "</section>\n"
    }

    /// The stitched out-of-sample equity as one SVG polyline (no script needed).
    static func equitySVG(_ data: ReportData) -> String {
        let e = data.oosEquityUSD, t = data.oosTimeMs
        guard e.count > 1, let lo = e.min(), let hi = e.max(), let t0 = t.first, let t1 = t.last, t1 > t0 else { return "" }
        let width = 1200.0, height = 240.0, span = max(hi - lo, 1e-9)
        let points = zip(t, e).map { ti, ei in
            HTMLText.number(Double(ti - t0) / Double(t1 - t0) * width, 1) + "," + HTMLText.number(height - (ei - lo) / span * (height - 20) - 10, 1)
        }
        return "<svg id=\"oos-equity\" viewBox=\"0 0 1200 240\" width=\"100%\" role=\"img\" aria-label=\"stitched out-of-sample equity, "
            + "\(ReportText.usd(lo)) to \(ReportText.usd(hi))\"><polyline fill=\"none\" stroke=\"#42a5f5\" stroke-width=\"1.5\" points=\""
            + points.joined(separator: " ") + "\"/></svg>\n"
    }
}
