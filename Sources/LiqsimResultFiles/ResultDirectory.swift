import Foundation

/// One result directory read back: manifest.json and runs.csv, for `compare` and the
/// report (which also reads results.sqlite, `ReportData.load`).
public struct ResultDirectory: Sendable {
    public var path: String
    public var manifest: Manifest
    public var runs: RunsTable
    /// Walk-forward folds (folds.csv) and the out-of-sample summary (validation.csv), when
    /// the scenario asked for them.
    public var folds: [FoldRow] = []
    public var validation: ValidationSummary?

    public init(path: String, manifest: Manifest, runs: RunsTable) { self.path = path; self.manifest = manifest; self.runs = runs }

    public var scenario: String { manifest.scenario.name }
    /// The inputs' SHA-256s joined: results over different capture bytes never merge.
    public var inputsSHA256: String { manifest.inputs.map(\.sha256).joined(separator: ",") }

    /// Every result directory at or under `path` (a run directory, a scenario directory
    /// or the results root), in path order.
    public static func find(_ path: String) throws -> [ResultDirectory] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ResultFileError(path, "no such directory", fix: "give a result directory such as results/cascade")
        }
        if fm.fileExists(atPath: path + "/manifest.json") { return [try load(path)] }
        var found: [ResultDirectory] = []
        for name in (try fm.contentsOfDirectory(atPath: path)).sorted() where !name.hasPrefix(".") {
            let child = path + "/" + name
            if fm.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue { found += try find(child) }
        }
        return found
    }

    /// Reads the directory's manifest.json and runs.csv; errors name the file.
    public static func load(_ path: String) throws -> ResultDirectory {
        let manifest = try Manifest.load(directory: path)
        guard let text = try? String(contentsOfFile: path + "/runs.csv", encoding: .utf8) else {
            throw ResultFileError(path + "/runs.csv", "missing or unreadable")
        }
        do {
            var directory = ResultDirectory(path: path, manifest: manifest, runs: try RunsTable.parse(text))
            if let folds = try? String(contentsOfFile: path + "/folds.csv", encoding: .utf8) { directory.folds = try FoldRow.parse(folds) }
            if let summary = try? String(contentsOfFile: path + "/validation.csv", encoding: .utf8) { directory.validation = try ValidationSummary.parse(summary) }
            return directory
        } catch let error as ResultFileError {
            throw error.inside(path)
        }
    }
}
