import LiqsimCore

/// The registry: one line per venue, in `StreamID` order.
public enum Exchanges {
    public static let all: [any Venue.Type] = [Binance.self, Bybit.self, OKX.self]

    /// The venue of a stream.
    public static func venue(_ stream: StreamID) -> any Venue.Type { all[stream.index] }

    /// What `record` connects to and subscribes for a stream.
    public static func endpoints(_ stream: StreamID) -> any LiveEndpoints.Type { venue(stream).endpoints }

    /// How `serve` speaks a stream's WebSocket protocol.
    public static func serveProtocol(_ stream: StreamID) -> any ServeProtocol.Type { venue(stream).serveProtocol }
}
