import LiqsimCapture
import LiqsimImport

/// Capture files of `paths` (files, directories, globs), in merge order; exit 2 when one is missing.
package func resolveCaptures(_ paths: [String]) throws -> [String] {
    do { return try CaptureInputs.resolve(paths) } catch let error as CaptureError { throw CLIFailure.input(error.description) }
}

/// Runs an import (`import …`, `fetch binance-vision`) and prints its days and findings (at
/// most 20 lines per kind; counts for the rest).
package func reportImport(_ body: () throws -> ImportReport) throws {
    let report: ImportReport
    do { report = try body() } catch let e as ImportError { throw CLIFailure.input(e.description) } catch let e as CaptureError { throw CLIFailure.input(e.description) }
    for day in report.days { print("\(day.path): \(day.records) records") }
    var shown: [String: Int] = [:]
    for f in report.findings {
        shown[f.kind.rawValue, default: 0] += 1
        if shown[f.kind.rawValue]! <= 20 { printError("warning: " + report.describe(f) + "\n") }
    }
    let verified = report.inputs.filter(\.checksumVerified).count
    var summary = "\(report.days.count) days from \(report.inputs.count) files (\(verified) checksums verified)"
    if !report.findings.isEmpty { summary += "; findings: " + report.findingCounts() }
    print(summary)
}
