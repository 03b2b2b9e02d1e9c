import LiqsimCore

extension OKXAdapter {
    /// The fast path: one-element `trades`, `mark-price` and `open-interest` pushes in the
    /// layout OKX sends them (every key, in order, compact) are matched literal by literal
    /// (`JSONScanner+Compact`) and their slices go to the same builders as the general
    /// path's. False for any other frame, with nothing done, and the general path decodes
    /// it from the start.
    ///
    ///     {"arg":{"channel":"trades","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","tradeId":"…",
    ///      "px":"83772.6","sz":"3","side":"buy","ts":"…","count":"1","source":"0","seqId":…}]}
    ///     {"arg":{"channel":"mark-price","instId":"…"},"data":[{"instId":"…","instType":"SWAP","markPx":"83679.8","ts":"…"}]}
    ///     {"arg":{"channel":"open-interest","instId":"…"},"data":[{"instId":"…","instType":"SWAP","oi":"6385848.98",
    ///      "oiCcy":"638584.898","oiUsd":"1737793854.62","ts":"…"}]}
    @inline(__always)
    public mutating func decodeUsualFrame(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) -> Bool {
        var s = JSONScanner(input.payload)
        guard s.match(#"{"arg":{"channel":"#), let channel = s.compactString(), s.match(#","instId":"#), s.compactString() != nil,
              s.match(#"},"data":[{"instId":"#), let instId = s.compactString() else { return false }
        if s.equals(channel, "trades") {
            guard s.match(#","tradeId":"#), s.compactString() != nil, s.match(#","px":"#), let px = s.compactString(),
                  s.match(#","sz":"#), let sz = s.compactString(), s.match(#","side":"#), let side = s.compactString(),
                  s.match(#","ts":"#), let ts = s.compactString(), s.match(#","count":"#), s.compactString() != nil,
                  s.match(#","source":"#), s.compactString() != nil, s.match(#","seqId":"#), s.compactInteger() != nil,
                  s.match("}]}") else { return false }
            emitTrade(instId: instId, px: px, sz: sz, side: side, ts: ts, s, input, into: &events, diagnostics: &diagnostics)
        } else if s.equals(channel, "mark-price") {
            guard s.match(#","instType":"#), s.compactString() != nil, s.match(#","markPx":"#), let mark = s.compactString(),
                  s.match(#","ts":"#), let ts = s.compactString(), s.match("}]}") else { return false }
            emitMark(instId: instId, mark: mark, ts: ts, s, input, into: &events, diagnostics: &diagnostics)
        } else if s.equals(channel, "open-interest") {
            guard s.match(#","instType":"#), s.compactString() != nil, s.match(#","oi":"#), s.compactString() != nil,
                  s.match(#","oiCcy":"#), let oiCcy = s.compactString(), s.match(#","oiUsd":"#), let oiUsd = s.compactString(),
                  s.match(#","ts":"#), let ts = s.compactString(), s.match("}]}") else { return false }
            emitOpenInterest(instId: instId, oiCcy: oiCcy, oiUsd: oiUsd, ts: ts, s, input, into: &events, diagnostics: &diagnostics)
        } else {
            return false
        }
        return true
    }
}
