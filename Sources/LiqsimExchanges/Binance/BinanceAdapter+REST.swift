import LiqsimCore

extension BinanceAdapter {
    /// Polled REST bodies, recognised by URL path.
    mutating func decodeREST(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        if input.url.contains("/fapi/v1/openInterest") {
            decodeOpenInterest(input, into: &events, diagnostics: &diagnostics)
        } else if input.url.contains("/futures/data/openInterestHist") {
            decodeOpenInterestHist(input, into: &events, diagnostics: &diagnostics)
        } else if input.url.contains("/futures/data/globalLongShortAccountRatio") {
            decodeLongShort(input, into: &events, diagnostics: &diagnostics)
        } else if input.url.contains("/fapi/v1/exchangeInfo") || input.url.contains("/fapi/v1/time") {
            diagnostics.ignored += 1   // linear contracts: one contract = one unit of base, nothing to learn
        } else {
            diagnostics.record(.unknownChannel, "REST \(String(decoding: input.url, as: UTF8.self))", recv: input.recv)
        }
    }

    /// `GET /fapi/v1/openInterest` (Binance docs example):
    ///
    ///     {"openInterest":"10659.509","symbol":"BTCUSDT","time":1589437530011}
    ///
    /// USD value from the last mark price seen on this stream, when there is one.
    func decodeOpenInterest(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        var s = JSONScanner(input.payload)
        guard s.beginObject() else { return malformed("openInterest body is not an object", input, &diagnostics) }
        var oi: FixedDecimal?, symbol: Symbol?, time: UnixNanos?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "openInterest") { oi = s.decimal(v) }
            else if s.equals(key, "symbol") { symbol = s.symbol(v) }
            else if s.equals(key, "time") { time = s.millis(v) }
        }
        guard !s.failed, let oi, let symbol, let time else { return malformed("openInterest body missing openInterest/symbol/time", input, &diagnostics) }
        let usd = markIndex.index(of: symbol).flatMap { FixedDecimal.productCents(oi, marks[$0]) }
        events.append(.openInterest(OpenInterest(recv: input.recv, ts: time, stream: .binanceUSDM, symbol: symbol, rawSymbol: symbol, oi: oi, oiUSDCents: usd)))
    }

    /// `GET /futures/data/openInterestHist` (Binance docs example; what `import binance-vision`
    /// writes for a metrics row):
    ///
    ///     [{"symbol":"BTCUSDT","sumOpenInterest":"20403.63700000","sumOpenInterestValue":"150570784.07809979","timestamp":"1583127900000"}]
    ///
    /// One open-interest event per row, its USD value `sumOpenInterestValue` rounded to cents.
    func decodeOpenInterestHist(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        var a = JSONScanner(input.payload)
        guard a.beginArray() else { return malformed("openInterestHist body is not an array", input, &diagnostics) }
        while a.nextElement() {
            guard let el = a.value(), el.kind == .object else { break }
            var s = a.nested(el)
            _ = s.beginObject()
            var symbol: Symbol?, oi: FixedDecimal?, value: FixedDecimal?, time: UnixNanos?
            while let key = s.nextKey() {
                guard let v = s.value() else { break }
                if s.equals(key, "symbol") { symbol = s.symbol(v) }
                else if s.equals(key, "sumOpenInterest") { oi = s.decimal(v) }
                else if s.equals(key, "sumOpenInterestValue") { value = s.decimal(v) }
                else if s.equals(key, "timestamp") { time = s.millis(v) }
            }
            guard !s.failed, let symbol, let oi, let time else {
                return malformed("openInterestHist row missing symbol/sumOpenInterest/timestamp", input, &diagnostics)
            }
            events.append(.openInterest(OpenInterest(recv: input.recv, ts: time, stream: .binanceUSDM, symbol: symbol, rawSymbol: symbol,
                                                     oi: oi, oiUSDCents: value.flatMap(\.roundedCents))))
        }
        if a.failed { malformed("invalid openInterestHist array", input, &diagnostics) }
    }

    /// `GET /futures/data/globalLongShortAccountRatio` (Binance docs example; `timestamp` is a
    /// string there and a number on sibling endpoints, both accepted):
    ///
    ///     [{"symbol":"BTCUSDT","longShortRatio":"0.1960","longAccount":"0.6622","shortAccount":"0.3378","timestamp":"1583139600000"}]
    ///
    /// Polls overlap, so only periods newer than the last one emitted become events.
    mutating func decodeLongShort(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        var a = JSONScanner(input.payload)
        guard a.beginArray() else { return malformed("long/short body is not an array", input, &diagnostics) }
        var rows: [LongShortRatio] = []
        while a.nextElement() {
            guard let el = a.value(), el.kind == .object else { break }
            var s = a.nested(el)
            _ = s.beginObject()
            var symbol: Symbol?, ratio: FixedDecimal?, long: FixedDecimal?, time: UnixNanos?
            while let key = s.nextKey() {
                guard let v = s.value() else { break }
                if s.equals(key, "symbol") { symbol = s.symbol(v) }
                else if s.equals(key, "longShortRatio") { ratio = s.decimal(v) }
                else if s.equals(key, "longAccount") { long = s.decimal(v) }
                else if s.equals(key, "timestamp") { time = s.millis(v) }
            }
            guard !s.failed, let symbol, let ratio, let pct = long?.percent, let time else {
                return malformed("long/short row missing symbol/longShortRatio/longAccount/timestamp", input, &diagnostics)
            }
            rows.append(LongShortRatio(recv: input.recv, ts: time, stream: .binanceUSDM, symbol: symbol, longPct: pct, ratio: ratio))
        }
        guard !a.failed else { return malformed("invalid long/short array", input, &diagnostics) }
        emitNewRatios(rows, last: &lastRatioTime, into: &events)
    }
}

/// Appends rows newer than the last emitted time per symbol, oldest first.
func emitNewRatios(_ rows: [LongShortRatio], last: inout [Symbol: Int64], into events: inout [MarketEvent]) {
    for row in rows.sorted(by: { $0.ts < $1.ts }) where row.ts.rawValue > last[row.symbol, default: .min] {
        last[row.symbol] = row.ts.rawValue
        events.append(.longShortRatio(row))
    }
}
