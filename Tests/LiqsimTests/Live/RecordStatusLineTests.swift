import Foundation
import Testing

/// The one-line status of `record` on a terminal (tmux), and its absence when piped.
@Suite("record status line")
struct RecordStatusLineTests {
    @Test("on a terminal: per exchange state, frames/s, last-frame age, file size; erased for the summary on Ctrl-C")
    func statusOnTerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: DashboardTmuxTests.tmux) else {
            print("note: \(DashboardTmuxTests.tmux) not installed; record status line check skipped")
            return
        }
        let server = try FaultServer()
        defer { server.shutdown() }
        let dir = try TempDir()
        let steady = "ws://127.0.0.1:\(server.port)/steady"
        var args = [CLI.executable.path, "record", "--symbols", "BTCUSDT", "--out", dir.path("out"), "--rest-interval", "off"]
        for s in ["binance-usdm", "bybit-linear", "okx-swap"] { args += ["--endpoint", "\(s)=\(steady)", "--endpoint", "\(s)-rest=http://127.0.0.1:1"] }
        let socket = dir.path("tmux.sock")
        defer { DashboardTmuxTests.stop(socket: socket) }
        let command = args.map { "'\($0)'" }.joined(separator: " ") + "; exec sleep 60"
        let started = try DashboardTmuxTests.run(["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", "dash", "-x", "160", "-y", "12", command])
        #expect(started.status == 0, "tmux: \(started.output)")
        guard started.status == 0 else { return }
        func pane() -> [String] {
            ((try? DashboardTmuxTests.run(["-S", socket, "capture-pane", "-p", "-t", "dash"]))?.output ?? "")
                .split(separator: "\n").map(String.init)
        }
        func isStatus(_ l: String) -> Bool {
            l.hasPrefix("binance up ") && l.contains("/s ") && l.contains(" | bybit up ") && l.contains(" | okx up ") && l.contains(" | file ")
        }
        var screen: [String] = []
        let shown = liveWait(timeout: 60) {
            screen = pane()
            return screen.contains(where: isStatus)
        }
        #expect(shown, "pane:\n\(screen.joined(separator: "\n"))")
        #expect(screen.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count == 1, "one line, redrawn in place:\n\(screen.joined(separator: "\n"))")
        _ = try DashboardTmuxTests.run(["-S", socket, "send-keys", "-t", "dash", "C-c"])
        let summary = liveWait(timeout: 60) {
            screen = pane()
            return screen.contains { $0.hasPrefix("liqsim record: interrupted by SIGINT;") }
        }
        #expect(summary, "pane:\n\(screen.joined(separator: "\n"))")
        #expect(!screen.contains(where: isStatus), "the status line is erased before the summary")
    }
}
