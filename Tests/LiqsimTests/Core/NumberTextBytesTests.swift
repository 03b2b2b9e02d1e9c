import Testing
import LiqsimCore

/// The byte writers of the hot paths must print exactly what the String versions print:
/// result files' digests depend on those bytes.
@Suite("Number text as bytes")
struct NumberTextBytesTests {
    static func bytes(_ v: Double, _ places: Int) -> String? {
        var out: [UInt8] = Array("x".utf8)
        guard NumberText.appendFixed(v, places, to: &out) else { return out == Array("x".utf8) ? nil : "appended on failure" }
        return String(decoding: out.dropFirst(), as: UTF8.self)
    }

    @Test func fixedBytesEqualFixedText() {
        let values: [Double] = [0, -0.0, 1, -1, 0.5, -0.5, 0.004, -0.004, 0.005, -0.005, 99_999.995, 100_000, 123_456.789, -2.675,
                                1e-9, -1e-9, 1_234_567.891, 0.1 + 0.2, 8_999_999_999.99, 9e14, 1e16, -3e17, 7.0 / 3.0]
        for v in values {
            for places in [0, 1, 2, 4, 8, 18] {
                #expect(Self.bytes(v, places) == NumberText.fixed(v, places), "\(v) at \(places)")
            }
        }
        var rng = SeededRandom(seed: 16)
        for _ in 0..<20_000 {
            let u = Double(rng.next() >> 11) / 9_007_199_254_740_992, e = Int(rng.next(below: 14)) - 4
            var magnitude = 1.0
            for _ in 0..<abs(e) { magnitude *= 10 }
            let v = (u - 0.5) * (e < 0 ? 1 / magnitude : magnitude)
            #expect(Self.bytes(v, 2) == NumberText.fixed(v, 2) && Self.bytes(v, 4) == NumberText.fixed(v, 4), "\(v)")
        }
        #expect(Self.bytes(.nan, 2) == nil && Self.bytes(.infinity, 2) == nil && Self.bytes(-.infinity, 4) == nil)
        #expect(Self.bytes(-0.001, 2) == "0.00" && Self.bytes(-0.005, 2) == "-0.01" && Self.bytes(12.5, 0) == "13")
    }

    @Test func decimalAppendFastPathMatchesLoop() {
        // OutputBuffer copies up to 16 bytes with a loop and longer runs with memmove.
        let b = OutputBuffer(capacity: 64)
        for n in 0...40 {
            let text = String(repeating: "a", count: n) + "|"
            b.append(string: text)
        }
        #expect(b.string == (0...40).map { String(repeating: "a", count: $0) + "|" }.joined())
    }
}
