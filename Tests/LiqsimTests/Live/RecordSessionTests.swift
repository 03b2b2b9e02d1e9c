import Foundation
import Testing
import LiqsimCapture
import LiqsimCore
@testable import LiqsimLive

/// A whole record session on `ManualTime` and an `EmbeddedEventLoop`: dials, backoff,
/// breaker, staleness, rotation, duration and the status line at exact times, with no
/// socket and no waiting.
@Suite("record session on a manual clock")
struct RecordSessionTests {
    static let bybit = "wss://stream.bybit.com/v5/public/linear"

    @Test("refused dials back off by the seeded delays, open the breaker with a notice; the trial after the cooldown closes it")
    func breakerOpensAndCloses() throws {
        let rig = try SessionRig(answers: [.refuse, .refuse, .refuse]) {
            $0.resilience.backoffBase = .milliseconds(100)
            $0.resilience.backoffMax = .milliseconds(300)
            $0.resilience.breakerThreshold = 3
            $0.resilience.breakerCooldown = .seconds(1)
        }
        var mirror = SessionRig.backoff(rig.session.options.resilience)
        let d1 = mirror.nextDelay(), d2 = mirror.nextDelay()
        try rig.session.start()
        rig.time.run()
        rig.time.advance(by: d1 + d2)
        #expect(rig.network.dials == [.zero, d1, d1 + d2])
        #expect(rig.session.connections[0].phase == .breakerOpen)
        let reason = "connect: Connection refused) (errno: 111)"   // NIO's IOError wording
        #expect(rig.stderr == "liqsim record: bybit: circuit open after 3 failed attempts (\(reason)); not dialling \(Self.bybit) for 1 s\n")
        // Nothing is dialled during the cooldown, whatever the backoff says; the trial comes at its end.
        rig.time.advance(by: .nanoseconds(999_999_999))
        #expect(rig.network.dials.count == 3)
        rig.time.advance(by: .nanoseconds(1))
        #expect(rig.network.dials == [.zero, d1, d1 + d2, d1 + d2 + .seconds(1)])
        #expect(rig.session.connections[0].phase == .connected)
        #expect(rig.stderr.hasSuffix("liqsim record: bybit: circuit closed, connected to \(Self.bybit)\n"))

        let records = rig.finish().records.filter { $0.stream == "bybit-linear" }
        let upAt = rig.time.wall(at: d1 + d2 + .seconds(1))
        // Data was missing from the first failure until the connect: one gap, then the connect.
        #expect(records.map(\.kind).prefix(2) == [.gap, .connect])
        #expect(records.first?.text == "no data from \(rig.time.wall(at: .zero)) to \(upAt): \(reason)")
        #expect(records.first?.recv == upAt.rawValue)
        #expect(records.dropFirst().first?.text == Self.bybit)
    }

    @Test("a silent link is closed as stale after --stale-after and redialled after the seeded delay; a link healthy for --healthy-after resets the backoff")
    func staleReconnectAndHealthyReset() throws {
        let rig = try SessionRig()
        let settings = rig.session.options.resilience   // stale 30 s, healthy 60 s, backoff 500 ms … 30 s
        var mirror = SessionRig.backoff(settings)
        try rig.session.start()
        rig.time.run()
        #expect(rig.network.dials == [.zero])
        rig.time.advance(by: .seconds(10))
        try rig.network.send("{\"topic\":\"tickers.BTCUSDT\",\"n\":1}")
        // The link checks every second: at 39 s it has been silent 29 s, at 40 s 30 s.
        rig.time.advance(by: .seconds(29))
        #expect(try rig.network.sent().allSatisfy { $0.opcode != .connectionClose })
        rig.time.advance(by: .seconds(1))
        #expect(try rig.network.sent().contains { $0.opcode == .connectionClose })
        try rig.network.answerClose()
        rig.time.run()
        let first = mirror.nextDelay()
        rig.time.advance(by: first)
        #expect(rig.network.dials == [.zero, .seconds(40) + first])

        // Connection 2 stays up with frames for 60 s, then drops: healthy, so the backoff starts over.
        let up2 = rig.time.elapsed
        for _ in 0..<6 {
            rig.time.advance(by: .seconds(10))
            try rig.network.send("{\"topic\":\"tickers.BTCUSDT\"}")
        }
        rig.network.drop()
        rig.time.run()
        mirror.reset()
        let afterHealthy = mirror.nextDelay()
        rig.time.advance(by: afterHealthy)
        #expect(rig.network.dials.last == up2 + .seconds(60) + afterHealthy)

        // Connection 3 drops at once: not healthy, so the next delay doubles.
        rig.network.drop()
        rig.time.run()
        let doubled = mirror.nextDelay()
        #expect(doubled > .milliseconds(500))
        rig.time.advance(by: doubled)
        #expect(rig.network.dials.last == up2 + .seconds(60) + afterHealthy + doubled)

        let (summary, records) = rig.finish()
        #expect(summary?.reconnects == 3)
        let lifecycle = records.filter { [.connect, .disconnect, .gap].contains($0.kind) }
        #expect(lifecycle.map(\.kind) == [.connect, .disconnect, .gap, .connect, .disconnect, .gap, .connect,
                                          .disconnect, .gap, .connect, .disconnect])
        #expect(lifecycle[1].text == "stale: no frame for 30 s")
        #expect(lifecycle[1].recv == rig.time.wall(at: .seconds(40)).rawValue)
        #expect(lifecycle[2].text == "no data from \(rig.time.wall(at: .seconds(40))) to \(rig.time.wall(at: .seconds(40) + first)): stale: no frame for 30 s")
        #expect(lifecycle[4].text == "connection lost without a close frame")
        #expect(lifecycle.last?.text == "recorder stopped")
    }

    @Test("a new file every --rotate, named by wall time, each given the instruments again; --duration ends the run on time")
    func rotationAndDuration() throws {
        let rig = try SessionRig {
            $0.rotateEvery = .seconds(60)
            $0.duration = .seconds(100)
            $0.resilience.staleAfter = .seconds(3600)   // one connection throughout
        }
        try rig.session.start()
        rig.time.run()
        let instruments = rig.network.gets.count
        #expect(instruments > 0, "instruments are fetched when the connection comes up")
        rig.time.advance(by: .milliseconds(59_950))
        #expect(rig.session.rotator.files.count == 1)
        rig.time.advance(by: .milliseconds(50))
        #expect(rig.session.rotator.files.map { ($0 as NSString).lastPathComponent }
                == ["liqsim-20261122T001500.000Z.lqc.zst", "liqsim-20261122T001600.000Z.lqc.zst"])
        #expect(rig.network.gets.count == 2 * instruments)
        #expect(rig.network.gets.suffix(instruments).allSatisfy { $0.at == .seconds(60) })
        let first = try CaptureReader(path: rig.session.rotator.files[0])
        #expect(first.footer != nil, "the rotated file is closed with its index")
        #expect(first.header.createdNs == rig.time.wall(at: .zero).rawValue)
        rig.time.advance(by: .milliseconds(39_999))
        #expect(!rig.session.finished)
        rig.time.advance(by: .milliseconds(1))
        #expect(rig.session.finished)
        let summary = try rig.done.futureResult.wait()
        #expect(summary.stopReason == "duration reached")
        #expect(summary.files.count == 2)
    }

    @Test("status line: state, frames per second since the last draw, last-frame age, file size")
    func statusLine() throws {
        let rig = try SessionRig([.binanceUSDM, .bybitLinear], refusing: ["binance"]) { $0.statusLine = true }
        try rig.session.start()   // binance is refused every time; bybit comes up
        rig.time.run()
        rig.time.advance(by: .milliseconds(500))
        for n in 1...3 { try rig.network.send("{\"topic\":\"tickers.BTCUSDT\",\"n\":\(n)}") }
        rig.time.advance(by: .milliseconds(500))   // first draw at 1 s: no rate yet
        let firstSize = StatusLine.size(rig.session.rotator.currentBytes)
        rig.time.advance(by: .milliseconds(500))
        for n in 4...8 { try rig.network.send("{\"topic\":\"tickers.BTCUSDT\",\"n\":\(n)}") }
        rig.time.advance(by: .milliseconds(200))
        rig.time.advance(by: .milliseconds(300))   // second draw at 2 s
        let size = StatusLine.size(rig.session.rotator.currentBytes)
        let draws = rig.stderr.components(separatedBy: "\r\u{1B}[K").filter { !$0.isEmpty }
        #expect(draws == ["binance reconnecting 0/s | bybit up 0/s 0.5s | file \(firstSize)",
                          "binance reconnecting 0/s | bybit up 5/s 0.5s | file \(size)"])
        _ = rig.finish()
        #expect(rig.stderr.hasSuffix("\r\u{1B}[K"), "erased before the summary")
        #expect(StatusLine.size(12_900_000) == "12.3 MB" && StatusLine.size(2048) == "2 kB")
        #expect(StatusLine.state([.connected, .waiting]) == "partly-up" && StatusLine.state([.breakerOpen]) == "circuit-open")
    }

    @Test("a received frame is in the file within 250 ms: the 50 ms tick flushes it once it is 200 ms old, or the next frame does")
    func flushWithin250Milliseconds() throws {
        let rig = try SessionRig()
        try rig.session.start()
        rig.time.run()
        rig.time.advance(by: .milliseconds(1_001))   // ticks fall on multiples of 50 ms: this is just after one
        let before = rig.session.rotator.currentBytes
        try rig.network.send("{\"topic\":\"tickers.BTCUSDT\",\"n\":1}")
        rig.time.advance(by: .milliseconds(248))      // the tick at 1,200 ms finds it 199 ms old
        #expect(rig.session.rotator.currentBytes == before)
        rig.time.advance(by: .milliseconds(1))        // the tick at 1,250 ms: 249 ms old, flushed
        let flushed = rig.session.rotator.currentBytes
        #expect(flushed > before)
        // Under load frames come between ticks: the append that finds the oldest 200 ms old flushes.
        rig.time.advance(by: .milliseconds(20))
        try rig.network.send("{\"topic\":\"tickers.BTCUSDT\",\"n\":2}")   // at 1,270 ms
        rig.time.advance(by: .milliseconds(200))      // ticks up to 1,450 ms saw it at most 180 ms old
        #expect(rig.session.rotator.currentBytes == flushed)
        try rig.network.send("{\"topic\":\"tickers.BTCUSDT\",\"n\":3}")   // at 1,470 ms, no tick
        #expect(rig.session.rotator.currentBytes > flushed)
        _ = rig.finish()
    }

    @Test("a 429 pauses every REST request of the exchange for a minute, also at --rest-interval 10s; a 418 that follows for two")
    func rateLimitAnswersPauseThePoller() throws {
        let rig = try SessionRig(getStatuses: [429, 418]) { $0.restInterval = .seconds(10) }
        try rig.session.start()
        rig.time.run()
        rig.time.advance(by: .seconds(400))
        let gets = rig.network.gets
        try #require(gets.count >= 3)
        let first = gets[0].at, second = gets[1].at
        #expect(second >= first + .seconds(60), "\(gets.map(\.at))")          // after the 429
        #expect(gets[2].at >= second + .seconds(120), "\(gets.map(\.at))")    // after the 418
        // Then polling resumes at the interval.
        let later = gets.dropFirst(2).map(\.at)
        #expect(zip(later, later.dropFirst()).contains { $1 - $0 <= .seconds(10) })
        #expect(rig.stderr.isEmpty || rig.stderr.contains("rate-limited"))
        _ = rig.finish()
    }
}
