import LiqsimCore

/// `capture check`: decompresses every block (verifying zstd checksums), validates record
/// structure, counts records by kind and stream, and reports damage and truncation.
public struct CaptureCheck: Sendable {
    public var path: String
    public var blocks = 0
    public var records = 0
    public var rawBytes: UInt64 = 0
    public var byKind: [RecordKind: Int] = [:]
    public var byStream: [String: Int] = [:]
    public var firstRecv: Int64?
    public var lastRecv: Int64?
    public var nonMonotonic = 0
    public var indexFromFooter = false
    public var skipped: [BlockScanner.SkippedRegion] = []
    public var truncatedTail: TruncatedTail?

    /// Every block verifies and nothing trails the last one. A file without its index and
    /// footer (a recorder killed between blocks) is clean: everything in it reads without
    /// repair, which is what crash safety promises; `index: missing` says so.
    public var isClean: Bool { skipped.isEmpty && truncatedTail == nil }

    public static func run(path: String) throws -> CaptureCheck {
        let reader = try CaptureReader(path: path)
        var check = CaptureCheck(path: path)
        // The index first: what is wrong with it joins the damage the scan reports.
        let index = try reader.index()
        check.indexFromFooter = index.fromFooter
        var entries = index.fromFooter ? Dictionary(index.blocks.map { ($0.offset, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        var disagreeing: [UInt64] = []
        let scanner = reader.scanner(skipCorrupt: true)
        var last: Int64 = .min
        while let block = try scanner.nextBlock() {
            check.blocks += 1
            if let entry = entries.removeValue(forKey: block.info.offset), entry != block.info { disagreeing.append(entry.offset) }
            check.rawBytes += UInt64(block.info.rawSize)
            var cursor = block.records
            while let r = cursor.next() {
                check.records += 1
                let t = r.recv.rawValue
                if t < last { check.nonMonotonic += 1 }
                last = max(last, t)
                check.firstRecv = min(check.firstRecv ?? t, t)
                check.lastRecv = max(check.lastRecv ?? t, t)
                if let k = r.kind { check.byKind[k, default: 0] += 1 }
                let stream = Int(r.streamIndex) < reader.header.streams.count ? reader.header.streams[Int(r.streamIndex)].id : "-"
                check.byStream[stream, default: 0] += 1
            }
        }
        check.skipped = scanner.skipped
        for offset in disagreeing {
            check.skipped.append(BlockScanner.SkippedRegion(offset: offset, bytes: 0, records: 0,
                                                            reason: "the index entry for the block here disagrees with its block meta"))
        }
        check.truncatedTail = scanner.truncatedTail
        return check
    }
}

extension RawRecord {
    /// One line for `capture cat`: time, stream, kind, then the payload as text.
    public func textLine(streamName: String) -> String {
        let time = UTCDateTime(recv).iso8601Millis
        let kindName = kind?.name ?? "kind\(kindByte)"
        switch kind {
        case .rest:
            return "\(time) \(streamName) rest \(httpStatus) \(String(decoding: restURL, as: UTF8.self)) \(String(decoding: body, as: UTF8.self))"
        case .binary:
            return "\(time) \(streamName) binary \(payload.count) bytes"
        default:
            return "\(time) \(streamName) \(kindName) \(String(decoding: payload, as: UTF8.self))"
        }
    }
}
