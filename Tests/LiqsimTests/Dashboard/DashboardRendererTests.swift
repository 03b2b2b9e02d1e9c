import Testing
import LiqsimCore
@testable import LiqsimSession
import LiqsimPipeline
@testable import LiqsimReplay

/// The dashboard screen on a hand-built market (values computed in `DashboardMarket`).
@Suite("Dashboard renderer")
struct DashboardRendererTests {
    static func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func plainScreenShowsHeaderSnapshotMarketAndLatest() {
        let screen = DashboardRenderer(color: false).render(DashboardMarket.frame(), pipeline: DashboardMarket.pipeline())
        #expect(!screen.utf8.contains(0x1B))
        let lines = Self.lines(screen)
        #expect(lines.first == "LIQSIM REPLAY | 2026-03-01 00:05:01 UTC | speed 50x | records 1,234 | events 7")
        #expect(lines.dropFirst().first == "captures/demo.lqc.zst")
        for expected in [
            "SNAPSHOT  last 60 min  (20260301 00:00:30 -> 20260301 00:00:50 UTC)",
            "Total: 3 events | $220,000 | >= $100k: 1 | largest $160,000 BTCUSDT LONG binance",
            "LONG:  2 events | $180,000 | 81.8%  [################----]",
            "SHORT: 1 events |  $40,000 | 18.2%",
            "Exchanges: binance* 1 events $160,000 72.7% | bybit 2 events $60,000 27.3%",
            "symbol   events       USD    LONG  long/short    SHORT  binance*   bybit  >= $100k  largest",
            "BTCUSDT       2  $200,000   80.0%  [########--]  20.0%     80.0%   20.0%         1  $160,000 LONG binance",
            "ETHUSDT       1   $20,000  100.0%  [##########]   0.0%      0.0%  100.0%         0  $20,000 LONG bybit",
            "ACCUMULATED since 20260301 00:00:30 UTC: 3 events | $220,000 | LONG 81.8% | SHORT 18.2% | >= $100k: 1",
            "symbol   last price  sentiment (5m)  cascade risk (5m)  funding binance / bybit  OI (USD)",
            "BTCUSDT       80500  +0.067 NEUTRAL  0.42 MODERATE      +0.0100% /        -        $80.0M",
            "ETHUSDT           -  -               0.40 MODERATE             - /        -             -",
            "LATEST 10 LIQUIDATIONS  (* = institutional, >= $100,000)",
            "date     | time (UTC)   | exchange | symbol  | side  | qty |        USD",
            "20260301 | 00:00:50 UTC | BYBIT    | ETHUSDT | LONG  |  10 |  $20,000",
            "20260301 | 00:00:40 UTC | BYBIT    | BTCUSDT | SHORT | 0.5 |  $40,000",
            "20260301 | 00:00:30 UTC | BINANCE  | BTCUSDT | LONG  |   2 | $160,000 *",
        ] {
            #expect(lines.contains(expected), "missing line: \(expected)\n\(screen)")
        }
        // Newest first, and the screen ends with the oldest row.
        #expect(lines.suffix(2) == ["20260301 | 00:00:30 UTC | BINANCE  | BTCUSDT | LONG  |   2 | $160,000 *", ""])
        #expect(lines.allSatisfy { $0.count <= 120 })
    }

    @Test func renderIsDeterministic() {
        let frame = DashboardMarket.frame()
        let a = DashboardRenderer(color: false).render(frame, pipeline: DashboardMarket.pipeline())
        let p = DashboardMarket.pipeline()
        let r = DashboardRenderer(color: true)
        #expect(DashboardRenderer(color: false).render(frame, pipeline: p) == a)
        #expect(r.render(frame, pipeline: p) == r.render(frame, pipeline: p))
    }

    @Test func colorMarksRiskLevelsAndSentiment() {
        let screen = DashboardRenderer(color: true).render(DashboardMarket.frame(), pipeline: DashboardMarket.pipeline())
        #expect(screen.contains("\u{1B}[33m0.42 MODERATE\u{1B}[0m"))
        #expect(screen.contains("\u{1B}[33m0.40 MODERATE\u{1B}[0m"))
        #expect(screen.contains("\u{1B}[1mLIQSIM REPLAY | "))
        // Without the escapes the colored screen reads exactly like the plain one.
        let plain = DashboardRenderer(color: false).render(DashboardMarket.frame(), pipeline: DashboardMarket.pipeline())
        #expect(Self.stripEscapes(screen) == plain)
    }

    @Test func riskLevelColors() {
        #expect(DashStyleProbe.style("LOW") == "\u{1B}[32mLOW\u{1B}[0m")
        #expect(DashStyleProbe.style("MODERATE") == "\u{1B}[33mMODERATE\u{1B}[0m")
        #expect(DashStyleProbe.style("HIGH") == "\u{1B}[31mHIGH\u{1B}[0m")
        #expect(DashStyleProbe.style("CRITICAL") == "\u{1B}[1;31mCRITICAL\u{1B}[0m")
    }

    @Test func narrowScreensCutLinesToTheWidth() {
        for width in [40, 60, 80] {
            for color in [false, true] {
                let screen = DashboardRenderer(color: color, width: width).render(DashboardMarket.frame(), pipeline: DashboardMarket.pipeline())
                let visible = Self.lines(Self.stripEscapes(screen))
                #expect(visible.allSatisfy { $0.count <= width }, "width \(width)")
                let header = String("LIQSIM REPLAY | 2026-03-01 00:05:01 UTC | speed 50x | records 1,234 | events 7".prefix(width))
                #expect(visible.first.map { header.hasPrefix($0) && header.count - $0.count <= 1 } == true)
            }
        }
        let long = DashboardFrame(clock: .zero, speed: "max", records: 0, events: 0, title: String(repeating: "d/", count: 50) + "x.lqc.zst")
        let lines = Self.lines(DashboardRenderer(color: false, width: 40).render(long, pipeline: Pipeline()))
        #expect(lines[1] == "..." + String(repeating: "d/", count: 14) + "x.lqc.zst")
    }

    /// An hour after the liquidations the snapshot is empty; accumulated and latest keep them.
    @Test func snapshotForgetsAfterSixtyMinutes() {
        let later = DashboardMarket.trade(3_700 * DashboardMarket.second, .binanceUSDM, DashboardMarket.btc, .buy, "81000", "0.01")
        let p = DashboardMarket.pipeline(DashboardMarket.events + [later])
        let lines = Self.lines(DashboardRenderer(color: false).render(DashboardMarket.frame(at: 3_700 * DashboardMarket.second), pipeline: p))
        #expect(lines.contains("SNAPSHOT  last 60 min"))
        #expect(lines.contains("no liquidations in the last 60 min"))
        #expect(lines.contains("ACCUMULATED since 20260301 00:00:30 UTC: 3 events | $220,000 | LONG 81.8% | SHORT 18.2% | >= $100k: 1"))
        #expect(lines.contains("20260301 | 00:00:30 UTC | BINANCE  | BTCUSDT | LONG  |   2 | $160,000 *"))
        #expect(lines.contains { $0.hasPrefix("BTCUSDT       81000  ") })
    }

    @Test func emptyPipelineAndHostileTitle() {
        let frame = DashboardFrame(clock: .zero, speed: "max", records: 0, events: 0, title: "a\u{1B}[2Jb")
        let screen = DashboardRenderer(color: false).render(frame, pipeline: Pipeline())
        #expect(!screen.utf8.contains(0x1B))
        let lines = Self.lines(screen)
        #expect(lines[0] == "LIQSIM REPLAY | 1970-01-01 00:00:00 UTC | speed max | records 0 | events 0")
        #expect(lines[1] == "a?[2Jb")
        for expected in ["no liquidations in the last 60 min", "ACCUMULATED: no liquidations yet", "no market data yet", "no liquidations yet"] {
            #expect(lines.contains(expected))
        }
    }

    @Test func redrawHomesClearsEachLineAndTheRest() {
        let r = DashboardRenderer(color: false)
        #expect(r.redraw("a\n\nb\n") == "\u{1B}[H\u{1B}[2Ka\n\u{1B}[2K\n\u{1B}[2Kb\u{1B}[J")
        #expect(r.redraw("") == "\u{1B}[H\u{1B}[2K\u{1B}[J")
    }

    static func stripEscapes(_ s: String) -> String {
        var out = "", inEscape = false
        for ch in s.unicodeScalars {
            if inEscape { if (0x40...0x7E).contains(ch.value) && ch != "[" { inEscape = false }; continue }
            if ch == "\u{1B}" { inEscape = true; continue }
            out.unicodeScalars.append(ch)
        }
        return out
    }
}

/// Renders one risk-level word as the market table colors it.
enum DashStyleProbe {
    static func style(_ level: String) -> String {
        DashLine(level, style: DashStyle.riskLevel(level)).rendered(color: true, width: 120)
    }
}

@Suite("Redraw throttle")
struct RedrawThrottleTests {
    @Test func tenPerSecondNotTheEleventh() {
        var t = RedrawThrottle()
        let base: UInt64 = 7_000_000_000
        let allowed = (0..<10).map { t.shouldRedraw(nowNanos: base + UInt64($0) * 100_000_000) }
        #expect(allowed == Array(repeating: true, count: 10))
        let eleventh = t.shouldRedraw(nowNanos: base + 999_999_999)   // 11th within the same second
        #expect(!eleventh)
        let nextSecond = t.shouldRedraw(nowNanos: base + 1_000_000_000)
        #expect(nextSecond)
    }

    @Test func burstsAreSpacedAndPure() {
        var t = RedrawThrottle(maxPerSecond: 10)
        var count = 0
        for ms in stride(from: UInt64(0), to: 1_000, by: 1) where t.shouldRedraw(nowNanos: ms * 1_000_000) { count += 1 }
        #expect(count == 10)
        var a = RedrawThrottle(maxPerSecond: 4), b = RedrawThrottle(maxPerSecond: 4)
        let times: [UInt64] = [0, 100_000_000, 250_000_000, 260_000_000, 900_000_000, 50]
        let first = times.map { a.shouldRedraw(nowNanos: $0) }, second = times.map { b.shouldRedraw(nowNanos: $0) }
        #expect(first == second)
        #expect(first == [true, false, true, false, true, true])   // the last: the clock went backwards
        let later = times.map { b.shouldRedraw(nowNanos: $0 + 5_000_000_000) }
        #expect(later == [true, false, true, false, true, true])
    }
}
