#if canImport(Glibc)
import Glibc
#endif
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay

/// `--format dashboard`: the live terminal view, redrawn in place at most 10 times per
/// wall second on a terminal; when piped, drawn once at the end as plain text.
public final class DashboardSink: AnalysisSink {
    private let renderer: DashboardRenderer
    private let pipeline: Pipeline
    private let output: Int32
    private let live: Bool
    private let title: String
    private let speed: String
    private var throttle = RedrawThrottle()
    private var records = 0, events = 0
    private var clock = UnixNanos.zero
    public private(set) var isClosed = false

    public init(pipeline: Pipeline, output: Int32, title: String, speed: String) {
        self.pipeline = pipeline
        self.output = output
        self.title = title
        self.speed = speed
        live = isatty(output) == 1
        renderer = DashboardRenderer(color: live && getenv("NO_COLOR") == nil, width: Self.terminalWidth(output))
    }

    public func event(_ event: MarketEvent) { events += 1 }

    public func recordDone(recv: UnixNanos) {
        records += 1
        clock = recv
        if live, throttle.shouldRedraw(nowNanos: UInt64(clamping: SystemTime().monotonic().rawValue)) { draw(final: false) }
    }

    /// Leaves the final view on screen (or prints it once when piped).
    public func finish() { draw(final: true) }

    private func draw(final: Bool) {
        let frame = DashboardFrame(clock: clock, speed: speed, records: records, events: events, title: title)
        let screen = renderer.render(frame, pipeline: pipeline)
        var text = live ? renderer.redraw(screen) : screen
        if final && live { text += "\n" }
        let buffer = OutputBuffer(capacity: text.utf8.count + 1)
        buffer.append(string: text)
        if !isClosed && !buffer.write(to: output) { isClosed = true }
    }

    static func terminalWidth(_ fd: Int32) -> Int {
        var size = winsize()
        return ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col >= 40 ? Int(size.ws_col) : 120
    }
}
