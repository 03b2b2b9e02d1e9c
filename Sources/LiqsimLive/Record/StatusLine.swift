#if canImport(Glibc)
import Glibc
#endif

/// The one-line status on a terminal, redrawn in place every second:
/// `binance up 812/s 0.1s | bybit reconnecting | okx up 95/s 0.4s | file 12.3 MB`.
/// Not drawn at all when stderr is not a terminal.
final class StatusLine {
    struct Row {
        var name: String
        var phases: [ExchangeConnection.Phase]
        var frames: UInt64
        var lastFrameAt: UInt64
    }

    private let fd: Int32
    private var previousFrames: [String: UInt64] = [:]
    private var previousAt: UInt64 = 0
    /// The latest REST problem, shown until the next redraw.
    var problem: String?
    private var drawn = false

    init(fd: Int32) { self.fd = fd }

    func draw(_ rows: [Row], fileBytes: UInt64, now: UInt64) {
        let seconds = previousAt == 0 ? 1 : max(0.001, Double(now &- previousAt) / 1e9)
        var parts: [String] = []
        for row in rows {
            let rate = Double(row.frames &- (previousFrames[row.name] ?? row.frames)) / seconds
            previousFrames[row.name] = row.frames
            parts.append("\(row.name) \(StatusLine.state(row.phases)) \(Int(rate.rounded()))/s" + StatusLine.age(row.lastFrameAt, now))
        }
        previousAt = now
        var line = parts.joined(separator: " | ") + " | file " + StatusLine.size(fileBytes)
        if let problem { line += " | " + problem; self.problem = nil }
        write("\r\u{1B}[K" + line)
        drawn = true
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

    static func age(_ last: UInt64, _ now: UInt64) -> String {
        guard last > 0 else { return "" }
        return String(format: " %.1fs", Double(now &- last) / 1e9)
    }

    static func size(_ bytes: UInt64) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : String(format: "%.0f kB", Double(bytes) / 1024)
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { b in _ = Glibc.write(fd, b.baseAddress, b.count) }
    }
}
