import LiqsimCore

/// One OKX swap's contract: kind and `ctVal`.
struct OKXContract: Sendable, Equatable {
    var kind: ContractKind
    var value: FixedDecimal

    /// Base quantity and USD notional (cents) of `contracts` at `price`.
    /// Inverse base quantities are rounded to 8 decimals. Nil when out of range.
    func amounts(contracts: FixedDecimal, price: FixedDecimal) -> (qty: FixedDecimal, usdCents: Int64)? {
        switch kind {
        case .linear:
            guard let qty = contracts.multiplied(by: value), let usd = FixedDecimal.productCents(qty, price) else { return nil }
            return (qty, usd)
        case .inverse:
            guard let usd = contracts.multiplied(by: value), let qty = usd.divided(by: price, resultScale: 8), let cents = usd.roundedCents else { return nil }
            return (qty, cents)
        }
    }

    /// Fallback when a capture has no instruments response. Values from OKX's
    /// instruments endpoint (BTC/ETH USD and USDT swaps as in the 2022 fixture response;
    /// SOL/XRP/DOGE from OKX's published contract specifications). A recorded response
    /// always replaces these.
    static let builtIn: [Symbol: OKXContract] = {
        let table: [(String, ContractKind, String)] = [
            ("BTC-USDT-SWAP", .linear, "0.01"), ("ETH-USDT-SWAP", .linear, "0.1"), ("SOL-USDT-SWAP", .linear, "1"),
            ("XRP-USDT-SWAP", .linear, "100"), ("DOGE-USDT-SWAP", .linear, "1000"),
            ("BTC-USD-SWAP", .inverse, "100"), ("ETH-USD-SWAP", .inverse, "10"),
        ]
        var out: [Symbol: OKXContract] = [:]
        for (id, kind, v) in table { out[Symbol(id)!] = OKXContract(kind: kind, value: FixedDecimal(v)!) }
        return out
    }()
}
