import LiqsimCore

/// Where an encoded archive row goes in a capture.
public enum ArchiveOutput: Sendable, Equatable {
    /// Nothing to write (state only: a settled funding rate).
    case none
    /// A WebSocket text frame.
    case frame
    /// A REST response body for this URL.
    case rest(url: String)
    /// The row cannot be carried by the venue's frames (reported, not written).
    case unencodable
}

/// Turns Binance Vision rows, in receive order, into the frames and REST bodies live
/// recording captures, through `BinanceEncoder` (so replay decodes exactly the row's event):
/// trades → `aggTrade`, marks → `markPriceUpdate` carrying the last settled funding rate
/// (no look-ahead) and its next funding time, metrics → `openInterestHist` and
/// `globalLongShortAccountRatio` bodies.
public struct BinanceArchiveEncoder {
    var encoder = BinanceEncoder()
    /// Last settled rate, next funding time and interval per symbol.
    var funding: [Symbol: (rate: FixedDecimal, next: UnixNanos, interval: Int64)] = [:]

    public init() {}

    public mutating func encode(_ row: ArchiveRow, into out: OutputBuffer) -> ArchiveOutput {
        switch row.item {
        case .funding(let symbol, let rate, let next):
            funding[symbol] = (rate, next, next.rawValue - row.recv.rawValue)
            return .none
        case .event(.mark(var m)):
            if m.fundingRate == nil, let f = funding[m.symbol], f.interval > 0 {
                var next = f.next.rawValue
                while next <= m.ts.rawValue { next += f.interval }   // a settlement row is missing: keep the schedule
                m.fundingRate = f.rate
                m.nextFunding = UnixNanos(next)
            }
            return encoder.encodeFrame(.mark(m), into: out) ? .frame : .unencodable
        case .event(let e):
            return encoder.encodeFrame(e, into: out) ? .frame : .unencodable
        case .openInterest(let oi):
            return encoder.openInterestHistBody(oi, into: out) ? .rest(url: BinanceEncoder.openInterestHistURL(oi.rawSymbol)) : .unencodable
        case .longShort(let r, let long, let short):
            guard r.ts.exactMillis != nil else { return .unencodable }
            encoder.longShortBody(r, longAccount: long, shortAccount: short, into: out)
            return .rest(url: BinanceEncoder.longShortURL(r.symbol))
        }
    }
}
