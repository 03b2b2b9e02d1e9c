import Foundation

extension TapeFileWriter {
    /// Count, then the values' bytes as they lie in memory (little-endian machines only: the
    /// cache key includes the byte order). A large array goes from its storage to the file.
    func array<T: BitwiseCopyable>(_ values: [T]) {
        int(Int64(values.count))
        let size = values.count * MemoryLayout<T>.stride
        if buffer.count + size <= Self.bufferSize {
            values.withUnsafeBytes { buffer.append(contentsOf: $0) }
            if buffer.count >= Self.bufferSize { flush() }
            return
        }
        flush()
        values.withUnsafeBytes { writeAll($0) }
    }

    func writeAll(_ bytes: [UInt8]) { bytes.withUnsafeBytes { writeAll($0) } }

    func writeAll(_ raw: UnsafeRawBufferPointer) {
        guard failure == nil, var base = raw.baseAddress else { return }
        var left = raw.count
        while left > 0 {
            let n = write(descriptor, base, min(left, 1 << 30))
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            base += n; left -= n; written += n
        }
    }
}

extension TapeFileReader {
    /// Appends up to `wanted` bytes of the file to `buffer`; the count read, or −1 on an error.
    func readInto(_ buffer: inout [UInt8], _ wanted: Int) -> Int {
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: wanted))
        let got = buffer.withUnsafeMutableBytes { readAll(UnsafeMutableRawBufferPointer(rebasing: $0[old...])) }
        buffer.removeLast(wanted - max(got, 0))
        return got
    }

    /// Reads until `raw` is full or the file ends: the bytes read, or −1 on an error.
    func readAll(_ raw: UnsafeMutableRawBufferPointer) -> Int {
        guard var base = raw.baseAddress else { return 0 }
        var total = 0
        while total < raw.count {
            let n = read(descriptor, base, min(raw.count - total, 1 << 30))
            if n < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if n == 0 { break }
            base += n; total += n
        }
        return total
    }

    /// An array written by `TapeFileWriter.array`, read into its own storage: what the buffer
    /// holds of it is copied, the rest read from the file straight into the array.
    func array<T: BitwiseCopyable>(_ type: T.Type) throws -> [T] {
        let n = try count(MemoryLayout<T>.stride)
        let size = n * MemoryLayout<T>.stride
        guard size > 0 else { return [] }
        var complete = true
        let out = [T](unsafeUninitializedCapacity: n) { storage, initialized in
            let raw = UnsafeMutableRawBufferPointer(storage)
            let buffered = min(size, buffer.count - start)
            if buffered > 0 {
                buffer.withUnsafeBytes { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[start..<(start + buffered)])) }
                start += buffered
            }
            if buffered < size { complete = readAll(UnsafeMutableRawBufferPointer(rebasing: raw[buffered...])) == size - buffered }
            initialized = n   // bit patterns: any bytes are a value; a short read is thrown below
        }
        guard complete else { throw Damaged(reason: "ends early, at byte \(size)") }
        position += size
        return out
    }
}
