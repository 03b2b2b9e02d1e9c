import Foundation
import LiqsimCore

extension Manifest {
    /// manifest.json's text: one line per fact, the scenario on one line, one line per
    /// input and per axis — a layout people read and diff, so it is written here rather
    /// than by `JSONEncoder` (which `JSONDecoder` reads back the same).
    public var json: String {
        func q(_ s: String) -> String { JSONText.quote(s) }
        let inputLines = inputs.map { "    {\"path\": \(q($0.path)), \"bytes\": \($0.bytes), \"sha256\": \(q($0.sha256))}" }
        let boundLines = lowerBounds.map { b in
            "    {\"symbol\": \(q(b.symbol)), \"exchange\": \(q(b.exchange)), \"liquidations\": \(b.liquidations), "
                + "\"usd\": \(NumberText.fixed(b.usd, 2) ?? "0"), \"capped_seconds\": \(b.cappedSeconds)}"
        }
        let axisLines = grid.axes.map { a in
            "    {\"name\": \(q(a.name)), \"values\": [" + a.values.map(Self.text).joined(separator: ", ") + "]}"
        }
        return """
            {
              "liqsim_version": \(q(liqsimVersion)),
              "scenario": {"name": \(q(scenario.name)), "file": \(q(scenario.file)), "sha256": \(q(scenario.sha256)), "text": \(scenario.text.map(q) ?? "null")},
              "inputs": [
            \(inputLines.joined(separator: ",\n"))
              ],
              "grid": {"points": \(grid.points), "axes": [
            \(axisLines.joined(separator: ",\n"))
              ]},
            \(barSeconds > 0 ? "  \"bar_seconds\": \(barSeconds),\n" : "")  "shard": \(q(shard)),
              "runs": \(runs),
              "jobs": \(jobs),
              "created": \(q(created)),
              "digest": \(q(digest)),
              "lower_bounds": \(boundLines.isEmpty ? "[]" : "[\n" + boundLines.joined(separator: ",\n") + "\n  ]")
            }

            """
    }

    /// A value as the scenario's result tables write it: integers without a decimal point.
    static func text(_ value: Value) -> String {
        switch value {
        case .number(let v): return NumberText.shortest(v) ?? "\(v)"
        case .flag(let b): return b ? "true" : "false"
        case .text(let s): return JSONText.quote(s)
        }
    }

    /// Reads `path`/manifest.json.
    public static func load(directory path: String) throws -> Manifest {
        let file = path + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: file), let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            throw ResultFileError(file, "missing or not a liqsim manifest",
                                  fix: "give a result directory such as results/cascade/20260101T000000Z")
        }
        return manifest
    }
}
