import Foundation
import LiqsimCore

/// The shared pass's tape kept on disk (`<dir>/<key>.tape`), keyed by SHA-256 over the
/// captures' bytes (in order, not their paths) and every setting that shapes the tape:
/// symbols, from/to, bar, sentiment interval, risk window, level maps, the byte order, the
/// tape format (`TapeCodec.magic`) and the running liqsim executable's own SHA-256 (a
/// rebuilt liqsim never reads an older one's tape, even under the same version number; the
/// digest is memoised per executable file, `ExecutableDigest`). A second backtest over the
/// same inputs loads the tape instead of replaying; one changed input byte or setting gives
/// another key. Shards of one scenario share a directory (docs/history.md): one builds a
/// missing tape under a lock while the others wait and then load it; a tape is written to a
/// temporary name and renamed, so a reader never sees half a file. A damaged entry is
/// rebuilt, and the lookup says why (`Lookup.damaged`).
public struct TapeCache: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// Where the tape came from, and the key.
    public struct Lookup: Sendable, Equatable {
        public var key: String
        public var hit: Bool
        /// True when another process held the build lock and this one waited for it.
        public var waited = false
        /// Why a stored entry could not be read (it was rebuilt), e.g. a truncated file.
        public var damaged: String?
        /// SHA-256 of each capture (`Scenario.captureFiles` order), hashed once for the key:
        /// the manifest reuses them.
        public var captureDigests: [String] = []

        public init(key: String, hit: Bool, waited: Bool = false) {
            self.key = key; self.hit = hit; self.waited = waited
        }
    }

    /// The tape from the cache when its key is there, else built and stored. Building holds
    /// an exclusive lock (`flock` on `<key>.tape.lock` beside the entry): shards that need
    /// the same tape at once wait for the one building it, then load what it stored.
    public func tape(_ scenario: Scenario, levelMaps: Bool = true) throws -> (MarketTape, Lookup) {
        let captures = try scenario.captureFiles.map(Self.fileDigest)
        let key = try Self.key(scenario, levelMaps: levelMaps, captureDigests: captures, executable: ExecutableDigest.current(memo: directory))
        let path = directory + "/" + key + ".tape"
        var lookup = Lookup(key: key, hit: true)
        lookup.captureDigests = captures
        if let tape = load(path, &lookup) { return (tape, lookup) }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lock = try TapeLock(path: path + ".lock")
        defer { lock.release() }
        lookup.waited = lock.waited
        // Another process may have stored it while this one waited (or just before it asked).
        if let tape = load(path, &lookup) { return (tape, lookup) }
        let tape = try MarketTape.build(scenario, levelMaps: levelMaps)
        lookup.hit = false
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        // A tape that cannot be stored (a full disk) is still this run's tape.
        if (try? TapeCodec.write(tape, to: temporary)) != nil, rename(temporary, path) == 0 { return (tape, lookup) }
        try? FileManager.default.removeItem(atPath: temporary)
        return (tape, lookup)
    }

    /// The cached tape at `path` when it is there and whole; a damaged one is noted in `lookup`.
    func load(_ path: String, _ lookup: inout Lookup) -> MarketTape? {
        let clock = ContinuousClock(), started = clock.now
        do {
            guard var tape = try TapeCodec.read(path) else { return nil }
            tape.seconds = (clock.now - started) / .seconds(1)
            return tape
        } catch {
            lookup.damaged = "the cached tape \(path) is damaged (\(error)); replaying the captures to rebuild it"
            return nil
        }
    }

    /// SHA-256 (hex) of everything that shapes the scenario's tape.
    public static func key(_ scenario: Scenario, levelMaps: Bool) throws -> String {
        try key(scenario, levelMaps: levelMaps, captureDigests: scenario.captureFiles.map(fileDigest), executable: ExecutableDigest.current(memo: nil))
    }

    static func key(_ scenario: Scenario, levelMaps: Bool, captureDigests: [String], executable: String) throws -> String {
        var text = "\(TapeCodec.magic)\nliqsim \(LiqsimVersion.current)\nlittle-endian \(1.littleEndian == 1)\n"
        text += "symbols \(scenario.symbols.map(\.description).joined(separator: ","))\n"
        text += "from \(scenario.from?.rawValue.description ?? "-") to \(scenario.to?.rawValue.description ?? "-")\n"
        text += "bar \(scenario.bar) sentiment \(scenario.pipeline.sentimentInterval) risk \(scenario.pipeline.riskWindow) levels \(levelMaps)\n"
        text += "executable \(executable)\n"
        for digest in captureDigests { text += "capture \(digest)\n" }
        for file in scenario.liquidationFiles { text += "liquidations \(try fileDigest(file))\n" }
        return digest(Array(text.utf8))
    }
}
