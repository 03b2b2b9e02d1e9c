import Foundation
import Testing
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay
import LiqsimSession

/// The dashboard as a terminal shows it: two colored frames, written with the redraw
/// escape sequences over some junk text, are `cat` inside a detached 140×50 tmux pane;
/// the captured pane must read exactly like the plain rendering of the last frame.
/// Skipped (passing, with a note) where tmux is not installed.
@Suite("Dashboard under tmux")
struct DashboardTmuxTests {
    static let tmux = "/usr/bin/tmux", bash = "/bin/bash"

    @Test func redrawnScreenReadsLikeThePlainRendering() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.tmux), FileManager.default.isExecutableFile(atPath: Self.bash) else {
            print("note: \(Self.tmux) (or \(Self.bash)) not installed; dashboard tmux check skipped")
            return
        }
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let colored = DashboardRenderer(color: true), plain = DashboardRenderer(color: false)
        let early = DashboardMarket.pipeline(Array(DashboardMarket.events.prefix(4)))
        let first = colored.render(DashboardMarket.frame(at: 30 * DashboardMarket.second), pipeline: early)
        let final = DashboardMarket.pipeline()
        let last = colored.render(DashboardMarket.frame(), pipeline: final)
        let expected = plain.render(DashboardMarket.frame(), pipeline: DashboardMarket.pipeline())

        let junk = (0..<60).map { "JUNK \($0) " + String(repeating: "x", count: 125) + "\n" }.joined()
        let bytes = junk + colored.redraw(first) + colored.redraw(last) + "\n"
        let screenPath = tmp.path("screen.txt")
        try Data(bytes.utf8).write(to: URL(fileURLWithPath: screenPath))

        let socket = tmp.path("tmux.sock")   // a private server, removed with the directory
        defer { Self.stop(socket: socket) }
        let started = try Self.run(["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", "dash", "-x", "140", "-y", "50",
                                    "cat '\(screenPath)'; exec sleep 30"])
        #expect(started.status == 0, "tmux new-session: \(started.output)")
        guard started.status == 0 else { return }

        var pane: [String] = []
        let deadline = Date().addingTimeInterval(10)
        repeat {
            Thread.sleep(forTimeInterval: 0.1)
            let captured = try Self.run(["-S", socket, "capture-pane", "-p", "-t", "dash"])
            pane = captured.output.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                var s = String(line)
                while s.last == " " { s.removeLast() }
                return s
            }
        } while !pane.contains(where: { $0.hasSuffix("$160,000 *") }) && Date() < deadline

        let screen = expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(pane.first == "LIQSIM REPLAY | 2026-03-01 00:05:01 UTC | speed 50x | records 1,234 | events 7", "pane:\n\(pane.joined(separator: "\n"))")
        #expect(pane.contains("Total: 3 events | $220,000 | >= $100k: 1 | largest $160,000 BTCUSDT LONG binance"))
        #expect(pane.contains("20260301 | 00:00:50 UTC | BYBIT    | ETHUSDT | LONG  |  10 |  $20,000"))
        #expect(pane.contains("20260301 | 00:00:30 UTC | BINANCE  | BTCUSDT | LONG  |   2 | $160,000 *"))
        #expect(Array(pane.prefix(screen.count)) == screen, "pane:\n\(pane.joined(separator: "\n"))")
        // Nothing of the junk or of the first frame is left below or beside the last one.
        #expect(!pane.contains { $0.contains("JUNK") })
        let below = pane.dropFirst(screen.count).filter { !$0.isEmpty }
        #expect(below.isEmpty, "pane:\n\(pane.joined(separator: "\n"))")
    }

    /// Ends the private server. The pane's `sleep` may have inherited a signal mask blocking
    /// SIGHUP (the test process's threads block signals), so tmux could not end it and the
    /// server would wait for it: it gets SIGKILL by its pid first.
    static func stop(socket: String) {
        if let pane = try? run(["-S", socket, "display-message", "-p", "-t", "dash", "#{pane_pid}"]),
           let pid = Int32(pane.output.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
            kill(pid, SIGKILL)
        }
        _ = try? run(["-S", socket, "kill-server"])
    }

    /// Runs tmux with its output in a file, through a shell that first closes every descriptor
    /// above 2: the tmux server it starts would otherwise inherit the ones Foundation uses to
    /// watch the child (and any other test's pipes), and `waitUntilExit` would wait for the
    /// server to exit.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-tmux-\(UUID().uuidString).out").path
        FileManager.default.createFile(atPath: outPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bash)
        let closeAndRun = "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done 2>/dev/null; exec \(tmux) \"$@\""
        p.arguments = ["-c", closeAndRun, "tmux"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = env["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        env.removeValue(forKey: "TMUX")
        p.environment = env
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close()
        let data = FileManager.default.contents(atPath: outPath) ?? Data()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
