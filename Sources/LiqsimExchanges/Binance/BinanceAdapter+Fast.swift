import LiqsimCore

extension BinanceAdapter {
    /// The fast path: the combined-stream `aggTrade` and `markPriceUpdate` frames in the
    /// layout Binance sends them (every key, in order, compact) are matched literal by
    /// literal (`JSONScanner+Compact`), and the wanted slices go to the same
    /// `decodeTrade`/`decodeMark` as the general path's. False (nothing done) for any other
    /// frame, which the general path then decodes from the start.
    ///
    ///     {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":…,"a":…,"s":"BTCUSDT","p":"64990.90",
    ///      "q":"0.002","nq":"0.002","f":…,"l":…,"T":…,"m":true,"st":1}}
    ///     {"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":…,"s":"BTCUSDT",
    ///      "p":"64991.37858696","ap":"…","P":"…","i":"…","r":"0.00003936","T":…,"st":1}}
    @inline(__always)
    public mutating func decodeUsualFrame(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        var s = JSONScanner(input.payload)
        guard s.match(#"{"stream":"#), let stream = s.compactString(), s.match(#","data":{"e":"#), let e = s.compactString(),
              s.match(#","E":"#), let E = s.compactInteger() else { return false }
        var f = BinanceFields()
        f.e = e; f.E = E
        let trade: Bool
        if s.equals(e, "aggTrade") {
            guard s.match(#","a":"#), s.compactInteger() != nil, s.match(#","s":"#), let sym = s.compactString(),
                  s.match(#","p":"#), let p = s.compactString(), s.match(#","q":"#), let q = s.compactString(),
                  s.match(#","nq":"#), s.compactString() != nil, s.match(#","f":"#), s.compactInteger() != nil,
                  s.match(#","l":"#), s.compactInteger() != nil, s.match(#","T":"#), let t = s.compactInteger(),
                  s.match(#","m":"#), let m = s.compactBool(), s.match(#","st":"#), s.compactInteger() != nil, s.match("}}") else { return false }
            f.s = sym; f.p = p; f.q = q; f.T = t; f.m = m
            trade = true
        } else if s.equals(e, "markPriceUpdate") {
            guard s.match(#","s":"#), let sym = s.compactString(), s.match(#","p":"#), let p = s.compactString(),
                  s.match(#","ap":"#), s.compactString() != nil, s.match(#","P":"#), s.compactString() != nil,
                  s.match(#","i":"#), s.compactString() != nil, s.match(#","r":"#), let r = s.compactString(),
                  s.match(#","T":"#), let t = s.compactInteger(), s.match(#","st":"#), s.compactInteger() != nil, s.match("}}") else { return false }
            f.s = sym; f.p = p; f.r = r; f.T = t
            trade = false
        } else {
            return false
        }
        // As the general path: the stream name is read (and may be ignored) before the data.
        if BinanceAdapter.isIgnoredStream(s.raw(stream)) { diagnostics.ignored += 1; return true }
        if trade { decodeTrade(f, s, input, into: &events, diagnostics: &diagnostics) } else { decodeMark(f, s, input, into: &events, diagnostics: &diagnostics) }
        return true
    }
}
