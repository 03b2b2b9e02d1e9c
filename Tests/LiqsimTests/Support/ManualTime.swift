import LiqsimCore
import NIOCore
import NIOEmbedded

/// A `TimeSource` whose time moves only when the test moves it, in step with an
/// `EmbeddedEventLoop` (NIO's `advanceTime(by:)`): monotonic time is the loop's `now`,
/// so every task the code under test scheduled runs at its deadline as time advances and
/// reads exactly that deadline as the time. Wall time is `wallOrigin` plus the time
/// advanced since the start. Use it from the thread that made it, as the loop requires.
final class ManualTime: TimeSource {
    let loop: EmbeddedEventLoop
    /// Monotonic time when the test began.
    let start: UnixNanos
    /// Wall time when the test began: 2026-11-22T00:15:00.000Z unless given.
    let wallOrigin: UnixNanos
    private let sleeps: NIOLoopBoundBox<Sleeps>

    private struct Sleeps {
        var deadlines: [UnixNanos] = []
        var overshoot = Duration.zero
    }

    /// `start` is the monotonic reading at the beginning (any fixed origin, as on a machine).
    init(start: Duration = .seconds(5), wallOrigin: UnixNanos = UnixNanos(1_795_306_500_000_000_000)) {
        let loop = EmbeddedEventLoop()
        loop.advanceTime(to: .uptimeNanoseconds(UInt64(start.nanoseconds)))
        self.loop = loop
        self.start = UnixNanos(start.nanoseconds)
        self.wallOrigin = wallOrigin
        sleeps = NIOLoopBoundBox(Sleeps(), eventLoop: loop)
    }

    func monotonic() -> UnixNanos { UnixNanos(Int64(loop.now.uptimeNanoseconds)) }

    func wall() -> UnixNanos { wallOrigin.advanced(by: elapsed) }

    /// Records the deadline and jumps to it (plus `overshoot`), running due tasks on the way.
    func sleep(until deadline: UnixNanos) {
        sleeps.value.deadlines.append(deadline)
        advance(to: max(deadline, monotonic()).advanced(by: sleeps.value.overshoot))
    }

    /// Moves time forward, running every task due by then at its own deadline.
    func advance(by span: Duration) { loop.advanceTime(by: TimeAmount(span)) }

    func advance(to instant: UnixNanos) { loop.advanceTime(to: .uptimeNanoseconds(UInt64(instant.rawValue))) }

    /// Runs the tasks due now (`execute`d work, completed futures' callbacks).
    func run() { loop.run() }

    /// Time advanced since the start.
    var elapsed: Duration { monotonic().duration(since: start) }

    /// Every `sleep(until:)` deadline so far, relative to the start.
    var sleptUntil: [Duration] { sleeps.value.deadlines.map { $0.duration(since: start) } }

    /// How far each sleep overshoots its deadline (a late wake-up).
    var overshoot: Duration {
        get { sleeps.value.overshoot }
        set { sleeps.value.overshoot = newValue }
    }

    /// Wall time `span` after the start: what a receive stamp taken then reads.
    func wall(at span: Duration) -> UnixNanos { wallOrigin.advanced(by: span) }
}
