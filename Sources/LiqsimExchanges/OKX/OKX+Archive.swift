import LiqsimCore

extension OKX {
    public static var tardisExchanges: [String] { ["okex-swap", "okx-swap"] }
    /// `BTC-USDT-SWAP` → `BTCUSDT`.
    public static func unifiedSymbol(_ raw: Symbol) -> Symbol { okxUnifiedSymbol(raw) }

    /// OKX archive amounts are contracts: base units and USD through the contract values
    /// the OKX decoder falls back to (nil for an instrument without one).
    public static func archiveAmounts(_ amount: FixedDecimal, price: FixedDecimal, raw: Symbol) -> (qty: FixedDecimal, usdCents: Int64)? {
        OKXContract.builtIn[raw]?.amounts(contracts: amount, price: price).map { ($0.qty, $0.usdCents) }
    }

    /// Tardis polls OKX's `GET /api/v5/public/liquidation-orders` and writes each new
    /// liquidation as a `liquidations` frame, the instrument in `arg`, one detail per element:
    ///
    ///     {"arg":{"channel":"liquidations","instId":"BTC-USDT-SWAP","generated":true},
    ///      "data":[{"bkLoss":"0","bkPx":"49674.2","ccy":"","posSide":"short","side":"buy","sz":"40","ts":"1640140211925"}]}
    ///
    /// The elements are the live `liquidation-orders` channel's `details` field for field, so
    /// the frame becomes that channel's frame for the instrument, the rows verbatim:
    ///
    ///     {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[…],"instId":"BTC-USDT-SWAP","instType":"SWAP"}]}
    ///
    /// and the adapter decodes it as when `record` receives it (contracts through the
    /// instrument's contract value, `posSide` the liquidated side, polled repeats dropped as
    /// resends). Other polled OKX series are reported.
    public static func tardisGenerated(_ frame: String) -> TardisGenerated {
        guard TardisFrame.isGenerated(frame) else { return .notGenerated }
        let channel = TardisFrame.channel(frame) ?? "?"
        guard channel == "liquidations" else {
            return .unsupported(channel: channel, reason: "a REST-polled series with no live counterpart in liqsim (okx-swap decodes liquidations)")
        }
        let bytes = Array(frame.utf8)
        guard let argSpan = RawJSON.member(bytes, key: "arg"), let dataSpan = RawJSON.member(bytes, key: "data"), bytes[dataSpan.lowerBound] == UInt8(ascii: "[") else {
            return .unsupported(channel: channel, reason: "a generated liquidations frame without arg and a data array")
        }
        let arg = Array(bytes[argSpan])
        guard let instSpan = RawJSON.member(arg, key: "instId"), arg[instSpan.lowerBound] == UInt8(ascii: "\""),
              let instId = Symbol(RawJSON.unquoted(arg, instSpan)) else {
            return .unsupported(channel: channel, reason: "a generated liquidations frame without arg.instId")
        }
        return .frame(#"{"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":"#
                      + String(decoding: bytes[dataSpan], as: UTF8.self) + #","instId":""# + instId.description + #"","instType":"SWAP"}]}"#)
    }
}
