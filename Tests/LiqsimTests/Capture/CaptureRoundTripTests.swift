import Foundation
import Testing
import LiqsimCapture
import LiqsimCore

@Suite("Capture round trip")
struct CaptureRoundTripTests {
    @Test func recordsOfEveryKindRoundTripAcrossManySmallBlocks() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("rt.lqc.zst")
        let inputs = try Cap.sampleInputs()
        let expected = try Cap.write(inputs, to: path, blockBytes: 512)
        #expect(Set(inputs.map(\.kind)) == Set(RecordKind.allCases))

        let result = try Cap.read(path)
        #expect(result.error == nil)
        #expect(result.truncatedTail == nil)
        #expect(result.skipped.isEmpty)
        #expect(result.records.count == expected.count)
        #expect(result.records == expected)
        #expect(result.blocks.count > 20, "blockBytes 512 should give many blocks, got \(result.blocks.count)")

        // Spot checks with literal values, through RawRecord's accessors.
        let reader = try CaptureReader(path: path)
        let scanner = reader.scanner()
        var restSeen = 0, binarySeen = 0, gapSeen = 0
        while let block = try scanner.nextBlock() {
            var cursor = block.records
            while let r = cursor.next() {
                let input = inputs[Int(r.seq)]
                #expect(r.kind == input.kind)
                switch r.kind {
                case .rest:
                    restSeen += 1
                    #expect(String(decoding: r.restURL, as: UTF8.self) == input.url)
                    #expect(Array(r.body) == input.bytes)
                    #expect(r.httpStatus == input.status)
                    #expect(r.httpStatus == (r.seq % 20 == 6 ? 200 : 429))
                case .binary:
                    binarySeen += 1
                    #expect(Array(r.body) == input.bytes)
                    #expect(r.streamIndex == 1)
                case .gap:
                    gapSeen += 1
                    #expect(r.streamIndex == CaptureHeader.noStream)
                default:
                    #expect(Array(r.body) == input.bytes)
                }
            }
        }
        #expect(restSeen == 12)
        #expect(binarySeen == 12)
        #expect(gapSeen == 13)
        #expect(result.records[0].seq == 0)
        #expect(result.records[0].recv == 1_786_171_884_000_000_000)
        #expect(result.records[6].kind == RecordKind.rest.rawValue)
        #expect(result.records[6].aux == 200)
        #expect(result.records[16].aux == 429)
        #expect(result.records.last!.payload.isEmpty)
        #expect(result.records.last!.recv == 1_786_171_884_000_000_000 + 120 * 1_000_003)
    }

    @Test func headerFieldsRoundTrip() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("h.lqc.zst")
        let header = Cap.header()
        try Cap.write(try Cap.sampleInputs(count: 5), to: path, header: header)
        let reader = try CaptureReader(path: path)
        #expect(reader.header == header)
        #expect(reader.header.format == "lqc")
        #expect(reader.header.formatVersion == 1)
        #expect(reader.header.liqsimVersion == "9.8.7-test")
        #expect(reader.header.source == "record")
        #expect(reader.header.createdNs == 1_786_171_884_000_000_123)
        #expect(reader.header.streams.map(\.id) == ["binance-usdm", "bybit-linear", "okx-swap", "some-future-exchange"])
        #expect(reader.header.streams[0].endpoint == "wss://fstream.binance.com/stream")
        #expect(reader.header.streams[0].subscriptions == ["btcusdt@aggTrade", "!forceOrder@arr"])
        #expect(reader.header.streams[2].endpoint == nil)
        #expect(reader.header.notes == ["round-trip test", "ünïcödé note ✓"])
        #expect(reader.header.streamID(at: 0) == .binanceUSDM)
        #expect(reader.header.streamID(at: 2) == .okxSwap)
        #expect(reader.header.streamID(at: 3) == nil)   // unknown id survives as text
        #expect(reader.header.streamID(at: CaptureHeader.noStream) == nil)

        // The header frame bytes: skippable magic, size, "LQCH", version 1, sorted-key JSON.
        let bytes = try Cap.bytes(path)
        #expect(Cap.u32(bytes, 0) == 0x184D_2A50)
        #expect(Cap.u32(bytes, 8) == 0x4843_514C)
        #expect(Cap.u32(bytes, 12) == 1)
        let json = String(decoding: bytes[20..<Cap.dataStart(bytes)], as: UTF8.self)   // after tag, version and CRC-32C
        #expect(json.hasPrefix("{\"created_ns\":1786171884000000123,\"format\":\"lqc\",\"format_version\":1,\"liqsim_version\":\"9.8.7-test\""))
    }

    @Test func footerIndexEqualsRebuiltIndexAndDescribesEveryBlock() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("idx.lqc.zst")
        let inputs = try Cap.sampleInputs()
        let expected = try Cap.write(inputs, to: path, blockBytes: 512)
        let reader = try CaptureReader(path: path)
        let footer = try #require(reader.footer)
        #expect(footer.totalRecords == UInt64(expected.count))
        let index = try reader.index()
        #expect(index.fromFooter)
        #expect(index.tail == nil)
        let rebuilt = try reader.rebuildIndex()
        #expect(!rebuilt.fromFooter)
        #expect(rebuilt.tail == nil)
        #expect(rebuilt.blocks == index.blocks)
        #expect(index.records == UInt64(expected.count))
        #expect(index.firstRecv == expected.first!.recv)
        #expect(index.lastRecv == expected.last!.recv)

        // Each block: offset, sizes, counts, recv range and first seq match what was written.
        let bytes = try Cap.bytes(path)
        var offset = UInt64(Cap.dataStart(bytes))
        var seq: UInt64 = 0
        let scanned = try Cap.read(path)
        #expect(scanned.blocks == index.blocks)
        for block in index.blocks {
            #expect(block.offset == offset)
            #expect(Cap.u32(bytes, Int(offset)) == 0x184D_2A51)
            #expect(Cap.u32(bytes, Int(offset) + 4) == 48)
            #expect(Cap.u32(bytes, Int(offset) + 8) == 0x4243_514C)
            #expect(Cap.u32(bytes, Int(offset) + Cap.metaFrame) == 0xFD2F_B528)   // a plain zstd frame follows
            #expect(block.firstSeq == seq)
            let mine = expected[Int(seq)..<Int(seq) + Int(block.records)]
            #expect(block.firstRecv == mine.first!.recv)
            #expect(block.lastRecv == mine.last!.recv)
            #expect(Int(block.rawSize) == CapRecord.encodeBlock(mine).count)
            seq += UInt64(block.records)
            offset += UInt64(Cap.metaFrame) + UInt64(block.compressedSize)
        }
        #expect(seq == UInt64(expected.count))
        // Index (with its CRC-32C) then footer: the last 36 bytes.
        #expect(footer.indexOffset == offset)
        #expect(Cap.u32(bytes, Int(offset)) == 0x184D_2A52)
        #expect(Cap.u32(bytes, Int(offset) + 12) == UInt32(index.blocks.count))
        #expect(bytes.count == Int(offset) + 16 + 48 * index.blocks.count + 4 + Cap.footerFrame)
        #expect(Cap.u32(bytes, bytes.count - Cap.footerFrame) == 0x184D_2A53)
        #expect(Cap.u64(bytes, bytes.count - 12) == UInt64(expected.count))
    }

    @Test func writerCountersMatchFile() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("w.lqc.zst")
        let inputs = try Cap.sampleInputs(count: 30)
        let writer = try CaptureWriter(path: path, header: Cap.header(), blockBytes: 512)
        try Cap.append(inputs, to: writer)
        #expect(writer.recordCount == UInt64(inputs.count))
        try writer.close()
        try writer.close()   // idempotent
        #expect(writer.bytesWritten == UInt64(try Cap.bytes(path).count))
    }

    @Test func emptyCaptureHasNoRecords() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("empty.lqc.zst")
        try Cap.write([], to: path)
        let reader = try CaptureReader(path: path)
        #expect(reader.footer?.totalRecords == 0)
        #expect(try reader.index().blocks.isEmpty)
        let r = try Cap.read(path)
        #expect(r.records.isEmpty && r.error == nil && r.truncatedTail == nil)
        let z = try Cap.run(Cap.zstd, ["-t", "-q", path])
        #expect(z.status == 0, "\(z.stderr)")
    }

    @Test func writerNeverOverwritesWithoutReplace() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("x.lqc.zst")
        try Cap.write(try Cap.sampleInputs(count: 3), to: path)
        let before = try Cap.bytes(path)
        let error = #expect(throws: CaptureError.self) { _ = try CaptureWriter(path: path, header: Cap.header()) }
        #expect(error?.kind == .exists)
        #expect(error?.path == path)
        #expect(try Cap.bytes(path) == before)
    }

    @Test func importIsDeterministic() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let a = tmp.path("a.lqc.zst"), b = tmp.path("b.lqc.zst")
        let ra = try Cap.importFixtures(Cap.allFixtures, to: a)
        try Cap.importFixtures(Cap.allFixtures, to: b)
        #expect(try Cap.bytes(a) == Cap.bytes(b))
        let lines = try Cap.fixtureLinesInCaptureOrder()
        #expect(ra.records == lines.count)
        #expect(ra.streams == [.binanceUSDM, .bybitLinear, .okxSwap])
        #expect(ra.bytes == UInt64(try Cap.bytes(a).count))

        // Every line comes back verbatim, in (recv, input order).
        let reader = try CaptureReader(path: a)
        #expect(reader.header.source == "import")
        #expect(reader.header.createdNs == nil)
        #expect(reader.header.notes == Cap.allFixtures.map { "imported from " + $0 })
        let records = try Cap.read(a).records
        #expect(records.count == lines.count)
        for (r, l) in zip(records, lines) {
            #expect(r.recv == l.recv)
            #expect(reader.header.streamID(at: r.stream) == l.stream)
            if let frame = l.frame {
                #expect(r.kind == RecordKind.text.rawValue)
                #expect(r.payload == Array(frame.utf8))
            } else {
                #expect(r.kind == RecordKind.rest.rawValue)
                #expect(r.aux == 200)
                #expect(r.payload == CapInput(kind: .rest, stream: 0, recv: 0, bytes: Array(l.body!.utf8), url: l.url!).storedPayload)
            }
        }
    }

    @Test func seekingWithTheIndexStartsAtTheRightBlock() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("seek.lqc.zst")
        let expected = try Cap.write(try Cap.sampleInputs(), to: path, blockBytes: 512)
        let reader = try CaptureReader(path: path)
        let index = try reader.index()
        var targets = expected.map(\.recv)
        targets += expected.map { $0.recv + 1 }          // between records
        targets += [expected.first!.recv - 1_000_000]    // before the start
        for t in targets {
            let block = index.firstBlock(notBefore: t)
            guard let block else {
                #expect(t > expected.last!.recv, "no block for \(t)")
                continue
            }
            #expect(block.lastRecv >= t)
            if let i = index.blocks.firstIndex(of: block), i > 0 { #expect(index.blocks[i - 1].lastRecv < t) }
            let read = try Cap.read(path, startingAt: block)
            #expect(read.records.first?.seq == block.firstSeq)
            #expect(read.records.filter { $0.recv >= t } == expected.filter { $0.recv >= t })
            // Nothing before the block's first record is read.
            #expect(read.records.count == expected.count - Int(block.firstSeq))
        }
        #expect(index.firstBlock(notBefore: expected.last!.recv + 1) == nil)
    }
}

@Suite("Capture is a standard zstd stream")
struct CaptureZstdCompatibilityTests {
    @Test func zstdTestsAndDecompressesToTheRawBlocks() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("z.lqc.zst")
        let expected = try Cap.write(try Cap.sampleInputs(), to: path, blockBytes: 512)
        let t = try Cap.run(Cap.zstd, ["-t", path])
        #expect(t.status == 0, "zstd -t: \(t.stderr)")

        let out = tmp.path("z.raw")
        let d = try Cap.run(Cap.zstd, ["-dc", path], stdoutTo: out)
        #expect(d.status == 0, "zstd -dc: \(d.stderr)")
        let raw = try Cap.bytes(out)
        let index = try CaptureReader(path: path).index()
        #expect(raw.count == index.blocks.reduce(0) { $0 + Int($1.rawSize) })
        // Exactly the records, in the documented block layout, block after block.
        var documented: [UInt8] = []
        for block in index.blocks {
            let first = Int(block.firstSeq)
            documented += CapRecord.encodeBlock(expected[first..<(first + Int(block.records))])
        }
        #expect(raw == documented)
    }

    @Test func importedFixtureCaptureIsAValidZstdStream() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("f.lqc.zst")
        try Cap.importFixtures(Cap.allFixtures, to: path)
        #expect(try Cap.run(Cap.zstd, ["-t", "-q", path]).status == 0)
        let out = tmp.path("f.raw")
        #expect(try Cap.run(Cap.zstd, ["-dc", path], stdoutTo: out).status == 0)
        let index = try CaptureReader(path: path).index()
        #expect(try Cap.bytes(out).count == index.blocks.reduce(0) { $0 + Int($1.rawSize) })
    }
}
