/// A run's equity at one bar close as results.sqlite stores it (schema version 4): a row of
/// `equity_points`. The run is implied by the row's place (`equity_runs`' rowid range) and
/// the time by its step in the run's timeline (`equity_steps`); the `equity` view gives it
/// back as an `EquityRow`.
public struct EquityPoint: Sendable, Equatable {
    public var equityUSD: Double, drawdownPct: Double, position: Double

    public init(equityUSD: Double, drawdownPct: Double, position: Double) {
        self.equityUSD = equityUSD; self.drawdownPct = drawdownPct; self.position = position
    }
}
