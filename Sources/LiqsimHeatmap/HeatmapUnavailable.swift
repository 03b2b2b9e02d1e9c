/// Why a symbol has no heatmap grid: what a backtest or `liqsim report` hands the report's
/// levels panel in place of the picture (the captures lack a stream, or are gone).
public struct HeatmapUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    public var symbol: String
    public var reason: String

    public init(symbol: String, reason: String) { self.symbol = symbol; self.reason = reason }

    public var description: String { "\(symbol): \(reason)" }
}
