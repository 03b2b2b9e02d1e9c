import LiqsimCore

extension BybitEncoder {
    /// `GET /v5/market/account-ratio` response body, one period (Bybit v5 docs example):
    ///
    ///     {"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"BTCUSDT","buyRatio":"0.5777",
    ///      "sellRatio":"0.4223","timestamp":"1695772800000"}],"nextPageCursor":""},"retExtInfo":{},"time":1695772821145}
    ///
    /// `symbol` is `r.symbol`; `time` (the server time) is written as `r.ts`. The decoder
    /// derives long_pct = buyRatio × 100 and ratio = buyRatio ÷ sellRatio (4 decimals, half
    /// away from zero), so `r` must hold those values for a round trip (0.5777 / 0.4223 ⇒
    /// 57.77, 1.3680). It emits only periods newer than the last one seen for the symbol.
    public func accountRatioBody(_ r: LongShortRatio, buyRatio: FixedDecimal, sellRatio: FixedDecimal, into out: OutputBuffer) {
        out.append("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"symbol\":\""); out.append(r.symbol)
        out.append("\",\"buyRatio\":"); out.appendQuoted(buyRatio)
        out.append(",\"sellRatio\":"); out.appendQuoted(sellRatio)
        out.append(",\"timestamp\":"); out.appendQuoted(int: r.ts.millis)
        out.append("}],\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":"); out.append(int: r.ts.millis)
        out.append("}")
    }

    /// The URL whose response `accountRatioBody` imitates:
    ///
    ///     https://api.bybit.com/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=5min&limit=1
    public static func accountRatioURL(_ symbol: Symbol) -> String {
        "https://api.bybit.com/v5/market/account-ratio?category=linear&symbol=\(symbol)&period=5min&limit=1"
    }
}

extension BybitEncoder {
    /// The URL whose response `instrumentsInfoBody` imitates (`record` fetches one per symbol):
    ///
    ///     https://api.bybit.com/v5/market/instruments-info?category=linear&symbol=BTCUSDT
    public static func instrumentsInfoURL(_ symbol: Symbol) -> String {
        "https://api.bybit.com/v5/market/instruments-info?category=linear&symbol=\(symbol)"
    }

    /// `GET /v5/market/instruments-info?category=linear&symbol=…` response body, one linear
    /// perpetual in the real 2026 row shape (tick and quantity step from the instrument, the
    /// other fields the real row's). The decoder learns nothing from it; clients load their
    /// markets from it. Real row (shortened):
    ///
    ///     {"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"0GUSDT","contractType":"LinearPerpetual",
    ///      "status":"Trading","baseCoin":"0G","quoteCoin":"USDT",…,"priceFilter":{"minPrice":"0.0001","maxPrice":"1999.9998",
    ///      "tickSize":"0.0001"},"lotSizeFilter":{…,"qtyStep":"0.1",…},…,"settleCoin":"USDT",…}],"nextPageCursor":""},"retExtInfo":{},"time":…}
    public func instrumentsInfoBody(symbol: Symbol, base: String, tick: FixedDecimal, step: FixedDecimal, serverTime: UnixNanos, into out: OutputBuffer) {
        out.append("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":[{\"symbol\":\""); out.append(symbol)
        out.append("\",\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\",\"baseCoin\":\""); out.append(string: base)
        out.append("\",\"quoteCoin\":\"USDT\",\"launchTime\":\"1585526400000\",\"deliveryTime\":\"0\",\"deliveryFeeRate\":\"\",\"priceScale\":\"")
        out.append(int: Int64(tick.scale))
        out.append("\",\"leverageFilter\":{\"minLeverage\":\"1\",\"maxLeverage\":\"100.00\",\"leverageStep\":\"0.01\"},\"priceFilter\":{\"minPrice\":")
        out.appendQuoted(tick)
        out.append(",\"maxPrice\":\"1999999.80\",\"tickSize\":"); out.appendQuoted(tick)
        out.append("},\"lotSizeFilter\":{\"maxOrderQty\":\"1000000\",\"minOrderQty\":"); out.appendQuoted(step)
        out.append(",\"qtyStep\":"); out.appendQuoted(step)
        out.append(",\"postOnlyMaxOrderQty\":\"1000000\",\"maxMktOrderQty\":\"1000000\",\"minNotionalValue\":\"5\"},\"unifiedMarginTrade\":true")
        out.append(",\"fundingInterval\":480,\"settleCoin\":\"USDT\",\"copyTrading\":\"both\",\"upperFundingRate\":\"0.005\",\"lowerFundingRate\":\"-0.005\"}]")
        out.append(",\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":"); out.append(int: serverTime.millis)
        out.append("}")
    }
}
