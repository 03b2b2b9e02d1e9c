import Foundation

/// The bench's Python peers run in a virtual environment the bench makes itself
/// (`.build/bench-venv`, `python3 -m venv` + `pip install` from PyPI), so a fresh machine
/// measures the same packages. A peer that cannot be installed is skipped with a message.
enum PythonPeers {
    static let venv = ".build/bench-venv"
    static var python: String { venv + "/bin/python3" }

    /// The venv's python with `modules` importable (installing `packages` when not), or nil
    /// with the reason.
    static func ready(modules: [String], packages: [String], scratch: String) -> (python: String?, reason: String) {
        let log = scratch + "/bench-venv.log"
        defer { unlink(log) }
        if access(python, X_OK) != 0 {
            guard let made = try? runChild(["python3", "-m", "venv", venv], stdout: log, stderr: log), made.succeeded else {
                return (nil, "python3 -m venv failed: " + lastLine(log))
            }
        }
        if imports(modules) { return (python, "") }
        print("  (installing \(packages.joined(separator: ", ")) from PyPI into \(venv); first run only)")
        guard let pip = try? runChild([python, "-m", "pip", "install", "-q", "--disable-pip-version-check"] + packages, stdout: log, stderr: log),
              pip.succeeded else { return (nil, "pip install \(packages.joined(separator: " ")) failed: " + lastLine(log)) }
        return imports(modules) ? (python, "") : (nil, "installed, but `import \(modules.joined(separator: ", "))` still fails")
    }

    private static func imports(_ modules: [String]) -> Bool {
        (try? runChild([python, "-c", "import " + modules.joined(separator: ", ")]))?.succeeded ?? false
    }

    private static func lastLine(_ path: String) -> String {
        readText(path).split(separator: "\n").last.map(String.init) ?? "(no output)"
    }

    /// `zstd -dc CAPTURE | python orjson_reader.py`, best of `runs`: the same frames parsed
    /// by orjson with field extraction only. nil (after a message) when unavailable.
    static func orjsonReader(capture: String, runs: Int, scratch: String) -> ChildRun? {
        let script = "scripts/bench/orjson_reader.py"
        guard FileManager.default.fileExists(atPath: script) else { print("  orjson reader: \(script) not found; skipped"); return nil }
        let env = ready(modules: ["orjson"], packages: ["orjson"], scratch: scratch)
        guard let python = env.python else { print("  orjson reader: skipped (\(env.reason))"); return nil }
        let out = scratch + "/orjson-reader.out"
        defer { unlink(out) }
        var best: ChildRun?
        for _ in 0..<runs {
            guard let r = try? runChild(["/bin/sh", "-c", "zstd -dc \"$0\" | \"$1\" \"$2\"", capture, python, script], stdout: out), r.succeeded else {
                print("  orjson reader: FAILED: \(readText(out))")
                return nil
            }
            if best == nil || r.seconds < best!.seconds { best = r }
        }
        print("  orjson reader (\(readText(out).trimmingCharacters(in: .whitespacesAndNewlines)))")
        return best
    }
}
