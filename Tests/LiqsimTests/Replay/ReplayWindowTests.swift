import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

// Fixtures: all of Tests/LiqsimTests/Fixtures/real (see PROVENANCE.md there).

@Suite("Replay --from/--to windows")
struct ReplayWindowTests {
    /// The OKX instruments response (2022) that gives CELO-USDT-SWAP its ctVal lies in a
    /// block that `--from 2026-10-01` skips; warm-up still feeds it to the OKX adapter, so
    /// the 2026 CELO liquidation comes out with the same values as in a full replay.
    @Test func fromKeepsStateRecordsOfSkippedBlocks() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("all.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: capture, blockBytes: 16 << 10)
        let index = try CaptureReader(path: capture).index()
        let from = try #require(TimeArgument.parse("2026-10-01T00:00:00Z"))
        let start = try #require(index.firstBlock(notBefore: from.rawValue))
        #expect(start.offset > index.blocks[0].offset, "the window must start after the block holding the instruments response")

        // Normalized events only: pipeline windows depend on where a run starts.
        let full = try CLI.run(["replay", capture, "--format", "jsonl", "--no-pipeline"])
        let window = try CLI.run(["replay", capture, "--format", "jsonl", "--no-pipeline", "--from", "2026-10-01T00:00:00Z"])
        #expect(full.status == 0 && window.status == 0, "\(window.stderr)")
        let celo = #"{"type":"liquidation","recv_ns":1791565462608000000,"ts_ns":1791565462608000000,"exchange":"okx-swap","symbol":"CELOUSDT","side":"short","price":"0.09583","qty":"19979","usd":1914.59,"raw_symbol":"CELO-USDT-SWAP"}"#
        #expect(window.stdout.split(separator: "\n").map(String.init).contains(celo), "\(window.stdout)")
        // The window is exactly the full replay's events from `from` on.
        let tail = full.stdout.split(separator: "\n").filter { line in
            Cap.recvTimes(String(line)).first.map { $0 >= from.rawValue } ?? false
        }
        #expect(window.stdout.split(separator: "\n") == tail)
        #expect(window.stderr.contains("warm-up: "), "\(window.stderr)")
        #expect(!window.stderr.contains("missing ctVal 1\n") || full.stderr.contains("missing ctVal 1"))
    }

    /// `--to` stops after the bound (inclusive) and `--from` after `--to` gives no events.
    @Test func toIsInclusiveAndEmptyWindowsAreEmpty() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let capture = tmp.path("liq.lqc.zst")
        try Cap.importFixtures(["liquidations-2026.jsonl"], to: capture)
        // The MANTAUSDT liquidation was received at 1791091027107000000 ns. The OKX CNPY
        // liquidation (1789669898955000000) has no ctVal in this capture and is skipped.
        let upTo = try CLI.run(["replay", capture, "--format", "jsonl", "--no-pipeline", "--to", "1791091027107000000"])
        #expect(upTo.status == 0)
        #expect(Cap.recvTimes(upTo.stdout) == [1_786_172_557_615_000_000, 1_789_670_094_412_000_000, 1_791_091_027_107_000_000])
        let empty = try CLI.run(["replay", capture, "--format", "jsonl", "--from", "2027-01-01", "--to", "2027-02-01"])
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
    }
}
