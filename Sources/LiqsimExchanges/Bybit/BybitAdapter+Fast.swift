import LiqsimCore

extension BybitAdapter {
    /// The fast path: `publicTrade`, `allLiquidation` and `tickers` frames in the layout
    /// Bybit sends them (every key, in order, compact; a ticker's data members any string
    /// members after `symbol`) are matched literal by literal (`JSONScanner+Compact`) and
    /// their slices go to the same builders as the general path's. False for any other
    /// frame, with nothing done, and the general path decodes it from the start.
    ///
    ///     {"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":…,"data":[{"T":…,"s":"BTCUSDT","S":"Sell",
    ///      "v":"0.004","p":"65114.20","L":"MinusTick","i":"a9188a0a-…","BT":false,"RPI":false,"seq":…}, …]}
    ///     {"topic":"allLiquidation.ICPUSDT","type":"snapshot","ts":…,"data":[{"T":…,"s":"ICPUSDT","S":"Buy","v":"19.7","p":"2.585"}]}
    ///     {"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","bid1Price":"84792.60", …},"cs":…,"ts":…}
    @inline(__always)
    public mutating func decodeUsualFrame(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        var s = JSONScanner(input.payload)
        guard s.match(#"{"topic":"#), let topic = s.compactString(), s.match(#","type":"#), let type = s.compactString() else { return false }
        let kind = BybitAdapter.classify(topic, s)
        switch kind {
        case .trade, .allLiquidation:
            guard s.match(#","ts":"#), s.compactInteger() != nil, s.match(#","data":["#) else { return false }
            return usualElements(&s, trade: kind == .trade, input, into: &events, diagnostics: &diagnostics)
        case .tickers:
            guard s.match(#","data":{"symbol":"#), let symbol = s.compactString() else { return false }
            var f = TickerFields()
            f.symbol = s.symbol(symbol)
            while let key = s.compactNextKey() {
                guard let v = s.compactString() else { return false }
                f.take(key, v, s)
            }
            guard s.match(#"},"cs":"#), s.compactInteger() != nil, s.match(#","ts":"#), let ts = s.compactInteger(), s.match("}") else { return false }
            // As the general path, which reads the data (and its symbol) before `ts`.
            guard let ticker = TickerUpdate(f) else { malformed("tickers data without symbol", input, &diagnostics); return true }
            guard let time = s.millis(ts) else { malformed("tickers without ts", input, &diagnostics); return true }
            applyTicker(ticker, snapshot: s.equals(type, "snapshot"), ts: time, input, into: &events)
            return true
        default:
            return false
        }
    }

    /// The elements of a trade or liquidation `data` array and the frame's closing `]}`.
    /// Each element is matched whole before it is decoded, as the general path decodes it;
    /// an element out of layout takes back the events of those before it (decoding them
    /// changed nothing else) and returns false.
    @inline(__always)
    private func usualElements(_ s: inout JSONScanner, trade: Bool, _ input: ExchangeInput,
                               into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        let before = events.count
        while true {
            guard s.match(#"{"T":"#), let t = s.compactInteger(), s.match(#","s":"#), let sym = s.compactString(),
                  s.match(#","S":"#), let side = s.compactString(), s.match(#","v":"#), let v = s.compactString(),
                  s.match(#","p":"#), let p = s.compactString(),
                  !trade || (s.match(#","L":"#) && s.compactString() != nil && s.match(#","i":"#) && s.compactString() != nil
                             && s.match(#","BT":"#) && s.compactBool() != nil && s.match(#","RPI":"#) && s.compactBool() != nil
                             && s.match(#","seq":"#) && s.compactInteger() != nil),
                  s.match("}") else {
                if events.count > before { events.removeSubrange(before...) }
                return false
            }
            let f = BybitTSSVP(t: t, symbol: sym, side: side, qty: v, price: p, s)
            let ok = trade ? emitTrade(f, input, into: &events, diagnostics: &diagnostics)
                : emitAllLiquidation(f, input, into: &events, diagnostics: &diagnostics)
            if !ok { return true }   // counted as malformed, as the general path would at this element
            if s.match("]}") { return true }
            guard s.match(",") else {
                if events.count > before { events.removeSubrange(before...) }
                return false
            }
        }
    }
}
