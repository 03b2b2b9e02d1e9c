import Foundation

/// The entries of a ZIP file (PKWARE APPNOTE 4.3: end of central directory, central
/// directory, local headers), stored or deflated, each checked against its CRC-32 and
/// size. Binance Vision zips hold one CSV each. Inflating is in `ZipArchive+Unsafe.swift`.
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
    let bytes: [UInt8]
    public private(set) var entries: [Entry] = []

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(.cannotRead, path, "cannot read", hint: "check the path")
        }
        try self.init(path: path, bytes: Array(data))
    }

    public init(path: String, bytes: [UInt8]) throws {
        self.path = path
        self.bytes = bytes
        // The end-of-central-directory record: the last "PK\u{5}\u{6}" in the final 64 KiB + 22 bytes.
        let floor = max(0, bytes.count - 22 - 0xFFFF)
        var eocd: Int?
        var i = bytes.count - 22
        while i >= floor {
            if u32(i) == 0x0605_4B50 { eocd = i; break }
            i -= 1
        }
        guard let eocd else {
            throw ImportError(.badZip, path, "not a zip file or truncated (no end-of-central-directory record)", hint: "download the file again")
        }
        let count = Int(u16(eocd + 10))
        var at = Int(u32(eocd + 16))
        for _ in 0..<count {
            guard at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else {
                throw ImportError(.badZip, path, "damaged central directory at byte \(at)", hint: "download the file again")
            }
            let nameLength = Int(u16(at + 28)), extra = Int(u16(at + 30)), comment = Int(u16(at + 32))
            guard at + 46 + nameLength <= bytes.count else { throw ImportError(.badZip, path, "damaged central directory at byte \(at)") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(name: name, method: u16(at + 10), crc: u32(at + 16), compressedSize: Int(u32(at + 20)),
                                 size: Int(u32(at + 24)), localOffset: Int(u32(at + 42))))
            at += 46 + nameLength + extra + comment
        }
    }

    /// The entry's bytes, inflated and checked against the stored CRC-32 and size.
    public func contents(of entry: Entry) throws -> [UInt8] {
        let at = entry.localOffset
        guard at + 30 <= bytes.count, u32(at) == 0x0403_4B50 else {
            throw ImportError(.badZip, "\(path)!\(entry.name)", "no local header at byte \(at)", hint: "download the file again")
        }
        let start = at + 30 + Int(u16(at + 26)) + Int(u16(at + 28))
        guard start + entry.compressedSize <= bytes.count else {
            throw ImportError(.badZip, "\(path)!\(entry.name)", "truncated: the entry needs \(start + entry.compressedSize) bytes, the file has \(bytes.count)",
                              hint: "download the file again")
        }
        let data: [UInt8]
        switch entry.method {
        case 0: data = Array(bytes[start..<(start + entry.compressedSize)])
        case 8: data = try inflate(start: start, count: entry.compressedSize, size: entry.size, name: entry.name)
        default: throw ImportError(.badZip, "\(path)!\(entry.name)", "compression method \(entry.method) is not supported (stored or deflate only)")
        }
        guard data.count == entry.size, ZipArchive.crc32(data) == entry.crc else {
            throw ImportError(.badZip, "\(path)!\(entry.name)", "CRC-32 or size mismatch: the entry is damaged", hint: "download the file again")
        }
        return data
    }

    func u16(_ i: Int) -> UInt16 { UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
}
