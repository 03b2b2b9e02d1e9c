import LiqsimCore

extension OKXEncoder {
    /// The URL whose response `instrumentsBody` imitates:
    ///
    ///     https://www.okx.com/api/v5/public/instruments?instType=SWAP
    public static let instrumentsURL = "https://www.okx.com/api/v5/public/instruments?instType=SWAP"

    /// `GET /api/v5/public/instruments?instType=SWAP` response body, one row per instrument
    /// in the given order, in the real 2022 row shape: `ctType`/`ctVal` from the instrument,
    /// `ctValCcy` the base (linear) or `USD` (inverse), `settleCcy` the quote (linear) or the
    /// base (inverse), `uly` the instId without `-SWAP`; the other fields are the real row's
    /// constants. The decoder keeps only `-SWAP` rows, and learns their contract values from
    /// this body — they should match the table this encoder was made with. Real row:
    ///
    ///     {"code":"0","data":[{"alias":"","baseCcy":"","category":"1","ctMult":"1","ctType":"linear","ctVal":"0.01",
    ///      "ctValCcy":"BTC","expTime":"","instId":"BTC-USDT-SWAP","instType":"SWAP","lever":"125",
    ///      "listTime":"1611916828000","lotSz":"1","minSz":"1","optType":"","quoteCcy":"","settleCcy":"USDT",
    ///      "state":"live","stk":"","tickSz":"0.1","uly":"BTC-USDT"}, …],"msg":""}
    public func instrumentsBody(_ instruments: [Instrument], into out: OutputBuffer) {
        out.append("{\"code\":\"0\",\"data\":[")
        for (i, inst) in instruments.enumerated() {
            let id = inst.rawSymbol
            let linear = inst.contractKind == .linear
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append("{\"alias\":\"\",\"baseCcy\":\"\",\"category\":\"1\",\"ctMult\":\"1\",\"ctType\":\""); out.append(inst.contractKind.jsonValue)
            out.append("\",\"ctVal\":"); out.appendQuoted(inst.contractValue)
            out.append(",\"ctValCcy\":\"")
            if linear { out.appendDashPart(id, 0) } else { out.append("USD") }
            out.append("\",\"expTime\":\"\",\"instId\":\""); out.append(id)
            out.append("\",\"instType\":\"SWAP\",\"lever\":\"125\",\"listTime\":\"1611916828000\",\"lotSz\":\"1\",\"minSz\":\"1\"")
            out.append(",\"optType\":\"\",\"quoteCcy\":\"\",\"settleCcy\":\"")
            out.appendDashPart(id, linear ? 1 : 0)
            out.append("\",\"state\":\"live\",\"stk\":\"\",\"tickSz\":\"0.1\",\"uly\":\""); out.appendWithoutLastDashPart(id)
            out.append("\"}")
        }
        out.append("],\"msg\":\"\"}")
    }

    /// `GET /api/v5/rubik/stat/contracts/long-short-account-ratio-contract` response body, one
    /// period (OKX v5 docs example):
    ///
    ///     {"code":"0","data":[["1701417600000","1.1739"]],"msg":""}
    ///
    /// Only `r.ts` and `r.ratio` are written; the symbol comes from the URL. The decoder derives
    /// long_pct = ratio ÷ (1 + ratio) × 100 at 2 decimals (1.1739 ⇒ 54.00), so `r.longPct` must
    /// hold that for a round trip; it emits only periods newer than the last one seen.
    public func longShortBody(_ r: LongShortRatio, into out: OutputBuffer) {
        out.append("{\"code\":\"0\",\"data\":[["); out.appendQuoted(int: r.ts.millis)
        out.append(","); out.appendQuoted(r.ratio)
        out.append("]],\"msg\":\"\"}")
    }

    /// The URL whose response `longShortBody` imitates (by instId):
    ///
    ///     https://www.okx.com/api/v5/rubik/stat/contracts/long-short-account-ratio-contract?instId=BTC-USDT-SWAP&period=5m
    public static func longShortURL(_ instId: Symbol) -> String {
        "https://www.okx.com/api/v5/rubik/stat/contracts/long-short-account-ratio-contract?instId=\(instId)&period=5m"
    }
}
