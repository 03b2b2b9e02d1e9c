/// A run's equity at one bar close as results.sqlite stores it (schema version 3): a row of
/// `equity_points`, the bar close in ms since the epoch (its text is in `equity_times`), the
/// run implied by the row's place (`equity_runs`). The `equity` view gives it back as an
/// `EquityRow`.
public struct EquityPoint: Sendable, Equatable {
    public var run: Int
    public var timeMs: Int64
    public var equityUSD: Double, drawdownPct: Double, position: Double

    public init(run: Int, timeMs: Int64, equityUSD: Double, drawdownPct: Double, position: Double) {
        self.run = run; self.timeMs = timeMs; self.equityUSD = equityUSD; self.drawdownPct = drawdownPct; self.position = position
    }
}
