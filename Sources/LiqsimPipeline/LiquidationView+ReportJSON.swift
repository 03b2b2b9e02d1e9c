import Foundation
import LiqsimCore

extension LiquidationViewReport {
    static func json(title: String, overall: LiquidationTotals, bySymbol: [(Symbol, LiquidationTotals)], latest: [Liquidation]) -> String {
        var root: [String: Any] = ["view": title, "all": totals(overall, quantity: false)]
        root["symbols"] = Dictionary(uniqueKeysWithValues: bySymbol.filter { $0.1.events > 0 }.map { ($0.0.description, totals($0.1, quantity: true)) })
        root["latest"] = latest.reversed().map { l -> [String: Any] in
            ["ts_ns": l.ts.rawValue, "exchange": l.stream.rawValue, "symbol": l.symbol.description, "side": l.side == .long ? "long" : "short",
             "qty": l.qty.description, "usd": Double(l.usdCents) / 100, "institutional": l.isInstitutional]
        }
        root["binance_counts_are_lower_bounds"] = true
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func totals(_ t: LiquidationTotals, quantity: Bool) -> [String: Any] {
        var d: [String: Any] = [
            "events": t.events, "usd": Double(t.cents) / 100, "long_events": t.longEvents, "short_events": t.shortEvents,
            "long_usd": Double(t.longCents) / 100, "short_usd": Double(t.shortCents) / 100, "institutional": t.institutional,
            "long_pct": t.cents > 0 ? (Double(t.longCents) / Double(t.cents) * 10_000).rounded() / 100 : 0,
            "duration_s": Double(t.duration) / 1e9,
        ]
        if quantity { d["qty"] = FixedDecimal(mantissa: t.quantity8, scale: 8).description }
        if let f = t.first { d["first_ns"] = f.rawValue }
        if let l = t.last { d["last_ns"] = l.rawValue }
        if let h = t.hourlyEvents { d["events_per_hour"] = (h * 100).rounded() / 100 }
        if let h = t.hourlyUSD { d["usd_per_hour"] = (h * 100).rounded() / 100 }
        if let l = t.largest { d["largest"] = ["usd": Double(l.usdCents) / 100, "symbol": l.symbol.description, "side": l.side == .long ? "long" : "short", "exchange": l.stream.rawValue, "ts_ns": l.ts.rawValue] as [String: Any] }
        d["exchanges"] = Dictionary(uniqueKeysWithValues: StreamID.allCases.enumerated().filter { t.exchangeEvents[$0.offset] > 0 }.map {
            ($0.element.rawValue, ["events": t.exchangeEvents[$0.offset], "usd": Double(t.exchangeCents[$0.offset]) / 100] as [String: Any])
        })
        return d
    }
}
