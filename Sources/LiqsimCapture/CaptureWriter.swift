import CZstd
import LiqsimCore

/// Writes a capture: header frame, then data blocks (block-meta skippable frame + an
/// independent zstd frame with a content checksum), then index and footer on `close()`.
///
/// Records are buffered and compressed into one block when `blockBytes` is reached or
/// when `flushIfDue` finds the oldest buffered record older than `maxDelayNanos`
/// (the recorder calls it at least every 250 ms). A killed writer loses only the
/// records not yet flushed; everything before is readable without repair.
public final class CaptureWriter {
    public let path: String
    public let header: CaptureHeader
    private let file: CaptureFile
    let blockBytes: Int
    let cctx: OpaquePointer

    /// The open block as two columns: fixed-size record headers and payloads.
    var pendingHeaders: [UInt8] = []
    var pendingPayloads: [UInt8] = []
    var block: [UInt8] = []
    var pendingFlags: UInt32 = 0
    var pendingRecords: UInt32 = 0
    var pendingFirstRecv: Int64 = 0
    var pendingLastRecv: Int64 = 0
    var pendingSinceMonotonic: UInt64?
    var compressed: [UInt8] = []
    private var offset: UInt64 = 0
    var nextSeq: UInt64 = 0
    private var blocks: [BlockInfo] = []
    private var closed = false

    // Appending records (raw bytes, text, byte arrays) and compressing: CaptureWriter+Unsafe.swift.

    public var recordCount: UInt64 { nextSeq }
    public var bytesWritten: UInt64 { offset }

    /// - Parameters:
    ///   - blockBytes: raw bytes per data frame (larger compresses better, loses more on a crash).
    ///   - level: zstd level; 6 over 512 KiB blocks beats `zstd -3` of the bare payloads on real frames.
    ///   - replace: overwrite an existing file (import `--force`); the recorder never does.
    public init(path: String, header: CaptureHeader, blockBytes: Int = 512 << 10, level: Int32 = 6, replace: Bool = false) throws {
        self.path = path
        self.header = header
        self.blockBytes = blockBytes
        file = try CaptureFile(creatingAt: path, replace: replace)
        guard let ctx = ZSTD_createCCtx() else { throw CaptureError(.writeFailed, path: path, "zstd context allocation failed") }
        cctx = ctx
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level)
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1)
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1)
        pendingPayloads.reserveCapacity(blockBytes + (64 << 10))

        var frame: [UInt8] = []
        let json = try header.encoded()
        frame.appendLE(CaptureLayout.headerMagic)
        frame.appendLE(UInt32(12 + json.count))
        frame.appendLE(CaptureLayout.headerTag)
        frame.appendLE(CaptureLayout.formatVersion)
        frame.appendLE(CRC32C.checksum(json))
        frame.append(contentsOf: json)
        try emit(frame)
    }

    deinit { ZSTD_freeCCtx(cctx) }

    /// Flushes when the oldest buffered record has waited `maxDelayNanos` (monotonic clock).
    public func flushIfDue(monotonicNow: UInt64, maxDelayNanos: UInt64 = 250_000_000) throws {
        if let since = pendingSinceMonotonic, pendingRecords > 0, monotonicNow &- since >= maxDelayNanos { try flush() }
    }

    /// Compresses buffered records into one independent, checksummed zstd frame.
    public func flush() throws {
        guard pendingRecords > 0 else { return }
        // Content: u32 record count, the header column, the payload column.
        block.removeAll(keepingCapacity: true)
        block.appendLE(pendingRecords)
        block.append(contentsOf: pendingHeaders)
        block.append(contentsOf: pendingPayloads)
        let bound = ZSTD_compressBound(block.count)
        if compressed.count < bound { compressed = [UInt8](repeating: 0, count: bound) }
        let written = compressBlock()
        if ZSTD_isError(written) != 0 {
            throw CaptureError(.writeFailed, path: path, "zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))")
        }
        let info = BlockInfo(offset: offset, records: pendingRecords, rawSize: UInt32(block.count), compressedSize: UInt32(written),
                             flags: pendingFlags, firstRecv: pendingFirstRecv, lastRecv: pendingLastRecv, firstSeq: nextSeq - UInt64(pendingRecords))
        var meta: [UInt8] = []
        meta.reserveCapacity(CaptureLayout.blockMetaFrameSize + written)
        meta.appendLE(CaptureLayout.blockMagic)
        meta.appendLE(UInt32(CaptureLayout.blockMetaSize))
        meta.appendLE(CaptureLayout.blockTag)
        info.appendFields(to: &meta)
        meta.appendLE(CRC32C.checksum(meta[8...]))
        meta.append(contentsOf: compressed[0..<written])
        // One write per block: a crash leaves either the whole block or a detectable tail.
        try emit(meta)
        blocks.append(info)
        pendingHeaders.removeAll(keepingCapacity: true)
        pendingPayloads.removeAll(keepingCapacity: true)
        pendingFlags = 0
        pendingRecords = 0
        pendingSinceMonotonic = nil
    }

    /// Flushes, writes the index and footer, and syncs. The file is then complete.
    ///
    /// `discardingPending` (after a failed write: disk full) drops the records that could not
    /// be written, so the index and footer describe exactly what is in the file.
    public func close(discardingPending: Bool = false) throws {
        guard !closed else { return }
        closed = true
        if discardingPending {
            nextSeq -= UInt64(pendingRecords)
            pendingHeaders.removeAll(); pendingPayloads.removeAll()
            pendingRecords = 0; pendingFlags = 0; pendingSinceMonotonic = nil
        }
        try flush()
        let indexOffset = offset
        var index: [UInt8] = []
        index.appendLE(CaptureLayout.indexMagic)
        index.appendLE(UInt32(8 + blocks.count * CaptureLayout.indexEntrySize + 4))
        index.appendLE(CaptureLayout.indexTag)
        index.appendLE(UInt32(blocks.count))
        for b in blocks {
            index.appendLE(b.offset)
            b.appendFields(to: &index)
        }
        index.appendLE(CRC32C.checksum(index[8...]))
        let footerStart = index.count
        index.appendLE(CaptureLayout.footerMagic)
        index.appendLE(UInt32(CaptureLayout.footerSize))
        index.appendLE(CaptureLayout.footerTag)
        index.appendLE(CaptureLayout.formatVersion)
        index.appendLE(indexOffset)
        index.appendLE(nextSeq)
        index.appendLE(CRC32C.checksum(index[(footerStart + 8)...]))
        try emit(index)
        file.sync()
    }

    private func emit(_ bytes: [UInt8]) throws {
        do {
            try file.write(bytes)
        } catch {
            // A full disk or file-size limit fails mid-frame: cut the partial frame off so the
            // file still ends at a complete frame and `capture check` finds no damaged tail.
            file.truncate(to: offset)
            throw error
        }
        offset += UInt64(bytes.count)
    }
}
