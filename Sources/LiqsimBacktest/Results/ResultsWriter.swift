import Foundation
import LiqsimCore
import LiqsimResultFiles

/// Writes one result directory, `<root>/<scenario>/<run-stamp>/` (SPEC §6): runs.csv,
/// trades.csv, equity.csv, summary.md, results.sqlite and manifest.json, and with a
/// `validation` section folds.csv, oos_equity.csv and validation.csv. (report.html is
/// drawn from those files afterwards, by LiqsimReport; docs/report.md.) The manifest's
/// `digest` is the SHA-256 of runs.csv, trades.csv, equity.csv (and the validation files): it depends on the
/// scenario, the inputs and liqsim only — not on paths, timestamps or `--jobs`.
public struct ResultsWriter {
    public var root: String
    /// Run time used for the directory name and the manifest (not part of the digest).
    public var stamp: UnixNanos

    public init(root: String, stamp: UnixNanos = SystemTime().wall()) {
        self.root = root
        self.stamp = stamp
    }

    /// Creates the results root if needed and checks it can be written, before any work.
    public func checkRoot() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ResultsWriterError(path: root, reason: "exists and is not a directory") }
        } else {
            do { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) } catch {
                throw ResultsWriterError(path: root, reason: "cannot create the directory")
            }
        }
        guard access(root, W_OK) == 0 else { throw ResultsWriterError(path: root, reason: String(cString: strerror(errno))) }
    }

    public struct Written: Sendable {
        public var directory: String
        public var digest: String
        /// What report.html shows, from the files just written without reading them back
        /// (`ReportData.written`): the same data `ReportData.load(directory:)` reads.
        public var report: ReportData
        /// results.sqlite's rows, filled on a second thread beside the CSV files and the
        /// report (`ResultTables.fillDatabase`): what the writing waits for when it is the longer.
        public var databaseTime: Duration = .zero
    }

    /// `validation`: walk-forward and PBO, written as folds.csv, oos_equity.csv and
    /// validation.csv (and digested after equity.csv) when there are any. `captureDigests`:
    /// the captures' SHA-256 when already known (the tape cache hashed them), else hashed here.
    /// `page(report, directory)` runs on this thread while results.sqlite's finishes its
    /// inserts, once the report's data is built (the CLI draws report.html there); its error
    /// stops the writing like any other.
    public func write(shared: SharedPass, results: [RunResult], validation: ValidationResult = ValidationResult(),
                      shard: SweepEngine.Shard, jobs: Int, captureDigests: [String]? = nil,
                      page: ((ReportData, String) throws -> Void)? = nil) throws -> Written {
        let scenario = shared.scenario
        var tables = ResultTables(scenario: scenario, results: results, withTrades: false)
        let directory: String
        do { directory = try makeDirectory(scenario: scenario.name, shard: shard) } catch {
            throw ResultsWriterError(path: root + "/" + scenario.name, reason: "cannot create the directory")
        }
        // Each symbol's bar closes: their text is built once per symbol, not once per run.
        let closes = Dictionary(uniqueKeysWithValues: shared.tape.symbols.map { ($0.symbol.description, $0.closeTime) })
        // results.sqlite fills on a second thread while this one formats, hashes and writes
        // the CSV files (on a 1,000-run grid each is about half of the writing). It starts
        // with the equity rows, the longest part of the writing, before the trades, bars and
        // cascades are built here; they follow through `later`. They are built by a function
        // that cannot throw, the only call between the thread's start and `put`: the thread
        // never waits for rows that do not come (and the error paths' `wait` never hangs).
        func laterRows(_ tables: inout ResultTables) -> ResultTables.LaterRows {
            tables.buildTrades()
            return .init(trades: tables.trades, bars: tables.barRows(shared), cascades: tables.cascadeRows(shared.tape))
        }
        let later = Handoff<ResultTables.LaterRows>()
        let database = BackgroundWork { [tables] in try tables.fillDatabase(path: directory + "/results.sqlite", closes: closes, later: later.take) }
        let rows = laterRows(&tables)
        later.put(rows)
        let digest: String
        var manifest: Manifest
        let runsText = tables.runs.csv
        let validationFiles = ValidationTables(validation: validation).files
        do {
            // The digest's files in its order, hashed as they are written.
            let files = DigestedFiles(directory: directory)
            do {
                try files.file("runs.csv", Array(runsText.utf8))
                try files.file("trades.csv", tables.tradesCSV)
                try tables.writeEquityCSV(closes: closes, to: files)
                for (name, bytes) in validationFiles { try files.file(name, bytes) }
            } catch let error as ResultFileError {
                throw ResultsWriterError(path: error.path, reason: error.reason)
            }
            digest = files.finalizeHex()
            try write(tables.summaryMarkdown(tape: shared.tape, shard: shard, volatility: shared.volatility) + ValidationTables(validation: validation).markdown,
                      to: directory + "/summary.md")
            manifest = try Self.manifest(scenario: scenario, shard: shard, runs: results.count, digest: digest, jobs: jobs, created: stamp,
                                         captureDigests: captureDigests)
            manifest.lowerBounds = shared.tape.symbols.flatMap { t in
                t.lowerBounds.map { LowerBound(symbol: t.symbol.description, exchange: $0.stream.rawValue, liquidations: $0.liquidations, usd: $0.usd,
                                               cappedSeconds: $0.cappedSeconds) }
            }
        } catch {
            _ = try? database.wait()
            throw error
        }
        // The report's data (and the caller's page) while the database thread finishes: from
        // what was just written, as `ReportData.load` would read it back.
        let report: ReportData
        do {
            func text(_ name: String) -> String? { validationFiles.first { $0.name == name }.map { String(decoding: $0.bytes, as: UTF8.self) } }
            var data = try ReportData.written(directory: directory, manifest: manifest.json, runs: runsText, folds: text("folds.csv"),
                                              validation: text("validation.csv"), oosEquity: text("oos_equity.csv"))
            for row in rows.bars { data.append(row) }
            for row in tables.trades { data.append(row) }
            tables.reportEquity(shared.tape, into: &data)
            for row in rows.cascades { data.append(row) }
            report = data
            try page?(report, directory)
        } catch {
            _ = try? database.wait()
            throw error
        }
        do {
            try database.wait().finish(manifest: manifest)
        } catch let error as ResultFileError {
            throw ResultsWriterError(path: directory + "/results.sqlite", reason: error.reason)
        }
        // Last: `compare` takes a directory with a manifest as complete.
        try write(manifest.json, to: directory + "/manifest.json")
        return Written(directory: directory, digest: digest, report: report, databaseTime: database.duration)
    }

    /// What produced the results: the scenario (its text and SHA-256), each input capture
    /// with its size and SHA-256, the grid, and the run's facts.
    static func manifest(scenario: Scenario, shard: SweepEngine.Shard, runs: Int, digest: String, jobs: Int, created: UnixNanos,
                         captureDigests: [String]? = nil) throws -> Manifest {
        let known = captureDigests?.count == scenario.captureFiles.count ? captureDigests : nil
        let inputs = try scenario.captureFiles.enumerated().map { k, path in
            guard let hash = known?[k] ?? FileDigest.sha256(file: path) else { throw ResultsWriterError(path: path, reason: "cannot read the capture to hash it") }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Manifest.Input(path: path, bytes: size, sha256: hash)
        }
        let axes = scenario.grid.axes.map { a in
            Manifest.Axis(name: a.name, values: a.values.map { v in v.number.map(Manifest.Value.number) ?? v.flag.map(Manifest.Value.flag) ?? .text(v.description) })
        }
        var manifest = Manifest(scenario: .init(name: scenario.name, file: scenario.file, sha256: FileDigest.sha256(text: scenario.source), text: scenario.source),
                        inputs: inputs, grid: .init(points: scenario.grid.count, axes: axes), shard: shard.description, runs: runs, jobs: jobs,
                        created: stampText(created), digest: digest)
        manifest.barSeconds = Int(scenario.bar / 1_000_000_000)
        return manifest
    }

    /// `<root>/<name>/<UTC stamp>[-shard-I-of-N]`, never an existing directory.
    private func makeDirectory(scenario: String, shard: SweepEngine.Shard) throws -> String {
        let base = root + "/" + scenario + "/" + Self.stampText(stamp) + (shard.count > 1 ? "-shard-\(shard.index)-of-\(shard.count)" : "")
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/" + scenario, withIntermediateDirectories: true)
        var candidate = base, n = 1
        while true {
            do {
                try fm.createDirectory(atPath: candidate, withIntermediateDirectories: false)
                return candidate
            } catch where fm.fileExists(atPath: candidate) {
                n += 1
                candidate = base + "-\(n)"
            }
        }
    }

    static func stampText(_ time: UnixNanos) -> String {
        let t = UTCDateTime(time)
        func pad(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
        return t.compactDate + "T" + pad(t.hour, 2) + pad(t.minute, 2) + pad(t.second, 2) + "Z"
    }

    private func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    private func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw ResultsWriterError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

public struct ResultsWriterError: Error, CustomStringConvertible {
    public var path: String, reason: String
    public var description: String { "\(path): cannot write: \(reason); check the directory's permissions and free space (or use --out DIR)" }
}
