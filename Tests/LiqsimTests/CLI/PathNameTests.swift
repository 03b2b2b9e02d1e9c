import Foundation
import Testing
import LiqsimCapture
import LiqsimLive

/// Names that become paths: scenario names (results/<name>/), fetch's symbols
/// (<out>/data/futures/um/…/<symbol>/…) and record's symbols. A '/', '..', a control
/// character, a NUL or an overlong name is refused before anything is written (exit 2).
@Suite("Names that become paths")
struct PathNameTests {
    static let hostile = ["../../etc", "BTC/USDT", "..", "A\u{1}B", "A\u{0}B", String(repeating: "X", count: 33), ""]

    @Test func fetchRefusesSymbolsThatWouldLeaveTheOutputDirectory() throws {
        for symbol in Self.hostile {
            #expect(!BinanceVisionFetch.isArchiveSymbol(symbol), "\(symbol.debugDescription)")
        }
        for symbol in ["BTCUSDT", "1000PEPEUSDT", "BTCUSDT_250328", "BTC-USDT"] { #expect(BinanceVisionFetch.isArchiveSymbol(symbol), "\(symbol)") }
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        for symbol in Self.hostile where !symbol.isEmpty && !symbol.contains("\u{0}") {
            let out = tmp.path("bv")
            let r = try CLI.run(["fetch", "binance-vision", "--symbols", symbol, "--from", "2026-01-01", "--to", "2026-01-01",
                                 "--out", out, "--base-url", "http://127.0.0.1:1"])
            #expect(r.status == 2 && r.stderr.contains("is not a Binance Vision symbol"), "\(symbol.debugDescription): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func fetchTheLibraryRefusesThemToo() async throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        var options = BinanceVisionFetch.Options(symbols: [.init("../../X")!], firstDay: 20_454, lastDay: 20_454, out: tmp.path("bv"))
        options.baseURL = "http://127.0.0.1:1"
        await #expect(throws: BinanceVisionFetch.Failure.self) { try await BinanceVisionFetch(options: options).run() }
        #expect(!FileManager.default.fileExists(atPath: tmp.path("bv")))
    }

    /// A directory argument holding a symbolic link back up the tree: each directory is read
    /// once (it recursed until the stack ran out).
    @Test func aDirectoryLoopIsReadOnce() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let dir = tmp.path("caps")
        try FileManager.default.createDirectory(atPath: dir + "/day", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: BacktestMarkets.hand, toPath: dir + "/day/a.lqc.zst")
        try FileManager.default.createSymbolicLink(atPath: dir + "/day/loop", withDestinationPath: dir)
        #expect(try CaptureInputs.resolve([dir]) == [dir + "/day/a.lqc.zst"])
    }

    @Test func recordRefusesThem() throws {
        for symbol in ["BTC/USDT", "../X", "A\u{1}B"] {
            #expect(throws: RecordOptionsError.self, "\(symbol.debugDescription)") { try RecordOptions.symbols(parsing: symbol) }
        }
    }

    /// A 10 MB name, a path and a NUL: exit 2 naming name's line and column, no directory.
    @Test func backtestRefusesScenarioNamesThatAreNotDirectoryNames() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        for name in [String(repeating: "n", count: 10 << 20), "a/../../b", "\"a\\0b\"", ".."] {
            let file = tmp.path("s.yaml")
            try BacktestMarkets.handScenario(capture: BacktestMarkets.hand).replacingOccurrences(of: "name: hand", with: "name: " + name)
                .write(toFile: file, atomically: true, encoding: .utf8)
            let r = try CLI.run(["backtest", file, "--out", tmp.path("results")])
            #expect(r.status == 2 && r.stderr.hasPrefix("liqsim: error: \(file):1:7: name: "), "\(r.stderr.prefix(300))")
            #expect((try? FileManager.default.contentsOfDirectory(atPath: tmp.path("results")))?.isEmpty ?? true)
        }
    }
}
