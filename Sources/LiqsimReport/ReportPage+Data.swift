import LiqsimResultFiles

extension ReportPage {
    /// The page's data as JSON for its script (`<script type="application/json">`): bars
    /// (merged when long), each run's parameters, metrics (as runs.csv writes them), equity and
    /// trades (packed, `ReportPacking`; plain arrays for a run whose values do not pack).
    /// Every string goes through `HTMLText.jsonString`, so no data can close the element.
    static func json(_ data: ReportData, chosen: Int?) -> String {
        var out = "{\"params\":[" + data.runs.parameterNames.map(HTMLText.jsonString).joined(separator: ",") + "]"
        out += ",\"metrics\":[" + data.runs.metricNames.map(HTMLText.jsonString).joined(separator: ",") + "]"
        out += ",\"rank\":" + HTMLText.jsonString(RunColumns.ranking)
        out += ",\"best\":" + (data.bestRun.map(String.init) ?? "null")
        out += ",\"chosen\":" + (chosen.map(String.init) ?? "null")
        out += ",\"symbols\":[" + data.bars.map(symbolJSON).joined(separator: ",") + "]"
        let reasons = Set(data.trades.values.flatMap { $0.map(\.reason) }).sorted()
        out += ",\"reasons\":[" + reasons.map(HTMLText.jsonString).joined(separator: ",") + "]"
        let reasonIndex = Dictionary(uniqueKeysWithValues: reasons.enumerated().map { ($1, $0) })
        // Equity points name their bar by index into the symbol's bar closes (`ct`, or `t` when not merged).
        let barIndex = data.bars.map { b in Dictionary(b.closeMs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) }
        // Each run appended in place: no array of run texts joined and copied again (on a
        // 10,000-run grid the runs are tens of MB).
        out += ",\"runs\":[\n"
        for (k, run) in data.runs.rows.enumerated() {
            if k > 0 { out += ",\n" }
            out += runJSON(run, data, barIndex, reasonIndex)
        }
        out += "]}"
        return out
    }

    private static func symbolJSON(_ raw: ReportData.Bars) -> String {
        let (b, factor) = ReportSeries.candles(raw)
        func list(_ v: [Double]) -> String { "[" + v.map(HTMLText.exact).joined(separator: ",") + "]" }
        func usd(_ v: [Double]) -> String { "[" + v.map { HTMLText.number($0, 0) }.joined(separator: ",") + "]" }
        let trend = b.trend.map { ["STRENGTHENING": "U", "WEAKENING": "D", "STABLE": "S"][$0] ?? "?" }.joined()
        let vol = b.volatility.map { ["COMPRESSED": "C", "NORMAL": "N", "ELEVATED": "E"][$0] ?? "?" }.joined()
        return "{\"symbol\":" + HTMLText.jsonString(b.symbol) + ",\"merged\":\(factor),\"bars\":\(raw.count)"
            + ",\"t\":[" + b.closeMs.map(String.init).joined(separator: ",") + "]"
            + ",\"o\":" + list(b.open) + ",\"h\":" + list(b.high) + ",\"l\":" + list(b.low) + ",\"c\":" + list(b.close)
            + ",\"v\":" + usd(b.volumeUSD) + ",\"ll\":" + usd(b.longLiquidationUSD) + ",\"sl\":" + usd(b.shortLiquidationUSD)
            + ",\"trend\":\"" + trend + "\",\"vol\":\"" + vol + "\""
            + (factor > 1 ? ",\"ct\":[" + raw.closeMs.map(String.init).joined(separator: ",") + "]" : "") + "}"
    }

    private static func runJSON(_ run: RunRow, _ data: ReportData, _ barIndex: [[Int64: Int]], _ reasons: [String: Int]) -> String {
        let symbol = data.symbol(of: run).flatMap { s in data.bars.firstIndex { $0.symbol == s } } ?? 0
        var out = "{\"id\":\(run.run),\"sym\":\(symbol)"
        out += ",\"p\":[" + run.parameters.map(HTMLText.jsonString).joined(separator: ",") + "]"
        // The metrics as runs.csv writes them.
        out += ",\"m\":[" + zip(data.runs.metricNames, run.metrics).map { HTMLText.jsonString(RunColumns.text($0, $1)) }.joined(separator: ",") + "]"
        if let e = data.equity[run.run] {
            // Equity and drawdown with equity.csv's decimals, so the page's points are its rows.
            let index = symbol < barIndex.count ? barIndex[symbol] : [:]
            out += ",\"eq\":{\"rows\":\(e.rows),"
            if let packed = ReportPacking.equity(e, barIndex: index) { out += packed + "}" } else {
                out += "\"i\":[" + e.timeMs.map { index[$0].map(String.init) ?? "null" }.joined(separator: ",") + "]"
                out += ",\"e\":[" + e.equityUSD.map { HTMLText.number($0, 2) }.joined(separator: ",") + "]"
                out += ",\"d\":[" + e.drawdownPct.map { HTMLText.number($0, 4) }.joined(separator: ",") + "]}"
            }
        }
        let trades = data.trades[run.run] ?? []
        if let packed = ReportPacking.trades(trades, reasons: reasons) { return out + "," + packed + "}" }
        out += ",\"tr\":[" + trades.map { t in
            "[" + [t.side == "long" ? "1" : "-1", String(t.entryMs), HTMLText.price(t.entryPrice), String(t.exitMs), HTMLText.price(t.exitPrice),
                   HTMLText.number(t.pnlUSD, 2), t.openAtEnd ? "1" : "0", HTMLText.jsonString(t.reason)].joined(separator: ",") + "]"
        }.joined(separator: ",") + "]}"
        return out
    }
}
