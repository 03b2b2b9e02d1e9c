/// Byte layout constants of the `*.lqc.zst` capture format (docs/capture-format.md).
///
/// A capture is a plain sequence of zstd frames: liqsim's metadata lives in zstd
/// *skippable* frames (magic 0x184D2A5?), data in ordinary zstd frames with content
/// checksums, so `zstd -t` and `zstd -dc` accept a capture as it is.
public enum CaptureLayout {
    static let formatVersion: UInt32 = 1

    static let headerMagic: UInt32 = 0x184D_2A50   // skippable: "LQCH" + version + header JSON
    static let blockMagic: UInt32 = 0x184D_2A51    // skippable: "LQCB" + meta of the data frame that follows
    static let indexMagic: UInt32 = 0x184D_2A52    // skippable: "LQCI" + count + entries
    static let footerMagic: UInt32 = 0x184D_2A53   // skippable: "LQCF" + version + index offset + records
    static let zstdMagic: UInt32 = 0xFD2F_B528

    static let headerTag: UInt32 = 0x4843_514C     // "LQCH" little-endian
    static let blockTag: UInt32 = 0x4243_514C      // "LQCB"
    static let indexTag: UInt32 = 0x4943_514C      // "LQCI"
    static let footerTag: UInt32 = 0x4643_514C     // "LQCF"

    static let skippableHeaderSize = 8
    static let blockMetaSize = 48                  // content bytes of a block-meta frame (44 + CRC-32C)
    static let blockMetaFrameSize = skippableHeaderSize + blockMetaSize
    static let indexEntrySize = 48
    static let footerSize = 28                     // 24 + CRC-32C
    static let footerFrameSize = skippableHeaderSize + footerSize

    static let recordHeaderSize = 16
    /// Block content starts with the record count, then the header column, then payloads.
    static let blockCountSize = 4
    /// Guard against absurd sizes in a damaged block meta.
    static let maxBlockRawSize = 64 << 20
    /// The largest record payload the writer takes (16 MiB; the recorder's WebSocket
    /// message cap): a block of 512 KiB plus one such record stays far below `maxBlockRawSize`.
    public static let maxRecordSize = 16 << 20
    /// Receive times a record may carry: ±2^62 ns (years 1824–2116). Outside it a time is
    /// damage (a crafted or corrupted meta), and arithmetic on times (windows, spans,
    /// pacing) cannot overflow. The writer refuses such times too.
    public static let maxAbsRecv: Int64 = 1 << 62

    @inline(__always) public static func isPlausibleRecv(_ t: Int64) -> Bool { t >= -maxAbsRecv && t <= maxAbsRecv }

    static func isSkippable(_ magic: UInt32) -> Bool { magic & 0xFFFF_FFF0 == 0x184D_2A50 }
}

// Little-endian loads and stores on bytes, and `BlockInfo` read from a frame: CaptureLayout+Unsafe.swift.

/// What one data frame holds, as written in its block-meta frame and in the index.
public struct BlockInfo: Sendable, Equatable {
    /// Byte offset of the block-meta frame; the data frame follows it.
    public var offset: UInt64
    public var records: UInt32
    public var rawSize: UInt32
    public var compressedSize: UInt32
    /// `BlockFlags` bits.
    public var flags: UInt32
    public var firstRecv: Int64
    public var lastRecv: Int64
    /// Sequence number (within the file) of the block's first record.
    public var firstSeq: UInt64

    var dataOffset: UInt64 { offset + UInt64(CaptureLayout.blockMetaFrameSize) }
    var endOffset: UInt64 { dataOffset + UInt64(compressedSize) }

    /// True when the block holds records that later frames depend on (REST responses
    /// such as OKX instruments, sent subscriptions, connects): `--from` replays these
    /// from the blocks it skips.
    public var hasStateRecords: Bool { flags & BlockFlags.stateRecords != 0 }

    /// Why these values cannot describe a block the writer wrote (nil when they can):
    /// counts and sizes that contradict each other, times outside ±2^62 ns, unknown flags,
    /// offsets and sequence numbers whose sums would overflow.
    var inconsistency: String? {
        if records == 0 { return "0 records" }
        if compressedSize == 0 { return "a compressed size of 0" }
        if rawSize > CaptureLayout.maxBlockRawSize { return "a raw size of \(rawSize) bytes (over 64 MiB)" }
        let minimum = UInt64(CaptureLayout.blockCountSize) + UInt64(records) * UInt64(CaptureLayout.recordHeaderSize)
        if UInt64(rawSize) < minimum { return "\(records) records in \(rawSize) raw bytes (at least \(minimum) needed)" }
        if !CaptureLayout.isPlausibleRecv(firstRecv) { return "first receive time \(firstRecv) outside ±2^62 ns" }
        if !CaptureLayout.isPlausibleRecv(lastRecv) { return "last receive time \(lastRecv) outside ±2^62 ns" }
        if flags & ~BlockFlags.stateRecords != 0 { return "unknown flags \(flags)" }
        if firstSeq > 1 << 62 { return "first sequence number \(firstSeq)" }
        if offset > 1 << 62 { return "offset \(offset)" }
        return nil
    }

    /// The 40 bytes shared by block meta (after its tag) and index entries (after the offset).
    func appendFields(to bytes: inout [UInt8]) {
        bytes.appendLE(records); bytes.appendLE(rawSize); bytes.appendLE(compressedSize); bytes.appendLE(flags)
        bytes.appendLE(firstRecv); bytes.appendLE(lastRecv); bytes.appendLE(firstSeq)
    }

    init(offset: UInt64, records: UInt32, rawSize: UInt32, compressedSize: UInt32, flags: UInt32, firstRecv: Int64, lastRecv: Int64, firstSeq: UInt64) {
        self.offset = offset; self.records = records; self.rawSize = rawSize; self.compressedSize = compressedSize
        self.flags = flags; self.firstRecv = firstRecv; self.lastRecv = lastRecv; self.firstSeq = firstSeq
    }
}

public enum BlockFlags {
    /// The block holds rest, sent or connect records.
    public static let stateRecords: UInt32 = 1
}
