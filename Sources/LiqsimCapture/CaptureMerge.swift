import LiqsimCore

/// Captures read as one stream of records in replay order: receive time, then file
/// order, then record sequence. Replay, validate and serve all read through this, so
/// every command sees the same order.
///
/// `next()` advances lazily: the record it returns stays valid (its payload points into
/// the block being read) until the following call, and damage found while advancing is
/// thrown by that following call — after the record before it was handled, so nothing
/// read before damage is lost.
public final class CaptureMerge {
    public let paths: [String]
    private let sources: [RecordSource]
    private var merger: RecordMerger
    /// The stream of (file, stream index) at `file << 8 | index`: one flat table, one lookup per record.
    private let streamTable: [StreamID?]
    private let only: StreamID?
    /// The record returned last is still the top source's head (advanced by the next call).
    private var pending = false
    private var started = false

    /// One record of the merge: the record, its file's position in `paths` and its stream
    /// (nil when the header names none this version knows).
    public struct Item {
        public var record: RawRecord
        public var file: Int
        public var stream: StreamID?
    }

    /// Opens every file (errors name the file; nothing was read yet). `from`/`to` bound
    /// receive times (records before `from` that carry state are delivered first as warm-up
    /// records, `recv < from`); `only` keeps one stream's records; `readAhead` decompresses
    /// the next block of each file on a second thread.
    public init(paths: [String], from: UnixNanos? = nil, to: UnixNanos? = nil, skipCorrupt: Bool = false,
                readAhead: Bool = false, only: StreamID? = nil) throws {
        self.paths = paths
        self.only = only
        sources = try paths.enumerated().map { i, path in
            try RecordSource(path: path, fileIndex: i, from: from, to: to, skipCorrupt: skipCorrupt, readAhead: readAhead)
        }
        streamTable = sources.flatMap { s in (0...255).map { s.reader.header.streamID(at: UInt8($0)) } }
        merger = RecordMerger([])
    }

    /// The headers of the files, in order.
    public var headers: [CaptureHeader] { sources.map(\.reader.header) }

    /// The next record in merge order, or nil at the end.
    @inline(__always)
    public func next() throws -> Item? {
        if !started {
            started = true
            for source in sources { try source.start() }
            merger = RecordMerger(sources)
        }
        if pending {
            pending = false
            try merger.advanceTop()
        }
        while case let (record, fileIndex)? = merger.topHead {
            let stream = streamTable[fileIndex &<< 8 | Int(record.streamIndex)]
            if let only, stream != only {
                try merger.advanceTop()
                continue
            }
            pending = true
            return Item(record: record, file: fileIndex, stream: stream)
        }
        return nil
    }

    /// Stops read-ahead threads; the damage report is final afterwards.
    public func finish() {
        for source in sources { source.finish() }
    }

    /// What each file skipped or lost (complete after `finish()`).
    public var damage: [FileDamage] {
        sources.map { FileDamage(path: paths[$0.fileIndex], file: $0.fileIndex, skipped: $0.scanner.skipped,
                                 truncatedTail: $0.scanner.truncatedTail, outOfOrder: $0.outOfOrder) }
    }

    public struct FileDamage {
        public var path: String
        public var file: Int
        public var skipped: [BlockScanner.SkippedRegion]
        public var truncatedTail: TruncatedTail?
        /// Records earlier than the record before them in the same file.
        public var outOfOrder: Int
    }
}
