import Foundation
import Testing
import LiqsimCapture
import LiqsimCore
import LiqsimReplay
import LiqsimSession

@Suite("validate: CLI")
struct ValidateCLITests {
    let header = "thresholds: gap 30s, stale 5m, outlier 10%, duplicates within the last 10000 frames of a stream\n"

    @Test func cleanCaptureExitsZero() throws {
        let tmp = try TempDir()
        let path = try Val.capture(Val.trades(["64990.90", "64990.90", "64990.90"], at: [0, 1, 2]), in: tmp)
        let r = try CLI.run(["validate", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout == "validated 1 file: 3 records, 3 events, 2026-08-08T06:51:24.000Z → 2026-08-08T06:51:26.000Z\n"
                + header + "\nOK: no problems found\n")
        let j = try CLI.run(["validate", tmp.url.path, "--format", "json"])   // a directory: its *.lqc.zst
        #expect(j.status == 0)
        #expect(j.stdout == "{\"binance_liquidation_seconds\":{},\"entries\":[],\"events\":3,\"files\":[\"\(path)\"],"
                + "\"first_recv\":\"2026-08-08T06:51:24.000Z\",\"first_recv_ns\":1786171884000000000,"
                + "\"last_recv\":\"2026-08-08T06:51:26.000Z\",\"last_recv_ns\":1786171886000000000,\"ok\":true,\"problems\":0,\"records\":3,"
                + "\"thresholds\":{\"duplicate_window\":10000,\"gap_ns\":30000000000,\"outlier_pct\":10,\"stale_ns\":300000000000},\"totals\":{}}\n")
    }

    @Test func problemsExitOneWithAlignedTableAndExactJSON() throws {
        let tmp = try TempDir()
        let path = try Val.capture(Val.trades(["100.00", "112.00"], at: [0, 45]), in: tmp)
        let r = try CLI.run(["validate", path, "--gap", "30s"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout == """
            validated 1 file: 2 records, 2 events, 2026-08-08T06:51:24.000Z → 2026-08-08T06:52:09.000Z
            \(header)
            STREAM        SYMBOL   FINDING        COUNT
            binance-usdm  -        receive_gap        1
                2026-08-08T06:52:09.000Z  \(path) #1  45.000s since the previous record of the stream
            binance-usdm  BTCUSDT  price_outlier      1
                2026-08-08T06:52:09.000Z  \(path) #1  +12.00% (100.00 → 112.00)

            PROBLEMS: 2 found (receive_gap 1, price_outlier 1)

            """)
        let example = "\"file\":\"\(path)\",\"recv\":\"2026-08-08T06:52:09.000Z\",\"recv_ns\":1786171929000000000,\"seq\":1}]}}"
        let j = try CLI.run(["validate", path, "--format", "json"])
        #expect(j.status == 1)
        #expect(j.stdout == "{\"binance_liquidation_seconds\":{},\"entries\":["
                + "{\"findings\":{\"receive_gap\":{\"count\":1,\"examples\":[{\"detail\":\"45.000s since the previous record of the stream\","
                + example + ",\"stream\":\"binance-usdm\",\"symbol\":\"-\"},"
                + "{\"findings\":{\"price_outlier\":{\"count\":1,\"examples\":[{\"detail\":\"+12.00% (100.00 → 112.00)\","
                + example + ",\"stream\":\"binance-usdm\",\"symbol\":\"BTCUSDT\"}],"
                + "\"events\":2,\"files\":[\"\(path)\"],\"first_recv\":\"2026-08-08T06:51:24.000Z\",\"first_recv_ns\":1786171884000000000,"
                + "\"last_recv\":\"2026-08-08T06:52:09.000Z\",\"last_recv_ns\":1786171929000000000,\"ok\":false,\"problems\":2,\"records\":2,"
                + "\"thresholds\":{\"duplicate_window\":10000,\"gap_ns\":30000000000,\"outlier_pct\":10,\"stale_ns\":300000000000},"
                + "\"totals\":{\"price_outlier\":1,\"receive_gap\":1}}\n")

        // Thresholds from the flags: neither finding remains above them.
        let relaxed = try CLI.run(["validate", path, "--gap", "60s", "--outlier", "15%"])
        #expect(relaxed.status == 0 && relaxed.stdout.hasSuffix("\nOK: no problems found\n"))
        let mixed = try CLI.run(["validate", path, "--gap", "45s", "--stale", "2m", "--outlier", "11.5%"])
        #expect(mixed.status == 1)
        #expect(mixed.stdout.contains("thresholds: gap 45s, stale 2m, outlier 11.5%, "))
        #expect(mixed.stdout.hasSuffix("\nPROBLEMS: 1 found (price_outlier 1)\n"))
    }

    @Test func jsonIsByteIdenticalAcrossRunsAndMatchesTheLibrary() throws {
        let tmp = try TempDir()
        let t0 = Val.t0, s = Val.second
        // Every kind of finding at once.
        var inputs = Val.trades(["100.00", "100.00", "0.00", "113.00", "113.00"], at: [0, 1, 2, 3, 50])
        inputs.insert(Val.text(Val.binance, at: t0 + 1 * s, String(decoding: inputs[0].bytes, as: UTF8.self)), at: 2)
        inputs.insert(Val.text(Val.binance, at: t0 + 500_000_000, Val.binanceTrade(price: "100.00", id: 90)), at: 4)
        inputs.append(CapInput(kind: .gap, stream: CaptureHeader.noStream, recv: t0 + 51 * s, bytes: Array("lost \"1.2 s\"".utf8)))
        inputs.append(Val.text(Val.binance, at: t0 + 52 * s, Val.binanceLiquidation(tMs: 1_786_172_556_607)))
        inputs.append(Val.text(Val.binance, at: t0 + 53 * s, Val.binanceLiquidation(tMs: 1_786_172_556_700)))
        let path = try Val.capture(inputs, in: tmp)
        let a = try CLI.run(["validate", path, "--format", "json"]), b = try CLI.run(["validate", path, "--format", "json"])
        #expect(a.status == 1 && b.status == 1)
        #expect(a.stdoutData == b.stdoutData)
        let report = try Val.validate([path])
        #expect(a.stdout == report.renderJSON())
        #expect(report.totalsByKind.map { "\($0.0.rawValue) \($0.1)" } == [
            "duplicate_frame 1", "receive_gap 1", "gap_record 1", "time_backwards 1", "invalid_value 1", "price_outlier 1", "binance_same_second 1",
        ])
        let doc = try #require(try JSONSerialization.jsonObject(with: a.stdoutData) as? [String: Any])
        #expect(doc["problems"] as? Int == 7 && doc["ok"] as? Bool == false)
        #expect(report.finding(.gapRecord, "-").examples.map(\.detail) == ["gap record: lost \"1.2 s\""])
        let table = try CLI.run(["validate", path])
        #expect(table.stdout == report.renderTable())
    }

    @Test func usageAndInputErrorsExitTwo() throws {
        let tmp = try TempDir()
        let junk = tmp.path("junk.lqc.zst")
        try Cap.write(bytes: Array("not a capture at all".utf8), to: junk)
        // Flag values are checked in-process (LiqsimCLITests); these are input errors of the run.
        let cases: [([String], String)] = [
            ([tmp.path("missing.lqc.zst")], "liqsim: error: \(tmp.path("missing.lqc.zst")): no such file or directory\n"),
            ([junk], "liqsim: error: \(junk) at byte 0: not a liqsim capture (no LQCH header frame) "
                + "(captures are written by `liqsim record`, `synth` or `capture import`)\n"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["validate"] + args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr == message)
            #expect(r.stdout.isEmpty)
        }
        #expect(PercentArgument.parse("10%") == 10 && PercentArgument.parse("12.5%") == 12.5 && PercentArgument.parse("10") == 10)
        #expect([PercentArgument.parse("0%"), PercentArgument.parse("%"), PercentArgument.parse("1e3%"), PercentArgument.parse("nan%")] == [nil, nil, nil, nil])
    }

    @Test func realFixtureCaptureGivesAStableReport() throws {
        let tmp = try TempDir()
        let path = tmp.path("real.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: path)
        let first = try Val.validate([path]), second = try Val.validate([path])
        #expect(first == second)
        let lines = try Cap.fixtureLinesInCaptureOrder().count
        #expect(first.records == lines)
        #expect(first.records == 822 && first.events == 585)
        #expect(first.totalsByKind.map { "\($0.0.rawValue) \($0.1)" } == ["receive_gap 13", "price_outlier 1", "stale 19"])
        #expect(first.binanceLiquidationSeconds == ["ILVUSDT": 1, "MANTAUSDT": 1, "STGUSDT": 1, "XRPUSDT": 1])
        // Frames from 2026-08 and 2026-10 sit next to each other in the fixture set.
        #expect(first.finding(.priceOutlier, "binance-usdm", "BTCUSDT").examples.map(\.detail) == ["+28.38% (64990.90 → 83434.40)"])
        // The real frames decode cleanly, and repeated subscription acks are not duplicates.
        for kind in [FindingKind.malformed, .unknownChannel, .duplicateFrame, .invalidValue, .timeBackwards] { #expect(first.total(kind) == 0) }

        let a = try CLI.run(["validate", path, "--format", "json"]), b = try CLI.run(["validate", path, "--format", "json"])
        #expect(a.status == 1 && a.stdoutData == b.stdoutData && a.stdout == first.renderJSON())
        let table = try CLI.run(["validate", path])
        #expect(table.status == 1)
        #expect(table.stdout.hasSuffix("\nPROBLEMS: 33 found (receive_gap 13, price_outlier 1, stale 19)\n"))
    }
}
