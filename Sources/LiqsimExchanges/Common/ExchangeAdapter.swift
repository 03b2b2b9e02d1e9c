import LiqsimCore

/// The seam every exchange implements: turn its wire frames into `MarketEvent`s.
///
/// Adapters are stateful where the exchange requires it (Bybit ticker deltas, OKX
/// contract values and backlog de-duplication), so one adapter instance must see one
/// stream's records in receive order. Problems are counted in `diagnostics`, never thrown.
public protocol ExchangeAdapter {
    static var stream: StreamID { get }
    /// Appends the events of one input to `events`.
    mutating func decode(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics)
}

extension FixedDecimal {
    /// Multiplies by 100 exactly (a fraction `0.6622` → percent `66.22`).
    var percent: FixedDecimal? {
        if scale >= 2 { return FixedDecimal(mantissa: mantissa, scale: scale - 2) }
        return multiplied(by: FixedDecimal(mantissa: 100, scale: 0))
    }
}
