import Foundation
import LiqsimCore

/// Finding the header: at byte 0 as written, or — when the header is damaged or bytes were
/// prepended — by searching for it, and failing that by recovering what the damaged header
/// text still says, as long as checksummed blocks follow.
extension CaptureReader {
    struct OpenedHeader {
        var header: CaptureHeader
        var base: UInt64
        var dataStart: UInt64
        var problems: [BlockScanner.SkippedRegion] = []
    }

    /// How far from the start a displaced header is searched for.
    static let headerSearchBytes = 4 << 20
    static let maxHeaderSize: UInt32 = 16 << 20
    static let blockSignature: [UInt8] = [0x51, 0x2A, 0x4D, 0x18, 0x30, 0x00, 0x00, 0x00, 0x4C, 0x51, 0x43, 0x42]
    static let indexMagicBytes: [UInt8] = [0x52, 0x2A, 0x4D, 0x18]

    static func openHeader(_ file: CaptureFile, path: String, fileSize: UInt64) throws -> OpenedHeader {
        var head = [UInt8](repeating: 0, count: 16)
        let n = try file.read(into: &head, at: 0)
        if n == 16, head.u32(0) == CaptureLayout.headerMagic, head.u32(8) == CaptureLayout.headerTag {
            let version = head.u32(12)
            guard version <= CaptureLayout.formatVersion else {
                throw CaptureError(.unsupportedVersion, path: path, offset: 12,
                                   "capture format version \(version) is newer than this liqsim (\(CaptureLayout.formatVersion))", hint: "upgrade liqsim")
            }
            if let header = try checkedHeader(file, at: 0, fileSize: fileSize) {
                return OpenedHeader(header: header, base: 0, dataStart: 8 + UInt64(head.u32(4)))
            }
        }
        // Damaged or displaced: a whole header elsewhere (bytes prepended before it)?
        var prefix = [UInt8](repeating: 0, count: Int(min(fileSize, UInt64(headerSearchBytes))))
        let got = try file.read(into: &prefix, at: 0)
        prefix.removeLast(prefix.count - got)
        let candidates = headerCandidates(prefix)
        for p in candidates where p > 0 {
            if let header = try checkedHeader(file, at: UInt64(p), fileSize: fileSize) {
                let start = UInt64(p) + 8 + UInt64(prefix.u32(p + 4))
                let problem = BlockScanner.SkippedRegion(offset: 0, bytes: UInt64(p), records: 0,
                                                         reason: "\(p) bytes before the header (prepended or damaged); read from the header at byte \(p)")
                return OpenedHeader(header: header, base: UInt64(p), dataStart: start, problems: [problem])
            }
        }
        // No intact header: blocks must follow, or this is not a capture.
        guard let firstBlock = try find([blockSignature], in: file, fileSize: fileSize, from: 0) else {
            if n >= 4 && head.u32(0) == CaptureLayout.zstdMagic {
                throw CaptureError(.notACapture, path: path, offset: 0, "a zstd file, but not a liqsim capture", hint: "import JSON lines with `liqsim capture import`")
            }
            throw CaptureError(.notACapture, path: path, offset: 0, "not a liqsim capture (no LQCH header frame)",
                               hint: "captures are written by `liqsim record`, `synth` or `capture import`")
        }
        let region = Array(prefix.prefix(Int(min(firstBlock, UInt64(prefix.count)))))
        let (header, how) = recoveredHeader(region, candidates: candidates)
        let problem = BlockScanner.SkippedRegion(offset: 0, bytes: firstBlock, records: 0, reason: "damaged header: \(how)")
        return OpenedHeader(header: header, base: 0, dataStart: firstBlock, problems: [problem])
    }

    /// The header frame at `offset` when its size is plausible and its checksum and JSON hold.
    static func checkedHeader(_ file: CaptureFile, at offset: UInt64, fileSize: UInt64) throws -> CaptureHeader? {
        guard let json = try headerJSON(file, at: offset, fileSize: fileSize) else { return nil }
        var crc = [UInt8](repeating: 0, count: 4)
        _ = try file.read(into: &crc, at: offset + 16)
        guard crc.u32(0) == CRC32C.checksum(json), let header = try? CaptureHeader.decode(json),
              header.formatVersion <= Int(CaptureLayout.formatVersion) else { return nil }
        return header
    }

    /// The JSON bytes of a header frame at `offset`, when its size field fits the file.
    static func headerJSON(_ file: CaptureFile, at offset: UInt64, fileSize: UInt64) throws -> [UInt8]? {
        var sizeField = [UInt8](repeating: 0, count: 4)
        guard try file.read(into: &sizeField, at: offset + 4) == 4 else { return nil }
        let size = sizeField.u32(0)
        guard size >= 12, size <= maxHeaderSize, offset + 8 + UInt64(size) <= fileSize else { return nil }
        var json = [UInt8](repeating: 0, count: Int(size) - 12)
        guard try file.read(into: &json, at: offset + 20) == json.count else { return nil }
        return json
    }

    /// Offsets in `bytes` where a header frame may start: its magic, or its tag 8 bytes on.
    static func headerCandidates(_ bytes: [UInt8]) -> [Int] {
        guard bytes.count >= 16 else { return [] }
        var out: [Int] = []
        for p in 0...(bytes.count - 16) where bytes[p] == 0x50 || bytes[p + 8] == 0x4C {
            if bytes.u32(p) == CaptureLayout.headerMagic || bytes.u32(p + 8) == CaptureLayout.headerTag { out.append(p) }
        }
        return out
    }

    /// What a damaged header still tells: its JSON when that parses despite the checksum,
    /// else the stream ids in its text, in order (a record's stream byte indexes them).
    static func recoveredHeader(_ region: [UInt8], candidates: [Int]) -> (CaptureHeader, String) {
        for p in candidates where p + 20 <= region.count {
            let size = Int(region.u32(p + 4))
            guard size >= 12, p + 8 + size <= region.count,
                  let header = try? CaptureHeader.decode(Array(region[(p + 20)..<(p + 8 + size)])) else { continue }
            return (header, "checksum mismatch; its JSON still reads (streams \(header.streams.map(\.id).joined(separator: ", ")))")
        }
        let text = String(decoding: region, as: UTF8.self)
        var streams: [CaptureHeader.Stream] = []
        var rest = text[...]
        while let r = rest.range(of: "\"id\":\"") {
            // Every id in order, known or not: a record's stream byte is a position in this list.
            let id = rest[r.upperBound...].prefix { $0 != "\"" }
            if !id.isEmpty, id.count <= 64 { streams.append(.init(id: String(id))) }
            rest = rest[r.upperBound...]
        }
        let header = CaptureHeader(liqsimVersion: "unknown", source: "unknown", streams: streams, notes: ["header recovered from damage"])
        let how = streams.isEmpty ? "stream names lost (records replay with no stream)"
            : "stream ids read from its text: \(streams.map(\.id).joined(separator: ", "))"
        return (header, how)
    }

    /// The offset of the first of `patterns` at or after `from`, reading in 64 KiB chunks.
    static func find(_ patterns: [[UInt8]], in file: CaptureFile, fileSize: UInt64, from: UInt64) throws -> UInt64? {
        let chunk = 1 << 16, overlap = patterns.map(\.count).max() ?? 0
        var buffer = [UInt8](repeating: 0, count: chunk + overlap)
        var pos = from
        while pos < fileSize {
            let n = try file.read(into: &buffer, at: pos)
            guard n > 0 else { break }
            for i in 0..<min(chunk, n) {
                for pattern in patterns where buffer[i] == pattern[0] && i + pattern.count <= n {
                    if pattern.indices.allSatisfy({ buffer[i + $0] == pattern[$0] }) { return pos + UInt64(i) }
                }
            }
            pos += UInt64(chunk)
        }
        return nil
    }
}
