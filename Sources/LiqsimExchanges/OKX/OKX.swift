import LiqsimCore

/// OKX USDT swaps (`okx-swap`).
public enum OKX: Venue {
    public static let stream = StreamID.okxSwap
    public static func makeAdapter() -> any ExchangeAdapter { OKXAdapter() }
    public static let facts = VenueFacts()
}
