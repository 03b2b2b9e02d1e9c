import LiqsimExchanges

/// The top-level members of a JSON object frame, found with the allocation-free scanner.
/// Routing a recorded frame needs two or three of them (`stream`, `topic`, `arg`, `e`…).
struct TopLevelFields {
    let scanner: JSONScanner
    private(set) var slices: [(key: JSONSlice, value: JSONSlice)] = []

    /// Nil when the bytes are not a JSON object.
    init?(_ bytes: UnsafeRawBufferPointer) {
        var s = JSONScanner(bytes)
        guard s.beginObject() else { return nil }
        var found: [(JSONSlice, JSONSlice)] = []
        while let key = s.nextKey() {
            guard let value = s.value() else { return nil }
            found.append((key, value))
        }
        guard !s.failed else { return nil }
        scanner = s
        slices = found
    }

    func value(_ key: StaticString) -> JSONSlice? {
        slices.first { scanner.equals($0.key, key) }?.value
    }

    func has(_ key: StaticString) -> Bool { value(key) != nil }

    /// A string member's text.
    func string(_ key: StaticString) -> String? {
        guard let v = value(key), v.kind == .string else { return nil }
        return String(decoding: scanner.raw(v), as: UTF8.self)
    }

    /// A string member of an object member (`o.s`, `arg.channel`).
    func nestedString(_ outer: StaticString, _ key: StaticString) -> String? {
        guard let v = value(outer), v.kind == .object else { return nil }
        return TopLevelFields(scanner.raw(v))?.string(key)
    }
}
