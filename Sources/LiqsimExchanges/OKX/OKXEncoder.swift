import LiqsimCore

/// Writes OKX v5 public swap frames (`okx-swap`): `trades`, `liquidation-orders`,
/// `mark-price`, `funding-rate` and `open-interest`; REST bodies in `OKXEncoder+REST.swift`.
///
/// Events carry `rawSymbol` = the instId (`BTC-USDT-SWAP`) and `symbol` = its unified form
/// (`BTCUSDT`). Sizes go on the wire in **contracts** using the `contracts` table given at
/// init, which must match what the decoder knows (its built-in table, or an
/// `instrumentsBody` decoded first): linear `sz = qty ÷ ctVal`, which must come out a whole
/// number of contracts whose decoded quantity is exactly `qty` (digits included: with
/// ctVal 0.01, qty `0.05` ⇒ sz `5`, qty `0.050` ⇒ sz `5.0`, qty `5` is rejected because it
/// decodes as `5.00`); inverse `sz = qty × price ÷ ctVal`, checked the same way.
///
/// The decoder drops a liquidation identical (instId, ts, size, price, side) to one of
/// the last 8,192 as an OKX backlog resend; the encoder mirrors that table and refuses
/// such a repeat. `tradeId` and `seqId` come from per-instId counters starting at 1.
public struct OKXEncoder: ExchangeEncoder, Sendable {
    public static let stream = StreamID.okxSwap

    var contracts: [Symbol: OKXContract]
    var nextTradeId: [Symbol: Int64] = [:]
    var nextSeqId: [Symbol: Int64] = [:]
    /// Funding rate last written per instId (the next frame's `settFundingRate`).
    var lastFunding: [Symbol: FixedDecimal] = [:]
    /// The decoder's backlog de-duplication, mirrored.
    var dedup = RecentLiquidations(capacity: 8_192)

    /// `contracts` is keyed by raw instId (`Symbol("BTC-USDT-SWAP")`).
    public init(contracts: [Symbol: (kind: ContractKind, value: FixedDecimal)]) {
        self.contracts = contracts.mapValues { OKXContract(kind: $0.kind, value: $0.value) }
    }

    /// Appends a `trades`, `liquidation-orders`, `mark-price` (mark event with a mark and no
    /// funding), `funding-rate` (mark event with a funding rate and no mark) or
    /// `open-interest` frame (shapes on the `append…` functions). A mark event with both or
    /// neither, long/short ratios (REST-only) and instruments (`instrumentsBody`): false.
    ///
    ///     {"arg":{"channel":"trades","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","tradeId":"1","px":"83772.6","sz":"5",…}]}
    ///     {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[{"bkLoss":"0",…}],"instFamily":"BTC-USDT",…}]}
    ///     {"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","instType":"SWAP","markPx":"83679.8","ts":"…"}]}
    ///     {"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[{"formulaType":"withRate","fundingRate":"…",…}]}
    ///     {"arg":{"channel":"open-interest","instId":"ETH-USDT-SWAP"},"data":[{"instId":"ETH-USDT-SWAP","instType":"SWAP","oi":"…",…}]}
    public mutating func encodeFrame(_ event: MarketEvent, into out: OutputBuffer) -> Bool {
        guard event.stream == Self.stream, let ms = event.timeMillis, event.rawSymbol.hasSuffix("-SWAP"),
              okxUnifiedSymbol(event.rawSymbol) == event.symbol else { return false }
        switch event {
        case .trade(let t): return appendTrade(t, ms: ms, into: out)
        case .liquidation(let l): return appendLiquidation(l, ms: ms, into: out)
        case .mark(let m):
            if let mark = m.mark, m.fundingRate == nil, m.nextFunding == nil { appendMarkPrice(m.rawSymbol, mark, ms: ms, into: out); return true }
            if m.mark == nil, let rate = m.fundingRate { return appendFundingRate(m.rawSymbol, rate, next: m.nextFunding, ms: ms, into: out) }
            return false
        case .openInterest(let o): return appendOpenInterest(o, ms: ms, into: out)
        case .longShortRatio, .instrument: return false
        }
    }

    /// `trades` with one element (`sz` in contracts). Real frame (2026; a spot instId there):
    ///
    ///     {"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"1062992715",
    ///      "px":"83772.6","sz":"0.0000178","side":"buy","ts":"1790358565298","count":"1","source":"1","seqId":81625379835}]}
    mutating func appendTrade(_ t: Trade, ms: Int64, into out: OutputBuffer) -> Bool {
        let id = t.rawSymbol
        guard let c = contracts[id], let sz = contractSize(t.qty, price: t.price, c) else { return false }
        let tradeId = nextTradeId[id, default: 1], seqId = nextSeqId[id, default: 1]
        nextTradeId[id] = tradeId + 1; nextSeqId[id] = seqId + 1
        out.append("{\"arg\":{\"channel\":\"trades\",\"instId\":\""); out.append(id)
        out.append("\"},\"data\":[{\"instId\":\""); out.append(id)
        out.append("\",\"tradeId\":"); out.appendQuoted(int: tradeId)
        out.append(",\"px\":"); out.appendQuoted(t.price)
        out.append(",\"sz\":"); out.appendQuoted(sz)
        out.append(t.side == .buy ? ",\"side\":\"buy\",\"ts\":" : ",\"side\":\"sell\",\"ts\":"); out.appendQuoted(int: ms)
        out.append(",\"count\":\"1\",\"source\":\"0\",\"seqId\":"); out.append(int: seqId)
        out.append("}]}")
        return true
    }

    /// `liquidation-orders` with one instrument and one detail: `bkPx` = price, `sz` in
    /// contracts, `posSide` the liquidated position, `side` the closing order (`sell` closes a
    /// long). False when `usdCents` differs from the decoder's, or for a repeat. Real frame:
    ///
    ///     {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[{"bkLoss":"0",
    ///      "bkPx":"0.4162","ccy":"","posSide":"short","side":"buy","sz":"2137","ts":"1789669898955"}],
    ///      "instFamily":"CNPY-USDT","instId":"CNPY-USDT-SWAP","instType":"SWAP","uly":"CNPY-USDT"}]}
    mutating func appendLiquidation(_ l: Liquidation, ms: Int64, into out: OutputBuffer) -> Bool {
        let id = l.rawSymbol
        guard let c = contracts[id], let sz = contractSize(l.qty, price: l.price, c),
              c.amounts(contracts: sz, price: l.price)?.usdCents == l.usdCents,
              dedup.insert(.init(instId: id, ts: l.ts.rawValue, sz: sz, px: l.price, side: l.side)) else { return false }
        out.append("{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":[{\"details\":[{\"bkLoss\":\"0\",\"bkPx\":")
        out.appendQuoted(l.price)
        out.append(l.side == .long ? ",\"ccy\":\"\",\"posSide\":\"long\",\"side\":\"sell\",\"sz\":" : ",\"ccy\":\"\",\"posSide\":\"short\",\"side\":\"buy\",\"sz\":")
        out.appendQuoted(sz)
        out.append(",\"ts\":"); out.appendQuoted(int: ms)
        out.append("}],\"instFamily\":\""); out.appendWithoutLastDashPart(id)
        out.append("\",\"instId\":\""); out.append(id)
        out.append("\",\"instType\":\"SWAP\",\"uly\":\""); out.appendWithoutLastDashPart(id)
        out.append("\"}]}")
        return true
    }

    /// `mark-price` (mark only: OKX sends funding on its own channel). Real frame:
    ///
    ///     {"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP",
    ///      "instType":"SWAP","markPx":"83679.8","ts":"1790358817778"}]}
    func appendMarkPrice(_ id: Symbol, _ mark: FixedDecimal, ms: Int64, into out: OutputBuffer) {
        out.append("{\"arg\":{\"channel\":\"mark-price\",\"instId\":\""); out.append(id)
        out.append("\"},\"data\":[{\"instId\":\""); out.append(id)
        out.append("\",\"instType\":\"SWAP\",\"markPx\":"); out.appendQuoted(mark)
        out.append(",\"ts\":"); out.appendQuoted(int: ms)
        out.append("}]}")
    }

    /// `funding-rate`: `fundingRate` applies at `fundingTime` = the event's next funding time
    /// (required, whole ms); `nextFundingTime` is 8 h later, `prevFundingTime` 8 h earlier,
    /// `settFundingRate` the previous rate written for the instId (this one at first); the
    /// remaining fields are the real frame's constants. Real frame:
    ///
    ///     {"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[{"formulaType":"withRate",
    ///      "fundingRate":"0.0000263463215391","fundingTime":"1790380800000","impactValue":"20000.0000000000000000",
    ///      "instId":"BTC-USDT-SWAP","instType":"SWAP","interestRate":"0.0001000000000000","maxFundingRate":"0.00375",
    ///      "method":"current_period","minFundingRate":"-0.00375","nextFundingRate":"","nextFundingTime":"1790409600000",
    ///      "premium":"-0.0004010920207754","prevFundingTime":"1790352000000","settFundingRate":"0.0000341625964238",
    ///      "settState":"settled","ts":"1790358563915"}]}
    mutating func appendFundingRate(_ id: Symbol, _ rate: FixedDecimal, next: UnixNanos?, ms: Int64, into out: OutputBuffer) -> Bool {
        guard let fundingTime = next?.exactMillis else { return false }
        let settled = lastFunding[id] ?? rate
        lastFunding[id] = rate
        let eightHours: Int64 = 8 * 3_600_000
        out.append("{\"arg\":{\"channel\":\"funding-rate\",\"instId\":\""); out.append(id)
        out.append("\"},\"data\":[{\"formulaType\":\"withRate\",\"fundingRate\":"); out.appendQuoted(rate)
        out.append(",\"fundingTime\":"); out.appendQuoted(int: fundingTime)
        out.append(",\"impactValue\":\"20000.0000000000000000\",\"instId\":\""); out.append(id)
        out.append("\",\"instType\":\"SWAP\",\"interestRate\":\"0.0001000000000000\",\"maxFundingRate\":\"0.00375\"")
        out.append(",\"method\":\"current_period\",\"minFundingRate\":\"-0.00375\",\"nextFundingRate\":\"\",\"nextFundingTime\":")
        out.appendQuoted(int: fundingTime + eightHours)
        out.append(",\"premium\":\"0.0000000000000000\",\"prevFundingTime\":"); out.appendQuoted(int: fundingTime - eightHours)
        out.append(",\"settFundingRate\":"); out.appendQuoted(settled)
        out.append(",\"settState\":\"settled\",\"ts\":"); out.appendQuoted(int: ms)
        out.append("}]}")
        return true
    }

    /// `open-interest`: `oiCcy` = `oi` (base), `oi` the same in contracts (linear: oi ÷ ctVal,
    /// exact, else false; inverse: USD value ÷ ctVal, rounded, so the USD value is needed),
    /// `oiUsd` = `oiUSDCents` with 2 decimals (omitted when nil). Real frame:
    ///
    ///     {"arg":{"channel":"open-interest","instId":"ETH-USDT-SWAP"},"data":[{"instId":"ETH-USDT-SWAP",
    ///      "instType":"SWAP","oi":"6385848.98","oiCcy":"638584.898","oiUsd":"1737793854.62","ts":"1790165111452"}]}
    func appendOpenInterest(_ o: OpenInterest, ms: Int64, into out: OutputBuffer) -> Bool {
        guard let c = contracts[o.rawSymbol] else { return false }
        let count: FixedDecimal
        switch c.kind {
        case .linear:
            guard let n = o.oi.divided(by: c.value, resultScale: o.oi.scale), let back = n.multiplied(by: c.value),
                  decimalsEqual(back, o.oi) else { return false }
            count = n.trimmed
        case .inverse:
            guard let cents = o.oiUSDCents, let n = FixedDecimal(mantissa: cents, scale: 2).divided(by: c.value, resultScale: 0) else { return false }
            count = n
        }
        out.append("{\"arg\":{\"channel\":\"open-interest\",\"instId\":\""); out.append(o.rawSymbol)
        out.append("\"},\"data\":[{\"instId\":\""); out.append(o.rawSymbol)
        out.append("\",\"instType\":\"SWAP\",\"oi\":"); out.appendQuoted(count)
        out.append(",\"oiCcy\":"); out.appendQuoted(o.oi)
        if let cents = o.oiUSDCents { out.append(",\"oiUsd\":\""); out.append(cents: cents); out.append("\"") }
        out.append(",\"ts\":"); out.appendQuoted(int: ms)
        out.append("}]}")
        return true
    }

    /// The contract count whose decoded base quantity is exactly `qty` (see the type's notes), or nil.
    func contractSize(_ qty: FixedDecimal, price: FixedDecimal, _ c: OKXContract) -> FixedDecimal? {
        let candidate: FixedDecimal?
        switch c.kind {
        case .linear:
            let scale = qty.scale > c.value.scale ? qty.scale - c.value.scale : 0
            candidate = qty.divided(by: c.value, resultScale: scale)
        case .inverse:
            candidate = qty.multiplied(by: price)?.divided(by: c.value, resultScale: 0)
        }
        guard let sz = candidate, sz.isIntegral, c.amounts(contracts: sz, price: price)?.qty == qty else { return nil }
        return sz
    }

    /// Numeric equality of decimals of any scales (`5.0` == `5`).
    private func decimalsEqual(_ a: FixedDecimal, _ b: FixedDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        var x = Int128(a.mantissa), y = Int128(b.mantissa)
        for _ in a.scale..<s { x *= 10 }
        for _ in b.scale..<s { y *= 10 }
        return x == y
    }
}

extension FixedDecimal {
    /// The same value without trailing fractional zeros (`5.000` → `5`).
    var trimmed: FixedDecimal {
        var d = self
        while d.scale > 0 && d.mantissa % 10 == 0 { d.mantissa /= 10; d.scale -= 1 }
        return d
    }
}
