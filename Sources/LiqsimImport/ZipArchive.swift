import Foundation

/// The entries of a ZIP file (PKWARE APPNOTE 4.3: end of central directory, Zip64 records
/// and extra fields for entries past 4 GiB, central directory, local headers), stored or
/// deflated. Only the directory is read here; an entry's content streams through
/// `ByteChunks`, checked against its CRC-32 and size at its end. Binance Vision zips hold
/// one CSV each.
public struct ZipArchive {
    public struct Entry: Sendable {
        public var name: String
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localOffset: Int
    }

    public let path: String
    let fileSize: Int
    public private(set) var entries: [Entry] = []

    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError(.cannotRead, path, "cannot read", hint: "check the path") }
        defer { try? handle.close() }
        self.path = path
        fileSize = Int(try handle.seekToEnd())
        // The end-of-central-directory record: the last "PK\u{5}\u{6}" in the final 64 KiB + 22 bytes.
        let tailStart = max(0, fileSize - 22 - 0xFFFF - 20)
        let tail = try Self.read(handle, at: tailStart, count: fileSize - tailStart)
        var eocd: Int?
        var i = tail.count - 22
        while i >= 0 {
            if Self.u32(tail, i) == 0x0605_4B50 { eocd = i; break }
            i -= 1
        }
        guard let eocd else { throw ImportError(.badZip, path, "not a zip file or truncated (no end-of-central-directory record)", hint: "download the file again") }
        var count = Int(Self.u16(tail, eocd + 10))
        var directorySize = Int(Self.u32(tail, eocd + 12))
        var at = Int(Self.u32(tail, eocd + 16))
        // Zip64: a locator just before the record points at the Zip64 end of central directory.
        if eocd >= 20, Self.u32(tail, eocd - 20) == 0x0706_4B50 {
            let record = try Self.read(handle, at: Int(Self.u64(tail, eocd - 12)), count: 56)
            guard Self.u32(record, 0) == 0x0606_4B50 else { throw ImportError(.badZip, path, "damaged Zip64 end of central directory", hint: "download the file again") }
            count = Int(Self.u64(record, 32))
            directorySize = Int(Self.u64(record, 40))
            at = Int(Self.u64(record, 48))
        }
        guard at + directorySize <= fileSize else {
            throw ImportError(.badZip, path, "truncated: the central directory ends at byte \(at + directorySize), the file has \(fileSize)", hint: "download the file again")
        }
        let directory = try Self.read(handle, at: at, count: directorySize)
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, Self.u32(directory, p) == 0x0201_4B50 else {
                throw ImportError(.badZip, path, "damaged central directory at byte \(at + p)", hint: "download the file again")
            }
            let nameLength = Int(Self.u16(directory, p + 28)), extra = Int(Self.u16(directory, p + 30)), comment = Int(Self.u16(directory, p + 32))
            guard p + 46 + nameLength + extra <= directory.count else { throw ImportError(.badZip, path, "damaged central directory at byte \(at + p)") }
            var entry = Entry(name: String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self), method: Self.u16(directory, p + 10),
                              crc: Self.u32(directory, p + 16), compressedSize: Int(Self.u32(directory, p + 20)),
                              size: Int(Self.u32(directory, p + 24)), localOffset: Int(Self.u32(directory, p + 42)))
            Self.applyZip64(&entry, directory, extra: (p + 46 + nameLength)..<(p + 46 + nameLength + extra))
            entries.append(entry)
            p += 46 + nameLength + extra + comment
        }
    }

    /// Sizes and offset of 0xFFFFFFFF are in the Zip64 extra field (id 1), in that order.
    static func applyZip64(_ e: inout Entry, _ b: [UInt8], extra: Range<Int>) {
        var p = extra.lowerBound
        while p + 4 <= extra.upperBound {
            let id = u16(b, p), length = Int(u16(b, p + 2))
            if id == 1 {
                var q = p + 4
                for field in [\Entry.size, \Entry.compressedSize, \Entry.localOffset] where e[keyPath: field] == 0xFFFF_FFFF && q + 8 <= p + 4 + length {
                    e[keyPath: field] = Int(u64(b, q))
                    q += 8
                }
            }
            p += 4 + length
        }
    }

    /// The entry's content in pieces of `chunk` bytes, checked against its CRC-32 and size at its end.
    func chunks(of entry: Entry, chunk: Int) throws -> ByteChunks {
        let where_ = "\(path)!\(entry.name)"
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError(.cannotRead, path, "cannot read") }
        defer { try? handle.close() }
        let local = try Self.read(handle, at: entry.localOffset, count: 30)
        guard local.count == 30, Self.u32(local, 0) == 0x0403_4B50 else {
            throw ImportError(.badZip, where_, "no local header at byte \(entry.localOffset)", hint: "download the file again")
        }
        let start = entry.localOffset + 30 + Int(Self.u16(local, 26)) + Int(Self.u16(local, 28))
        guard start + entry.compressedSize <= fileSize else {
            throw ImportError(.badZip, where_, "truncated: the entry needs \(start + entry.compressedSize) bytes, the file has \(fileSize)", hint: "download the file again")
        }
        let coding: ByteChunks.Coding
        switch entry.method {
        case 0: coding = .stored
        case 8: coding = .deflate
        default: throw ImportError(.badZip, where_, "compression method \(entry.method) is not supported (stored or deflate only)")
        }
        var c = try ByteChunks(path: path, at: UInt64(start), length: entry.compressedSize, coding: coding, chunk: chunk, expected: (entry.crc, entry.size))
        c.label = where_
        return c
    }

    static func read(_ handle: FileHandle, at offset: Int, count: Int) throws -> [UInt8] {
        try handle.seek(toOffset: UInt64(offset))
        return Array(try handle.read(upToCount: count) ?? Data())
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
}
