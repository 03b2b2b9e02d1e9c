/// CRC-32C (Castagnoli), table-driven. Guards the capture's own metadata (header, block
/// metas, index, footer); data frames carry zstd's XXH64 content checksum.
/// The checksums over bytes are in CRC32C+Unsafe.swift.
enum CRC32C {
    static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }
}
