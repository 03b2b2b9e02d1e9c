import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

@Suite("Capture read-ahead")
struct BlockPrefetcherTests {
    /// Copies every record of every block out of a reader function.
    private func drain(_ next: () throws -> DecodedBlock?) throws -> [CapRecord] {
        var out: [CapRecord] = []
        while let block = try next() {
            var cursor = block.records
            while let r = cursor.next() {
                out.append(CapRecord(kind: r.kindByte, stream: r.streamIndex, aux: r.aux, recv: r.recv.rawValue, seq: r.seq, payload: Array(r.payload)))
            }
        }
        return out
    }

    /// Read-ahead returns exactly what the synchronous scanner returns, also across
    /// damaged blocks skipped with skipCorrupt (each skip must not reuse the buffer of
    /// the block the caller still holds).
    @Test func readAheadEqualsSynchronousReadingAcrossSkippedDamage() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("many.lqc.zst")
        let inputs = try Cap.sampleInputs(count: 300)
        _ = try Cap.write(inputs, to: path, blockBytes: 512)
        let blocks = try CaptureReader(path: path).index().blocks
        var bytes = try Cap.bytes(path)
        for k in [3, 4, 9, blocks.count - 2] {
            let mid = Int(blocks[k].offset) + Cap.metaFrame + Int(blocks[k].compressedSize) / 2
            bytes[mid] ^= 0xA5
        }
        try Cap.write(bytes: bytes, to: path)

        let sync = try CaptureReader(path: path).scanner(skipCorrupt: true)
        let expected = try drain { try sync.nextBlock() }
        let ahead = BlockPrefetcher(try CaptureReader(path: path).scanner(skipCorrupt: true))
        let got = try drain { try ahead.nextBlock() }
        #expect(got == expected)
        #expect(ahead.scanner.skipped == sync.skipped)
        #expect(ahead.scanner.skipped.count == 4)
        #expect(got.count == inputs.count - Int(sync.skippedRecords))
    }

    /// Stopping early (as `--to` does) ends the worker without hanging, and an error
    /// from the worker reaches the caller.
    @Test func stopEarlyAndErrorsPropagate() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("many.lqc.zst")
        _ = try Cap.write(try Cap.sampleInputs(count: 200), to: path, blockBytes: 512)
        let ahead = BlockPrefetcher(try CaptureReader(path: path).scanner())
        #expect(try ahead.nextBlock() != nil)
        ahead.stop()
        #expect(try ahead.nextBlock() == nil)

        let blocks = try CaptureReader(path: path).index().blocks
        var bytes = try Cap.bytes(path)
        bytes[Int(blocks[2].offset) + Cap.metaFrame + Int(blocks[2].compressedSize) / 2] ^= 0xA5
        try Cap.write(bytes: bytes, to: path)
        let damaged = BlockPrefetcher(try CaptureReader(path: path).scanner())
        #expect(try damaged.nextBlock() != nil)
        #expect(try damaged.nextBlock() != nil)
        #expect(throws: CaptureError.self) { try damaged.nextBlock() }
        #expect(try damaged.nextBlock() == nil)
    }
}
