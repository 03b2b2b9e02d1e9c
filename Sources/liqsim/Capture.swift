import ArgumentParser
import Foundation
import LiqsimCLI
import LiqsimCapture
import LiqsimCore

extension Liqsim {
    struct Capture: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect, verify, print and import capture files (*.lqc.zst).",
            discussion: """
                Example:
                  liqsim capture info captures/real/real-frames.lqc.zst
                  liqsim capture check captures/real/real-frames.lqc.zst
                """,
            subcommands: [Info.self, Check.self, Cat.self, Import.self]
        )
    }
}

extension Liqsim.Capture {
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Header and index statistics (no decompression).",
            discussion: """
                Example:
                  liqsim capture info captures/real/real-frames.lqc.zst
                """
        )

        @Argument(help: "Capture files.") var files: [String]

        func run() async throws {
            for path in files {
                let reader = try open(path)
                let index = try reader.index()
                let h = reader.header
                var lines = ["\(path)"]
                lines.append("  format:    lqc v\(h.formatVersion), written by liqsim \(h.liqsimVersion) (\(h.source))")
                if let c = h.createdNs { lines.append("  created:   \(UnixNanos(c))") }
                for s in h.streams {
                    var line = "  stream:    \(s.id)"
                    if let e = s.endpoint { line += " \(e)" }
                    if !s.subscriptions.isEmpty { line += " [\(s.subscriptions.joined(separator: ", "))]" }
                    lines.append(line)
                }
                for n in h.notes { lines.append("  note:      \(n)") }
                let raw = index.blocks.reduce(UInt64(0)) { $0 + UInt64($1.rawSize) }
                lines.append("  records:   \(index.records) in \(index.blocks.count) blocks")
                if let a = index.firstRecv, let b = index.lastRecv {
                    lines.append("  time:      \(UnixNanos(a)) → \(UnixNanos(b)) (\(String(format: "%.1f", Double(b - a) / 1e9)) s)")
                }
                let ratio = reader.fileSize > 0 ? Double(raw) / Double(reader.fileSize) : 0
                lines.append("  size:      \(reader.fileSize) bytes (\(raw) raw, ratio \(String(format: "%.2f", ratio)))")
                lines.append("  index:     " + (index.fromFooter ? "present (closed cleanly)" : "missing, rebuilt by scanning (writer did not close the file)"))
                if let tail = index.tail { lines.append("  warning:   \(tail.description)") }
                for p in reader.problems { lines.append("  DAMAGE:    at byte \(p.offset): \(p.reason)") }
                print(lines.joined(separator: "\n"))
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every data frame's checksum and record structure; report damage and a truncated tail.",
            discussion: """
                Exit 0 when every file is intact and closed cleanly, 1 otherwise.

                Example:
                  liqsim capture check captures/real/real-frames.lqc.zst
                """
        )

        @Argument(help: "Capture files.") var files: [String]

        func run() async throws {
            var clean = true
            for path in files {
                let check: CaptureCheck
                do { check = try CaptureCheck.run(path: path) } catch let e as CaptureError { throw CLIFailure.input(e.description) }
                var lines = ["\(path): \(check.records) records in \(check.blocks) blocks, \(check.rawBytes) raw bytes"]
                let kinds = RecordKind.allCases.compactMap { k in check.byKind[k].map { "\(k.name) \($0)" } }
                lines.append("  kinds:   " + kinds.joined(separator: ", "))
                lines.append("  streams: " + check.byStream.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                if let a = check.firstRecv, let b = check.lastRecv { lines.append("  time:    \(UnixNanos(a)) → \(UnixNanos(b))") }
                if check.nonMonotonic > 0 { lines.append("  note:    \(check.nonMonotonic) records earlier than their predecessor") }
                lines.append("  index:   " + (check.indexFromFooter ? "present" : "missing (file not closed cleanly)"))
                for s in check.skipped {
                    lines.append("  DAMAGE at byte \(s.offset) (\(s.bytes) bytes" + (s.records.map { ", \($0) records" } ?? "") + "): \(s.reason)")
                }
                if let tail = check.truncatedTail { lines.append("  TRUNCATED: \(tail.description)") }
                lines.append(check.isClean ? "  OK" : "  PROBLEMS FOUND")
                print(lines.joined(separator: "\n"))
                clean = clean && check.isClean
            }
            if !clean { throw ExitCode(1) }
        }
    }

    struct Cat: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print records as text: time, stream, kind, payload.",
            discussion: """
                Example:
                  liqsim capture cat captures/real/real-frames.lqc.zst --limit 20
                """
        )

        @Argument(help: "Capture file.") var file: String
        @Option(help: "Print at most N records.") var limit: Int?
        @Flag(help: "Continue past corrupt data frames.") var skipCorrupt = false

        func run() async throws {
            let reader = try open(file)
            let scanner = reader.scanner(skipCorrupt: skipCorrupt)
            var printed = 0
            do {
                blocks: while let block = try scanner.nextBlock() {
                    var cursor = block.records
                    var text = ""
                    while let r = cursor.next() {
                        if let limit, printed >= limit { try writeStandardOutput(text); break blocks }
                        let stream = Int(r.streamIndex) < reader.header.streams.count ? reader.header.streams[Int(r.streamIndex)].id : "-"
                        text += r.textLine(streamName: stream) + "\n"
                        printed += 1
                    }
                    try writeStandardOutput(text)
                }
            } catch let e as CaptureError { throw CLIFailure.input(e.description) }
            if let tail = scanner.truncatedTail { printError("warning: \(file): \(tail.description)\n") }
            for s in scanner.skipped { printError("warning: \(file): skipped damage at byte \(s.offset): \(s.reason)\n") }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a capture from JSON lines of received frames and REST responses.",
            discussion: """
                Each line: {"recv_ns":INT,"exchange":ID,"frame":"<raw text>"} or
                {"recv_ns":INT,"exchange":ID,"url":URL,"body":"<raw text>"[,"status":200]}.
                Lines of all inputs are merged by receive time. The output is deterministic.

                Example:
                  liqsim capture import frames.jsonl rest.jsonl --out captures/mine.lqc.zst
                """
        )

        @Argument(help: "JSON-lines files.") var inputs: [String]
        @Option(name: .shortAndLong, help: "Output capture (.lqc.zst).") var out: String
        @Flag(help: "Replace the output file if it exists.") var force = false

        func validate() throws { try checkCaptureName(out) }

        func run() async throws {
            do {
                let result = try CaptureImporter.importFiles(inputs, to: out, replace: force)
                print("\(out): \(result.records) records, streams \(result.streams.map(\.rawValue).joined(separator: ", ")), \(result.bytes) bytes")
            } catch let e as CaptureError { throw CLIFailure.input(e.description) }
        }
    }
}

/// Captures are named `*.lqc.zst` (directory inputs pick them up by that name).
func checkCaptureName(_ out: String) throws {
    guard out.hasSuffix(".lqc.zst") else { throw ValidationError("--out \(out): captures are named *.lqc.zst; give a file name ending in .lqc.zst") }
}

private func open(_ path: String) throws -> CaptureReader {
    do { return try CaptureReader(path: path) } catch let e as CaptureError { throw CLIFailure.input(e.description) }
}
