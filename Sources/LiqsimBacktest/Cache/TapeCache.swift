import Foundation
import LiqsimCore

/// The shared pass's tape kept on disk (`<dir>/<key>.tape`), keyed by SHA-256 over the
/// captures' bytes (in order, not their paths) and every setting that shapes the tape:
/// symbols, from/to, bar, sentiment interval, risk window, level maps, the byte order and
/// the running liqsim executable's own SHA-256 (a rebuilt liqsim never reads an older one's
/// tape, even under the same version number). A second backtest over the same inputs loads the tape instead of
/// replaying; one changed input byte or setting gives another key. Shards of one scenario
/// share a directory (docs/history.md): one builds a missing tape under a lock while the
/// others wait and then load it; a tape is written to a temporary name and renamed, so a
/// reader never sees half a file.
public struct TapeCache: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// Where the tape came from, and the key.
    public struct Lookup: Sendable, Equatable {
        public var key: String
        public var hit: Bool
        /// True when another process held the build lock and this one waited for it.
        public var waited = false

        public init(key: String, hit: Bool, waited: Bool = false) {
            self.key = key; self.hit = hit; self.waited = waited
        }
    }

    /// The tape from the cache when its key is there, else built and stored. Building holds
    /// an exclusive lock (`flock` on `<key>.tape.lock` beside the entry): shards that need
    /// the same tape at once wait for the one building it, then load what it stored.
    public func tape(_ scenario: Scenario, levelMaps: Bool = true) throws -> (MarketTape, Lookup) {
        let key = try Self.key(scenario, levelMaps: levelMaps)
        let path = directory + "/" + key + ".tape"
        if let tape = load(path) { return (tape, Lookup(key: key, hit: true)) }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lock = try TapeLock(path: path + ".lock")
        defer { lock.release() }
        // Another process may have stored it while this one waited.
        if let tape = load(path) { return (tape, Lookup(key: key, hit: true, waited: lock.waited)) }
        let tape = try MarketTape.build(scenario, levelMaps: levelMaps)
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        if FileManager.default.createFile(atPath: temporary, contents: Data(TapeCodec.encode(tape))) {
            if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
        }
        return (tape, Lookup(key: key, hit: false, waited: lock.waited))
    }

    /// The cached tape at `path` when it is there and whole.
    func load(_ path: String) -> MarketTape? {
        let clock = ContinuousClock(), started = clock.now
        guard let data = FileManager.default.contents(atPath: path), var tape = try? TapeCodec.decode(Array(data)) else { return nil }
        tape.seconds = (clock.now - started) / .seconds(1)
        return tape
    }

    /// SHA-256 (hex) of everything that shapes the scenario's tape.
    public static func key(_ scenario: Scenario, levelMaps: Bool) throws -> String {
        var text = "\(TapeCodec.magic)\nliqsim \(LiqsimVersion.current)\nlittle-endian \(1.littleEndian == 1)\n"
        text += "symbols \(scenario.symbols.map(\.description).joined(separator: ","))\n"
        text += "from \(scenario.from?.rawValue.description ?? "-") to \(scenario.to?.rawValue.description ?? "-")\n"
        text += "bar \(scenario.bar) sentiment \(scenario.pipeline.sentimentInterval) risk \(scenario.pipeline.riskWindow) levels \(levelMaps)\n"
        text += "executable \(executableDigest)\n"
        for file in scenario.captureFiles { text += "capture \(try fileDigest(file))\n" }
        for file in scenario.liquidationFiles { text += "liquidations \(try fileDigest(file))\n" }
        return digest(Array(text.utf8))
    }

    /// SHA-256 of the running executable (computed once per process).
    static let executableDigest: String = (try? fileDigest("/proc/self/exe")) ?? (try? fileDigest(CommandLine.arguments[0])) ?? "unknown"
}
