import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

/// The corruption suite: a seeded mutator (flip, zero, truncate, drop, duplicate, prepend,
/// crafted metadata with recomputed CRCs) over a generated and a real capture. For every
/// damaged file: no trap and no hang, the damage is reported with its offset, and
/// `--skip-corrupt` recovers exactly the records of the intact blocks, each once.
@Suite("Capture seeded damage")
struct CaptureSeededDamageTests {
    struct Original {
        let bytes: [UInt8]
        let blocks: [BlockInfo]
        let records: [CapRecord]
    }

    static func generated(_ tmp: TempDir) throws -> Original {
        let path = tmp.path("generated.lqc.zst")
        let records = try Cap.write(try Cap.sampleInputs(count: 300), to: path, blockBytes: 2048)
        return Original(bytes: try Cap.bytes(path), blocks: try CaptureReader(path: path).index().blocks, records: records)
    }

    static func real(_ tmp: TempDir) throws -> Original {
        let path = tmp.path("real.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: path, blockBytes: 32 << 10)
        let read = try Cap.read(path)
        return Original(bytes: try Cap.bytes(path), blocks: try CaptureReader(path: path).index().blocks, records: read.records)
    }

    /// What one damaged file gives: records read with `--skip-corrupt`, and `capture check`.
    struct Outcome {
        var records: [CapRecord] = []
        var check: CaptureCheck?
        var openError: CaptureError?
        var reported: Bool { openError != nil || check.map { !$0.isClean } ?? false }
    }

    static func outcome(_ path: String) throws -> Outcome {
        var out = Outcome()
        do {
            out.records = try Cap.read(path, skipCorrupt: true).records
            out.check = try CaptureCheck.run(path: path)
        } catch let e as CaptureError {
            out.openError = e
        }
        return out
    }

    func run(_ original: Original, seed: UInt64, count: Int, tmp: TempDir) throws -> [String: Int] {
        var mutator = CaptureMutator(bytes: original.bytes, blocks: original.blocks, seed: seed)
        var tally: [String: Int] = [:]
        var start = 0
        let recordsOfBlock = original.blocks.map { b -> Range<Int> in
            defer { start += Int(b.records) }
            return start..<(start + Int(b.records))
        }
        for n in 0..<count {
            let m = mutator.next()
            guard m.bytes != original.bytes else { continue }
            tally[String(m.what.prefix { $0 != " " }), default: 0] += 1
            let path = tmp.path("m\(seed)-\(n).lqc.zst")
            try Cap.write(bytes: m.bytes, to: path)
            let o = try Self.outcome(path)
            let context = "seed \(seed) #\(n): \(m.what)"
            if let e = o.openError {
                // Only a file with no block left may be refused outright, and never silently.
                #expect(m.intact.isEmpty, "\(context): \(e)")
                #expect(e.offset != nil, "\(context)")
                continue
            }
            let check = try #require(o.check)
            let damage = check.skipped.map(\.offset) + (check.truncatedTail.map { [$0.offset] } ?? [])
            if !(m.cleanCutPossible && !check.indexFromFooter) {
                #expect(o.reported, "\(context): not reported")
            }
            #expect(damage.allSatisfy { $0 <= UInt64(m.bytes.count) }, "\(context): offsets \(damage)")
            if m.crafted {
                let original = Set(original.records.map { "\($0.kind) \($0.stream) \($0.recv) \($0.payload)" })
                #expect(o.records.allSatisfy { original.contains("\($0.kind) \($0.stream) \($0.recv) \($0.payload)") }, "\(context): invented records")
            } else {
                let expected = m.intact.sorted().flatMap { original.records[recordsOfBlock[$0]] }
                // A copy placed before its original's neighbours is read where it lies: compare in sequence order.
                #expect(o.records.sorted { $0.seq < $1.seq } == expected, "\(context): \(o.records.count) records, \(expected.count) in intact blocks")
            }
        }
        return tally
    }

    @Test func generatedCaptureUnderSeededDamage() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let original = try Self.generated(tmp)
        try #require(original.blocks.count >= 8)
        let tally = try run(original, seed: 17, count: 240, tmp: tmp)
        #expect(Set(tally.keys).isSuperset(of: ["flip", "zero", "truncate", "drop", "duplicate", "prepend", "craft", "reindex:"]), "\(tally)")
    }

    @Test func realCaptureUnderSeededDamage() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let original = try Self.real(tmp)
        try #require(original.blocks.count >= 4)
        _ = try run(original, seed: 1_700, count: 160, tmp: tmp)
    }
}
