import Testing
import LiqsimCore
@testable import LiqsimReplay

/// The pacing arithmetic, exactly, on a manual clock (SPEC §4: the record at capture
/// offset t is released at wall offset t / speed).
@Suite struct PacerTests {
    static let base: Int64 = 1_786_171_884_000_000_000
    static let second: Int64 = 1_000_000_000

    /// Runs records (capture offsets in ns) through the pacer as the replay loop does,
    /// spending `work` of wall time on each; returns the sleep deadlines relative to the start.
    func pace(_ offsets: [Int64], speed: String, maxGap: Int64? = nil, work: Duration = .zero,
              time: ManualTime = ManualTime()) -> (deadlines: [Int64], lag: Int64) {
        var pacer = Pacer(ReplaySpeed(argument: speed)!, maxGap: maxGap.map { .nanoseconds($0) }, time: time)
        for offset in offsets {
            let recv = UnixNanos(Self.base + offset)
            if pacer.mustWait(for: recv) { pacer.wait(for: recv) }
            time.advance(by: work)
        }
        return (time.sleptUntil.map(\.nanoseconds), pacer.maxLagNanos)
    }

    @Test func recordsAreDueAtOffsetOverSpeed() {
        let s = Self.second
        let run = pace([0, s / 2, s, 3 * s / 2, 2 * s], speed: "2x")
        #expect(run.deadlines == [250_000_000, 500_000_000, 750_000_000, 1_000_000_000])
        #expect(run.lag == 0)
        let slow = pace([0, s / 2, s], speed: "0.5x")
        #expect(slow.deadlines == [1_000_000_000, 2_000_000_000])
    }

    @Test func maxSpeedNeverWaits() {
        let run = pace([0, Self.second, 100 * Self.second], speed: "max")
        #expect(run.deadlines.isEmpty)
    }

    /// Records the clock has already reached are released without sleeping; the largest
    /// delay behind schedule is the lag.
    @Test func recordsAlreadyDueAreReleasedAndTheirLagMeasured() {
        let ms: Int64 = 1_000_000
        // At 1x with 30 ms of work per record, records 10 ms apart are all behind schedule.
        let run = pace([0, 10 * ms, 20 * ms, 30 * ms], speed: "1x", work: .milliseconds(30))
        #expect(run.deadlines.isEmpty)
        #expect(run.lag == 60 * ms)   // the record at 30 ms is released at 90 ms
        // Oversleeping by 2 ms is reported as lag too.
        let time = ManualTime()
        time.overshoot = .milliseconds(2)
        let late = pace([0, 100 * ms, 200 * ms], speed: "1x", time: time)
        // Deadlines stay anchored to the start: an overshoot does not accumulate.
        #expect(late.deadlines == [100_000_000, 200_000_000])
        #expect(late.lag == 2 * ms)
    }

    /// `--max-gap` counts an idle stretch longer than the limit as the limit.
    @Test func maxGapShortensIdleStretches() {
        let s = Self.second
        let run = pace([0, 10 * s, 21 * s / 2, 30 * s], speed: "1x", maxGap: s)
        // 0 → 10 s counts as 1 s; 10 → 10.5 s as is; 10.5 → 30 s counts as 1 s.
        #expect(run.deadlines == [1_000_000_000, 1_500_000_000, 2_500_000_000])
    }

    /// Receive times can go backwards within a file (an NTP step on the recorder): such a
    /// record is due at once; it must never trap (review B2).
    @Test func recordsBeforeTheOriginAreDueAtOnce() {
        let s = Self.second
        let run = pace([0, s, -s / 2, 2 * s], speed: "50x")
        #expect(run.deadlines == [20_000_000, 40_000_000])
        let slow = pace([5 * s, 0], speed: "0.001x")
        #expect(slow.deadlines.isEmpty)
    }

    /// The system source: monotonic never goes back, sleeping reaches its deadline, and
    /// wall time is the Unix epoch clock (after 2026-01-01).
    @Test func systemTimeSleepsUntilItsDeadline() {
        let time = SystemTime()
        let before = time.monotonic()
        let deadline = before.advanced(by: .milliseconds(2))
        time.sleep(until: deadline)
        #expect(time.monotonic() >= deadline)
        #expect(time.wall() > UnixNanos(1_767_225_600_000_000_000))
    }
}
