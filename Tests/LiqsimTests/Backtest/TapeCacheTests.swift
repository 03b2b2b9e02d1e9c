import Foundation
@testable import LiqsimBacktest
import LiqsimCore
import Testing

@Suite struct TapeCacheTests {
    /// The generated market copied into a temporary directory (the test changes a byte of it).
    static func scenario(_ dir: TempDir, pipeline: String = "{sentiment_interval: 5m}") throws -> Scenario {
        let capture = dir.path("gen.lqc.zst")
        if !FileManager.default.fileExists(atPath: capture) { try FileManager.default.copyItem(atPath: BacktestMarkets.generated, toPath: capture) }
        let text = BacktestMarkets.generatedScenario()
            .replacingOccurrences(of: BacktestMarkets.generated, with: capture)
            .replacingOccurrences(of: "pipeline: {sentiment_interval: 5m}", with: "pipeline: " + pipeline)
        return try Scenario.parse(text, file: dir.path("gen.yaml"))
    }

    @Test func aSecondBuildLoadsTheSameTapeAndAnyChangedInputOrSettingMisses() throws {
        let dir = try TempDir()
        let cache = TapeCache(directory: dir.path("tapes"))
        let scenario = try Self.scenario(dir)
        let (built, first) = try cache.tape(scenario)
        #expect(!first.hit)
        let (loaded, second) = try cache.tape(scenario)
        #expect(second.hit && second.key == first.key)
        // Every column, cascade, funding, outage and level map comes back exactly.
        let bytes = try loaded.with(seconds: 0).cachedBytes(), builtBytes = try built.with(seconds: 0).cachedBytes()
        #expect(bytes.count > 1000 && bytes == builtBytes)
        let captureDigest = try TapeCache.fileDigest(dir.path("gen.lqc.zst"))
        #expect(second.captureDigests == [captureDigest])
        #expect(loaded.symbols.map(\.count) == built.symbols.map(\.count) && loaded.levelMaps.count == built.levelMaps.count)

        // One pipeline setting changed: another key, a replay.
        let changed = try Self.scenario(dir, pipeline: "{sentiment_interval: 10m}")
        let (_, third) = try cache.tape(changed)
        #expect(!third.hit && third.key != first.key)

        // One byte of the capture changed (a block's payload): another key.
        let handle = try #require(FileHandle(forUpdatingAtPath: dir.path("gen.lqc.zst")))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        let byte = try #require(try handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: [byte ^ 0x01])
        try handle.close()
        #expect(try TapeCache.key(scenario, levelMaps: true) != first.key)
    }

    @Test func aDamagedCacheFileIsReplayedNotTrusted() throws {
        let dir = try TempDir()
        let cache = TapeCache(directory: dir.path("tapes"))
        let scenario = try Self.scenario(dir)
        let (_, first) = try cache.tape(scenario)
        let path = dir.path("tapes/\(first.key).tape")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 9).write(to: URL(fileURLWithPath: path))
        let (_, again) = try cache.tape(scenario)
        #expect(!again.hit && again.damaged?.hasPrefix("the cached tape \(path) is damaged (") == true, "\(again)")
        // Rebuilt and stored whole: the next lookup is a clean hit.
        let (_, third) = try cache.tape(scenario)
        #expect(third.hit && third.damaged == nil)
    }

    @Test func aBacktestOverADamagedCacheWarnsAndRebuilds() throws {
        let dir = try TempDir()
        let scenario = dir.path("gen.yaml")
        try BacktestMarkets.generatedScenario().write(toFile: scenario, atomically: true, encoding: .utf8)
        let first = try CLI.run(["backtest", scenario, "--out", dir.path("r"), "--tape-cache", dir.path("tapes")])
        let entry = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path("tapes")).first { $0.hasSuffix(".tape") })
        let handle = try #require(FileHandle(forUpdatingAtPath: dir.path("tapes/" + entry)))
        try handle.seek(toOffset: 7)
        try handle.write(contentsOf: [0x7f])   // the magic's length's top byte: an impossible count
        try handle.close()
        let second = try CLI.run(["backtest", scenario, "--out", dir.path("r"), "--tape-cache", dir.path("tapes")])
        #expect(first.status == 0 && second.status == 0 && second.stdout.contains(" replay ("), "\(second.stderr)")
        #expect(second.stderr.contains("liqsim: warning: the cached tape \(dir.path("tapes/" + entry)) is damaged (impossible count"), "\(second.stderr)")
        let third = try CLI.run(["backtest", scenario, "--out", dir.path("r"), "--tape-cache", dir.path("tapes")])
        #expect(third.stdout.contains(" cached tape (") && !third.stderr.contains("damaged"))
    }

    /// A new stored property on the tape must be written by TapeCodec: this count moves with it.
    @Test func theCodecWritesEveryStoredProperty() {
        #expect(Mirror(reflecting: SymbolTape(symbol: Symbol("BTCUSDT")!, interval: 60)).children.count == 24)
        #expect(Mirror(reflecting: MarketTape(symbols: [], records: 0, events: 0, seconds: 0)).children.count == 5)
    }

    @Test func theSecondBacktestSkipsTheReplayWithTheSameResults() throws {
        let dir = try TempDir()
        let scenario = dir.path("gen.yaml")
        try BacktestMarkets.generatedScenario().write(toFile: scenario, atomically: true, encoding: .utf8)
        let first = try CLI.run(["backtest", scenario, "--out", dir.path("r")])
        let second = try CLI.run(["backtest", scenario, "--out", dir.path("r")])
        #expect(first.status == 0 && second.status == 0, "\(second.stderr)")
        #expect(first.stdout.contains(" replay (") && second.stdout.contains(" cached tape ("), "\(second.stdout)")
        func digest(_ s: String) -> String? { s.split(separator: "\n").first { $0.contains("digest") }.map(String.init) }
        #expect(digest(first.stdout) != nil && digest(first.stdout) == digest(second.stdout))
    }
}

extension MarketTape {
    func with(seconds: Double) -> MarketTape {
        var t = self
        t.seconds = seconds
        return t
    }

    /// The tape as the cache stores it (written to a temporary file and read back).
    func cachedBytes() throws -> [UInt8] {
        let dir = try TempDir()
        try TapeCodec.write(self, to: dir.path("t.tape"))
        return Array(try Data(contentsOf: URL(fileURLWithPath: dir.path("t.tape"))))
    }
}
