// Fixtures: none (core value types). Expected civil times were computed independently
// with Python's datetime (UTC) before writing the assertions.
import Testing
import LiqsimCore
import LiqsimExchanges
import LiqsimPipeline

@Suite struct ExchangesCoreTypesTests {
    // MARK: FixedDecimal parsing and printing

    @Test(arguments: [
        ("82651.90", "82651.90", Int64(8265190), UInt8(2)),
        ("-0.0001", "-0.0001", -1, 4),
        ("0", "0", 0, 0),
        ("1.", "1", 1, 0),
        ("0.190", "0.190", 190, 3),
        ("0.1355000", "0.1355000", 1355000, 7),
        ("0.0000263463215391", "0.0000263463215391", 263463215391, 16),
        ("007.50", "7.50", 750, 2),
        ("+3", "3", 3, 0),
        (".5", "0.5", 5, 1),
        ("0.000", "0.000", 0, 3),
        ("123456789012345678", "123456789012345678", 123456789012345678, 0),
        ("0.123456789012345678", "0.123456789012345678", 123456789012345678, 18),
    ])
    func fixedDecimalParsesAndPrintsBack(text: String, printed: String, mantissa: Int64, scale: UInt8) throws {
        let d = try #require(FixedDecimal(text))
        #expect(d.mantissa == mantissa)
        #expect(d.scale == scale)
        #expect(d.description == printed)
    }

    @Test(arguments: ["", "1e5", "1E5", "NaN", "nan", "inf", "1.2.3", "-", ".", "+", "abc", " 1", "1 ", "1,5", "0x10", "--1",
                      "1234567890123456789",          // 19 significant digits
                      "12345678901234567.89",         // 19 significant digits with a point
                      "0.0000000000000000001"])       // scale 19
    func fixedDecimalRejects(text: String) {
        #expect(FixedDecimal(text) == nil)
    }

    @Test func fixedDecimalDoubleValue() throws {
        #expect(try #require(FixedDecimal("82651.90")).doubleValue == 82651.90)
        #expect(try #require(FixedDecimal("-0.0001")).doubleValue == -0.0001)
    }

    // MARK: Cents

    @Test func productCentsRoundsHalfAwayFromZero() throws {
        func c(_ a: String, _ b: String) throws -> Int64? {
            FixedDecimal.productCents(try #require(FixedDecimal(a)), try #require(FixedDecimal(b)))
        }
        #expect(try c("0.190", "82651.90") == 1570386)    // 15703.861 → 15703.86 (SPEC example)
        #expect(try c("5", "0.1355000") == 68)            // 0.6775 → 0.68
        #expect(try c("19.7", "2.585") == 5092)           // 50.9245 → 50.92
        #expect(try c("0.5", "0.01") == 1)                // 0.005 → 0.01 (half up)
        #expect(try c("-0.5", "0.01") == -1)              // -0.005 → -0.01 (half away from zero)
        #expect(try c("0.4", "0.01") == 0)                // 0.004 → 0.00
        #expect(try c("-0.4", "0.01") == 0)
        #expect(try c("3", "2") == 600)                   // scale 0 × scale 0
        #expect(try c("0", "82651.90") == 0)
        // Out of range (fuzzer-found: such products overflowed the ×100): nil, never a trap.
        #expect(try c("900000000000000000", "999999999999999999") == nil)
        #expect(try c("0.000000000000000001", "0.000000000000000001") == 0)
    }

    /// Quotients whose scaling would overflow 128 bits are nil (fuzzer-found traps).
    @Test func dividedOutOfRangeIsNil() throws {
        let tiny = try #require(FixedDecimal("0.000000000000000001"))
        #expect(try #require(FixedDecimal("1000000000000")).divided(by: tiny, resultScale: 8) == nil)
        #expect(try #require(FixedDecimal("20000000000000000")).divided(by: tiny, resultScale: 4) == nil)
        #expect(try #require(FixedDecimal("0.5777")).divided(by: try #require(FixedDecimal("0.4223")), resultScale: 4) == FixedDecimal("1.3680"))
        #expect(try #require(FixedDecimal("1")).divided(by: .zero, resultScale: 4) == nil)
    }

    @Test func roundedCents() throws {
        #expect(try #require(FixedDecimal("1737793854.62")).roundedCents == 173779385462)
        #expect(try #require(FixedDecimal("1.005")).roundedCents == 101)
        #expect(try #require(FixedDecimal("-1.005")).roundedCents == -101)
        #expect(try #require(FixedDecimal("1.004")).roundedCents == 100)
        #expect(try #require(FixedDecimal("7")).roundedCents == 700)
        #expect(try #require(FixedDecimal("7.5")).roundedCents == 750)
    }

    @Test func outputBufferCentsAndDecimals() {
        let out = OutputBuffer(capacity: 64)
        out.append(cents: 1570386); out.append(" ")
        out.append(cents: 68); out.append(" ")
        out.append(cents: 5); out.append(" ")
        out.append(cents: -5); out.append(" ")
        out.append(cents: 0); out.append(" ")
        out.append(groupedCents: 87520000)
        #expect(out.string == "15703.86 0.68 0.05 -0.05 0.00 875,200.00")
    }

    // MARK: UnixNanos / UTCDateTime

    @Test(arguments: [
        (Int64(1786172557615000000), "2026-08-08T07:02:37.615Z"),
        (1709209815250000000, "2024-02-29T12:30:15.250Z"),     // leap day
        (951782400000000000, "2000-02-29T00:00:00.000Z"),      // leap century
        (4102444799999000000, "2099-12-31T23:59:59.999Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (-86400000000000, "1969-12-31T00:00:00.000Z"),
        (-1000000, "1969-12-31T23:59:59.999Z"),
    ])
    func civilConversion(ns: Int64, iso: String) {
        #expect(UnixNanos(ns).description == iso)
        #expect(UTCDateTime(UnixNanos(ns)).iso8601Millis == iso)
    }

    @Test func civilFieldsAndFormats() {
        let t = UTCDateTime(UnixNanos(1786172557615000000))
        #expect(t.year == 2026 && t.month == 8 && t.day == 8)
        #expect(t.hour == 7 && t.minute == 2 && t.second == 37)
        #expect(t.nanos == 615000000)
        #expect(t.compactDate == "20260808")
        #expect(t.clock == "07:02:37")
        let before = UTCDateTime(UnixNanos(-1))
        #expect(before.year == 1969 && before.month == 12 && before.day == 31)
        #expect(before.hour == 23 && before.minute == 59 && before.second == 59 && before.nanos == 999_999_999)
    }

    @Test func daysFromCivil() {
        #expect(UTCDateTime.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(UTCDateTime.daysFromCivil(year: 2024, month: 2, day: 29) == 19782)
        #expect(UTCDateTime.daysFromCivil(year: 1600, month: 3, day: 1) == -135080)
    }

    @Test func unixNanosMillis() {
        #expect(UnixNanos(millis: 1786172556607).rawValue == 1786172556607000000)
        #expect(UnixNanos(1786172556607999999).millis == 1786172556607)
    }

    // MARK: TimeArgument

    @Test(arguments: [
        ("2026-01-01T00:00:00Z", Int64(1767225600000000000)),
        ("2026-01-01", 1767225600000000000),
        ("2026-08-08T07:02:37.615Z", 1786172557615000000),
        ("2026-08-08T07:02:37.123456789Z", 1786172557123456789),
        ("2026-08-08 07:02:37.615Z", 1786172557615000000),
        ("2026-08-08T07:02:37.615", 1786172557615000000),
        ("2024-02-29", 1709164800000000000),
        ("2000-03-01T00:00Z", 951868800000000000),
        ("1969-12-31T23:59:59.5Z", -500000000),
        ("1786172557615000000", 1786172557615000000),
        ("0", 0),
    ])
    func timeArgumentParses(text: String, ns: Int64) {
        #expect(TimeArgument.parse(text)?.rawValue == ns)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "2026-00-10", "2026-01-32", "2026/01/01", "2026-01-01T25:00:00Z",
                      "2026-01-01T00:60:00Z", "2026-01-01T00:00:00+02:00", "2026-01-01T00:00:00.Z", "2026-01-01T", "2026-1-1",
                      "2026-01-01Z", "2026-01-01T00:00:00ZZ"])
    func timeArgumentRejects(text: String) {
        #expect(TimeArgument.parse(text) == nil)
    }

    // MARK: Symbol and StreamID

    @Test func symbolBasics() throws {
        let s = try #require(Symbol("btcusdt"))
        #expect(s.uppercased.description == "BTCUSDT")
        #expect(try #require(Symbol("BTC-USDT-SWAP")).hasSuffix("-SWAP"))
        #expect(Symbol("") == nil)
        #expect(Symbol(String(repeating: "A", count: 33)) == nil)
        #expect(Symbol(String(repeating: "A", count: 32))?.description == String(repeating: "A", count: 32))
        #expect(Symbol("BTC USDT") == nil)
        #expect(Symbol("BTC\"") == nil)
    }

    @Test func streamIDArguments() {
        #expect(StreamID(argument: "binance-usdm") == .binanceUSDM)
        #expect(StreamID(argument: "bybit") == .bybitLinear)
        #expect(StreamID(argument: "OKX") == .okxSwap)
        #expect(StreamID(argument: "kraken") == nil)
        #expect(LiquidatedSide.long.label == "LONG")
        #expect(LiquidatedSide.short.label == "SHORT")
    }
}

/// The registry is the one list of venues: every stream has exactly one, in stream order,
/// and `StreamID.index` is its slot.
@Suite struct ExchangeRegistryTests {
    @Test func everyStreamHasOneVenueInStreamOrder() {
        #expect(Exchanges.all.map { $0.stream } == StreamID.allCases)
        for stream in StreamID.allCases {
            #expect(Exchanges.venue(stream).stream == stream)
            #expect(StreamID.allCases[stream.index] == stream)
            #expect(String(describing: stream.jsonValue) == stream.rawValue)
        }
    }

    @Test func onlyBinanceLiquidationTotalsAreLowerBounds() {
        #expect(StreamID.allCases.filter { Exchanges.venue($0).facts.liquidationsAreLowerBound } == [.binanceUSDM])
        // The pipeline's and the tape's list of capped streams is the registry's.
        #expect(PipelineConfig().cappedLiquidationStreams == StreamID.allCases.filter { Exchanges.venue($0).facts.liquidationsAreLowerBound })
    }
}
