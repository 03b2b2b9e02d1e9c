/// Capture time ↔ wall time for `serve`: one origin for every stream, set when the first
/// client subscribes, so cross-exchange timing is kept at any speed.
final class ReplayClock {
    /// nil = `--speed max` (no pacing).
    let factor: Double?
    /// Receive time of the capture's first record.
    let captureStart: Int64
    private(set) var wallStart: UInt64?
    /// The latest receive time handed out: the clock REST lookups use.
    var position: Int64

    init(factor: Double?, captureStart: Int64) {
        self.factor = factor
        self.captureStart = captureStart
        position = captureStart
    }

    var isRunning: Bool { wallStart != nil }

    func start(now: UInt64) {
        if wallStart == nil { wallStart = now }
    }

    /// `--loop`: the capture starts over from now.
    func restart(now: UInt64) {
        wallStart = now
        position = captureStart
    }

    /// Monotonic time at which `recv` is due; nil when unpaced.
    func due(_ recv: Int64) -> UInt64? {
        guard let factor, let wallStart else { return nil }
        let offset = Double(recv &- captureStart) / factor
        return offset <= 0 ? wallStart : wallStart &+ UInt64(min(offset, 9e18))
    }
}
