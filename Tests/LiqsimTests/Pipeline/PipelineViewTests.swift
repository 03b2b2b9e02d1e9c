import Testing
import LiqsimCore
import LiqsimPipeline

@Suite("Pipeline liquidation views")
struct PipelineViewTests {
    // L1 00:00 binance LONG  50000    × 2   = $100,000.00  (institutional: exactly the cut)
    // L2 00:10 bybit   SHORT 99999.99 × 1   =  $99,999.99  (not institutional)
    // L3 00:30 okx     LONG  50000    × 0.5 =  $25,000.00
    // L4 01:01 binance SHORT 60000    × 0.1 =   $6,000.00  (61 min after L1: L1 leaves the snapshot)
    static let l1 = PK.liquidation(PK.at(0), .binanceUSDM, .long, "50000", "2")
    static let l2 = PK.liquidation(PK.at(10), .bybitLinear, .short, "99999.99", "1")
    static let l3 = PK.liquidation(PK.at(30), .okxSwap, .long, "50000", "0.5")
    static let l4 = PK.liquidation(PK.at(61), .binanceUSDM, .short, "60000", "0.1")

    @Test func accumulatedKeepsWhatTheSnapshotDrops() {
        let (p, _) = PK.run([Self.l1, Self.l2, Self.l3, Self.l4].map(MarketEvent.liquidation))
        p.refreshSnapshot()   // the snapshot view is brought up to the clock (01:01) before reading
        let acc = p.views.accumulated
        // 4 events; qty 2 + 1 + 0.5 + 0.1 = 3.6; USD 100,000.00 + 99,999.99 + 25,000.00 + 6,000.00 = 230,999.99.
        #expect(acc.events == 4 && acc.quantity8 == 360_000_000 && acc.cents == 23_099_999)
        // LONG L1 + L3 = 125,000.00; SHORT L2 + L4 = 105,999.99.
        #expect(acc.longEvents == 2 && acc.shortEvents == 2)
        #expect(acc.longCents == 12_500_000 && acc.shortCents == 10_599_999)
        #expect(PK.close(acc.longShare, 12_500_000.0 / 23_099_999.0 * 100))   // 54.1125…%
        #expect(acc.longShare > 54.1125 && acc.longShare < 54.1126)
        // binance L1 + L4, bybit L2, okx L3.
        #expect(perVenue(acc.exchangeEvents, [2, 1, 1]))
        #expect(perVenue(acc.exchangeCents, [10_600_000, 9_999_999, 2_500_000]))
        #expect(acc.institutional == 1)
        #expect(acc.largest == Self.l1)
        #expect(acc.first == Self.l1.ts && acc.last == Self.l4.ts)
        #expect(acc.duration == 61 * PK.minute)
        // 4 events in 61 min = 240/61 per hour; $230,999.99 × 60/61 per hour.
        #expect(PK.close(acc.hourlyEvents!, 240.0 / 61.0))
        #expect(PK.close(acc.hourlyUSD!, 230_999.99 * 60 / 61, 1e-8))

        // Snapshot at 01:01: last 60 min = L2, L3, L4.
        let snap = p.views.snapshot
        #expect(snap.events == 3 && snap.quantity8 == 160_000_000 && snap.cents == 13_099_999)
        #expect(snap.longEvents == 1 && snap.shortEvents == 2)
        #expect(snap.longCents == 2_500_000 && snap.shortCents == 10_599_999)
        #expect(PK.close(snap.longShare, 2_500_000.0 / 13_099_999.0 * 100))   // 19.0840…%
        #expect(perVenue(snap.exchangeEvents, [1, 1, 1]))
        #expect(perVenue(snap.exchangeCents, [600_000, 9_999_999, 2_500_000]))
        #expect(snap.institutional == 0)
        #expect(snap.largest == Self.l2)
        #expect(snap.first == Self.l2.ts && snap.last == Self.l4.ts)
    }

    @Test func snapshotHoldsEverythingWithinTheHour() {
        let (p, _) = PK.run([Self.l1, Self.l2, Self.l3].map(MarketEvent.liquidation))
        p.refreshSnapshot()
        // At 00:30 all three are within the last 60 minutes.
        #expect(p.views.snapshot == p.views.accumulated)
        #expect(p.views.snapshot.events == 3 && p.views.snapshot.institutional == 1 && p.views.snapshot.largest == Self.l1)
    }

    /// $100,000.00 is institutional, $99,999.99 is not (and $100,000.01 is).
    @Test func institutionalCutIsInclusive() {
        let (p, _) = PK.run([
            PK.liq(PK.at(0, 1), .binanceUSDM, .long, "100000", "1"),
            PK.liq(PK.at(0, 2), .bybitLinear, .long, "99999.99", "1"),
            PK.liq(PK.at(0, 3), .okxSwap, .short, "100000.01", "1"),
            PK.liq(PK.at(0, 4), .okxSwap, .short, "33333.33", "3"),   // 99,999.99
        ])
        #expect(p.views.accumulated.institutional == 2)
        #expect(p.views.snapshot.institutional == 2)
        #expect(p.views.accumulated.largest?.price.description == "100000.01")
    }

    /// LONG 50,000 + 25,000 vs SHORT 25,000 → 75% long; per exchange 50/25/25%.
    @Test func longShareAndExchangeShares() {
        let (p, _) = PK.run([
            PK.liq(PK.at(0, 1), .binanceUSDM, .long, "50000", "1"),
            PK.liq(PK.at(0, 2), .bybitLinear, .long, "50000", "0.5"),
            PK.liq(PK.at(0, 3), .okxSwap, .short, "50000", "0.5"),
        ])
        let acc = p.views.accumulated
        #expect(acc.longShare == 75)
        #expect(perVenue(acc.exchangeCents.map { Double($0) / Double(acc.cents) * 100 }, [50, 25, 25]))
        #expect(perVenue(acc.exchangeEvents, [1, 1, 1]))
        #expect(LiquidationTotals().longShare == 0)
    }

    /// Latest-N (N = 10): the 10 newest, newest last.
    @Test func latestTableKeepsTheNewestTen() {
        let events = (1...12).map { i in PK.liq(PK.at(Int64(i)), i % 2 == 0 ? .bybitLinear : .binanceUSDM, .long, "1000", "\(i)") }
        let (p, _) = PK.run(events)
        #expect(p.views.latest.count == 10)
        #expect(p.views.latest.map(\.recv.rawValue) == (3...12).map { PK.at(Int64($0)) })
        #expect(p.views.latest.last?.qty.description == "12")
        #expect(p.views.latest.first?.qty.description == "3")
        let fewer = PK.config { $0.latestCount = 3 }
        let (q, _) = PK.run(events, config: fewer)
        #expect(q.views.latest.map(\.qty.description) == ["10", "11", "12"])
    }

    /// 4 × $10,000 at 00:00, 00:40, 01:20, 02:00 → 2 events and $20,000 per hour; a single event
    /// (duration 0) has no rate.
    @Test func hourlyRates() {
        let events = [0, 40, 80, 120].map { m in PK.liq(PK.at(Int64(m)), .binanceUSDM, .short, "50000", "0.2") }
        let (p, _) = PK.run(events)
        let acc = p.views.accumulated
        #expect(acc.duration == 120 * PK.minute)
        #expect(acc.hourlyEvents == 2)
        #expect(acc.hourlyUSD == 20_000)
        let (one, _) = PK.run([events[0]])
        #expect(one.views.accumulated.duration == 0 && one.views.accumulated.hourlyEvents == nil && one.views.accumulated.hourlyUSD == nil)
        // Snapshot at 02:00: 01:20 and 02:00 remain (00:40 is 80 min old).
        p.refreshSnapshot()
        #expect(p.views.snapshot.events == 2 && p.views.snapshot.cents == 2_000_000)
    }

    /// Per-symbol views; the snapshot follows `refreshSnapshot(at:)` (default: the clock).
    @Test func perSymbolViewsAndRefreshSnapshot() {
        let (p, _) = PK.run([
            PK.liq(PK.at(0), .binanceUSDM, .long, "50000", "2"),                    // BTC $100,000.00
            PK.liq(PK.at(30), .okxSwap, .short, "2000", "10", symbol: PK.eth),      // ETH $20,000.00
            PK.trade(PK.at(120), .binanceUSDM, .buy, "50000", "1"),
        ])
        let bySymbol = p.views.accumulatedBySymbol
        #expect(bySymbol.map(\.0) == [PK.btc, PK.eth])
        #expect(bySymbol[0].1.events == 1 && bySymbol[0].1.cents == 10_000_000 && bySymbol[0].1.quantity8 == 200_000_000 && bySymbol[0].1.longEvents == 1)
        #expect(bySymbol[1].1.events == 1 && bySymbol[1].1.cents == 2_000_000 && bySymbol[1].1.quantity8 == 1_000_000_000 && bySymbol[1].1.shortEvents == 1)
        #expect(p.views.accumulated.events == 2 && p.views.accumulated.longShare == 10_000_000.0 / 12_000_000.0 * 100)
        p.refreshSnapshot(at: PK.at(60))   // 00:00 is 60 min old (not before the cut), 00:30 is 30 min old
        #expect(p.views.snapshot.events == 2 && p.views.snapshot.largest?.symbol == PK.btc)
        #expect(p.views.snapshot.first == UnixNanos(PK.at(0) - 1_000_000) && p.views.snapshot.last == UnixNanos(PK.at(30) - 1_000_000))
        p.refreshSnapshot(at: PK.at(60) + 1)   // 00:00 is now older than 60 min
        #expect(p.views.snapshot.events == 1 && p.views.snapshot.largest?.symbol == PK.eth && p.views.snapshot.first == UnixNanos(PK.at(30) - 1_000_000))
        #expect(p.views.snapshotBySymbol.map { $0.1.events } == [0, 1])
        p.refreshSnapshot()   // clock 02:00: both are older than 60 min
        #expect(p.views.snapshot.events == 0 && p.views.snapshot.cents == 0 && p.views.snapshot.quantity8 == 0)
        #expect(p.views.snapshot.largest == nil && p.views.snapshot.first == nil && p.views.snapshot.last == nil)
        #expect(p.views.snapshotBySymbol.allSatisfy { $0.1.events == 0 && $0.1.largest == nil })
        #expect(p.views.accumulated.events == 2)
    }
}

/// Per-venue columns in stream order: the three venues of these tests, zeros for any other.
func perVenue<T: Equatable & AdditiveArithmetic>(_ values: [T], _ expected: [T]) -> Bool {
    values.count == StreamID.allCases.count && Array(values.prefix(expected.count)) == expected
        && values.dropFirst(expected.count).allSatisfy { $0 == .zero }
}
