import LiqsimCore

/// The registry: one line per venue, in `StreamID` order.
public enum Exchanges {
    public static let all: [any Venue.Type] = [Binance.self, Bybit.self, OKX.self]

    /// The venue of a stream.
    public static func venue(_ stream: StreamID) -> any Venue.Type { all[stream.index] }
}
