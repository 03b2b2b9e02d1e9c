import Foundation
import Testing
import LiqsimBacktest

/// The campaign of issue 17: every bundled scenario (scenarios/*.yaml) and the full shape
/// of docs/scenarios.md, each value, key, list and mapping mutated in turn
/// (`ScenarioMutations`), run through the reader: every mutation that makes the scenario
/// invalid is refused with file, line, column and the field's name.
@Suite("Scenario mutation campaign")
struct ScenarioMutationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The bases, their capture paths pointing at the hand capture.
    static func bases() throws -> [(name: String, text: String)] {
        let dir = root.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var out = try files.map { ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) }
        let docs = try String(contentsOf: root.appendingPathComponent("docs/scenarios.md"), encoding: .utf8)
        let shape = try #require(docs.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        out.append(("docs/scenarios.md", shape))
        return out.map { name, text in
            (name, text.replacingOccurrences(of: "captures/demo", with: BacktestMarkets.hand)
                .replacingOccurrences(of: "captures/tardis", with: BacktestMarkets.hand))
        }
    }

    /// Mutations that leave a valid scenario, by field suffix and label: the documented
    /// ranges allow them.
    static func isValid(_ m: ScenarioMutation) -> Bool {
        let label = m.label.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
        let key = m.field.split(separator: ".").last.map(String.init) ?? m.field
        let integers: Set<String> = ["window", "lookback", "hold", "min_conditions", "min_samples", "splits"]
        if label == "fraction" && !integers.contains(key) { return true }       // 0.37 in range for every other number
        let valid: [String: Set<String>] = [
            "weight": ["negative", "zero"],
            // 0 is inside the documented range of these.
            "fee_bps": ["zero"], "slippage_bps": ["zero"], "latency_ms": ["zero"], "liquidation_fee_bps": ["zero"], "rebalance": ["zero"],
            "entry": ["zero"], "neutral": ["zero"], "funding_extreme": ["zero"], "oi_drop_pct": ["zero"], "liq_volume_pct": ["zero"], "risk": ["zero"],
            "name": ["word", "overflow"],                                          // `zzword` and `1e999` are directory names
            // `..` is a directory (the parent of the current one): a capture argument may name it.
            "captures": ["dot-dot"], "liquidations": ["dot-dot"],
            // Integer nanoseconds (-1 is 1969) and times without a zone (UTC) are documented forms.
            "from": ["negative time", "no zone"], "to": ["negative time", "no zone"],
        ]
        if m.field.hasPrefix("margin.tiers.") && label == "huge" { return true }  // a 10^300 USD band bound is finite
        return valid[key]?.contains(label) ?? false
    }

    /// A grid over 10,000,000 runs is refused while the scenario is read: exit 2 naming the
    /// axis that overflows, and no results directory, tape cache or replay.
    @Test func aGridOverTheCapIsRefusedBeforeAnyWork() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let ten = "[" + (1...10).map(String.init).joined(separator: ", ") + "]"
        let text = ScenarioTests.valid("  cascade: {weight: \(ten), lookback: \(ten), k_sigma: \(ten), oi_drop_pct: \(ten), volume_spike: \(ten), liq_volume_pct: \(ten), risk: [0.1, 0.2, 0.3]}")
        let file = tmp.path("huge.yaml")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["backtest", file, "--out", tmp.path("results")])
        #expect(r.status == 2 && r.stderr.hasPrefix("liqsim: error: \(file):11:"), "\(r.stderr)")
        #expect(r.stderr.contains("strategies.cascade.risk: makes the grid larger than 10000000 runs"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path("results")))
    }

    /// Cross-field mistakes: every weight 0 (nothing could trade), `to` not after `from`.
    @Test func crossFieldMistakesAreRefused() throws {
        let zero = ScenarioTests.valid("  cascade: {weight: 0}").replacingOccurrences(of: "[0, 0.5, 1]", with: "0")
        let e = try #require(ScenarioTests.failure(zero))
        #expect(e.field == "strategies" && e.line == 9 && e.column == 3 && e.message.contains("every rule's weight is 0"), "\(e)")
        let same = ScenarioTests.valid().replacingOccurrences(of: "symbols: [BTCUSDT]", with: "symbols: [BTCUSDT]\n  from: 2026-01-01T00:00:00Z\n  to: 2026-01-01T00:00:00Z")
        let t = try #require(ScenarioTests.failure(same))
        #expect(t.field == "data.to" && t.line == 6 && t.column == 7, "\(t)")
    }

    @Test func everyBaseIsValid() throws {
        for (name, text) in try Self.bases() {
            #expect(throws: Never.self, "\(name)") { try Scenario.parse(text, file: name) }
        }
    }

    @Test func everyInvalidMutationIsRefusedWithLineColumnAndField() throws {
        var total = 0, refused = 0
        var accepted: [String] = [], unplaced: [String] = []
        for (name, text) in try Self.bases() {
            for m in try ScenarioMutations.all(text) where !Self.isValid(m) {
                total += 1
                guard let error = Self.refusal(m.text, file: name, field: m.field) else { accepted.append("\(name): \(m)"); continue }
                refused += 1
                // A symbol renamed leaves margin tiers naming one no longer traded: refused there, at the tier's line.
                let tiers = m.field == "data.symbols" && error.field.hasPrefix("margin.tiers.")
                let placed = error.file == name && error.line != nil && error.column != nil
                    && (tiers || error.field == m.field && (m.line == nil || error.line == m.line))
                if !placed { unplaced.append("\(name): \(m): got \(error)") }
            }
        }
        #expect(total > 1_000, "\(total) mutations")
        #expect(accepted.isEmpty, "\(accepted.count) of \(total) accepted:\n\(accepted.joined(separator: "\n"))")
        #expect(unplaced.isEmpty, "\(unplaced.count) of \(refused) misplaced:\n\(unplaced.joined(separator: "\n"))")
    }

    /// The reader's refusal, or for a symbol the replay's (a symbol is checked against the
    /// captures, with its position); nil when the scenario is accepted.
    static func refusal(_ text: String, file: String, field: String) -> ScenarioError? {
        do {
            let scenario = try Scenario.parse(text, file: file)
            guard field == "data.symbols" else { return nil }
            _ = try MarketTape.build(scenario)
            return nil
        } catch let e as ScenarioError {
            return e
        } catch let e as MarketTapeError {
            return ScenarioError(parsing: "\(e)")
        } catch {
            return ScenarioError(file: file, field: "-", message: "unexpected \(error)")
        }
    }
}

extension ScenarioError {
    /// `file:line:column: field: message` back into its parts.
    init(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        self.init(file: parts[0], line: Int(parts[1]), column: Int(parts[2]), field: parts.count > 3 ? parts[3].trimmingCharacters(in: .whitespaces) : "-",
                  message: parts.count > 4 ? parts[4] : text)
    }
}
