import LiqsimCore

extension Bybit {
    public static var tardisExchanges: [String] { ["bybit"] }
    /// `BTCPERP` → `BTCUSDC`; USDT contracts keep their name.
    public static func unifiedSymbol(_ raw: Symbol) -> Symbol { bybitUnifiedSymbol(raw) }
}
