import LiqsimCore

extension OKXAdapter {
    /// `trades` element (swaps only; spot and options on the same connection are out of scope):
    ///
    ///     {"instId":"UNI-USD-SWAP","tradeId":"12118545","px":"9.615","sz":"1","side":"buy","ts":"1646003655550"}
    mutating func decodeTrade(_ s: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard s.beginObject() else { return malformed("data element is not an object", input, &diagnostics) }
        var instId: JSONSlice?, px: JSONSlice?, sz: JSONSlice?, side: JSONSlice?, ts: JSONSlice?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "instId") { instId = v }
            else if s.equals(key, "px") { px = v }
            else if s.equals(key, "sz") { sz = v }
            else if s.equals(key, "side") { side = v }
            else if s.equals(key, "ts") { ts = v }
        }
        guard !s.failed else { return malformed("trade missing instId/px/sz/side/ts", input, &diagnostics) }
        emitTrade(instId: instId, px: px, sz: sz, side: side, ts: ts, s, input, into: &events, diagnostics: &diagnostics)
    }

    /// A trade element from its values' slices (by either scanner; a repeated key: the last).
    @inline(__always)
    mutating func emitTrade(instId: JSONSlice?, px: JSONSlice?, sz: JSONSlice?, side: JSONSlice?, ts: JSONSlice?, _ s: JSONScanner,
                            _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard let instId = instId.flatMap({ s.symbol($0) }), let px = px.flatMap({ s.decimal($0) }), let sz = sz.flatMap({ s.decimal($0) }),
              let side, let ts = ts.flatMap({ s.millis($0) }) else { return malformed("trade missing instId/px/sz/side/ts", input, &diagnostics) }
        guard case let (c, unified)? = contract(instId, input, &diagnostics) else { return }
        let taker: TakerSide
        if s.equals(side, "buy") { taker = .buy } else if s.equals(side, "sell") { taker = .sell } else { return malformed("trade side", input, &diagnostics) }
        guard let amounts = c.amounts(contracts: sz, price: px) else { return malformed("trade size overflows", input, &diagnostics) }
        events.append(.trade(Trade(recv: input.recv, ts: ts, stream: .okxSwap, symbol: unified, rawSymbol: instId,
                                   side: taker, price: px, qty: amounts.qty)))
    }

    /// `liquidation-orders` element: one instrument with its `details`. `posSide` names the
    /// liquidated position directly (`net` positions fall back to the order side: a sell
    /// closes a long). `sz` is in contracts, `bkPx` the bankruptcy price. Resends of the
    /// backlog are dropped and counted as duplicates.
    ///
    ///     {"details":[{"bkLoss":"0","bkPx":"0.09583","ccy":"","posSide":"short","side":"buy","sz":"19979",
    ///      "ts":"1791565462608"}],"instFamily":"CELO-USDT","instId":"CELO-USDT-SWAP","instType":"SWAP","uly":"CELO-USDT"}
    mutating func decodeLiquidations(_ s: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard s.beginObject() else { return malformed("data element is not an object", input, &diagnostics) }
        var instId: Symbol?, details: JSONSlice?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "instId") { instId = s.symbol(v) }
            else if s.equals(key, "details") { details = v }
        }
        guard !s.failed, let instId, let details, details.kind == .array else { return malformed("liquidation missing instId/details", input, &diagnostics) }
        guard case let (c, unified)? = contract(instId, input, &diagnostics) else { return }
        var a = s.nested(details)
        _ = a.beginArray()
        while a.nextElement() {
            guard let el = a.value(), el.kind == .object else { return malformed("liquidation detail is not an object", input, &diagnostics) }
            var d = a.nested(el)
            _ = d.beginObject()
            var px: FixedDecimal?, sz: FixedDecimal?, posSide: JSONSlice?, side: JSONSlice?, ts: UnixNanos?
            while let key = d.nextKey() {
                guard let v = d.value() else { break }
                if d.equals(key, "bkPx") { px = d.decimal(v) }
                else if d.equals(key, "sz") { sz = d.decimal(v) }
                else if d.equals(key, "posSide") { posSide = v }
                else if d.equals(key, "side") { side = v }
                else if d.equals(key, "ts") { ts = d.millis(v) }
            }
            guard !d.failed, let px, let sz, let ts else { return malformed("liquidation detail missing bkPx/sz/ts", input, &diagnostics) }
            let liquidated: LiquidatedSide
            if let p = posSide, d.equals(p, "long") { liquidated = .long }
            else if let p = posSide, d.equals(p, "short") { liquidated = .short }
            else if let o = side, d.equals(o, "sell") { liquidated = .long }
            else if let o = side, d.equals(o, "buy") { liquidated = .short }
            else { return malformed("liquidation detail without posSide/side", input, &diagnostics) }
            let key = RecentLiquidations.Key(instId: instId, ts: ts.rawValue, sz: sz, px: px, side: liquidated)
            guard !dedup.contains(key) && !frameLiquidations.contains(key) else {
                diagnostics.duplicates += 1
                continue
            }
            frameLiquidations.append(key)
            guard let amounts = c.amounts(contracts: sz, price: px) else { return malformed("liquidation size overflows", input, &diagnostics) }
            events.append(.liquidation(Liquidation(recv: input.recv, ts: ts, stream: .okxSwap, symbol: unified, rawSymbol: instId,
                                                   side: liquidated, price: px, qty: amounts.qty, usdCents: amounts.usdCents)))
        }
        if a.failed { malformed("invalid details array", input, &diagnostics) }
    }

    /// `mark-price` element (mark only; funding comes on its own channel):
    ///
    ///     {"instId":"BTC-USDT-SWAP","instType":"SWAP","markPx":"83679.8","ts":"1790358817778"}
    mutating func decodeMark(_ s: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard s.beginObject() else { return malformed("data element is not an object", input, &diagnostics) }
        var instId: JSONSlice?, mark: JSONSlice?, ts: JSONSlice?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "instId") { instId = v }
            else if s.equals(key, "markPx") { mark = v }
            else if s.equals(key, "ts") { ts = v }
        }
        guard !s.failed else { return malformed("mark-price missing instId/markPx/ts", input, &diagnostics) }
        emitMark(instId: instId, mark: mark, ts: ts, s, input, into: &events, diagnostics: &diagnostics)
    }

    @inline(__always)
    mutating func emitMark(instId: JSONSlice?, mark: JSONSlice?, ts: JSONSlice?, _ s: JSONScanner,
                           _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard let instId = instId.flatMap({ s.symbol($0) }), let mark = mark.flatMap({ s.decimal($0) }), let ts = ts.flatMap({ s.millis($0) }) else {
            return malformed("mark-price missing instId/markPx/ts", input, &diagnostics)
        }
        guard instId.hasSuffix("-SWAP") else { diagnostics.outOfScope += 1; return }
        events.append(.mark(MarkFunding(recv: input.recv, ts: ts, stream: .okxSwap, symbol: unified(instId), rawSymbol: instId,
                                        mark: mark, fundingRate: nil, nextFunding: nil)))
    }

    /// `funding-rate` element: `fundingRate` applies at `fundingTime`, the next settlement
    /// (`nextFundingTime` is the one after). Every shape OKX v5 has sent decodes:
    ///
    ///     2026: {"fundingRate":"0.0000263463215391","fundingTime":"1790380800000","instId":"BTC-USDT-SWAP",
    ///            "nextFundingTime":"1790409600000","ts":"1790358563915", …}
    ///     2022: {"fundingRate":"0.0001534702159002","fundingTime":"1646323200000","instId":"BTC-USDT-SWAP",
    ///            "instType":"SWAP","nextFundingRate":"0.0001542145319804"}
    ///
    /// Frames from 2021–22 carry no `ts`: the receive time stands in for the exchange time.
    /// An element without a `fundingRate` (or with an empty one) carries nothing liqsim
    /// models and is counted as ignored, not malformed.
    mutating func decodeFunding(_ s: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard s.beginObject() else { return malformed("data element is not an object", input, &diagnostics) }
        var instId: Symbol?, rate: FixedDecimal?, rateGiven = false, fundingTime: UnixNanos?, ts: UnixNanos?, tsGiven = false
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "instId") { instId = s.symbol(v) }
            else if s.equals(key, "fundingRate") { rate = s.decimal(v); rateGiven = v.count > 0 }
            else if s.equals(key, "fundingTime") { fundingTime = s.millis(v) }
            else if s.equals(key, "ts") { ts = s.millis(v); tsGiven = true }
        }
        guard !s.failed, let instId, !(tsGiven && ts == nil), !(rateGiven && rate == nil) else {
            return malformed("funding-rate missing instId or with an unreadable fundingRate/ts", input, &diagnostics)
        }
        guard instId.hasSuffix("-SWAP") else { diagnostics.outOfScope += 1; return }
        guard let rate else { diagnostics.ignored += 1; return }
        events.append(.mark(MarkFunding(recv: input.recv, ts: ts ?? input.recv, stream: .okxSwap, symbol: unified(instId), rawSymbol: instId,
                                        mark: nil, fundingRate: rate, nextFunding: fundingTime)))
    }

    /// `open-interest` element: `oiCcy` is open interest in the base currency, `oiUsd` in USD.
    ///
    ///     {"instId":"ETH-USDT-SWAP","instType":"SWAP","oi":"6385848.98","oiCcy":"638584.898",
    ///      "oiUsd":"1737793854.62","ts":"1790165111452"}
    mutating func decodeOpenInterest(_ s: inout JSONScanner, _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard s.beginObject() else { return malformed("data element is not an object", input, &diagnostics) }
        var instId: JSONSlice?, oiCcy: JSONSlice?, oiUsd: JSONSlice?, ts: JSONSlice?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "instId") { instId = v }
            else if s.equals(key, "oiCcy") { oiCcy = v }
            else if s.equals(key, "oiUsd") { oiUsd = v }
            else if s.equals(key, "ts") { ts = v }
        }
        guard !s.failed else { return malformed("open-interest missing instId/oiCcy/ts", input, &diagnostics) }
        emitOpenInterest(instId: instId, oiCcy: oiCcy, oiUsd: oiUsd, ts: ts, s, input, into: &events, diagnostics: &diagnostics)
    }

    @inline(__always)
    mutating func emitOpenInterest(instId: JSONSlice?, oiCcy: JSONSlice?, oiUsd: JSONSlice?, ts: JSONSlice?, _ s: JSONScanner,
                                   _ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard let instId = instId.flatMap({ s.symbol($0) }), let oiCcy = oiCcy.flatMap({ s.decimal($0) }), let ts = ts.flatMap({ s.millis($0) }) else {
            return malformed("open-interest missing instId/oiCcy/ts", input, &diagnostics)
        }
        let oiUsd = oiUsd.flatMap { s.decimal($0) }
        guard instId.hasSuffix("-SWAP") else { diagnostics.outOfScope += 1; return }
        events.append(.openInterest(OpenInterest(recv: input.recv, ts: ts, stream: .okxSwap, symbol: unified(instId), rawSymbol: instId,
                                                 oi: oiCcy, oiUSDCents: oiUsd?.roundedCents ?? nil)))
    }
}
