extension ValidationState {
    /// A payload as text for details: the first 80 characters, control characters as spaces.
    static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        let s = String(decoding: bytes.prefix(240), as: UTF8.self)
        let cleaned = String(s.unicodeScalars.prefix(80).map { $0.value < 0x20 ? " " : Character($0) })
        return s.unicodeScalars.count > 80 ? cleaned + "…" : cleaned
    }
}
