#if canImport(Glibc)
import Glibc
#endif
import LiqsimCore

/// The one-line status on a terminal, redrawn in place every second:
/// `binance up 812/s 0.1s | bybit reconnecting | okx up 95/s 0.4s | file 12.3 MB`.
/// Not drawn at all when stderr is not a terminal.
final class StatusLine {
    struct Row {
        var name: String
        var phases: [ExchangeConnection.Phase]
        var frames: UInt64
        /// Monotonic time of the latest frame; nil before any connection.
        var lastFrameAt: UnixNanos?
    }

    private let fd: Int32
    private var previousFrames: [String: UInt64] = [:]
    private var previousAt: UnixNanos?
    /// The latest REST problem, shown until the next redraw.
    var problem: String?
    private var drawn = false

    init(fd: Int32) { self.fd = fd }

    /// Draws the line for monotonic time `now` (rates are per second since the last draw).
    func draw(_ rows: [Row], fileBytes: UInt64, now: UnixNanos) {
        write("\r\u{1B}[K" + line(rows, fileBytes: fileBytes, now: now))
        drawn = true
    }

    /// The text of the line (without the carriage return and erase); consumes `problem`.
    func line(_ rows: [Row], fileBytes: UInt64, now: UnixNanos) -> String {
        let seconds = previousAt.map { max(0.001, now.duration(since: $0).inSeconds) } ?? 1
        var parts: [String] = []
        for row in rows {
            let rate = Double(row.frames &- (previousFrames[row.name] ?? row.frames)) / seconds
            previousFrames[row.name] = row.frames
            parts.append("\(row.name) \(StatusLine.state(row.phases)) \(Int(rate.rounded()))/s" + StatusLine.age(row.lastFrameAt, now))
        }
        previousAt = now
        var line = parts.joined(separator: " | ") + " | file " + StatusLine.size(fileBytes)
        if let problem { line += " | " + problem; self.problem = nil }
        return line
    }

    /// Erases the status line so a message or the closing summary starts on a clean line.
    func clear() {
        guard drawn else { return }
        write("\r\u{1B}[K")
        drawn = false
    }

    static func state(_ phases: [ExchangeConnection.Phase]) -> String {
        if phases.contains(.breakerOpen) { return "circuit-open" }
        if phases.allSatisfy({ $0 == .connected }) { return "up" }
        if phases.contains(.connected) { return "partly-up" }
        return "reconnecting"
    }

    static func age(_ last: UnixNanos?, _ now: UnixNanos) -> String {
        guard let last else { return "" }
        return String(format: " %.1fs", now.duration(since: last).inSeconds)
    }

    static func size(_ bytes: UInt64) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : String(format: "%.0f kB", Double(bytes) / 1024)
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { b in _ = Glibc.write(fd, b.baseAddress, b.count) }
    }
}
