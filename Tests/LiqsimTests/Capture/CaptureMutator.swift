import LiqsimCapture
import LiqsimCore

/// A seeded mutator of capture files for the corruption suite: bit flips, zeroed ranges,
/// truncation, a block dropped or duplicated, bytes prepended, and crafted metadata (a
/// block meta, index entry or footer field set to an extreme value with its CRC-32C
/// recomputed, as an attacker would). Each mutation knows which original blocks stay intact.
struct CaptureMutator {
    /// The original file and where its parts are.
    let bytes: [UInt8]
    let blocks: [BlockInfo]
    let dataStart: Int
    let indexOffset: Int
    var random: SeededRandom

    struct Mutation: CustomStringConvertible {
        var bytes: [UInt8]
        var what: String
        /// Indexes of the original blocks whose bytes survive unchanged (each delivered once).
        var intact: Set<Int>
        /// Metadata was rewritten with valid checksums: records may carry altered times or
        /// sequence numbers, so only "nothing invented" is checked.
        var crafted = false
        /// A cut exactly at a frame boundary looks like a recorder killed between blocks.
        var cleanCutPossible = false
        var description: String { what }
    }

    init(bytes: [UInt8], blocks: [BlockInfo], seed: UInt64) {
        self.bytes = bytes
        self.blocks = blocks
        dataStart = Int(blocks.first!.offset)
        indexOffset = Int(blocks.last!.offset) + Cap.metaFrame + Int(blocks.last!.compressedSize)
        random = SeededRandom(seed: seed)
    }

    var all: Set<Int> { Set(blocks.indices) }

    mutating func int(_ bound: Int) -> Int { Int(random.next(below: UInt64(max(bound, 1)))) }

    func end(_ i: Int) -> Int { Int(blocks[i].offset) + Cap.metaFrame + Int(blocks[i].compressedSize) }

    /// Blocks overlapping [a, b).
    func touched(_ a: Int, _ b: Int) -> Set<Int> {
        Set(blocks.indices.filter { Int(blocks[$0].offset) < b && end($0) > a })
    }

    mutating func next() -> Mutation {
        switch int(9) {
        case 0: return flip()
        case 1: return zero()
        case 2: return truncate()
        case 3: return drop()
        case 4: return duplicate()
        case 5: return prepend()
        case 6: return reindex()
        default: return craft()
        }
    }

    /// An index that stays consistent (entries tile the data, sequence numbers run on, the
    /// total matches the footer, CRC recomputed) but describes other blocks: a record or
    /// some bytes moved from entry i to entry i + 1. The blocks themselves are intact.
    mutating func reindex() -> Mutation {
        guard blocks.count >= 2 else { return flip() }
        var b = bytes
        let i = int(blocks.count - 1), entry = indexOffset + 16 + i * 48, next = entry + 48
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) } }
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) } }
        func put64(_ at: Int, _ v: UInt64) { for k in 0..<8 { b[at + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) } }
        let what: String
        if int(2) == 0, blocks[i].records > 1 {
            Cap.putU32(&b, entry + 8, u32(entry + 8) - 1)          // records of entry i
            Cap.putU32(&b, next + 8, u32(next + 8) + 1)            // records of entry i + 1
            put64(next + 40, u64(next + 40) - 1)                   // its first sequence number
            what = "reindex: a record moved from entry \(i) to \(i + 1)"
        } else {
            let d: UInt32 = 8
            Cap.putU32(&b, entry + 16, u32(entry + 16) + d)         // compressed size of entry i
            put64(next, u64(next) + UInt64(d))                     // offset of entry i + 1
            Cap.putU32(&b, next + 16, u32(next + 16) - d)
            what = "reindex: \(d) bytes moved from entry \(i + 1) to \(i)"
        }
        let crcAt = b.count - Cap.footerFrame - 4
        Cap.putU32(&b, crcAt, Self.crc32c(b[(indexOffset + 8)..<crcAt]))
        return Mutation(bytes: b, what: what, intact: all)
    }

    mutating func flip() -> Mutation {
        var b = bytes
        let at = int(b.count), bit = int(8)
        b[at] ^= UInt8(1 << bit)
        return Mutation(bytes: b, what: "flip bit \(bit) at \(at)", intact: all.subtracting(touched(at, at + 1)))
    }

    mutating func zero() -> Mutation {
        var b = bytes
        let at = int(b.count), n = 1 + int(min(600, b.count - at))
        for i in at..<min(b.count, at + n) { b[i] = 0 }
        return Mutation(bytes: b, what: "zero \(n) bytes at \(at)", intact: all.subtracting(touched(at, at + n)))
    }

    mutating func truncate() -> Mutation {
        // Half the cuts land on a block boundary, half anywhere after the header.
        let at = int(2) == 0 ? end(int(blocks.count)) : dataStart + int(bytes.count - dataStart)
        let intact = Set(blocks.indices.filter { end($0) <= at })
        let boundary = at == dataStart || blocks.indices.contains { end($0) == at }
        return Mutation(bytes: Array(bytes.prefix(at)), what: "truncate at \(at)", intact: intact, cleanCutPossible: boundary)
    }

    mutating func drop() -> Mutation {
        let i = int(blocks.count)
        let b = Array(bytes[..<Int(blocks[i].offset)] + bytes[end(i)...])
        return Mutation(bytes: b, what: "drop block \(i) of \(blocks.count)", intact: all.subtracting([i]))
    }

    mutating func duplicate() -> Mutation {
        let i = int(blocks.count), after = int(blocks.count)
        let copy = bytes[Int(blocks[i].offset)..<end(i)]
        let b = Array(bytes[..<end(after)] + copy + bytes[end(after)...])
        return Mutation(bytes: b, what: "duplicate block \(i) after block \(after)", intact: all)
    }

    mutating func prepend() -> Mutation {
        let n = 1 + int(300)
        let junk = (0..<n).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return Mutation(bytes: junk + bytes, what: "prepend \(n) bytes", intact: all)
    }

    /// A field of a block meta, an index entry or the footer set to an extreme value, CRC recomputed.
    mutating func craft() -> Mutation {
        let extremes64: [UInt64] = [0, 1, UInt64.max, UInt64(bitPattern: Int64.max), UInt64(bitPattern: Int64.min), 1 << 40]
        let extremes32: [UInt32] = [0, 1, UInt32.max, 0x8000_0000, 48]
        var b = bytes
        let value64 = extremes64[int(extremes64.count)], value32 = extremes32[int(extremes32.count)]
        // Fields after the tag: records, raw, compressed, flags (u32); first recv, last recv, first seq (u64).
        let fields: [(String, Int, Int)] = [("records", 0, 4), ("raw size", 4, 4), ("compressed size", 8, 4), ("flags", 12, 4),
                                            ("first recv", 16, 8), ("last recv", 24, 8), ("first seq", 32, 8)]
        func put(_ at: Int, _ size: Int) {
            if size == 4 { for k in 0..<4 { b[at + k] = UInt8(truncatingIfNeeded: value32 >> (8 * UInt32(k))) } }
            else { for k in 0..<8 { b[at + k] = UInt8(truncatingIfNeeded: value64 >> (8 * UInt64(k))) } }
        }
        func isSame(_ a: Int, _ size: Int) -> Bool { Array(b[a..<(a + size)]) == Array(bytes[a..<(a + size)]) }
        switch int(3) {
        case 0:
            let i = int(blocks.count), (name, off, size) = fields[int(fields.count)]
            let m = Int(blocks[i].offset)
            put(m + 12 + off, size)
            Cap.putU32(&b, m + 52, Self.crc32c(b[(m + 8)..<(m + 52)]))
            let changed = !isSame(m + 12 + off, size)
            return Mutation(bytes: b, what: "craft block \(i) meta \(name) = \(size == 4 ? UInt64(value32) : value64)",
                            intact: changed ? all.subtracting([i]) : all, crafted: changed)
        case 1:
            let i = int(blocks.count), fieldIndex = int(fields.count + 1)
            let entry = indexOffset + 16 + i * 48
            let name: String
            if fieldIndex == fields.count { name = "offset"; put(entry, 8) } else {
                let (n, off, size) = fields[fieldIndex]; name = n; put(entry + 8 + off, size)
            }
            let crcAt = b.count - Cap.footerFrame - 4
            Cap.putU32(&b, crcAt, Self.crc32c(b[(indexOffset + 8)..<crcAt]))
            return Mutation(bytes: b, what: "craft index entry \(i) \(name)", intact: all, crafted: b != bytes)
        default:
            let f = b.count - Cap.footerFrame
            let total = int(2) == 0
            put(f + (total ? 24 : 16), 8)
            Cap.putU32(&b, f + 32, Self.crc32c(b[(f + 8)..<(f + 32)]))
            return Mutation(bytes: b, what: "craft footer \(total ? "record total" : "index offset") = \(value64)", intact: all, crafted: b != bytes)
        }
    }

    /// CRC-32C (Castagnoli, reflected 0x82F63B78), bitwise: the checksum of every metadata frame.
    static func crc32c(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
