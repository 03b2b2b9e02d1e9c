import Foundation
import LiqsimCapture
import LiqsimCore

/// Writes (or reuses) the deterministic bench capture.
enum CaptureBuilder {
    static let generatorVersion = 1
    static let seed: UInt64 = 0x1195_0BE9_C4A7_2026
    /// 2026-09-25T00:00:00Z, six hours of receive time per million frames (at least six):
    /// a 10× capture is 10× as long, not 10× as dense.
    static let startNs: Int64 = 1_790_294_400_000_000_000
    static func spanNs(frames: Int) -> Int64 { 6 * 3_600 * 1_000_000_000 * Int64(max(frames / 1_000_000, 1)) }

    struct Built {
        var path: String
        var frames: Int
        var records: UInt64
        var fileBytes: UInt64
        var rawBytes: UInt64
        var reused: Bool
        var seconds: Double
    }

    static func note(frames: Int) -> String {
        "liqsim-bench synthetic capture: generator v\(generatorVersion), seed 0x\(String(seed, radix: 16)), \(frames) frames, real frame shapes"
    }

    /// Returns the capture at `path`, generating it unless one with the same generator,
    /// seed and frame count is already there (and `fresh` is not set).
    static func obtain(path: String, frames: Int, fresh: Bool) throws -> Built {
        let started = monotonicSeconds()
        if !fresh, let reader = try? CaptureReader(path: path), reader.header.notes.contains(note(frames: frames)),
           let footer = reader.footer, footer.totalRecords == UInt64(frames + 1), let index = try? reader.index() {
            return Built(path: path, frames: frames, records: footer.totalRecords, fileBytes: reader.fileSize,
                         rawBytes: index.blocks.reduce(0) { $0 + UInt64($1.rawSize) }, reused: true, seconds: monotonicSeconds() - started)
        }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let temp = path + ".partial"
        try? FileManager.default.removeItem(atPath: temp)
        let records = try generate(to: temp, frames: frames)
        if FileManager.default.fileExists(atPath: path) {
            // Replace only an earlier bench capture, never some other file named by --out.
            // A capture an older liqsim wrote (format changed) cannot be opened; its header
            // JSON still names the bench, so look for that text in the first bytes.
            let head = (FileHandle(forReadingAtPath: path)?.readData(ofLength: 4096)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let ours = (try? CaptureReader(path: path))?.header.notes.contains { $0.hasPrefix("liqsim-bench synthetic capture") }
                ?? head.contains("liqsim-bench synthetic capture")
            guard ours else {
                try? FileManager.default.removeItem(atPath: temp)
                throw CaptureError(.exists, path: path, "exists and is not a liqsim-bench capture", hint: "choose another --out")
            }
            try FileManager.default.removeItem(atPath: path)
        }
        try FileManager.default.moveItem(atPath: temp, toPath: path)
        let reader = try CaptureReader(path: path)
        let raw = try reader.index().blocks.reduce(0) { $0 + UInt64($1.rawSize) }
        return Built(path: path, frames: frames, records: records, fileBytes: reader.fileSize, rawBytes: raw,
                     reused: false, seconds: monotonicSeconds() - started)
    }

    static func header(frames: Int) -> CaptureHeader {
        let bn = ["btcusdt", "ethusdt", "solusdt", "xrpusdt", "dogeusdt"]
        let by = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT"]
        let okx = ["BTC-USDT-SWAP", "ETH-USDT-SWAP", "SOL-USDT-SWAP"]
        let streams = [
            CaptureHeader.Stream(id: StreamID.binanceUSDM.rawValue, endpoint: "wss://fstream.binance.com/stream",
                                 subscriptions: bn.flatMap { ["\($0)@aggTrade", "\($0)@markPrice@1s"] } + ["!forceOrder@arr"]),
            CaptureHeader.Stream(id: StreamID.bybitLinear.rawValue, endpoint: "wss://stream.bybit.com/v5/public/linear",
                                 subscriptions: by.flatMap { ["publicTrade.\($0)", "allLiquidation.\($0)", "tickers.\($0)"] }),
            CaptureHeader.Stream(id: StreamID.okxSwap.rawValue, endpoint: "wss://ws.okx.com:8443/ws/v5/public",
                                 subscriptions: okx.flatMap { ["trades:\($0)", "mark-price:\($0)", "funding-rate:\($0)", "open-interest:\($0)"] }
                                     + ["liquidation-orders:SWAP"]),
        ]
        return CaptureHeader(source: "synth", streams: streams, notes: [note(frames: frames)])
    }

    /// OKX `GET /api/v5/public/instruments?instType=SWAP`, rows copied from the real 2022 response.
    static let okxInstrumentsURL = "https://www.okx.com/api/v5/public/instruments?instType=SWAP"
    static let okxInstrumentsBody = #"{"code":"0","data":["#
        + #"{"alias":"","baseCcy":"","category":"1","ctMult":"1","ctType":"linear","ctVal":"0.01","ctValCcy":"BTC","expTime":"","instId":"BTC-USDT-SWAP","instType":"SWAP","lever":"125","listTime":"1611916828000","lotSz":"1","minSz":"1","optType":"","quoteCcy":"","settleCcy":"USDT","state":"live","stk":"","tickSz":"0.1","uly":"BTC-USDT"},"#
        + #"{"alias":"","baseCcy":"","category":"1","ctMult":"1","ctType":"linear","ctVal":"0.1","ctValCcy":"ETH","expTime":"","instId":"ETH-USDT-SWAP","instType":"SWAP","lever":"125","listTime":"1611916828000","lotSz":"1","minSz":"1","optType":"","quoteCcy":"","settleCcy":"USDT","state":"live","stk":"","tickSz":"0.01","uly":"ETH-USDT"},"#
        + #"{"alias":"","baseCcy":"","category":"2","ctMult":"1","ctType":"linear","ctVal":"1","ctValCcy":"SOL","expTime":"","instId":"SOL-USDT-SWAP","instType":"SWAP","lever":"75","listTime":"1611916828000","lotSz":"1","minSz":"1","optType":"","quoteCcy":"","settleCcy":"USDT","state":"live","stk":"","tickSz":"0.001","uly":"SOL-USDT"}"#
        + #"],"msg":""}"#

    /// Writes `frames` WebSocket frames (Bybit ticker snapshots first) after one OKX
    /// instruments REST record; returns the record count.
    static func generate(to path: String, frames: Int) throws -> UInt64 {
        let writer = try CaptureWriter(path: path, header: header(frames: frames))
        var gen = FrameGenerator(seed: seed, startNs: startNs, spanNs: spanNs(frames: frames), frames: frames)
        try writer.appendREST(streamIndex: FrameGenerator.okx, recv: UnixNanos(gen.clock.recvNs), status: 200,
                              url: okxInstrumentsURL, body: okxInstrumentsBody)
        var written = 0
        for i in gen.instruments.indices where written < frames {
            gen.clock.tick(&gen.rng)
            gen.buf.reset()
            gen.bybitTickerSnapshot(i)
            try writer.append(kind: .text, streamIndex: FrameGenerator.bybit, recv: UnixNanos(gen.clock.recvNs), payload: gen.buf.bytes)
            written += 1
        }
        while written < frames {
            let stream = gen.next()
            try writer.append(kind: .text, streamIndex: stream, recv: UnixNanos(gen.clock.recvNs), payload: gen.buf.bytes)
            written += 1
        }
        try writer.close()
        return writer.recordCount
    }
}
