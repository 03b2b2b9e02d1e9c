import LiqsimHeatmap
import LiqsimResultFiles

/// report.html: one self-contained page (no network fetches) for one result directory
/// (docs/report.md). Tables and facts are HTML written here; the charts are SVG drawn by
/// the page's own inline script from the page's JSON, so a chosen run, metric or axis can
/// be redrawn without a server. The same data always gives the same bytes.
public enum ReportPage {
    /// The whole page. `levelMaps`: per symbol, its estimated liquidation levels or why there
    /// are none. `chosen` is the run preselected for the market panel and the equity
    /// comparison (the best by Sharpe when nil or not a run of the directory).
    public static func render(_ data: ReportData, levelMaps: [Result<HeatmapGrid, HeatmapUnavailable>] = [], chosen: Int? = nil) -> String {
        let chosenRun = chosen.flatMap { c in data.runs.rows.contains { $0.run == c } ? c : nil } ?? data.bestRun
        let f = data.manifest
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>liqsim · \(HTMLText.escape(f.scenario.name)) · backtest report</title>
            <style>
            \(ReportScript.css)</style>
            </head>
            <body>
            <header class="top">
            <h1><span class="brand">liqsim</span> \(HTMLText.escape(f.scenario.name))</h1>
            <p class="sub">\(subtitle(data))</p>
            </header>
            <main>

            """
        html += marketPanel(data, chosen: chosenRun)
        html += """
            <section class="panel" id="equity">
            <h2>Equity and drawdown</h2>
            <p class="legend">\(legend([("best", "best by Sharpe (not adjusted for trials)"), ("chosen", "chosen run")]))</p>
            <div class="chart" id="equity-chart"></div>
            </section>
            <section class="panel" id="grid">
            <h2>Metric across two weights</h2>
            <div class="controls" id="grid-controls"></div>
            <div class="chart" id="grid-chart"></div>
            <p class="note">Each cell is one run, the other parameters held at the values chosen above. Click a cell to choose its run.</p>
            </section>

            """
        html += significancePanel(data)
        html += validationPanel(data)
        html += runsTable(data, chosen: chosenRun)
        html += cascadesTable(data)
        html += levelsPanel(levelMaps)
        html += factsPanel(data)
        html += "</main>\n<script type=\"application/json\" id=\"report-data\">"
        html += json(data, chosen: chosenRun)
        html += "</script>\n"
        html += "<script>\n" + ReportScript.text + "</script>\n</body>\n</html>\n"
        return html
    }

    /// Legend entries that wrap as whole items on narrow screens.
    static func legend(_ items: [(key: String, text: String)]) -> String {
        items.map { "<span class=\"item\"><span class=\"key \($0.key)\"></span>\($0.text)</span>" }.joined(separator: " ")
    }

    static func subtitle(_ data: ReportData) -> String {
        let m = data.manifest
        var parts = ["\(data.runs.rows.count) runs" + (m.shard == "0/1" ? "" : " (shard \(HTMLText.escape(m.shard)) of \(m.grid.points))")]
        for b in data.bars {
            guard let first = b.closeMs.first, let last = b.closeMs.last else { continue }
            parts.append("\(HTMLText.escape(b.symbol)) \(b.count) bars, \(ReportText.time(first)) → \(ReportText.time(last)) UTC"
                         + (b.trendWindow > 0 ? ", trend over \(b.trendWindow) bars" : ""))
        }
        parts.append("liqsim \(HTMLText.escape(m.liqsimVersion))")
        return parts.joined(separator: " · ")
    }

    static func marketPanel(_ data: ReportData, chosen: Int?) -> String {
        var out = "<section class=\"panel\" id=\"market\">\n<h2>Market <span id=\"market-symbol\"></span></h2>\n"
        out += "<div class=\"controls\"><label>Run <select id=\"run-select\">\n"
        let best = data.bestRun
        for r in data.runs.rows {
            let label = "run \(r.run)" + (r.run == best ? " ★" : "") + " · "
                + zip(data.runs.parameterNames, r.parameters).map { "\($0)=\($1)" }.joined(separator: " ")
            out += "<option value=\"\(r.run)\"\(r.run == chosen ? " selected" : "")>\(HTMLText.escape(label))</option>\n"
        }
        out += "</select></label></div>\n<div class=\"chart\" id=\"market-chart\"></div>\n"
        out += """
            <p class="legend">\(legend([("up", "short liquidations (above)"), ("down", "long liquidations (below)"), ("entry", "entry ▲ long ▼ short"),
                                          ("exit", "exit"), ("band-up", "trend strengthening"), ("band-down", "trend weakening"),
                                          ("vol-c", "volatility compressed"), ("vol-n", "normal"), ("vol-e", "elevated (top strip)")]))</p>
            <p class="note" id="market-note"></p>
            </section>

            """
        return out
    }
}
