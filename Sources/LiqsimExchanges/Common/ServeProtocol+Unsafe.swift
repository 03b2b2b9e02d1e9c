import LiqsimCore

/// The request-id echo: the raw text of a top-level scalar member of a client message,
/// so an id comes back exactly as sent (`7`, `"abc"`, `1.5e3`, `true`, `null`); nil when
/// absent, an object or an array.
public func jsonScalarText(_ message: String, key: StaticString) -> String? {
    var text = message
    return text.withUTF8 { bytes -> String? in
        guard let f = TopLevelFields(UnsafeRawBufferPointer(bytes)), let v = f.value(key), v.kind != .object, v.kind != .array else { return nil }
        let raw = String(decoding: f.scanner.raw(v), as: UTF8.self)
        return v.kind == .string ? "\"" + raw + "\"" : raw
    }
}

/// The union of list answers: the first body with its list at `outer.inner` replaced by
/// the elements of every body's list, in order (bytes spliced, never re-serialized). Nil
/// when a body lacks the list.
public func unionOfLists(_ bodies: [[UInt8]], outer: String, inner: String) -> [UInt8]? {
    var ranges: [(all: Range<Int>, elements: Range<Int>)] = []
    for body in bodies {
        guard let r = body.withUnsafeBytes({ listRange(UnsafeRawBufferPointer($0), outer, inner) }) else { return nil }
        ranges.append(r)
    }
    guard let first = bodies.first, let head = ranges.first else { return nil }
    var out = Array(first[..<head.all.lowerBound])
    out.append(UInt8(ascii: "["))
    var any = false
    for (body, r) in zip(bodies, ranges) where !r.elements.isEmpty {
        if any { out.append(UInt8(ascii: ",")) }
        out += body[r.elements]
        any = true
    }
    out.append(UInt8(ascii: "]"))
    out += first[head.all.upperBound...]
    return out
}

/// The byte range of the array at `outer.inner` and of its contents (between the brackets, trimmed).
private func listRange(_ bytes: UnsafeRawBufferPointer, _ outer: String, _ inner: String) -> (all: Range<Int>, elements: Range<Int>)? {
    func member(_ b: UnsafeRawBufferPointer, _ key: String) -> JSONSlice? {
        var s = JSONScanner(b)
        guard s.beginObject() else { return nil }
        while let k = s.nextKey() {
            guard let v = s.value() else { return nil }
            if String(decoding: s.raw(k), as: UTF8.self) == key { return v }
        }
        return nil
    }
    guard let o = member(bytes, outer), o.kind == .object else { return nil }
    let nested = UnsafeRawBufferPointer(rebasing: bytes[o.start..<o.end])
    guard let l = member(nested, inner), l.kind == .array else { return nil }
    let start = o.start + l.start, end = o.start + l.end
    var a = start + 1, b = end - 1
    while a < b, bytes[a] == 0x20 || bytes[a] == 0x0A || bytes[a] == 0x0D || bytes[a] == 0x09 { a += 1 }
    while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x0A || bytes[b - 1] == 0x0D || bytes[b - 1] == 0x09 { b -= 1 }
    return (start..<end, a..<b)
}
