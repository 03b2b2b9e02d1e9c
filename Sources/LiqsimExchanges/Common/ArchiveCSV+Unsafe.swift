import LiqsimCore

extension ArchiveCSV {
    /// The field as an exact decimal (`"64990.90"` keeps its two places); nil when empty or not a number.
    public func decimal(_ r: Range<Int>) -> FixedDecimal? {
        guard !r.isEmpty else { return nil }
        return bytes.withUnsafeBytes { raw in FixedDecimal(utf8: UnsafeRawBufferPointer(rebasing: raw[r])) }
    }
}
