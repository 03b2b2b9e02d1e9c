import LiqsimCore

extension OutputBuffer {
    /// `width` lower-case hex digits of `v`.
    @inline(__always)
    func hex(_ v: UInt64, _ width: Int) {
        let digits: StaticString = "0123456789abcdef"
        for i in 0..<width {
            let shift = UInt64(4 * (width - 1 - i))
            append(digits.utf8Start[Int((v >> shift) & 0xF)])
        }
    }
}
