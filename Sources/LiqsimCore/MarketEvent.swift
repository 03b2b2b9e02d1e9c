/// A normalized market event. A closed enum of small value structs; every case carries
/// the exchange time (`ts`) and the local receive time (`recv`).
public enum MarketEvent: Sendable, Hashable {
    case liquidation(Liquidation)
    case trade(Trade)
    case mark(MarkFunding)
    case openInterest(OpenInterest)
    case longShortRatio(LongShortRatio)
    case instrument(Instrument)

    public var recv: UnixNanos {
        switch self {
        case .liquidation(let e): e.recv
        case .trade(let e): e.recv
        case .mark(let e): e.recv
        case .openInterest(let e): e.recv
        case .longShortRatio(let e): e.recv
        case .instrument(let e): e.recv
        }
    }

    public var symbol: Symbol {
        switch self {
        case .liquidation(let e): e.symbol
        case .trade(let e): e.symbol
        case .mark(let e): e.symbol
        case .openInterest(let e): e.symbol
        case .longShortRatio(let e): e.symbol
        case .instrument(let e): e.symbol
        }
    }

    /// The exchange's own instrument name (the unified symbol for long/short ratios,
    /// which are polled per unified symbol).
    public var rawSymbol: Symbol {
        switch self {
        case .liquidation(let e): e.rawSymbol
        case .trade(let e): e.rawSymbol
        case .mark(let e): e.rawSymbol
        case .openInterest(let e): e.rawSymbol
        case .longShortRatio(let e): e.symbol
        case .instrument(let e): e.rawSymbol
        }
    }

    public var stream: StreamID {
        switch self {
        case .liquidation(let e): e.stream
        case .trade(let e): e.stream
        case .mark(let e): e.stream
        case .openInterest(let e): e.stream
        case .longShortRatio(let e): e.stream
        case .instrument(let e): e.stream
        }
    }

    /// The `type` field of the JSON line.
    public var kind: EventKind {
        switch self {
        case .liquidation: .liquidation
        case .trade: .trade
        case .mark: .mark
        case .openInterest: .openInterest
        case .longShortRatio: .longShortRatio
        case .instrument: .instrument
        }
    }
}

public enum EventKind: Int, CaseIterable, Sendable {
    case liquidation, trade, mark, openInterest, longShortRatio, instrument

    public var name: String {
        switch self {
        case .liquidation: "liquidation"
        case .trade: "trade"
        case .mark: "mark"
        case .openInterest: "open_interest"
        case .longShortRatio: "long_short_ratio"
        case .instrument: "instrument"
        }
    }
}

/// A forced close of a position. `qty` is in the base asset, `usdCents` = qty × price.
public struct Liquidation: Sendable, Hashable {
    public var recv: UnixNanos
    public var ts: UnixNanos
    public var stream: StreamID
    public var symbol: Symbol
    public var rawSymbol: Symbol
    public var side: LiquidatedSide
    public var price: FixedDecimal
    public var qty: FixedDecimal
    public var usdCents: Int64

    public init(recv: UnixNanos, ts: UnixNanos, stream: StreamID, symbol: Symbol, rawSymbol: Symbol,
                side: LiquidatedSide, price: FixedDecimal, qty: FixedDecimal, usdCents: Int64) {
        self.recv = recv; self.ts = ts; self.stream = stream; self.symbol = symbol; self.rawSymbol = rawSymbol
        self.side = side; self.price = price; self.qty = qty; self.usdCents = usdCents
    }

    /// Events of at least $100,000 are flagged as institutional.
    public var isInstitutional: Bool { usdCents >= 10_000_000 }
}

/// A public trade; `side` is the taker's side, `qty` in the base asset.
public struct Trade: Sendable, Hashable {
    public var recv: UnixNanos
    public var ts: UnixNanos
    public var stream: StreamID
    public var symbol: Symbol
    public var rawSymbol: Symbol
    public var side: TakerSide
    public var price: FixedDecimal
    public var qty: FixedDecimal

    public init(recv: UnixNanos, ts: UnixNanos, stream: StreamID, symbol: Symbol, rawSymbol: Symbol,
                side: TakerSide, price: FixedDecimal, qty: FixedDecimal) {
        self.recv = recv; self.ts = ts; self.stream = stream; self.symbol = symbol; self.rawSymbol = rawSymbol
        self.side = side; self.price = price; self.qty = qty
    }
}

/// Mark price and/or funding. A field is nil when the exchange has not sent it yet
/// (OKX sends mark and funding on separate channels).
public struct MarkFunding: Sendable, Hashable {
    public var recv: UnixNanos
    public var ts: UnixNanos
    public var stream: StreamID
    public var symbol: Symbol
    public var rawSymbol: Symbol
    public var mark: FixedDecimal?
    public var fundingRate: FixedDecimal?
    public var nextFunding: UnixNanos?

    public init(recv: UnixNanos, ts: UnixNanos, stream: StreamID, symbol: Symbol, rawSymbol: Symbol,
                mark: FixedDecimal?, fundingRate: FixedDecimal?, nextFunding: UnixNanos?) {
        self.recv = recv; self.ts = ts; self.stream = stream; self.symbol = symbol; self.rawSymbol = rawSymbol
        self.mark = mark; self.fundingRate = fundingRate; self.nextFunding = nextFunding
    }
}

/// Open interest in the base asset, with its USD value when the exchange gives it
/// (or when a mark price is known to the adapter).
public struct OpenInterest: Sendable, Hashable {
    public var recv: UnixNanos
    public var ts: UnixNanos
    public var stream: StreamID
    public var symbol: Symbol
    public var rawSymbol: Symbol
    public var oi: FixedDecimal
    public var oiUSDCents: Int64?

    public init(recv: UnixNanos, ts: UnixNanos, stream: StreamID, symbol: Symbol, rawSymbol: Symbol,
                oi: FixedDecimal, oiUSDCents: Int64?) {
        self.recv = recv; self.ts = ts; self.stream = stream; self.symbol = symbol; self.rawSymbol = rawSymbol
        self.oi = oi; self.oiUSDCents = oiUSDCents
    }
}

/// Account long/short ratio: share of accounts net long, in percent, and longs ÷ shorts.
public struct LongShortRatio: Sendable, Hashable {
    public var recv: UnixNanos
    public var ts: UnixNanos
    public var stream: StreamID
    public var symbol: Symbol
    public var longPct: FixedDecimal
    public var ratio: FixedDecimal

    public init(recv: UnixNanos, ts: UnixNanos, stream: StreamID, symbol: Symbol, longPct: FixedDecimal, ratio: FixedDecimal) {
        self.recv = recv; self.ts = ts; self.stream = stream; self.symbol = symbol
        self.longPct = longPct; self.ratio = ratio
    }
}

/// How one contract converts to base quantity.
public enum ContractKind: UInt8, Sendable, Hashable {
    /// Contract value in the base asset (BTC-USDT-SWAP: 0.01 BTC); USD = base × price.
    case linear
    /// Contract value in USD (BTC-USD-SWAP: 100 USD); base = USD ÷ price.
    case inverse

    public var jsonValue: StaticString { self == .linear ? "linear" : "inverse" }
}

/// Instrument metadata needed to normalize later frames (OKX `ctVal`).
public struct Instrument: Sendable, Hashable {
    public var recv: UnixNanos
    public var stream: StreamID
    public var symbol: Symbol
    public var rawSymbol: Symbol
    public var contractKind: ContractKind
    public var contractValue: FixedDecimal

    public init(recv: UnixNanos, stream: StreamID, symbol: Symbol, rawSymbol: Symbol, contractKind: ContractKind, contractValue: FixedDecimal) {
        self.recv = recv; self.stream = stream; self.symbol = symbol; self.rawSymbol = rawSymbol
        self.contractKind = contractKind; self.contractValue = contractValue
    }
}
