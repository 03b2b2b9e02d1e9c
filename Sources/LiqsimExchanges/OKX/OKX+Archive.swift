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
}
