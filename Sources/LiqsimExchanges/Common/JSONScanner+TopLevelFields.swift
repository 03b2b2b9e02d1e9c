
/// Finds top-level members of a JSON object frame with the allocation-free scanner,
/// stopping at the first wanted key: exchanges put the routing key (`stream`, `topic`,
/// `arg`) first, so routing a frame rarely scans past its first member.
public struct TopLevelFields {
    public let scanner: JSONScanner

    /// Nil when the bytes do not start a JSON object.
    init?(_ bytes: UnsafeRawBufferPointer) {
        var s = JSONScanner(bytes)
        guard s.beginObject() else { return nil }
        scanner = JSONScanner(bytes)
    }

    /// The value of `key`, scanning members in order (nil if absent or the JSON is broken).
    public func value(_ key: StaticString) -> JSONSlice? {
        var s = JSONScanner(scanner.bytes)
        guard s.beginObject() else { return nil }
        while let k = s.nextKey() {
            guard let v = s.value() else { return nil }
            if s.equals(k, key) { return v }
        }
        return nil
    }

    public func has(_ key: StaticString) -> Bool { value(key) != nil }

    /// True when the object's first member is `key` (cheap: one member scanned).
    public func startsWith(_ key: StaticString) -> Bool {
        var s = JSONScanner(scanner.bytes)
        guard s.beginObject(), let k = s.nextKey() else { return false }
        return s.equals(k, key)
    }

    /// A string member's text.
    public func string(_ key: StaticString) -> String? {
        guard let v = value(key), v.kind == .string else { return nil }
        return String(decoding: scanner.raw(v), as: UTF8.self)
    }

    /// A string member of an object member (`o.s`, `arg.channel`).
    public func nestedString(_ outer: StaticString, _ key: StaticString) -> String? {
        guard let v = value(outer), v.kind == .object else { return nil }
        return TopLevelFields(scanner.raw(v))?.string(key)
    }
}
