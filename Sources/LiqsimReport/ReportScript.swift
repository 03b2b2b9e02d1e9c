/// The page's script and style sheet, embedded at build time from `Resources/` (SwiftPM
/// `.embedInCode`), so report.html stays one self-contained file with no network fetch.
///
/// report.js (no libraries): helpers, then the market panel (candles with regime bands,
/// the chosen run's trades, volume and liquidations), the equity and drawdown panel, the
/// metric grid over two weights, and the wiring (run selector, sortable runs table,
/// `#run=…&sort=…` links, redraw on resize). report.css: a dark, TradingView-like palette
/// (green up, red down) that stays readable on a phone: panels stack, wide tables and
/// pictures scroll sideways.
enum ReportScript {
    static let text = String(decoding: PackageResources.report_js, as: UTF8.self)

    /// Without the file's final newline: the page closes `</style>` right after the last rule.
    static let css: String = {
        let text = String(decoding: PackageResources.report_css, as: UTF8.self)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }()
}
