import Foundation
import Testing
import LiqsimResultFiles

@Suite("Manifest")
struct ManifestTests {
    static let manifest = Manifest(
        liqsimVersion: "1.2.3",
        scenario: .init(name: "cascade", file: "scenarios/cascade.yaml", sha256: String(repeating: "a", count: 64),
                        text: "name: cascade\nnote: \"quoted\", tab\there\n"),
        inputs: [.init(path: "captures/demo/demo.lqc.zst", bytes: 31_192_115, sha256: String(repeating: "b", count: 64)),
                 .init(path: "captures/other one.lqc.zst", bytes: 0, sha256: String(repeating: "c", count: 64))],
        grid: .init(points: 6, axes: [.init(name: "symbol", values: [.text("BTCUSDT")]), .init(name: "trend.weight", values: [.number(0), .number(0.5), .number(1)]),
                                      .init(name: "flip", values: [.flag(true), .flag(false)])]),
        shard: "1/4", runs: 2, jobs: 8, created: "20260101T000000Z", digest: String(repeating: "d", count: 64))

    @Test func theFileLayoutReadsBackTheSame() throws {
        let text = Self.manifest.json
        #expect(text.hasPrefix("{\n  \"liqsim_version\": \"1.2.3\",\n  \"scenario\": {\"name\": \"cascade\", \"file\": \"scenarios/cascade.yaml\", "))
        #expect(text.contains("\n  \"inputs\": [\n    {\"path\": \"captures/demo/demo.lqc.zst\", \"bytes\": 31192115, \"sha256\": \"bbbb"))
        #expect(text.contains("\n    {\"name\": \"trend.weight\", \"values\": [0, 0.5, 1]},\n    {\"name\": \"flip\", \"values\": [true, false]}\n  ]},\n"))
        #expect(text.hasSuffix("  \"shard\": \"1/4\",\n  \"runs\": 2,\n  \"jobs\": 8,\n  \"created\": \"20260101T000000Z\",\n  \"digest\": \"\(String(repeating: "d", count: 64))\",\n  \"lower_bounds\": []\n}\n"))
        #expect(try JSONDecoder().decode(Manifest.self, from: Data(text.utf8)) == Self.manifest)
    }

    /// Binance totals are lower bounds: one line per symbol, read back the same.
    @Test func lowerBoundsAreListed() throws {
        var m = Self.manifest
        m.lowerBounds = [LowerBound(symbol: "BTCUSDT", exchange: "binance-usdm", liquidations: 1234, usd: 5_600_000.25, cappedSeconds: 1200),
                         LowerBound(symbol: "ETHUSDT", exchange: "binance-usdm", liquidations: 3, usd: 12.5, cappedSeconds: 3)]
        let text = m.json
        #expect(text.hasSuffix("""
              "lower_bounds": [
                {"symbol": "BTCUSDT", "exchange": "binance-usdm", "liquidations": 1234, "usd": 5600000.25, "capped_seconds": 1200},
                {"symbol": "ETHUSDT", "exchange": "binance-usdm", "liquidations": 3, "usd": 12.50, "capped_seconds": 3}
              ]
            }

            """))
        #expect(try JSONDecoder().decode(Manifest.self, from: Data(text.utf8)) == m)
        #expect(m.lowerBounds[0].sentence == "binance-usdm BTCUSDT: ≥ 1,234 liquidations, ≥ $5,600,000.25 (lower bounds: at most one liquidation "
            + "per symbol per second is published; at that maximum in 1,200 s)")
    }

    @Test func codableRoundTrip() throws {
        let data = try JSONEncoder().encode(Self.manifest)
        let back = try JSONDecoder().decode(Manifest.self, from: data)
        #expect(back == Self.manifest)
        #expect(back.json == Self.manifest.json)
    }

    @Test func olderManifestsReadWithDefaults() throws {
        let old = try JSONDecoder().decode(Manifest.self, from: Data(#"{"scenario": {"name": "trend"}}"#.utf8))
        #expect(old.scenario.name == "trend" && old.scenario.text == nil && old.shard == "0/1" && old.inputs.isEmpty && old.digest == "")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Manifest.self, from: Data(#"{"digest": "x"}"#.utf8)) }
    }

    @Test func aMissingManifestSaysWhatToGive() throws {
        let tmp = try TempDir()
        #expect(throws: ResultFileError.self) { try Manifest.load(directory: tmp.url.path) }
        do { _ = try Manifest.load(directory: tmp.url.path) } catch {
            #expect("\(error)" == tmp.url.path + "/manifest.json: missing or not a liqsim manifest; give a result directory such as results/cascade/20260101T000000Z")
        }
    }
}
