import Foundation
import LiqsimCore

/// manifest.json: what produced a result directory — scenario (file, SHA-256, text),
/// inputs with their SHA-256, grid, shard, liqsim version — and the results' digest.
struct Manifest {
    var pairs: [(String, String)] = []
    let json: String

    init(scenario: Scenario, shard: SweepEngine.Shard, runs: Int, digest: String, jobs: Int, created: Date) throws {
        var inputs: [String] = []
        for path in scenario.captureFiles {
            let hash = try Self.sha256(file: path)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            inputs.append("    {\"path\": \(Self.quote(path)), \"bytes\": \(size), \"sha256\": \"\(hash)\"}")
        }
        let scenarioHash = Self.sha256(text: scenario.source)
        let axes = scenario.grid.axes.map { a in
            "    {\"name\": \(Self.quote(a.name)), \"values\": [" + a.values.map { v in v.number != nil || v.flag != nil ? v.description : Self.quote(v.description) }.joined(separator: ", ") + "]}"
        }
        let createdText = ResultsWriter.stampText(created)
        json = """
            {
              "liqsim_version": \(Self.quote(LiqsimVersion.current)),
              "scenario": {"name": \(Self.quote(scenario.name)), "file": \(Self.quote(scenario.file)), "sha256": "\(scenarioHash)", "text": \(Self.quote(scenario.source))},
              "inputs": [
            \(inputs.joined(separator: ",\n"))
              ],
              "grid": {"points": \(scenario.grid.count), "axes": [
            \(axes.joined(separator: ",\n"))
              ]},
              "shard": "\(shard)",
              "runs": \(runs),
              "jobs": \(jobs),
              "created": "\(createdText)",
              "digest": "\(digest)"
            }

            """
        pairs = [("liqsim_version", LiqsimVersion.current), ("scenario", scenario.name), ("scenario_sha256", scenarioHash),
                 ("grid_points", String(scenario.grid.count)), ("shard", shard.description), ("runs", String(runs)),
                 ("created", createdText), ("digest", digest)]
    }

    static func sha256(text: String) -> String {
        let d = SHA256Digest()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { d.update(UnsafeRawBufferPointer($0)) }
        return d.finalizeHex()
    }

    static func sha256(file path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ResultsWriterError(path: path, reason: "cannot read the capture to hash it") }
        defer { try? handle.close() }
        let d = SHA256Digest()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { d.update($0) }
        }
        return d.finalizeHex()
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
