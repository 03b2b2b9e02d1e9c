/// A run's equity at one bar close, with its drawdown and position: a row of equity.csv
/// and of results.sqlite's `equity` view.
public struct EquityRow: Sendable, Equatable {
    public var run: Int
    /// The bar close, as `ResultText.time` writes it.
    public var time: String
    public var equityUSD: Double, drawdownPct: Double, position: Double

    public init(run: Int, time: String, equityUSD: Double, drawdownPct: Double, position: Double) {
        self.run = run; self.time = time; self.equityUSD = equityUSD; self.drawdownPct = drawdownPct; self.position = position
    }

    public static let header = ["run", "time", "equity_usd", "drawdown_pct", "position"]

    /// equity.csv's fields: equity to the cent, drawdown to 4 decimals, the position exact.
    /// `EquityCSV` writes the same line as bytes.
    public var fields: [String] {
        [String(run), time, ResultText.fixed(equityUSD, 2), ResultText.fixed(drawdownPct, 4), ResultText.exact(position)]
    }
}
