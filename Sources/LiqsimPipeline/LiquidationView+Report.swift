import Foundation
import LiqsimCore

/// Renders a liquidation view (the aggregator's accumulated or snapshot totals) as a
/// terminal table, Markdown or JSON. Binance counts are marked as lower bounds.
public enum LiquidationViewReport {
    public enum Format: String, CaseIterable, Sendable { case table, md, json }

    public static func render(title: String, overall: LiquidationTotals, bySymbol: [(Symbol, LiquidationTotals)], latest: [Liquidation], format: Format) -> String {
        switch format {
        case .json: json(title: title, overall: overall, bySymbol: bySymbol, latest: latest)
        case .table, .md: text(title: title, overall: overall, bySymbol: bySymbol, latest: latest, markdown: format == .md)
        }
    }

    static func usd(_ cents: Int64) -> String {
        let out = OutputBuffer(capacity: 32)
        out.append(groupedCents: cents)
        return "$" + out.string
    }

    static func pct(_ part: Int64, _ whole: Int64) -> String {
        whole > 0 ? String(format: "%.1f%%", Double(part) / Double(whole) * 100) : "-"
    }

    static func time(_ t: UnixNanos?) -> String { t.map { UTCDateTime($0).iso8601Millis } ?? "-" }

    static func text(title: String, overall: LiquidationTotals, bySymbol: [(Symbol, LiquidationTotals)], latest: [Liquidation], markdown: Bool) -> String {
        var lines: [String] = []
        let hours = Double(overall.duration) / 3_600e9
        lines.append((markdown ? "## " : "") + "\(title): \(time(overall.first)) → \(time(overall.last)) (\(String(format: "%.2f", hours)) h)")
        lines.append("")
        let header = ["scope", "events", "base qty", "USD", "LONG", "SHORT", "events/h", "USD/h", "largest", "≥ $100k"]
        var rows: [[String]] = []
        func row(_ name: String, _ t: LiquidationTotals, quantity: Bool) -> [String] {
            [name, "\(t.events)", quantity ? FixedDecimal(mantissa: t.quantity8, scale: 8).description : "-", usd(t.cents),
             "\(t.longEvents) · \(usd(t.longCents)) · \(pct(t.longCents, t.cents))",
             "\(t.shortEvents) · \(usd(t.shortCents)) · \(pct(t.shortCents, t.cents))",
             t.hourlyEvents.map { String(format: "%.1f", $0) } ?? "-", t.hourlyUSD.map { usd(Int64(($0 * 100).rounded())) } ?? "-",
             t.largest.map { "\(usd($0.usdCents)) \($0.symbol) \($0.side.label) \($0.stream.exchangeName)" } ?? "-", "\(t.institutional)"]
        }
        rows.append(row("ALL", overall, quantity: false))
        for (symbol, t) in bySymbol where t.events > 0 { rows.append(row(symbol.description, t, quantity: true)) }
        lines += table(header, rows, markdown: markdown)
        lines.append("")
        let exchangeHeader = ["exchange", "events", "share", "USD", "share"]
        let exchangeRows = StreamID.allCases.enumerated().compactMap { i, id -> [String]? in
            guard overall.exchangeEvents[i] > 0 else { return nil }
            let lowerBound = id == .binanceUSDM ? " (lower bound: ≤ 1 per symbol per second)" : ""
            return [id.rawValue, "\(overall.exchangeEvents[i])\(lowerBound)", pct(Int64(overall.exchangeEvents[i]), Int64(overall.events)),
                    usd(overall.exchangeCents[i]), pct(overall.exchangeCents[i], overall.cents)]
        }
        lines += table(exchangeHeader, exchangeRows, markdown: markdown)
        if !latest.isEmpty {
            lines.append("")
            lines.append((markdown ? "### " : "") + "latest \(latest.count)")
            let latestRows = latest.reversed().map { l -> [String] in
                let t = UTCDateTime(l.ts)
                return [t.compactDate, t.clock + " UTC", l.stream.exchangeName.uppercased(), l.symbol.description, l.side.label, l.qty.description,
                        usd(l.usdCents) + (l.isInstitutional ? " ★" : "")]
            }
            lines += table(["date", "time", "exchange", "symbol", "side", "qty", "USD"], latestRows, markdown: markdown)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Aligned columns (the first left, the rest right) or a pipe table (Markdown).
    static func table(_ header: [String], _ rows: [[String]], markdown: Bool) -> [String] {
        let table = TextTable(header: header, rows: rows, alignments: [.left] + Array(repeating: .right, count: max(0, header.count - 1)))
        return markdown ? table.markdown() : table.padded()
    }
}
