extension TapeBytesWriter {
    /// Count, then the values' bytes as they lie in memory (little-endian machines only:
    /// the cache key includes the byte order).
    mutating func array<T: BitwiseCopyable>(_ values: [T]) {
        int(Int64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

extension TapeBytesReader {
    mutating func array<T: BitwiseCopyable>(_ type: T.Type) throws -> [T] {
        let n = try count(MemoryLayout<T>.stride)
        let size = n * MemoryLayout<T>.stride
        let out = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[at..<(at + size)]))
            }
            initialized = n
        }
        at += size
        return out
    }
}
