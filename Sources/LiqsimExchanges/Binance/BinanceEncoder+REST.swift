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

extension BinanceEncoder {
    /// The URL whose response `exchangeInfoBody` imitates (`record` fetches it at every start):
    ///
    ///     https://fapi.binance.com/fapi/v1/exchangeInfo
    public static let exchangeInfoURL = "https://fapi.binance.com/fapi/v1/exchangeInfo"

    /// `GET /fapi/v1/exchangeInfo` response body: one USDT perpetual per symbol, in the real
    /// 2021 row shape (the filters of the real BTCUSDT row; `tickSize`/`stepSize` from the
    /// instrument). The decoder learns nothing from it (linear contracts); clients load
    /// their markets from it. Real body (one row, filters shortened):
    ///
    ///     {"timezone":"UTC","serverTime":1618677447220,"futuresType":"U_MARGINED","rateLimits":[…],"exchangeFilters":[],
    ///      "assets":[…],"symbols":[{"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL",…,"status":"TRADING",
    ///      "baseAsset":"BTC","quoteAsset":"USDT","marginAsset":"USDT","pricePrecision":2,"quantityPrecision":3,…}]}
    public func exchangeInfoBody(_ instruments: [(symbol: Symbol, base: String, tick: FixedDecimal, step: FixedDecimal)], serverTime: UnixNanos,
                                 into out: OutputBuffer) {
        out.append("{\"timezone\":\"UTC\",\"serverTime\":"); out.append(int: serverTime.millis)
        out.append(",\"futuresType\":\"U_MARGINED\",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":2400}]")
        out.append(",\"exchangeFilters\":[],\"assets\":[{\"asset\":\"USDT\",\"marginAvailable\":true,\"autoAssetExchange\":\"-1000\"}],\"symbols\":[")
        for (i, s) in instruments.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append("{\"symbol\":\""); out.append(s.symbol)
            out.append("\",\"pair\":\""); out.append(s.symbol)
            out.append("\",\"contractType\":\"PERPETUAL\",\"deliveryDate\":4133404800000,\"onboardDate\":1569398400000,\"status\":\"TRADING\"")
            out.append(",\"maintMarginPercent\":\"2.5000\",\"requiredMarginPercent\":\"5.0000\",\"baseAsset\":\""); out.append(string: s.base)
            out.append("\",\"quoteAsset\":\"USDT\",\"marginAsset\":\"USDT\",\"pricePrecision\":"); out.append(int: Int64(s.tick.scale))
            out.append(",\"quantityPrecision\":"); out.append(int: Int64(s.step.scale))
            out.append(",\"baseAssetPrecision\":8,\"quotePrecision\":8,\"underlyingType\":\"COIN\",\"underlyingSubType\":[],\"settlePlan\":0,\"triggerProtect\":\"0.0500\"")
            out.append(",\"filters\":[{\"minPrice\":"); out.appendQuoted(s.tick)
            out.append(",\"maxPrice\":\"1000000\",\"filterType\":\"PRICE_FILTER\",\"tickSize\":"); out.appendQuoted(s.tick)
            out.append("},{\"stepSize\":"); out.appendQuoted(s.step)
            out.append(",\"filterType\":\"LOT_SIZE\",\"maxQty\":\"1000000\",\"minQty\":"); out.appendQuoted(s.step)
            out.append("},{\"notional\":\"5\",\"filterType\":\"MIN_NOTIONAL\"}],\"orderTypes\":[\"LIMIT\",\"MARKET\"],\"timeInForce\":[\"GTC\",\"IOC\",\"FOK\",\"GTX\"]}")
        }
        out.append("]}")
    }
}
