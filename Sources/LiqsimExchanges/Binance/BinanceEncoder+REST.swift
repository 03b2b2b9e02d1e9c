import LiqsimCore

extension BinanceEncoder {
    /// `GET /fapi/v1/openInterest` response body (Binance docs example):
    ///
    ///     {"openInterest":"10659.509","symbol":"BTCUSDT","time":1589437530011}
    ///
    /// The body carries no USD value: the decoder values `openInterest` at the last mark
    /// price it decoded for the symbol, so `oi.oiUSDCents` is not written — see
    /// `openInterestUSDCents(_:)` for the value the decoder will produce. `time` is
    /// `oi.ts` in whole milliseconds (a sub-millisecond part is dropped).
    public mutating func openInterestBody(_ oi: OpenInterest, into out: OutputBuffer) {
        out.append("{\"openInterest\":"); out.appendQuoted(oi.oi)
        out.append(",\"symbol\":\""); out.append(oi.rawSymbol)
        out.append("\",\"time\":"); out.append(int: oi.ts.millis)
        out.append("}")
    }

    /// The `oiUSDCents` a decoder that saw every frame of this encoder will give `oi` read
    /// from an `openInterestBody`: `oi × last mark` in cents, or nil before the symbol's
    /// first mark frame. (Not a frame writer: it quotes no wire shape.)
    public func openInterestUSDCents(_ oi: OpenInterest) -> Int64? {
        lastMark[oi.rawSymbol].flatMap { FixedDecimal.productCents(oi.oi, $0) }
    }

    /// The URL whose response `openInterestBody` imitates:
    ///
    ///     https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT
    public static func openInterestURL(_ symbol: Symbol) -> String {
        "https://fapi.binance.com/fapi/v1/openInterest?symbol=\(symbol)"
    }

    /// `GET /futures/data/globalLongShortAccountRatio` response body, one period (Binance
    /// docs example):
    ///
    ///     [{"symbol":"BTCUSDT","longShortRatio":"0.1960","longAccount":"0.6622","shortAccount":"0.3378","timestamp":"1583139600000"}]
    ///
    /// `r.ratio` is written as `longShortRatio`; the decoder derives `longPct` from
    /// `longAccount` × 100, so `r.longPct` must equal that (0.6622 ⇒ 66.22) for a round trip.
    /// The decoder emits only periods newer than the last one it saw for the symbol.
    public func longShortBody(_ r: LongShortRatio, longAccount: FixedDecimal, shortAccount: FixedDecimal, into out: OutputBuffer) {
        out.append("[{\"symbol\":\""); out.append(r.symbol)
        out.append("\",\"longShortRatio\":"); out.appendQuoted(r.ratio)
        out.append(",\"longAccount\":"); out.appendQuoted(longAccount)
        out.append(",\"shortAccount\":"); out.appendQuoted(shortAccount)
        out.append(",\"timestamp\":"); out.appendQuoted(int: r.ts.millis)
        out.append("}]")
    }

    /// The URL whose response `longShortBody` imitates:
    ///
    ///     https://fapi.binance.com/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=5m&limit=1
    public static func longShortURL(_ symbol: Symbol) -> String {
        "https://fapi.binance.com/futures/data/globalLongShortAccountRatio?symbol=\(symbol)&period=5m&limit=1"
    }

    /// `GET /futures/data/openInterestHist` response body, one period (Binance docs example):
    ///
    ///     [{"symbol":"BTCUSDT","sumOpenInterest":"20403.63700000","sumOpenInterestValue":"150570784.07809979","timestamp":"1583127900000"}]
    ///
    /// `sumOpenInterestValue` is `oi.oiUSDCents` in dollars with 2 places (the decoder rounds
    /// the value to cents, so an archive's full-precision value is carried rounded).
    /// Nil USD value: the body cannot be written (false).
    public func openInterestHistBody(_ oi: OpenInterest, into out: OutputBuffer) -> Bool {
        guard let cents = oi.oiUSDCents, let ms = oi.ts.exactMillis else { return false }
        out.append("[{\"symbol\":\""); out.append(oi.rawSymbol)
        out.append("\",\"sumOpenInterest\":"); out.appendQuoted(oi.oi)
        out.append(",\"sumOpenInterestValue\":"); out.appendQuoted(FixedDecimal(mantissa: cents, scale: 2))
        out.append(",\"timestamp\":"); out.appendQuoted(int: ms)
        out.append("}]")
        return true
    }

    /// The URL whose response `openInterestHistBody` imitates:
    ///
    ///     https://fapi.binance.com/futures/data/openInterestHist?symbol=BTCUSDT&period=5m&limit=1
    public static func openInterestHistURL(_ symbol: Symbol) -> String {
        "https://fapi.binance.com/futures/data/openInterestHist?symbol=\(symbol)&period=5m&limit=1"
    }
}
