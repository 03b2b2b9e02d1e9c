import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

/// Metadata damage that the CRC-32C checks and the footer's totals catch.
@Suite("Capture metadata integrity")
struct CaptureIntegrityTests {
    /// One byte turning a block meta's magic into the index magic must not end the read
    /// silently (review B1): away from the footer's index offset it is damage.
    @Test func indexMagicAwayFromTheIndexIsDamage() throws {
        let f = try ManyBlocks(count: 60); defer { withExtendedLifetime(f) {} }
        let k = 5
        var bytes = f.closedBytes
        bytes[Int(f.blocks[k].offset)] = 0x52
        let path = try f.write(bytes, "magic.lqc.zst")
        let error = try #require(try Cap.read(path).error as? CaptureError)
        #expect(error.kind == .corrupt && error.offset == f.blocks[k].offset)
        let read = try Cap.read(path, skipCorrupt: true)
        #expect(read.records == f.records(excludingBlocks: [k]))
        #expect(read.skipped.map(\.records) == [UInt64(f.blocks[k].records)])
    }

    /// A corrupt index (huge block count, flipped entry) is not trusted: the index is rebuilt
    /// by scanning, without giant allocations (review B4, B6).
    @Test func corruptIndexIsRebuiltNotTrusted() throws {
        let f = try ManyBlocks(count: 60); defer { withExtendedLifetime(f) {} }
        let indexOffset = Int(try #require(CaptureReader(path: f.closedPath).footer).indexOffset)
        for (at, value) in [(indexOffset + 12, UInt32.max), (indexOffset + 16 + 48 + 8, UInt32(7))] {
            var bytes = f.closedBytes
            Cap.putU32(&bytes, at, value)
            let path = try f.write(bytes, "index-\(at).lqc.zst")
            let index = try CaptureReader(path: path).index()
            #expect(!index.fromFooter)
            #expect(index.blocks == f.blocks)
        }
    }
}
