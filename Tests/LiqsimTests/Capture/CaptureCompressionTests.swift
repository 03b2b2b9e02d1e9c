import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

@Suite("Capture compression")
struct CaptureCompressionTests {
    /// SPEC: the capture compresses at least as well as `zstd -3` of the concatenated
    /// payloads, within 10%: capture size ≤ 1.10 × size of `zstd -3` over the payloads.
    @Test func captureOfRealFramesIsWithinTenPercentOfZstdLevel3OverThePayloads() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("real.lqc.zst")
        // The writer's defaults (what `capture import`, `record` and `synth` use).
        try CaptureImporter.importFiles(Cap.allFixtures.map(Fixtures.path), to: capture)
        let captureSize = try Cap.bytes(capture).count

        // The payload bytes exactly as stored (frames; REST: url length, url, body), in capture order.
        let records = try Cap.read(capture).records
        let lines = try Cap.fixtureLinesInCaptureOrder()
        #expect(records.count == lines.count)
        let payloads = records.flatMap(\.payload)
        let payloadFile = tmp.path("payloads.bin")
        try Cap.write(bytes: payloads, to: payloadFile)
        let compressedFile = tmp.path("payloads.bin.zst")
        let z = try Cap.run(Cap.zstd, ["-3", "-q", "-c", payloadFile], stdoutTo: compressedFile)
        #expect(z.status == 0, "\(z.stderr)")
        let zstdSize = try Cap.bytes(compressedFile).count
        #expect(zstdSize > 0)

        let ratio = Double(captureSize) / Double(zstdSize)
        #expect(Double(captureSize) <= 1.10 * Double(zstdSize),
                "capture \(captureSize) bytes vs zstd -3 of \(payloads.count) payload bytes = \(zstdSize) bytes: \(String(format: "%.3f", ratio))× (limit 1.10×)")
    }
}
