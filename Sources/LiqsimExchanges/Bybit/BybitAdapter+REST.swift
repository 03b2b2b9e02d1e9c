import LiqsimCore

extension BybitAdapter {
    mutating func decodeREST(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        if input.url.contains("/v5/market/account-ratio") {
            decodeAccountRatio(input, into: &events, diagnostics: &diagnostics)
        } else if input.url.contains("/v5/market/instruments-info") || input.url.contains("/v5/market/time") {
            diagnostics.ignored += 1   // linear contracts: quantities are already in base units
        } else {
            diagnostics.record(.unknownChannel, "REST \(String(decoding: input.url, as: UTF8.self))", recv: input.recv)
        }
    }

    /// `GET /v5/market/account-ratio` (Bybit v5 docs example), newest first:
    ///
    ///     {"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"BTCUSDT","buyRatio":"0.5777",
    ///      "sellRatio":"0.4223","timestamp":"1695772800000"}],"nextPageCursor":"…"},"time":1695772821145}
    ///
    /// long_pct = buyRatio × 100; ratio = buyRatio ÷ sellRatio (4 decimals, half away from zero).
    mutating func decodeAccountRatio(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        var s = JSONScanner(input.payload)
        guard s.beginObject() else { return malformed("account-ratio body is not an object", input, &diagnostics) }
        var result: JSONSlice?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "result") { result = v }
        }
        guard !s.failed, let result, result.kind == .object else { return malformed("account-ratio body without result", input, &diagnostics) }
        var r = s.nested(result)
        _ = r.beginObject()
        var list: JSONSlice?
        while let key = r.nextKey() {
            guard let v = r.value() else { break }
            if r.equals(key, "list") { list = v }
        }
        guard !r.failed, let list, list.kind == .array else { return malformed("account-ratio result without list", input, &diagnostics) }
        var a = r.nested(list)
        _ = a.beginArray()
        var rows: [LongShortRatio] = []
        while a.nextElement() {
            guard let el = a.value(), el.kind == .object else { break }
            var o = a.nested(el)
            _ = o.beginObject()
            var symbol: Symbol?, buy: FixedDecimal?, sell: FixedDecimal?, time: UnixNanos?
            while let key = o.nextKey() {
                guard let v = o.value() else { break }
                if o.equals(key, "symbol") { symbol = o.symbol(v) }
                else if o.equals(key, "buyRatio") { buy = o.decimal(v) }
                else if o.equals(key, "sellRatio") { sell = o.decimal(v) }
                else if o.equals(key, "timestamp") { time = o.millis(v) }
            }
            guard !o.failed, let symbol, let buy, let sell, let time, let pct = buy.percent, let ratio = buy.divided(by: sell, resultScale: 4) else {
                return malformed("account-ratio row missing symbol/buyRatio/sellRatio/timestamp", input, &diagnostics)
            }
            rows.append(LongShortRatio(recv: input.recv, ts: time, stream: .bybitLinear, symbol: bybitUnifiedSymbol(symbol), longPct: pct, ratio: ratio))
        }
        guard !a.failed else { return malformed("invalid account-ratio list", input, &diagnostics) }
        emitNewRatios(rows, last: &lastRatioTime, into: &events)
    }
}
