import Foundation
import Testing
import LiqsimCapture

/// `record` refusing a setting end to end (exit 2, what to do) and `record --live`.
@Suite("record and serve: arguments, --live")
struct RecordCLITests {
    /// The binary refuses a bad setting before it dials anything; every other `record` and
    /// `serve` argument error is checked in-process by LiqsimCLITests.
    @Test("a refused setting exits 2 before dialing")
    func refusedSettingExitsTwo() throws {
        let r = try CLI.run(["record", "--db", "x.sqlite", "--endpoint", "binance-usdm=ws://127.0.0.1:1/binance-usdm"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("liqsim: error: --db needs --live (the snapshot store is filled by the pipeline)\nUsage: liqsim record "), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test("record --live prints what replay --format log prints for the capture it wrote")
    func liveMatchesReplay() throws {
        let dir = try TempDir()
        let serve = try LiveServe([liveRealCapture], in: dir)
        let out = dir.path("out")
        let record = try LiveProcess(["record", "--symbols", LiveFrameTopics.symbols.joined(separator: ","), "--out", out,
                                      "--rest-interval", "off", "--live"] + serve.endpointArguments, in: dir, name: "record")
        // Five liquidations in the real capture reach these subscriptions (Binance ×4, OKX ×1).
        #expect(liveWait(timeout: 90) { record.stdout.split(separator: "\n").count >= 5 }, "\(record.stderr)")
        #expect(liveWait(timeout: 90) {
            liveRecords(inDirectory: out).filter { $0.kind == .text && LiveFrameTopics.classify($0.stream, $0.text) == .data }.count
                >= ServeRecordRoundTripTests.expectedFrames().values.reduce(0) { $0 + $1.count }
        })
        #expect(record.stop() == 0)
        let live = record.stdout
        #expect(live.contains("20261007 | 16:38:02 UTC | binance-usdm | ILVUSDT | LONG  | 116.5 | $449.27\n"))
        let replay = try CLI.run(["replay", out, "--format", "log"])
        #expect(replay.status == 0)
        #expect(replay.stdout == live)
        #expect(serve.process.stop() == 0)
    }
}
