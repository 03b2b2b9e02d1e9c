#if canImport(Glibc)
import Glibc
#endif

/// Output arrays of a 1M-bar run are 8 MB each. Their first touch costs one page fault
/// per 4 KiB page: ~3 µs each here, 16,000 faults for the four trend arrays of one window
/// — measured as ~70% of the fast path's CPU time. With transparent huge pages in
/// `madvise` mode (Debian's default) a 2 MiB-aligned stretch marked MADV_HUGEPAGE faults
/// once per 2 MiB instead. Advisory only: where unsupported it changes nothing.
enum HugePages {
    /// Below this an array spans too few 2 MiB pages for the advice to matter.
    static let minimumBytes = 4 << 20

    /// Advises huge pages for the page-aligned interior of `count` doubles at `start`,
    /// before anything writes to them.
    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= minimumBytes else { return }
        let page = 4096, address = Int(bitPattern: start)
        let first = (address + page - 1) & ~(page - 1), end = (address + bytes) & ~(page - 1)
        guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, end - first, MADV_HUGEPAGE)
        #endif
    }

    /// `[Double](repeating: value, count: count)`, advised before the first write.
    static func doubles(repeating value: Double, count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialised in
            if let base = buffer.baseAddress {
                advise(UnsafeMutableRawPointer(base), bytes: count * MemoryLayout<Double>.stride)
                base.initialize(repeating: value, count: count)
            }
            initialised = count
        }
    }
}
