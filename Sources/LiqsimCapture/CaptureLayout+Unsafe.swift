/// Little-endian loads and stores on raw bytes (the format is little-endian throughout).
extension UnsafeRawBufferPointer {
    @inline(__always) func u16(_ at: Int) -> UInt16 { UInt16(littleEndian: loadUnaligned(fromByteOffset: at, as: UInt16.self)) }
    @inline(__always) func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    @inline(__always) func i64(_ at: Int) -> Int64 { Int64(littleEndian: loadUnaligned(fromByteOffset: at, as: Int64.self)) }
}

extension Array where Element == UInt8 {
    mutating func appendLE(_ v: UInt16) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func appendLE(_ v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func appendLE(_ v: UInt64) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func appendLE(_ v: Int64) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }

    /// A little-endian `UInt32` at byte `at` of the array (header and footer fields read once per file).
    func u32(_ at: Int) -> UInt32 { withUnsafeBytes { $0.u32(at) } }
}

extension BlockInfo {
    /// The 40 bytes written by `appendFields`, at `p` of `b`.
    init(offset: UInt64, fields b: UnsafeRawBufferPointer, at p: Int) {
        self.offset = offset
        records = b.u32(p); rawSize = b.u32(p + 4); compressedSize = b.u32(p + 8); flags = b.u32(p + 12)
        firstRecv = b.i64(p + 16); lastRecv = b.i64(p + 24); firstSeq = b.u64(p + 32)
    }
}
