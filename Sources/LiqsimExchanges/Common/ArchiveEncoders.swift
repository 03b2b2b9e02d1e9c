import LiqsimCore

/// One encoder per venue for archive rows of any venue (Tardis CSV): Binance rows go
/// through `BinanceArchiveEncoder`, Bybit and OKX rows through their venue's encoder
/// (OKX with the contract values its decoder falls back to).
public struct ArchiveEncoders {
    var binance = BinanceArchiveEncoder()
    var bybit = BybitEncoder()
    var okx = OKXEncoder(contracts: OKXContract.builtIn.mapValues { (kind: $0.kind, value: $0.value) })

    public init() {}

    public mutating func encode(_ row: ArchiveRow, stream: StreamID, into out: OutputBuffer) -> ArchiveOutput {
        if stream == .binanceUSDM { return binance.encode(row, into: out) }
        let event: MarketEvent
        switch row.item {
        case .event(let e): event = e
        case .openInterest(let o): event = .openInterest(o)
        case .longShort, .funding: return .unencodable
        }
        let ok = stream == .bybitLinear ? bybit.encodeFrame(event, into: out) : okx.encodeFrame(event, into: out)
        return ok ? .frame : .unencodable
    }
}
