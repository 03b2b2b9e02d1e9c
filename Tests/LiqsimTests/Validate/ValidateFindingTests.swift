import Foundation
import Testing
import LiqsimCapture
import LiqsimCore
import LiqsimReplay
import LiqsimSession

/// One hand-built capture per finding type; each asserts the complete set of findings.
@Suite("validate: findings")
struct ValidateFindingTests {
    let t0 = Val.t0, s = Val.second

    @Test func duplicateFrameIsReportedOnceWithItsSymbol() throws {
        let tmp = try TempDir()
        var inputs = Val.trades(["64990.90", "64990.90", "64990.90"], at: [0, 1, 3])
        inputs.insert(Val.text(Val.binance, at: t0 + 2 * s, String(decoding: inputs[1].bytes, as: UTF8.self)), at: 2)
        let path = try Val.capture(inputs, in: tmp)
        let r = try Val.validate([path])
        #expect(r.findings == Val.one("binance-usdm", "BTCUSDT", .duplicateFrame,
                                      [Val.example(path, t0 + 2 * s, 2, "\(inputs[1].bytes.count) bytes seen before")]))
        #expect(r.records == 4 && r.events == 4 && r.problemCount == 1)
    }

    @Test func duplicatesOutsideTheWindowAndRepeatedAcksAreNotReported() throws {
        let tmp = try TempDir()
        // Trades A B C A: with a window of 2 frames, A has been forgotten when it comes back.
        var inputs = Val.trades(["64990.90", "64990.90", "64990.90"], at: [0, 1, 2])
        inputs.append(Val.text(Val.binance, at: t0 + 3 * s, String(decoding: inputs[0].bytes, as: UTF8.self)))
        inputs.append(Val.text(Val.bybit, at: t0 + 3 * s, Val.bybitAck))
        inputs.append(Val.text(Val.bybit, at: t0 + 4 * s, Val.bybitAck))
        let path = try Val.capture(inputs, in: tmp)
        #expect(try Val.validate([path], window: 2).isClean)
        let r = try Val.validate([path], window: 3)
        #expect(r.findings == Val.one("binance-usdm", "BTCUSDT", .duplicateFrame,
                                      [Val.example(path, t0 + 3 * s, 3, "\(inputs[0].bytes.count) bytes seen before")]))

        var w = FrameHashWindow(capacity: 2)
        #expect([1, 2, 1, 3, 4, 1, 4].map { w.insert($0) } == [false, false, true, false, false, false, true])
        #expect(w.count == 2)
        let abc = Array("abc".utf8)
        #expect(abc.withUnsafeBytes { FNV1a.hash($0) } == 0xE71F_A219_0541_574B)
    }

    @Test func receiveGapDependsOnTheThreshold() throws {
        let tmp = try TempDir()
        let path = try Val.capture(Val.trades(["64990.90", "64990.90"], at: [0, 45]), in: tmp)
        let r = try Val.validate([path], gap: 30 * s)
        #expect(r.findings == Val.one("binance-usdm", "-", .receiveGap,
                                      [Val.example(path, t0 + 45 * s, 1, "45.000s since the previous record of the stream")]))
        #expect(try Val.validate([path], gap: 60 * s).isClean)
        #expect(try Val.validate([path], gap: 45 * s).isClean)   // strictly above the threshold
    }

    @Test func gapAndDisconnectRecords() throws {
        let tmp = try TempDir()
        var inputs = Val.trades(["64990.90", "64990.90"], at: [0, 3])
        inputs.insert(CapInput(kind: .gap, stream: CaptureHeader.noStream, recv: t0 + 2 * s, bytes: Array("reconnect after 1.2 s".utf8)), at: 1)
        inputs.insert(CapInput(kind: .disconnect, stream: Val.binance, recv: t0 + s, bytes: Array("close 1006: abnormal\nclosure".utf8)), at: 1)
        let path = try Val.capture(inputs, in: tmp)
        let r = try Val.validate([path])
        var expected = Val.one("-", "-", .gapRecord, [Val.example(path, t0 + 2 * s, 2, "gap record: reconnect after 1.2 s")])
        expected.merge(Val.one("binance-usdm", "-", .disconnect, [Val.example(path, t0 + s, 1, "disconnect: close 1006: abnormal closure")])) { a, _ in a }
        #expect(r.findings == expected)
        #expect(r.totalsByKind.map(\.0) == [.gapRecord, .disconnect] && r.problemCount == 2)
    }

    @Test func timeGoingBackwardsWithinAFileButNotAcrossFiles() throws {
        let tmp = try TempDir()
        let path = try Val.capture(Val.trades(["64990.90", "64990.90", "64990.90", "64990.90"], at: [0, 2, 1, 3]), in: tmp)
        let r = try Val.validate([path])
        #expect(r.findings == Val.one("binance-usdm", "-", .timeBackwards, [Val.example(path, t0 + s, 2, "1.000s earlier than record #1")]))
        // The same records in two files, each in order: the merge interleaves them, nothing is wrong.
        let all = Val.trades(["64990.90", "64990.90", "64990.90"], at: [0, 2, 1])
        let a = try Val.capture(Array(all[0..<2]), in: tmp, "a.lqc.zst"), b = try Val.capture([all[2]], in: tmp, "b.lqc.zst")
        let merged = try Val.validate([a, b])
        #expect(merged.isClean && merged.records == 3 && merged.files == [a, b])
    }

    @Test func zeroPriceTradeIsInvalidAndIgnoredForOutliers() throws {
        let tmp = try TempDir()
        let path = try Val.capture(Val.trades(["64990.90", "0.00", "64990.90"], at: [0, 1, 2]), in: tmp)
        let r = try Val.validate([path])
        #expect(r.findings == Val.one("binance-usdm", "BTCUSDT", .invalidValue, [Val.example(path, t0 + s, 1, "trade price 0.00")]))
        let qty = try Val.capture([Val.text(Val.binance, at: t0, Val.binanceTrade(qty: "0", id: 0))], in: tmp, "q.lqc.zst")
        #expect(try Val.validate([qty]).findings == Val.one("binance-usdm", "BTCUSDT", .invalidValue, [Val.example(qty, t0, 0, "trade qty 0")]))
    }

    @Test func priceOutlierAboveThePercentage() throws {
        let tmp = try TempDir()
        let path = try Val.capture(Val.trades(["100.00", "112.00", "101.00"], at: [0, 1, 2]), in: tmp)
        let r = try Val.validate([path], outlier: 10)
        #expect(r.findings == Val.one("binance-usdm", "BTCUSDT", .priceOutlier, [Val.example(path, t0 + s, 1, "+12.00% (100.00 → 112.00)")]))
        #expect(try Val.validate([path], outlier: 15).isClean)
        // A drop, and a move of exactly the threshold (not above it).
        let edge = try Val.capture(Val.trades(["100.00", "110.00", "96.80"], at: [0, 1, 2]), in: tmp, "e.lqc.zst")
        #expect(try Val.validate([edge], outlier: 10).findings == Val.one("binance-usdm", "BTCUSDT", .priceOutlier,
                                                                           [Val.example(edge, t0 + 2 * s, 2, "-12.00% (110.00 → 96.80)")]))
    }

    @Test func staleStreamAtTheEndAndBetweenEvents() throws {
        let tmp = try TempDir()
        // Binance BTCUSDT trades once; Bybit trades every 20 s for 6 minutes.
        var inputs = [Val.text(Val.binance, at: t0, Val.binanceTrade(id: 0))]
        for i in 0...18 { inputs.append(Val.text(Val.bybit, at: t0 + Int64(i) * 20 * s, Val.bybitTrade(tMs: 1_786_171_884_000 + Int64(i) * 20_000, seq: i))) }
        let path = try Val.capture(inputs, in: tmp)
        let r = try Val.validate([path])
        #expect(r.findings == Val.one("binance-usdm", "BTCUSDT", .stale, [Val.example(path, t0, 0, "last event 6m 0.000s before the end of the capture")]))
        #expect(try Val.validate([path], stale: 360 * s).isClean)

        // Binance trades again at the end: six silent minutes between two events.
        inputs.append(Val.text(Val.binance, at: t0 + 360 * s, Val.binanceTrade(id: 1, tMs: 1_786_172_244_471)))
        let again = try Val.capture(inputs, in: tmp, "again.lqc.zst")
        let g = try Val.validate([again])
        var expected = Val.one("binance-usdm", "BTCUSDT", .stale, [Val.example(again, t0 + 360 * s, 20, "no events for 6m 0.000s before this one")])
        expected.merge(Val.one("binance-usdm", "-", .receiveGap, [Val.example(again, t0 + 360 * s, 20, "6m 0.000s since the previous record of the stream")])) { a, _ in a }
        #expect(g.findings == expected)
    }

    @Test func twoBinanceLiquidationsOfOneSymbolInOneSecond() throws {
        let tmp = try TempDir()
        let recv: Int64 = 1_786_172_557_615_000_000
        let inputs = [Val.text(Val.binance, at: recv, Val.binanceLiquidation(tMs: 1_786_172_556_607)),
                      Val.text(Val.binance, at: recv + 300_000_000, Val.binanceLiquidation(tMs: 1_786_172_556_907)),
                      Val.text(Val.binance, at: recv + s, Val.binanceLiquidation(tMs: 1_786_172_557_607))]
        let path = try Val.capture(inputs, in: tmp)
        let r = try Val.validate([path])
        #expect(r.findings == Val.one("binance-usdm", "STGUSDT", .binanceSameSecond,
                                      [Val.example(path, recv + 300_000_000, 1, "second liquidation of STGUSDT in 2026-08-08T07:02:36Z")]))
        #expect(r.binanceLiquidationSeconds == ["STGUSDT": 2])
        // Liquidations a second apart are what Binance sends: only counted.
        let clean = try Val.capture([inputs[0], inputs[2]], in: tmp, "c.lqc.zst")
        let c = try Val.validate([clean])
        #expect(c.isClean && c.binanceLiquidationSeconds == ["STGUSDT": 2])
    }

    @Test func malformedAndUnknownChannelFramesFromTheNormalizer() throws {
        let tmp = try TempDir()
        let inputs = [Val.text(Val.binance, at: t0, "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\"}}"),
                      Val.text(Val.binance, at: t0 + s, "{\"stream\":\"btcusdt@fundingInfo\",\"data\":{\"e\":\"fundingInfo\",\"s\":\"BTCUSDT\"}}")]
        let path = try Val.capture(inputs, in: tmp)
        let r = try Val.validate([path])
        #expect(r.findings == [StreamSymbol("binance-usdm", "-"): [
            .malformed: Val.finding([Val.example(path, t0, 0, "aggTrade missing s/p/q/T/m")]),
            .unknownChannel: Val.finding([Val.example(path, t0 + s, 1, "event type fundingInfo")]),
        ]])
        #expect(r.events == 0)
    }

    @Test func truncatedTailIsAFinding() throws {
        let tmp = try TempDir()
        let path = tmp.path("t.lqc.zst")
        try Cap.write(Val.trades(Array(repeating: "64990.90", count: 8), at: Array(0..<8)), to: path, blockBytes: 600)
        let blocks = try CaptureReader(path: path).index().blocks
        #expect(blocks.count >= 3)
        try Cap.write(bytes: Array(try Cap.bytes(path).prefix(Int(blocks[1].offset) + 30)), to: path)
        let tail = try #require(try CaptureReader(path: path).index().tail)
        let r = try Val.validate([path])
        let last = Int64(blocks[0].records) - 1
        #expect(r.findings == Val.one("-", "-", .truncatedTail, [Val.example(path, t0 + last * s, UInt64(last + 1), tail.description)]))
        #expect(r.records == Int(blocks[0].records))
    }
}
