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
