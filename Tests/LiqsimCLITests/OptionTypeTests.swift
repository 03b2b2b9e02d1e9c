import Testing
import LiqsimCLI
import LiqsimCore
@testable import liqsim

/// The option value types on their own: what each accepts, refuses and keeps.
@Suite("option value types")
struct OptionTypeTests {
    @Test func durations() throws {
        let d = try #require(DurationArg(argument: "1.5s"))
        #expect(d.nanoseconds == 1_500_000_000 && d.seconds == 1.5 && d.text == "1.5s" && d.defaultValueDescription == "1.5s")
        #expect(d.duration == .milliseconds(1500))
        #expect(DurationArg(argument: "2d")?.nanoseconds == 172_800_000_000_000)
        #expect(DurationArg(argument: "250us")?.nanoseconds == 250_000)
        for bad in ["", "5", "5x", "0s", "-1s", "nans", "1e12d"] { #expect(DurationArg(argument: bad) == nil, "\(bad)") }
        #expect(DurationArg(argument: "5m")!.isWhole(.seconds(60)) && !DurationArg(argument: "90s")!.isWhole(.seconds(60)))
        #expect(!DurationArg(argument: "500ms")!.isWhole(.seconds(1)) && DurationArg(argument: "2s")!.isWhole(.seconds(1)))
        #expect(DurationOrOff(argument: "off")?.span == nil && DurationOrOff(argument: "off")?.defaultValueDescription == "off")
        #expect(DurationOrOff(argument: "10m")?.span?.seconds == 600 && DurationOrOff(argument: "Off") == nil)
    }

    @Test func times() {
        #expect(TimeArg(argument: "2026-01-01")?.time == UnixNanos(1_767_225_600_000_000_000))
        #expect(TimeArg(argument: "2026-01-01T00:00:00.250Z")?.time == UnixNanos(1_767_225_600_250_000_000))
        #expect(TimeArg(argument: "1791091027107000000")?.time == UnixNanos(1_791_091_027_107_000_000))
        for bad in ["yesterday", "2026-13-01", "2026-01-01T25:00:00Z", "2026-01-01T00:00:00+01:00"] { #expect(TimeArg(argument: bad) == nil, "\(bad)") }
    }

    @Test func commaLists() {
        let symbols = SymbolList(argument: " btcusdt ,BTC-USDT-SWAP,,ETHUSDT,btcusdt")
        #expect(symbols?.elements.map(\.description) == ["BTCUSDT", "BTC-USDT-SWAP", "ETHUSDT", "BTCUSDT"])
        #expect(symbols?.distinct.map(\.description) == ["BTCUSDT", "BTC-USDT-SWAP", "ETHUSDT"])
        #expect(SymbolList(argument: "") == nil && SymbolList(argument: ",") == nil && SymbolList(argument: "BTC\"USDT") == nil)
        #expect(StreamList(argument: "okx, binance-usdm,BYBIT")?.elements == [.okxSwap, .binanceUSDM, .bybitLinear])
        #expect(StreamList(argument: "okx,kraken") == nil)
        #expect(CommaList<DurationArg>(argument: "1m,5m")?.elements.map(\.nanoseconds) == [60_000_000_000, 300_000_000_000])
    }

    @Test func smallerValues() {
        #expect(ListenAddress(argument: "0.0.0.0:0").map { [$0.host, String($0.port)] } == ["0.0.0.0", "0"])
        #expect(ListenAddress(argument: "[::1]:9001")?.host == "::1")
        for bad in ["9001", "h:", "h:65536", "h:-1", "h:x"] { #expect(ListenAddress(argument: bad) == nil, "\(bad)") }
        #expect(BucketWidth(argument: "auto") == .auto && BucketWidth(argument: "0.5")?.width == FixedDecimal("0.5"))
        for bad in ["0", "-5", "0.000000001", "x"] { #expect(BucketWidth(argument: bad) == nil, "\(bad)") }
        #expect(PercentArg(argument: "12.5%")?.percent == 12.5 && PercentArg(argument: "10")?.percent == 10 && PercentArg(argument: "0%") == nil)
        #expect(LeverageTiers(argument: "10:0.5,25:0.5")?.tiers.count == 2 && LeverageTiers(argument: "1:1") == nil)
        #expect(OutputFormat(argument: "md") == .markdown && OutputFormat(argument: "markdown") == nil)
    }
}
