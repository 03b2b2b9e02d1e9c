import Foundation
import LiqsimResults

/// One result directory as `compare` reads it: its manifest facts and runs.csv.
public struct ResultDirectory: Sendable {
    public var path: String
    public var scenario: String
    public var scenarioSHA256: String
    /// The inputs' SHA-256s joined: results over different capture bytes never merge.
    public var inputsSHA256: String
    public var shard: String
    public var created: String
    public var digest: String
    public var header: [String]
    public var rows: [[String]]

    /// Every result directory at or under `path` (a run directory, a scenario directory
    /// or the results root), in path order.
    public static func find(_ path: String) throws -> [ResultDirectory] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CompareError("\(path): no such directory; give a result directory such as results/cascade")
        }
        if fm.fileExists(atPath: path + "/manifest.json") { return [try load(path)] }
        var found: [ResultDirectory] = []
        for name in (try fm.contentsOfDirectory(atPath: path)).sorted() where !name.hasPrefix(".") {
            let child = path + "/" + name
            if fm.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue { found += try find(child) }
        }
        return found
    }

    static func load(_ path: String) throws -> ResultDirectory {
        guard let data = FileManager.default.contents(atPath: path + "/manifest.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let scenario = object["scenario"] as? [String: Any], let name = scenario["name"] as? String,
              let hash = scenario["sha256"] as? String, let digest = object["digest"] as? String else {
            throw CompareError("\(path)/manifest.json: unreadable or not a liqsim manifest; re-run the backtest")
        }
        guard let text = try? String(contentsOfFile: path + "/runs.csv", encoding: .utf8) else {
            throw CompareError("\(path)/runs.csv: missing or unreadable; re-run the backtest")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { CSVFields.split(String($0)) }
        guard let header = lines.first, header.first == "run" else { throw CompareError("\(path)/runs.csv: line 1: expected a header starting with 'run'") }
        for (i, row) in lines.dropFirst().enumerated() where row.count != header.count {
            throw CompareError("\(path)/runs.csv: line \(i + 2): \(row.count) fields, the header has \(header.count)")
        }
        let inputs = (object["inputs"] as? [[String: Any]] ?? []).compactMap { $0["sha256"] as? String }.joined(separator: ",")
        return ResultDirectory(path: path, scenario: name, scenarioSHA256: hash, inputsSHA256: inputs, shard: object["shard"] as? String ?? "0/1",
                               created: object["created"] as? String ?? "", digest: digest, header: header, rows: Array(lines.dropFirst()))
    }
}

public struct CompareError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
