import Foundation
import Testing
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import LiqsimSynth

/// A 2-hour market with a long cascade provoked at 01:00 (small enough for debug builds).
let synthTestSpec = """
    name: test
    seed: 7
    start: 2026-03-01T00:00:00Z
    duration: 2h
    symbols:
      - {symbol: BTCUSDT, price: 80000, volatility: 0.5}
      - {symbol: ETHUSDT, price: 3000, volatility: 0.6, activity: 0.6}
    traders: {trade_rate: 2, open_rate: 0.5, initial_positions: 1500, holding_mean: 1h}
    cadence: {mark: 1s, open_interest: 3s, funding: 60s, rest: 5m}
    regimes:
      - {at: 00:00, duration: 50m, kind: range}
      - {at: 00:50, duration: 70m, kind: trend_down, strength: 0.004}
    shocks:
      - {at: "01:00", symbol: BTCUSDT, direction: down, size_usd: 300000000, duration: 60s}
    """

/// Decodes a capture record by record with one `Normalizer`, as replay does.
func normalizedEvents(of path: String) throws -> [MarketEvent] {
    let reader = try CaptureReader(path: path)
    let scanner = reader.scanner()
    var normalizer = Normalizer()
    var events: [MarketEvent] = []
    while let block = try scanner.nextBlock() {
        var cursor = block.records
        while let r = cursor.next() {
            guard let stream = reader.header.streamID(at: r.streamIndex) else { continue }
            let input = r.kind == .rest ? ExchangeInput(kind: .rest, recv: r.recv, payload: r.body, url: r.restURL)
                                        : ExchangeInput(kind: .frame, recv: r.recv, payload: r.payload)
            normalizer.decode(input, stream: stream, into: &events)
        }
    }
    #expect(normalizer.streamDiagnostics.allSatisfy { $0.1.malformed == 0 && $0.1.unknownChannel == 0 && $0.1.missingInstrument == 0 })
    return events
}

@Suite("Synth")
struct SynthTests {
    /// Every generated frame, replayed, normalizes back to exactly the event that was
    /// encoded: side, price, quantity, USD, both times.
    @Test func everyFrameRoundTripsToItsEvent() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let spec = try SynthSpec.parse(synthTestSpec)
        let path = tmp.path("t.lqc.zst")
        let result = try SynthGenerator(spec: spec).run(out: path, recordExpected: true)
        let expected = try #require(result.expected)
        let decoded = try normalizedEvents(of: path)
        #expect(decoded.count == expected.count)
        #expect(decoded == expected)
        #expect(expected.count > 40_000)
        let kinds = Set(expected.map(\.kind.rawValue))
        #expect(kinds == Set(EventKind.allCases.map(\.rawValue)), "every event kind is generated")
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let spec = try SynthSpec.parse(synthTestSpec.replacingOccurrences(of: "duration: 2h", with: "duration: 20m"))
        var other = spec
        other.seed = 8
        for (name, s) in [("a", spec), ("b", spec), ("c", other)] {
            _ = try SynthGenerator(spec: s).run(out: tmp.path("\(name).lqc.zst"), truthPath: tmp.path("\(name).jsonl"))
        }
        #expect(try Cap.bytes(tmp.path("a.lqc.zst")) == Cap.bytes(tmp.path("b.lqc.zst")))
        #expect(try Cap.bytes(tmp.path("a.jsonl")) == Cap.bytes(tmp.path("b.jsonl")))
        #expect(try Cap.bytes(tmp.path("a.lqc.zst")) != Cap.bytes(tmp.path("c.lqc.zst")))
    }

    /// The scheduled down-shock provokes a long cascade inside its window, the run's largest.
    /// Open interest balances: end = start + opened − closed − liquidated, exactly.
    @Test func shockProducesACascadeAndOpenInterestBalances() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let spec = try SynthSpec.parse(synthTestSpec)
        let truthPath = tmp.path("truth.jsonl")
        let result = try SynthGenerator(spec: spec).run(out: tmp.path("t.lqc.zst"), truthPath: truthPath)
        let lines = try String(contentsOfFile: truthPath, encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let cascades = lines.filter { $0["type"] as? String == "cascade" }
        #expect(cascades.count == result.cascades)
        let shockStart = spec.start.rawValue + 3_600_000_000_000
        let shocked = try #require(cascades.first { $0["trigger"] as? String == "shock" })
        #expect(shocked["symbol"] as? String == "BTCUSDT")
        #expect(shocked["side"] as? String == "long")
        let start = (shocked["start_ns"] as! NSNumber).int64Value
        #expect(start >= shockStart - 10_000_000_000 && start < shockStart + 60_000_000_000)
        let usd = { (c: [String: Any]) in (c["usd"] as! NSNumber).doubleValue }
        #expect(usd(shocked) == cascades.map(usd).max())
        #expect(usd(shocked) > 10_000_000)

        let balances = lines.filter { $0["type"] as? String == "open_interest_balance" }
        #expect(balances.count == 6)
        for b in balances {
            let d = { (k: String) in FixedDecimal(b[k] as! String)! }
            let scale = d("oi_start").scale
            for k in ["opened", "closed", "liquidated", "oi_end"] { #expect(d(k).scale == scale) }
            #expect(d("oi_end").mantissa == d("oi_start").mantissa + d("opened").mantissa - d("closed").mantissa - d("liquidated").mantissa, "\(b)")
            #expect(d("liquidated").isPositive || b["exchange"] as? String != "binance-usdm")
        }
        // Truth keeps every liquidation; the capture carries Binance's one per symbol-second.
        let truthLiquidations = lines.filter { $0["type"] as? String == "liquidation" }
        #expect(truthLiquidations.count == result.trueLiquidations)
        #expect(result.binanceLiquidationsDropped > 0)
    }

    @Test func binanceSendsAtMostOneLiquidationPerSymbolPerSecond() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let spec = try SynthSpec.parse(synthTestSpec)
        let result = try SynthGenerator(spec: spec).run(out: tmp.path("t.lqc.zst"), recordExpected: true)
        var seen = Set<String>()
        for case .liquidation(let l) in try #require(result.expected) where l.stream == .binanceUSDM {
            #expect(seen.insert("\(l.symbol) \(l.ts.rawValue / 1_000_000_000)").inserted, "two Binance liquidations of \(l.symbol) in one second")
        }
        #expect(seen.count > 10)
    }

    /// A bad scenario names the file, the line and the field.
    @Test func badSpecsNameLineAndField() throws {
        let cases: [(String, String, String)] = [
            ("symbols:\n  - {symbol: BTCUSDT, price: 80000, volatility: 0.5}", "  - {symbol: BTCUSDT, price: abc, volatility: 0.5}", "symbols[0].price: expected a number"),
            ("duration: 2h", "duration: soon", "duration: expected a duration"),
            ("direction: down", "direction: sideways", "shocks[0].direction: expected down or up"),
            ("seed: 7", "seed: -1", "seed: expected a non-negative integer"),
            ("kind: trend_down", "kind: sideways", "regimes[1].kind: expected one of"),
        ]
        for (from, to, message) in cases {
            var text = synthTestSpec.replacingOccurrences(of: from, with: to)
            if from.hasPrefix("symbols:") { text = synthTestSpec.replacingOccurrences(of: "  - {symbol: BTCUSDT, price: 80000, volatility: 0.5}", with: to) }
            do {
                _ = try SynthSpec.parse(text, file: "bad.yaml")
                Issue.record("accepted: \(to)")
            } catch let e as SynthSpecError {
                #expect(e.description.contains(message), "\(e)")
                let line = try #require(e.line, "\(e)")
                let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(to.trimmingCharacters(in: .whitespaces).prefix(12)) }.map { $0 + 1 }
                #expect(line == expectedLine, "\(e)")
            }
        }
    }
}

@Suite("Synth CLI")
struct SynthCLITests {
    @Test func synthWritesCaptureAndTruthAndRefusesBadSpecs() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let spec = tmp.path("s.yaml")
        try synthTestSpec.replacingOccurrences(of: "duration: 2h", with: "duration: 10m").write(toFile: spec, atomically: true, encoding: .utf8)
        let out = tmp.path("s.lqc.zst"), truth = tmp.path("s.truth.jsonl")
        let r = try CLI.run(["synth", spec, "--out", out, "--truth", truth])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("\(out): "))
        #expect(FileManager.default.fileExists(atPath: truth))
        #expect(try Cap.run(Cap.zstd, ["-t", "-q", out]).status == 0)
        let replay = try CLI.run(["replay", out, "--format", "summary"])
        #expect(replay.status == 0)
        #expect(replay.stderr.contains("malformed 0"))
        // Never overwritten without --force.
        let again = try CLI.run(["synth", spec, "--out", out])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))

        let bad = tmp.path("bad.yaml")
        try synthTestSpec.replacingOccurrences(of: "price: 80000", with: "price: lots").write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["synth", bad, "--out", tmp.path("b.lqc.zst")])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("liqsim: error: \(bad):6:30: symbols[0].price: expected a number"), "\(refused.stderr)")
    }
}

@Suite("Synth scenario limits")
struct SynthSpecLimitTests {
    /// A misspelt key is refused at its line and column with the keys the section takes,
    /// never read as the default it failed to set; text that is not YAML says where.
    @Test(arguments: [
        ("volatility: 0.5}", "volatilty: 0.5}", "symbols[0].volatilty", 6, 37),
        ("traders: {trade_rate: 2", "traders: {trade_rat: 2", "traders.trade_rat", 8, 11),
        ("\nshocks:", "\nseeds: 8\nshocks:", "seeds", 13, 1),
        ("kind: trend_down,", "knd: trend_down,", "regimes[1].knd", 12, 32),
        ("mark: 1s, open", "mrk: 1s, open", "cadence.mrk", 9, 11),
    ])
    func unknownKeysAreRefusedWhereTheyStand(_ change: (String, String, String, Int, Int)) throws {
        let text = synthTestSpec.replacingOccurrences(of: change.0, with: change.1)
        #expect(text != synthTestSpec, "the test's substitution did not apply: \(change.0)")
        do {
            _ = try SynthSpec.parse(text, file: "bad.yaml")
            Issue.record("accepted: \(change.1)")
        } catch let e as SynthSpecError {
            #expect(e.field == change.2 && e.message.hasPrefix("unknown key; expected one of "), "\(e)")
            #expect(e.line == change.3 && e.column == change.4, "\(e)")
        }
    }

    @Test func textThatIsNotYAMLSaysWhere() throws {
        let text = synthTestSpec.replacingOccurrences(of: "volatility: 0.6, activity: 0.6}", with: "volatility: 0.6, activity: 0.6")
        do {
            _ = try SynthSpec.parse(text, file: "bad.yaml")
            Issue.record("accepted a flow mapping without its end")
        } catch let e as SynthSpecError {
            #expect(e.line != nil && e.column != nil && e.message.hasPrefix("not valid YAML: "), "\(e)")
        }
    }

    /// Every bundled synth scenario uses only keys the reader knows.
    @Test func theBundledScenariosParse() throws {
        let dir = ScenarioMutationTests.root.appendingPathComponent("scenarios/synth").path
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 2)
        for f in files { _ = try SynthSpec.load(path: dir + "/" + f) }
    }

    /// Values that used to crash the generator or break its rules are refused with the field.
    @Test(arguments: [
        ("initial_positions: 1500", "initial_positions: -5", "traders.initial_positions"),
        ("size_usd: 300000000", "size_usd: 1e18", "shocks[0].size_usd"),
        ("price: 80000", "price: 1e16", "symbols[0].price"),
        ("price: 80000", "price: 0.000001", "symbols[0].price"),
        ("duration: 2h", "duration: 90000d", "duration"),
        ("duration: 2h", "duration: 2h\nstep: 300ms", "step"),
        ("duration: 60s}", "duration: 0s}", "shocks[0].duration"),
        ("  - {symbol: ETHUSDT, price: 3000, volatility: 0.6, activity: 0.6}", "  - {symbol: BTCUSDT, price: 3000}", "symbols"),
        ("cadence: {mark: 1s", "exchanges: {}\ncadence: {mark: 1s", "exchanges"),
    ])
    func refused(_ change: (String, String, String)) throws {
        let text = synthTestSpec.replacingOccurrences(of: change.0, with: change.1)
        #expect(text != synthTestSpec, "the test's substitution did not apply: \(change.0)")
        #expect(throws: SynthSpecError.self) { _ = try SynthSpec.parse(text, file: "bad.yaml") }
        do { _ = try SynthSpec.parse(text, file: "bad.yaml") } catch let e as SynthSpecError {
            #expect(e.field == change.2, "\(e)")
        }
    }

    /// The pipeline's own cascade detector reports the scheduled shock's cascade inside the
    /// shock window (issue 5), on the long side for a down-shock.
    @Test func theDetectorReportsTheShockCascade() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("t.lqc.zst")
        _ = try SynthGenerator(spec: try SynthSpec.parse(synthTestSpec)).run(out: path)
        let r = try CLI.run(["replay", path, "--format", "jsonl", "--from", "2026-03-01T00:59:00Z", "--to", "2026-03-01T01:03:00Z"])
        #expect(r.status == 0)
        let cascades = r.stdout.split(separator: "\n").filter { $0.hasPrefix("{\"type\":\"cascade\"") && $0.contains("\"symbol\":\"BTCUSDT\"") }
        let shock: Int64 = 1_772_323_200_000_000_000 + 3_600_000_000_000   // 2026-03-01T01:00Z
        let inWindow = cascades.filter { line in Cap.recvTimes(String(line)).first.map { $0 >= shock && $0 <= shock + 120_000_000_000 } ?? false }
        #expect(!inWindow.isEmpty, "\(cascades.prefix(3))")
        #expect(inWindow.contains { $0.contains("\"long_pct\":100") || $0.contains("\"long_pct\":9") })
    }
}

