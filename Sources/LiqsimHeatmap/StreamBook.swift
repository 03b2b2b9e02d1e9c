import LiqsimCore

/// The estimated positions of one exchange stream: long and short liquidation levels, the
/// trades since its last open-interest reading, and that reading.
///
/// Open interest is reported per exchange (Bybit and OKX every few seconds, Binance polled
/// every few minutes), so each stream keeps its own book; a trade on one exchange attributes
/// new positions only to that exchange.
struct StreamBook {
    let stream: StreamID
    /// Base quantity per cell, divided by `scale` (pro-rata closes only touch `scale`).
    var long = LevelLadder(), short = LevelLadder()
    var scale = 1.0
    /// Open interest of the first reading not placed at any price (divided by `scale`, like the ladders).
    var unplaced = 0.0
    /// The last open-interest reading (base asset).
    var lastReading: Double?
    /// Trades on this stream since the last reading: where new positions were opened.
    var trades: [(price: Double, qty: Double, buy: Bool)] = []

    init(stream: StreamID) { self.stream = stream }

    /// The base quantity the book holds now.
    var quantity: Double { (long.total + short.total + unplaced) * scale }

    /// Pro-rata close: every level of the stream keeps `factor` of its quantity.
    mutating func scaleDown(by factor: Double) {
        scale *= factor
        // Keep the stored values in a sane range; the product is unchanged.
        if scale < 1e-6 {
            long.multiply(by: scale); short.multiply(by: scale); unplaced *= scale; scale = 1
        }
    }
}
