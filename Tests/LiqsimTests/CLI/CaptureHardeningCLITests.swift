import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

/// The captures issue 17 found trapping or passing silently, through the CLI: crafted
/// metadata with valid CRCs, a removed block, a duplicated block, prepended bytes. Every
/// command exits 0, 1 or 2 (never a signal) and names the damage's byte offset.
@Suite("Capture hardening through the CLI")
struct CaptureHardeningCLITests {
    struct Case {
        var name: String
        var bytes: [UInt8]
        /// Records `replay --skip-corrupt` must read (all but those of a removed or crafted block).
        var records: Int
    }

    static func cases(_ tmp: TempDir) throws -> (cases: [Case], total: Int) {
        let path = tmp.path("base.lqc.zst")
        let records = try Cap.write(try Cap.sampleInputs(count: 200), to: path, blockBytes: 2048).count
        let bytes = try Cap.bytes(path)
        let blocks = try CaptureReader(path: path).index().blocks
        func meta(_ block: Int, field at: Int, _ value: UInt64) -> [UInt8] {
            var b = bytes
            let o = Int(blocks[block].offset)
            for k in 0..<8 { b[o + 12 + at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
            Cap.putU32(&b, o + 52, CaptureMutator.crc32c(b[(o + 8)..<(o + 52)]))
            return b
        }
        var footerMax = bytes
        let f = bytes.count - Cap.footerFrame
        for k in 0..<8 { footerMax[f + 24 + k] = 0xFF }
        Cap.putU32(&footerMax, f + 32, CaptureMutator.crc32c(footerMax[(f + 8)..<(f + 32)]))
        let dropped = 3, droppedRecords = Int(blocks[dropped].records)
        let removed = Array(bytes[..<Int(blocks[dropped].offset)] + bytes[(Int(blocks[dropped + 1].offset))...])
        let second = Array(bytes[Int(blocks[2].offset)..<Int(blocks[3].offset)])
        let duplicated = Array(bytes[..<Int(blocks[3].offset)] + second + bytes[Int(blocks[3].offset)...])
        return ([
            Case(name: "footer total UInt64.max", bytes: footerMax, records: records),
            Case(name: "first recv Int64.max", bytes: meta(1, field: 16, UInt64(bitPattern: Int64.max)), records: records - Int(blocks[1].records)),
            Case(name: "first recv Int64.min", bytes: meta(1, field: 16, UInt64(bitPattern: Int64.min)), records: records - Int(blocks[1].records)),
            Case(name: "last recv Int64.max", bytes: meta(2, field: 24, UInt64(bitPattern: Int64.max)), records: records - Int(blocks[2].records)),
            Case(name: "a block removed", bytes: removed, records: records - droppedRecords),
            Case(name: "a block twice", bytes: duplicated, records: records),
            Case(name: "bytes prepended", bytes: [0x00, 0x17, 0x2A] + bytes, records: records),
        ], records)
    }

    @Test func everyCommandReportsTheDamageWithItsOffset() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        for c in try Self.cases(tmp).cases {
            let path = tmp.path(c.name.replacingOccurrences(of: " ", with: "-") + ".lqc.zst")
            try Cap.write(bytes: c.bytes, to: path)
            let plain = try CLI.run(["replay", path, "--format", "summary"])
            #expect([1, 2].contains(plain.status), "\(c.name): replay exit \(plain.status)\n\(plain.stderr)")
            #expect(plain.stderr.contains(" at byte "), "\(c.name): \(plain.stderr)")
            let skip = try CLI.run(["replay", path, "--format", "jsonl", "--skip-corrupt"])
            #expect([0, 1].contains(skip.status), "\(c.name): replay --skip-corrupt exit \(skip.status)\n\(skip.stderr)")
            #expect(skip.stderr.contains("skipped corrupt: ") && !skip.stderr.contains("skipped corrupt: 0 regions"), "\(c.name): \(skip.stderr)")
            let line = skip.stderr.split(separator: "\n").first { $0.hasPrefix("replay: ") } ?? ""
            #expect(line.contains(" \(NumberText.grouped(c.records)) records"), "\(c.name): \(line)")
            let check = try CLI.run(["capture", "check", path])
            #expect(check.status == 1 && check.stdout.contains("DAMAGE at byte"), "\(c.name): \(check.stdout)\(check.stderr)")
            let info = try CLI.run(["capture", "info", path])
            #expect([0, 2].contains(info.status), "\(c.name): capture info exit \(info.status)\n\(info.stderr)")
        }
    }
}
