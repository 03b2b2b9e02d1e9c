import LiqsimCore

extension OKXAdapter {
    mutating func decodeREST(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        if input.url.contains("/api/v5/public/instruments") {
            decodeInstruments(input, into: &events, diagnostics: &diagnostics)
        } else if input.url.contains("/api/v5/rubik/stat/contracts/long-short-account-ratio") {
            decodeLongShort(input, into: &events, diagnostics: &diagnostics)
        } else {
            diagnostics.record(.unknownChannel, "REST \(String(decoding: input.url, as: UTF8.self))", recv: input.recv)
        }
    }

    /// `GET /api/v5/public/instruments?instType=SWAP`: learns `ctVal`/`ctType` of every swap
    /// (replacing the built-in table) and emits one `instrument` event per swap.
    ///
    ///     {"code":"0","data":[{"ctType":"linear","ctVal":"0.01","ctValCcy":"BTC","instId":"BTC-USDT-SWAP",
    ///      "instType":"SWAP","settleCcy":"USDT","state":"live", …}, …]}
    mutating func decodeInstruments(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        guard let rows = dataArray(input, &diagnostics) else { return }
        var a = rows
        // Applied only when the whole response is valid: never a half-loaded table.
        var learned: [(Symbol, OKXContract)] = []
        var found: [MarketEvent] = []
        while a.nextElement() {
            guard let el = a.value(), el.kind == .object else { return malformed("instrument is not an object", input, &diagnostics) }
            var s = a.nested(el)
            _ = s.beginObject()
            var instId: Symbol?, ctType: JSONSlice?, ctVal: FixedDecimal?
            while let key = s.nextKey() {
                guard let v = s.value() else { break }
                if s.equals(key, "instId") { instId = s.symbol(v) }
                else if s.equals(key, "ctType") { ctType = v }
                else if s.equals(key, "ctVal") { ctVal = s.decimal(v) }
            }
            guard !s.failed, let instId else { return malformed("instrument without instId", input, &diagnostics) }
            guard instId.hasSuffix("-SWAP") else { continue }
            guard let ctVal, ctVal.isPositive, let ctType else { return malformed("swap \(instId) without ctType/ctVal", input, &diagnostics) }
            let kind: ContractKind = s.equals(ctType, "inverse") ? .inverse : .linear
            learned.append((instId, OKXContract(kind: kind, value: ctVal)))
            found.append(.instrument(Instrument(recv: input.recv, stream: .okxSwap, symbol: okxUnifiedSymbol(instId), rawSymbol: instId,
                                                contractKind: kind, contractValue: ctVal)))
        }
        if a.failed { return malformed("invalid instruments array", input, &diagnostics) }
        for (id, contract) in learned { learn(id, contract) }
        events.append(contentsOf: found)
    }

    /// `GET /api/v5/rubik/stat/contracts/long-short-account-ratio?ccy=BTC&period=5m` or
    /// `…/long-short-account-ratio-contract?instId=BTC-USDT-SWAP&period=5m` (OKX v5 docs), newest first:
    ///
    ///     {"code":"0","data":[["1701417600000","1.1739"],["1701417300000","1.1697"]],"msg":""}
    ///
    /// The symbol comes from the URL (`ccy=BTC` → `BTCUSDT`); long_pct = ratio ÷ (1 + ratio) × 100,
    /// 2 decimals.
    mutating func decodeLongShort(_ input: ExchangeInput, into events: inout [MarketEvent], diagnostics: inout StreamDiagnostics) {
        let symbol: Symbol?
        if let inst = input.url.queryValue("instId") { symbol = Symbol(inst).map(okxUnifiedSymbol) }
        else if let ccy = input.url.queryValue("ccy") { symbol = Symbol(ccy.uppercased() + "USDT") }
        else { symbol = nil }
        guard let symbol else { return malformed("long/short URL without ccy or instId", input, &diagnostics) }
        guard var a = dataArray(input, &diagnostics) else { return }
        var rows: [LongShortRatio] = []
        let one = FixedDecimal(mantissa: 1, scale: 0)
        while a.nextElement() {
            guard let el = a.value(), el.kind == .array else { return malformed("long/short row is not an array", input, &diagnostics) }
            var r = a.nested(el)
            _ = r.beginArray()
            var cells: [JSONSlice] = []
            while r.nextElement() { if let v = r.value() { cells.append(v) } }
            guard !r.failed, cells.count >= 2, let ts = r.millis(cells[0]), let ratio = r.decimal(cells[1]),
                  let denominator = ratio.adding(one), let share = ratio.divided(by: denominator, resultScale: 4) else {
                return malformed("long/short row is not [ts, ratio]", input, &diagnostics)
            }
            rows.append(LongShortRatio(recv: input.recv, ts: ts, stream: .okxSwap, symbol: symbol,
                                       longPct: FixedDecimal(mantissa: share.mantissa, scale: 2), ratio: ratio))
        }
        if a.failed { return malformed("invalid long/short array", input, &diagnostics) }
        emitNewRatios(rows, last: &lastRatioTime, into: &events)
    }

    /// A scanner inside the body's `data` array, checking `code` is "0".
    private func dataArray(_ input: ExchangeInput, _ diagnostics: inout StreamDiagnostics) -> JSONScanner? {
        var s = JSONScanner(input.payload)
        guard s.beginObject() else { malformed("REST body is not an object", input, &diagnostics); return nil }
        var data: JSONSlice?, code: JSONSlice?
        while let key = s.nextKey() {
            guard let v = s.value() else { break }
            if s.equals(key, "data") { data = v } else if s.equals(key, "code") { code = v }
        }
        guard !s.failed, let data, data.kind == .array else { malformed("REST body without data array", input, &diagnostics); return nil }
        if let code, !s.equals(code, "0") { malformed("REST error code \(String(decoding: s.raw(code), as: UTF8.self))", input, &diagnostics); return nil }
        var a = s.nested(data)
        _ = a.beginArray()
        return a
    }
}

extension FixedDecimal {
    /// Exact sum; nil on overflow.
    func adding(_ other: FixedDecimal) -> FixedDecimal? {
        let scale = max(self.scale, other.scale)
        var a = Int128(mantissa), b = Int128(other.mantissa)
        for _ in 0..<Int(scale - self.scale) { a *= 10 }
        for _ in 0..<Int(scale - other.scale) { b *= 10 }
        let sum = a + b
        guard sum.magnitude <= Int128(Int64.max).magnitude else { return nil }
        return FixedDecimal(mantissa: Int64(sum), scale: scale)
    }
}
