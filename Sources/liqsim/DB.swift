import ArgumentParser
import Foundation
import LiqsimCLI
import LiqsimCore
import LiqsimStore

extension Liqsim {
    struct DB: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "db",
            abstract: "Inspect and prune a snapshot store (SQLite, filled by replay/record --db).",
            discussion: """
                Example:
                  liqsim replay captures/demo --db snapshots.sqlite --format summary
                  liqsim db stats snapshots.sqlite
                  liqsim db cleanup snapshots.sqlite --keep-days 30
                """,
            subcommands: [Stats.self, Cleanup.self]
        )
    }
}

extension Liqsim.DB {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rows per table, time range (UTC), symbols and size.",
            discussion: """
                Example:
                  liqsim db stats snapshots.sqlite
                """
        )

        @Argument(help: "Snapshot store (SQLite file).") var file: String

        func run() async throws {
            let store = try openStore(file)
            let stats: SnapshotStoreStats
            do { stats = try store.stats() } catch let e as SnapshotStoreError { throw CLIFailure.runtime(e.description) }
            print(Self.render(stats, path: file))
        }

        static func render(_ stats: SnapshotStoreStats, path: String) -> String {
            var rows = [["table", "rows", "first (UTC)", "last (UTC)"]]
            for t in stats.tables {
                rows.append([t.table.rawValue, String(t.rows), t.minTimeNs.map(iso) ?? "-", t.maxTimeNs.map(iso) ?? "-"])
            }
            rows.append(["total", String(stats.totalRows), stats.minTimeNs.map(iso) ?? "-", stats.maxTimeNs.map(iso) ?? "-"])
            var lines = ["\(path)"] + table(rows, rightAligned: [1]).map { "  " + $0 }
            if let a = stats.minTimeNs, let b = stats.maxTimeNs {
                lines.append("  time:     \(iso(a)) → \(iso(b)) (\(String(format: "%.1f", Double(b - a) / 86_400e9)) days)")
            } else {
                lines.append("  time:     - (empty)")
            }
            let shown = stats.symbols.prefix(20).joined(separator: ", ")
            let more = stats.symbols.count > 20 ? ", … (+\(stats.symbols.count - 20) more)" : ""
            lines.append("  symbols:  \(stats.symbols.count)" + (stats.symbols.isEmpty ? "" : " (\(shown)\(more))"))
            lines.append("  size:     \(stats.databaseBytes) bytes (on disk \(stats.fileBytes) + \(stats.walBytes) WAL)")
            return lines.joined(separator: "\n")
        }
    }

    struct Cleanup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete snapshots older than the newest one in the store minus N days.",
            discussion: "Retention is relative to the newest time_ns in the store, not to the clock, so a store "
                + "filled from an old capture is pruned the same way every time. Rows within N days of the newest "
                + "are kept (--keep-days 0 keeps only the newest time).\n\nExample:\n  liqsim db cleanup snapshots.sqlite --keep-days 30"
        )

        @Argument(help: "Snapshot store (SQLite file).") var file: String
        @Option(help: "Keep rows within N days of the newest row (0 or more).") var keepDays: Int

        func validate() throws {
            guard keepDays >= 0 else { throw ValidationError("bad --keep-days \(keepDays): keep 0 or more days") }
        }

        func run() async throws {
            let store = try openStore(file)
            let report: SnapshotCleanupReport
            do { report = try store.cleanupReport(keepDays: keepDays) } catch let e as SnapshotStoreError { throw CLIFailure.runtime(e.description) }
            var head = "\(file): "
            if let newest = report.newestNs, let cutoff = report.cutoffNs {
                head += "kept rows from \(iso(cutoff)) (newest \(iso(newest)) minus \(keepDays) days)"
            } else if let newest = report.newestNs {
                head += "nothing older than \(keepDays) days before the newest row (\(iso(newest)))"
            } else {
                head += "empty store, nothing to delete"
            }
            var rows = report.deleted.map { [$0.table.rawValue, "deleted", String($0.rows)] }
            rows.append(["total", "deleted", String(report.total)])
            print(([head] + table(rows, rightAligned: [2]).map { "  " + $0 }).joined(separator: "\n"))
        }
    }
}

/// Opens an existing store; a missing file or one that is not a store is an input error.
private func openStore(_ path: String) throws -> SnapshotStore {
    if !FileManager.default.fileExists(atPath: path) { throw CLIFailure.input("\(path): no such file or directory; give a snapshot store that `liqsim replay --db FILE` filled") }
    do { return try SnapshotStore(path: path, create: false) } catch let e as SnapshotStoreError { throw CLIFailure.input(e.description) }
}

private func iso(_ ns: Int64) -> String { UnixNanos(ns).description }

/// Columns padded to a common width (the named ones right-aligned), no trailing spaces.
private func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
    guard let header = rows.first else { return [] }
    let alignments = header.indices.map { rightAligned.contains($0) ? TextTable.Alignment.right : .left }
    return TextTable(header: header, rows: Array(rows.dropFirst()), alignments: alignments).padded(trimTrailing: true)
}
