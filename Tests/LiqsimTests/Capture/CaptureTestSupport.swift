import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

// Helpers shared by the Capture/, Replay/ and CLI/ suites. Names are prefixed `Cap` so
// they cannot collide with helpers of other test folders (same test module).

/// One record as read back, copied out of the scanner's buffer.
struct CapRecord: Equatable, CustomStringConvertible {
    var kind: UInt8
    var stream: UInt8
    var aux: UInt16
    var recv: Int64
    var seq: UInt64
    var payload: [UInt8]

    var description: String { "#\(seq) kind \(kind) stream \(stream) aux \(aux) recv \(recv) \(payload.count) bytes" }

    /// The content of one data frame holding `records` (docs/capture-format.md, "Data frame"):
    /// u32 count, the header column (receive time as a delta to the previous record of
    /// the block, the first 0), then the payload column.
    static func encodeBlock(_ records: ArraySlice<CapRecord>) -> [UInt8] {
        var b: [UInt8] = []
        withUnsafeBytes(of: UInt32(records.count).littleEndian) { b.append(contentsOf: $0) }
        var previous = records.first?.recv ?? 0
        for r in records {
            withUnsafeBytes(of: UInt32(r.payload.count).littleEndian) { b.append(contentsOf: $0) }
            b.append(r.kind); b.append(r.stream)
            withUnsafeBytes(of: r.aux.littleEndian) { b.append(contentsOf: $0) }
            withUnsafeBytes(of: (r.recv &- previous).littleEndian) { b.append(contentsOf: $0) }
            previous = r.recv
        }
        for r in records { b.append(contentsOf: r.payload) }
        return b
    }
}

/// A record to write, with what must come back.
struct CapInput {
    var kind: RecordKind
    var stream: UInt8
    var recv: Int64
    /// For REST: the body; otherwise the payload.
    var bytes: [UInt8]
    var url: String? = nil
    var status: UInt16 = 0

    /// The payload as stored: REST is `u16 url length, url, body`.
    var storedPayload: [UInt8] {
        guard kind == .rest, let url else { return bytes }
        let u = Array(url.utf8)
        var p: [UInt8] = [UInt8(u.count & 0xFF), UInt8(u.count >> 8)]
        p += u
        p += bytes
        return p
    }

    func expected(seq: UInt64) -> CapRecord {
        CapRecord(kind: kind.rawValue, stream: stream, aux: kind == .rest ? status : 0, recv: recv, seq: seq, payload: storedPayload)
    }
}

enum Cap {
    static let zstd = "/usr/bin/zstd"

    /// Header used by synthetic captures: every field set.
    static func header() -> CaptureHeader {
        CaptureHeader(liqsimVersion: "9.8.7-test", source: "record", createdNs: 1_786_171_884_000_000_123,
                      streams: [
                        .init(id: "binance-usdm", endpoint: "wss://fstream.binance.com/stream", subscriptions: ["btcusdt@aggTrade", "!forceOrder@arr"]),
                        .init(id: "bybit-linear", endpoint: "wss://stream.bybit.com/v5/public/linear", subscriptions: ["allLiquidation.BTCUSDT"]),
                        .init(id: "okx-swap", endpoint: nil, subscriptions: []),
                        .init(id: "some-future-exchange", endpoint: "wss://example.invalid/ws", subscriptions: ["x"]),
                      ],
                      notes: ["round-trip test", "ünïcödé note ✓"])
    }

    /// ~`count` records of every kind, payloads taken from the real fixture frames, recv
    /// times strictly increasing from `start` by `step` ns.
    static func sampleInputs(count: Int = 120, start: Int64 = 1_786_171_884_000_000_000, step: Int64 = 1_000_003) throws -> [CapInput] {
        let stream: [StreamID: UInt8] = [.binanceUSDM: 0, .bybitLinear: 1, .okxSwap: 2]
        let lines = try (Fixtures.lines("misc-2026.jsonl") + Fixtures.lines("liquidations-2026.jsonl")).filter { $0.frame != nil }
        var out: [CapInput] = []
        for i in 0..<count {
            let t = start + Int64(i) * step
            switch i % 10 {
            case 0:
                out.append(CapInput(kind: .connect, stream: UInt8(i / 10 % 3), recv: t, bytes: Array("wss://fstream.binance.com/stream?streams=btcusdt@aggTrade/\(i)".utf8)))
            case 3:
                // Every byte value, so nothing is treated as text.
                out.append(CapInput(kind: .binary, stream: 1, recv: t, bytes: (0..<(40 + i)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ i) }))
            case 4:
                out.append(CapInput(kind: .sent, stream: 2, recv: t, bytes: Array("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}],\"id\":\"\(i)\"}".utf8)))
            case 6:
                let body = Array("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"ctVal\":\"0.01\",\"n\":\(i)}]}".utf8)
                out.append(CapInput(kind: .rest, stream: 2, recv: t, bytes: body,
                                    url: "https://www.okx.com/api/v5/public/instruments?instType=SWAP&i=\(i)", status: i % 20 == 6 ? 200 : 429))
            case 8:
                out.append(CapInput(kind: .disconnect, stream: 0, recv: t, bytes: Array("close 1006: abnormal closure #\(i)".utf8)))
            case 9:
                // Gap markers belong to no stream.
                out.append(CapInput(kind: .gap, stream: CaptureHeader.noStream, recv: t, bytes: Array("reconnect after 1.2 s (\(i))".utf8)))
            default:
                let line = lines[i % lines.count]
                out.append(CapInput(kind: .text, stream: stream[line.stream]!, recv: t, bytes: Array(line.frame!.utf8)))
            }
        }
        // One empty payload, to check zero-length records.
        out.append(CapInput(kind: .gap, stream: CaptureHeader.noStream, recv: start + Int64(count) * step, bytes: []))
        return out
    }

    /// Appends inputs to an open writer.
    static func append(_ inputs: [CapInput], to writer: CaptureWriter) throws {
        for r in inputs {
            if r.kind == .rest, let url = r.url {
                try r.bytes.withUnsafeBytes { try writer.appendREST(streamIndex: r.stream, recv: UnixNanos(r.recv), status: r.status, url: url, body: $0) }
            } else {
                try r.bytes.withUnsafeBytes { try writer.append(kind: r.kind, streamIndex: r.stream, recv: UnixNanos(r.recv), payload: $0) }
            }
        }
    }

    /// Writes and closes a capture; returns the expected records.
    @discardableResult
    static func write(_ inputs: [CapInput], to path: String, header: CaptureHeader = Cap.header(), blockBytes: Int = 512) throws -> [CapRecord] {
        let writer = try CaptureWriter(path: path, header: header, blockBytes: blockBytes)
        try append(inputs, to: writer)
        try writer.close()
        return inputs.enumerated().map { $1.expected(seq: UInt64($0)) }
    }

    struct ReadResult {
        var records: [CapRecord] = []
        var blocks: [BlockInfo] = []
        var error: Error?
        var truncatedTail: TruncatedTail?
        var skipped: [BlockScanner.SkippedRegion] = []
    }

    /// Reads every record; a thrown error ends the read and is returned with what came before.
    static func read(_ path: String, skipCorrupt: Bool = false, startingAt block: BlockInfo? = nil) throws -> ReadResult {
        let reader = try CaptureReader(path: path)
        let scanner = reader.scanner(startingAt: block, skipCorrupt: skipCorrupt)
        var result = ReadResult()
        do {
            while let block = try scanner.nextBlock() {
                result.blocks.append(block.info)
                var cursor = block.records
                while let r = cursor.next() {
                    result.records.append(CapRecord(kind: r.kindByte, stream: r.streamIndex, aux: r.aux, recv: r.recv.rawValue, seq: r.seq, payload: Array(r.payload)))
                }
            }
        } catch {
            result.error = error
        }
        result.truncatedTail = scanner.truncatedTail
        result.skipped = scanner.skipped
        return result
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func write(bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The header frame's total size (where data starts).
    /// Bytes of a block-meta frame (8-byte skippable header + 44 bytes of fields + CRC-32C).
    static let metaFrame = 56
    /// Bytes of the footer frame (8-byte skippable header + 24 bytes of fields + CRC-32C).
    static let footerFrame = 36

    static func dataStart(_ bytes: [UInt8]) -> Int {
        8 + Int(u32(bytes, 4))
    }

    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    static func u64(_ b: [UInt8], _ at: Int) -> UInt64 {
        UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32
    }

    static func putU32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
        for i in 0..<4 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
    }

    /// Runs a program; stdout and stderr go through files (no pipe deadlocks).
    struct ProcResult { var status: Int32; var stdout: Data; var stderr: String }

    static func run(_ executable: String, _ arguments: [String], stdoutTo file: String? = nil) throws -> ProcResult {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-proc-\(UUID().uuidString)")
        let outPath = file ?? tmp.path + ".out", errPath = tmp.path + ".err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            if file == nil { try? FileManager.default.removeItem(atPath: outPath) }
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardInput = FileHandle.nullDevice
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        try out.close(); try err.close()
        let stdout = file == nil ? try Data(contentsOf: URL(fileURLWithPath: outPath)) : Data()
        let stderr = String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self)
        return ProcResult(status: p.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// `sha256sum` of a file, as lower-case hex.
    static func sha256(_ path: String) throws -> String {
        let r = try run("/usr/bin/sha256sum", [path])
        return String(String(decoding: r.stdout, as: UTF8.self).prefix(64))
    }

    /// The value of the summary's `digest:` line.
    static func digest(_ stderr: String) -> String? {
        stderr.split(separator: "\n").last { $0.hasPrefix("digest: ") }.map { String($0.dropFirst("digest: ".count)) }
    }

    /// `recv_ns` of each JSON line.
    static func recvTimes(_ jsonl: String) -> [Int64] {
        jsonl.split(separator: "\n").map { line -> Int64 in
            guard let r = line.range(of: "\"recv_ns\":") else { return -1 }
            return Int64(line[r.upperBound...].prefix { $0.isNumber }) ?? -1
        }
    }

    /// Imports fixture files (names under Fixtures/real) into a capture.
    @discardableResult
    /// Imports fixtures; 128 KiB blocks cut the fixture set into three blocks for damage tests.
    static func importFixtures(_ names: [String], to path: String, blockBytes: Int = 128 << 10) throws -> CaptureImporter.Result {
        try CaptureImporter.importFiles(names.map(Fixtures.path), to: path, blockBytes: blockBytes)
    }

    static let allFixtures = [
        "binance-usdm-20210417-excerpt.jsonl", "bybit-linear-20260809-a-excerpt.jsonl",
        "liquidations-2026.jsonl", "misc-2026.jsonl", "okx-swap-20220227-excerpt.jsonl",
    ]

    /// All fixture lines in capture order: by (recv, input order), as the importer sorts.
    static func fixtureLinesInCaptureOrder(_ names: [String] = allFixtures) throws -> [FixtureLine] {
        let all = try names.flatMap { try Fixtures.lines($0) }
        return all.enumerated().sorted { ($0.element.recv, $0.offset) < ($1.element.recv, $1.offset) }.map(\.element)
    }
}
