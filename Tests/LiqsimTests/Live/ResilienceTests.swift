import Testing
import LiqsimCore
@testable import LiqsimLive

/// Backoff, circuit breaker and their random source, exactly: time is passed in from a
/// manual clock, jitter comes from a seeded generator.
@Suite("resilience: seeded backoff, circuit breaker")
struct ResilienceTests {
    @Test("SplitMix64 gives the reference sequence; derived streams are fixed by the seed")
    func seededRandom() {
        var zero = SeededRandom(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42)
        #expect((0..<5).map { _ in a.next(below: 1000) } == (0..<5).map { _ in b.next(below: 1000) })
        #expect(SeededRandom(seed: 42).derived(0).seed == 14_473_931_205_035_997_723)
        #expect(SeededRandom(seed: 42).derived(0) != SeededRandom(seed: 42).derived(1))
        #expect(SeededRandom(seed: 7).description == "seed 7")
    }

    @Test("backoff: exact delays for seed 42, doubling within [d/2, d] up to the cap; reset starts over")
    func backoffSequence() {
        var b = Backoff(base: .milliseconds(500), max: .seconds(30), random: SeededRandom(seed: 42))
        let delays = (0..<8).map { _ in b.nextDelay().nanoseconds }
        #expect(delays == [435_391_220, 579_955_196, 1_278_601_130, 2_688_381_433, 4_152_120_674,
                           14_945_824_613, 18_276_077_905, 27_009_478_151])
        for (n, d) in delays.enumerated() {
            let full = min(500_000_000 << n, 30_000_000_000)
            #expect(d >= full / 2 && d <= full, "attempt \(n)")
        }
        #expect(b.ceiling == .seconds(30))
        b.reset()
        #expect(b.attempt == 0 && b.ceiling == .milliseconds(500))
        let next = b.nextDelay()
        #expect(next >= .milliseconds(250) && next <= .milliseconds(500))
        // Huge attempts saturate at the cap instead of overflowing.
        var big = Backoff(base: .seconds(1_000_000_000), max: .seconds(60), random: SeededRandom(seed: 1))
        for _ in 0..<40 { #expect(big.nextDelay() <= .seconds(60)) }
    }

    @Test("breaker: opens on the Nth failure, refuses for the cooldown, half-opens, reopens on a failed trial, closes on success")
    func breaker() {
        let time = ManualTime()
        var c = CircuitBreaker(threshold: 3, cooldown: .seconds(10))
        /// The breaker's answer now, after moving time by `step`.
        func wait(after step: Duration = .zero) -> Duration {
            time.advance(by: step)
            return c.waitBeforeDial(now: time.monotonic())
        }
        let first = c.failed(now: time.monotonic())
        time.advance(by: .seconds(1))
        let second = c.failed(now: time.monotonic())
        time.advance(by: .seconds(1))
        let third = c.failed(now: time.monotonic())
        #expect(!first && !second && third)
        #expect(c.state == .open(until: time.start.advanced(by: .seconds(12))))
        #expect(wait(after: .seconds(1)) == .seconds(9))
        #expect(wait(after: .nanoseconds(8_999_999_999)) == .nanoseconds(1))
        #expect(c.isOpen)
        #expect(wait(after: .nanoseconds(1)) == .zero)
        #expect(c.state == .halfOpen)
        let trial = c.failed(now: time.monotonic())
        #expect(trial)                                  // the trial failed: open again at once
        #expect(wait() == .seconds(10))
        #expect(wait(after: .seconds(10)) == .zero)
        c.succeeded()
        #expect(c.state == .closed && c.consecutiveFailures == 0)
        let afterClose = c.failed(now: time.monotonic())
        #expect(!afterClose)
    }
}
