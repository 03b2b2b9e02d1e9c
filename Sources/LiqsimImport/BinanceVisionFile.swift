import LiqsimExchanges
import LiqsimCore

/// What a Binance Vision file is, from its path: `…/<kind>/<SYM>/<SYM>-<kind>-<date>.zip`,
/// klines and mark-price klines as `…/{klines,markPriceKlines}/<SYM>/1m/<SYM>-1m-<date>.zip`.
/// `date` is a day (`daily/`) or a month (`monthly/`).
struct BinanceVisionFile {
    var path: String
    var kind: BinanceArchive.Kind
    var symbol: Symbol
    var dateText: String
    var firstDay: Int64
    var dayCount: Int64

    init(path: String) throws {
        self.path = path
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".zip", ".csv"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        let parts = name.split(separator: "-", maxSplits: 2).map(String.init)
        guard parts.count == 3, let symbol = Symbol(parts[0]), let span = UTCDay.parse(parts[2]) else {
            throw ImportError(.unknownFile, path, "not a Binance Vision file name", hint: "expected <SYMBOL>-<kind>-<YYYY-MM-DD or YYYY-MM>.zip as downloaded")
        }
        self.symbol = symbol
        dateText = parts[2]
        firstDay = span.first
        dayCount = span.count
        if let k = BinanceArchive.Kind(rawValue: parts[1]), k != .klines, k != .markPriceKlines {
            kind = k
        } else if path.contains("/markPriceKlines/") {
            kind = .markPriceKlines
        } else if path.contains("/klines/") {
            kind = .klines
        } else {
            throw ImportError(.unknownFile, path, "cannot tell klines from markPriceKlines by the name alone",
                              hint: "keep the archive's folders (…/klines/<SYM>/1m/ or …/markPriceKlines/<SYM>/1m/)")
        }
        if kind != .klines && kind != .markPriceKlines && parts[1] != kind.rawValue {
            throw ImportError(.unknownFile, path, "unknown Binance Vision data kind \"\(parts[1])\"",
                              hint: "expected one of \(BinanceArchive.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    var isMonthly: Bool { dateText.count == 7 }
    func covers(_ day: Int64) -> Bool { day >= firstDay && day < firstDay + dayCount }

    /// Days on which Binance Vision's trade files are known to be truncated.
    static let knownBadTradeDays: Set<String> = ["2023-01-23", "2023-01-24", "2025-10-10"]
}
