import LiqsimCapture
import LiqsimCore

/// Captures read as one stream of records in replay order (receive time, file order,
/// record sequence), optionally only one stream's records. `liqsim serve` reads a
/// capture through this, once per exchange stream, so each stream can start when its
/// first client subscribes.
public final class MergedRecordReader {
    public let paths: [String]
    private let sources: [RecordSource]
    private var merger: RecordMerger
    private let streamMaps: [[StreamID?]]
    private let only: StreamID?
    /// The stream of the last record returned by `next()`.
    public private(set) var stream: StreamID?

    /// Opens every file (errors name the file). `only` keeps one stream's records.
    public init(paths: [String], only: StreamID? = nil) throws {
        self.paths = paths
        self.only = only
        sources = try paths.enumerated().map { i, path in
            try RecordSource(path: path, fileIndex: i, from: nil, to: nil, skipCorrupt: false)
        }
        streamMaps = sources.map { s in (0...255).map { s.reader.header.streamID(at: UInt8($0)) } }
        for source in sources { try source.start() }
        merger = RecordMerger(sources)
    }

    /// The headers of the files, in order.
    public var headers: [CaptureHeader] { sources.map(\.reader.header) }

    /// The next record, or nil at the end. The payload is valid until the next call.
    public func next() throws -> RawRecord? {
        while let source = merger.top {
            let record = source.head!
            let id = streamMaps[source.fileIndex][Int(record.streamIndex)]
            try source.advance()
            merger.topAdvanced()
            // The payload stays valid: the source's cursor holds its block until the block after.
            if let only, id != only { continue }
            stream = id
            return record
        }
        return nil
    }
}
