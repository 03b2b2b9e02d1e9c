import LiqsimCore
import LiqsimHeatmap
import LiqsimResultFiles

extension ReportPage {
    /// Cascades listed at most (the rest are counted in a note).
    static let maxCascades = 500

    /// Every run, best Sharpe first; the page's script sorts by any column: numeric columns by
    /// the number in the cell's text (runs.csv's, `inf` included; the run cell's `data-v`
    /// without its ★), text columns by their text.
    static func runsTable(_ data: ReportData, chosen: Int?) -> String {
        let runs = data.runs
        let rank = runs.metricNames.firstIndex(of: RunColumns.ranking).map { $0 + 1 + runs.parameterNames.count }
        var out = "<section class=\"panel\" id=\"runs\">\n<h2>Runs</h2>\n<p class=\"note\">Click a column to sort, a row to choose its run. ★ best by Sharpe (annualised, not adjusted for the grid's trials: see dsr).</p>\n"
        out += "<div class=\"scroll tall\"><table class=\"sortable\" id=\"runs-table\">\n<thead><tr>"
        for (i, name) in runs.header.enumerated() {
            let numeric = i == 0 || i > runs.parameterNames.count || runs.rows.allSatisfy { ReportData.value($0.parameters[i - 1]) != nil }
            out += "<th data-col=\"\(i)\" data-type=\"\(numeric ? "num" : "text")\" aria-sort=\"\(i == rank ? "descending" : "none")\" tabindex=\"0\">"
                + HTMLText.escape(name) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        let best = data.bestRun
        for r in RunRow.ranked(runs.rows, metricNames: runs.metricNames) {
            let classes = [r.run == best ? "best" : nil, r.run == chosen ? "chosen" : nil].compactMap { $0 }.joined(separator: " ")
            out += "<tr data-run=\"\(r.run)\"" + (classes.isEmpty ? "" : " class=\"\(classes)\"") + "><td data-v=\"\(r.run)\">\(r.run)\(r.run == best ? " ★" : "")</td>"
            for field in runs.fields(r).dropFirst() { out += "<td>" + HTMLText.escape(field) + "</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n</section>\n"
    }

    /// Cross-exchange cascades of the pipeline (SPEC §5) with their side mix.
    static func cascadesTable(_ data: ReportData) -> String {
        var out = "<section class=\"panel\" id=\"cascades\">\n<h2>Cascades <span class=\"count\">\(data.cascades.count)</span></h2>\n"
        out += lowerBoundsNote(data)
        guard !data.cascades.isEmpty else { return out + "<p class=\"note\">The pipeline found no cascade in these captures.</p>\n</section>\n" }
        out += "<div class=\"scroll tall\"><table id=\"cascades-table\">\n<thead><tr><th>time (UTC)</th><th>symbol</th><th>liquidations</th><th>size</th>"
            + "<th>side mix</th><th>exchanges (liquidations)</th></tr></thead>\n<tbody>\n"
        for c in data.cascades.prefix(maxCascades) {
            let total = c.longUSD + c.shortUSD
            let longShare = total > 0 ? c.longUSD / total * 100 : 0
            let exchanges = c.exchanges.split(separator: " ").map { HTMLText.escape($0.replacingOccurrences(of: ":", with: " ")) }.joined(separator: " · ")
            // ≥: Binance took part, so the count and the size are lower bounds.
            let bound = c.lowerBound ? "<span class=\"lower-bound\" title=\"lower bound: Binance publishes at most one liquidation per symbol per second\">≥ </span>" : ""
            out += "<tr><td>\(HTMLText.escape(c.time.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")))</td>"
                + "<td>\(HTMLText.escape(c.symbol))</td><td class=\"num\">\(bound)\(c.liquidations)</td><td class=\"num\">\(bound)\(ReportText.usd(total))</td>"
                + "<td><div class=\"mix\" title=\"long \(ReportText.usd(c.longUSD)), short \(ReportText.usd(c.shortUSD))\">"
                + "<span class=\"mix-long\" style=\"width:\(HTMLText.number(longShare, 1))%\"></span></div>"
                + "<span class=\"mix-text\">\(HTMLText.number(longShare, 0))% long · \(HTMLText.number(100 - longShare, 0))% short</span></td>"
                + "<td>\(exchanges)</td></tr>\n"
        }
        out += "</tbody></table></div>\n"
        if data.cascades.count > maxCascades {
            out += "<p class=\"note\">The first \(maxCascades) of \(data.cascades.count) are listed; results.sqlite (table cascades) holds all.</p>\n"
        }
        return out + "</section>\n"
    }

    /// Which liquidation totals are lower bounds (manifest.json's `lower_bounds`), with the
    /// seconds in which Binance published its one-per-second maximum.
    static func lowerBoundsNote(_ data: ReportData) -> String {
        let bounds = data.manifest.lowerBounds
        guard !bounds.isEmpty else { return "" }
        var out = "<p class=\"note\" id=\"lower-bounds\">Lower bounds — rows marked ≥ include them: "
        out += bounds.map { b in
            "\(HTMLText.escape(b.exchange)) \(HTMLText.escape(b.symbol)): ≥ \(NumberText.grouped(b.liquidations)) liquidations, ≥ \(ReportText.usd(b.usd)), "
                + "at its one-per-second maximum in \(NumberText.grouped(b.cappedSeconds)) s"
        }.joined(separator: "; ")
        return out + ". Binance publishes at most one liquidation per symbol per second; the rest of those seconds is not in the data.</p>\n"
    }

    /// The estimated liquidation-level heatmap of each symbol (docs/heatmap.md).
    static func levelsPanel(_ levelMaps: [Result<HeatmapGrid, HeatmapUnavailable>]) -> String {
        var out = "<section class=\"panel\" id=\"levels\">\n<h2>Estimated liquidation levels</h2>\n"
        out += "<p class=\"note\">Where open positions would be liquidated, estimated from trades and open-interest increases over leverage tiers "
            + "(docs/heatmap.md): long levels red below the price, short levels green above; brighter is more USD.</p>\n"
        if levelMaps.isEmpty { out += "<p class=\"note missing\">No heatmap was computed for this report.</p>\n" }
        for map in levelMaps {
            switch map {
            case .success(let grid): out += "<div class=\"scroll heatmap\">\n" + HeatmapSVG.render(grid, width: 1200, height: 560) + "</div>\n"
            case .failure(let gap): out += "<p class=\"note missing\">\(HTMLText.escape(gap.symbol)): \(HTMLText.escape(gap.reason))</p>\n"
            }
        }
        return out + "</section>\n"
    }

    /// What produced the results (manifest.json).
    static func factsPanel(_ data: ReportData) -> String {
        let f = data.manifest
        let rows: [(String, String)] = [("scenario", f.scenario.name), ("scenario file", f.scenario.file), ("scenario SHA-256", f.scenario.sha256),
                                        ("results digest", f.digest), ("liqsim", f.liqsimVersion), ("created", f.created),
                                        ("grid", "\(f.grid.points) points, shard \(f.shard)")]
        var out = "<section class=\"panel\" id=\"facts\">\n<h2>Run facts</h2>\n<dl class=\"facts\">\n"
        for (k, v) in rows { out += "<dt>\(k)</dt><dd><code>\(HTMLText.escape(v))</code></dd>\n" }
        out += "</dl>\n<h3>Input captures</h3>\n<ul class=\"inputs\" id=\"inputs\">\n"
        for i in f.inputs {
            out += "<li><code>\(HTMLText.escape(i.path))</code><span class=\"num\">\(NumberText.grouped(Int64(i.bytes))) bytes</span><span>SHA-256 <code class=\"hash\">\(HTMLText.escape(i.sha256))</code></span></li>\n"
        }
        return out + "</ul>\n<p class=\"note\">The digest is the SHA-256 of runs.csv, trades.csv and equity.csv; this page is not part of it.</p>\n</section>\n"
    }
}

/// Short texts for people: times and USD amounts.
enum ReportText {
    /// `2026-01-01 00:05` (UTC) from ms since the epoch.
    static func time(_ ms: Int64) -> String {
        let t = UTCDateTime(UnixNanos(ms * 1_000_000))
        return String(t.iso8601Millis.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// `$1.25M`, `$840k`, `$95`.
    static func usd(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e9 { return "$" + HTMLText.number(v / 1e9, 2) + "B" }
        if a >= 1e6 { return "$" + HTMLText.number(v / 1e6, 2) + "M" }
        if a >= 1e3 { return "$" + HTMLText.number(v / 1e3, 0) + "k" }
        return "$" + HTMLText.number(v, 0)
    }
}
