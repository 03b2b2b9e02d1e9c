import LiqsimCore

/// One row of a downloaded archive (Binance Vision, Tardis CSV), normalized, before a
/// venue's encoder turns it into the frame or REST body live recording would have
/// captured. `time` is the row's own time; `recv` the receive time the record gets (the
/// exchange time for archives without receive times). Rows sort by (`recv`, `order`).
public struct ArchiveRow: Sendable {
    public enum Item: Sendable {
        /// An event a WebSocket frame carries (trade, liquidation, mark).
        case event(MarketEvent)
        /// Open interest with its USD value from a history endpoint's row.
        case openInterest(OpenInterest)
        /// The global account long/short ratio with its long and short account shares.
        case longShort(LongShortRatio, longAccount: FixedDecimal, shortAccount: FixedDecimal)
        /// A settled funding rate: state for later marks, no record of its own.
        case funding(symbol: Symbol, rate: FixedDecimal, next: UnixNanos)
    }

    public var recv: UnixNanos
    /// The source's row id (trade id) or time: rows with the same key in one kind are duplicates.
    public var key: Int64
    /// Source file index and line, for findings.
    public var file: Int32
    public var line: Int32
    public var item: Item

    public init(recv: UnixNanos, key: Int64, file: Int32, line: Int32, item: Item) {
        self.recv = recv; self.key = key; self.file = file; self.line = line; self.item = item
    }

    /// The stream the row belongs to (funding rates come from Binance Vision only).
    public var stream: StreamID {
        switch item {
        case .event(let e): e.stream
        case .openInterest(let o): o.stream
        case .longShort(let r, _, _): r.stream
        case .funding: .binanceUSDM
        }
    }

    /// The symbol the row belongs to.
    public var symbol: Symbol {
        switch item {
        case .event(let e): e.symbol
        case .openInterest(let o): o.symbol
        case .longShort(let r, _, _): r.symbol
        case .funding(let s, _, _): s
        }
    }
}

/// Something an archive reader noticed about a row or a file (out of order, repeated,
/// unreadable, converted): reported with file and line, never passed over in silence.
public struct ArchiveFinding: Sendable, Equatable {
    public enum Kind: String, Sendable { case badRow = "bad row", outOfOrder = "out of order", duplicate, unit, missingDay = "missing day", knownBadDay = "known bad day", unused, unencodable, generated }
    public var kind: Kind
    /// Index of the source file; line 0 means the whole file.
    public var file: Int32
    public var line: Int32
    public var message: String

    public init(_ kind: Kind, file: Int32, line: Int32, _ message: String) {
        self.kind = kind; self.file = file; self.line = line; self.message = message
    }
}

extension FixedDecimal {
    /// `a − b` exactly at the larger scale; nil on overflow.
    public static func difference(_ a: FixedDecimal, _ b: FixedDecimal) -> FixedDecimal? {
        let scale = max(a.scale, b.scale)
        guard let x = a.rescaled(scale), let y = b.rescaled(scale) else { return nil }
        let (d, o) = x.subtractingReportingOverflow(y)
        return o ? nil : FixedDecimal(mantissa: d, scale: scale)
    }

    func rescaled(_ scale: UInt8) -> Int64? {
        var m = mantissa
        for _ in Int(self.scale)..<Int(scale) {
            let (v, o) = m.multipliedReportingOverflow(by: 10)
            if o { return nil }
            m = v
        }
        return m
    }
}
