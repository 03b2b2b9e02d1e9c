/// The exchange streams liqsim understands. The raw value is the id used everywhere:
/// capture headers, JSON output, results.
public enum StreamID: String, CaseIterable, Hashable, Sendable, Codable {
    case binanceUSDM = "binance-usdm"
    case bybitLinear = "bybit-linear"
    case okxSwap = "okx-swap"

    /// Short exchange name for tables and log lines.
    public var exchangeName: String {
        switch self {
        case .binanceUSDM: "binance"
        case .bybitLinear: "bybit"
        case .okxSwap: "okx"
        }
    }

    /// Accepts the stream id or the bare exchange name (`binance`, `bybit`, `okx`).
    public init?(argument: String) {
        if let s = StreamID(rawValue: argument) { self = s; return }
        guard let s = StreamID.allCases.first(where: { $0.exchangeName == argument.lowercased() }) else { return nil }
        self = s
    }

    public static var validList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Position in `allCases`: the slot of this stream in per-exchange arrays (adapters,
    /// diagnostics, views, bars, snapshot rows). The one place a slot is computed.
    public var index: Int {
        switch self {
        case .binanceUSDM: 0
        case .bybitLinear: 1
        case .okxSwap: 2
        }
    }

    /// The id as it appears in JSON output (the raw value, as a static string for the hot path).
    public var jsonValue: StaticString {
        switch self {
        case .binanceUSDM: "binance-usdm"
        case .bybitLinear: "bybit-linear"
        case .okxSwap: "okx-swap"
        }
    }
}

/// Which side's position was force-closed. Domain words, not wire words:
/// Binance `o.S = SELL` and Bybit `S = Buy` both mean `.long`.
public enum LiquidatedSide: UInt8, Sendable, Hashable {
    case long
    case short

    public var label: String { self == .long ? "LONG" : "SHORT" }
    public var jsonValue: StaticString { self == .long ? "long" : "short" }
}

/// The taker's side of a trade (the aggressor).
public enum TakerSide: UInt8, Sendable, Hashable {
    case buy
    case sell

    public var jsonValue: StaticString { self == .buy ? "buy" : "sell" }
}
