import LiqsimCore

/// One received item handed to an adapter: a WebSocket text frame or a REST body.
public struct ExchangeInput {
    public enum Kind: Sendable { case frame, rest }
    public var kind: Kind
    public var recv: UnixNanos
    /// The frame text, or the REST response body.
    public var payload: UnsafeRawBufferPointer
    /// The REST URL (empty for frames).
    public var url: UnsafeRawBufferPointer

    public init(kind: Kind, recv: UnixNanos, payload: UnsafeRawBufferPointer, url: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) {
        self.kind = kind; self.recv = recv; self.payload = payload; self.url = url
    }
}

/// Byte matching on an input's URL and on names inside its payload.
extension UnsafeRawBufferPointer {
    /// True when the bytes contain `needle` (used on REST URLs, never in the frame hot path).
    func contains(_ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard count >= n, n > 0 else { return n == 0 }
        let p = needle.utf8Start
        outer: for i in 0...(count - n) {
            for j in 0..<n where self[i + j] != p[j] { continue outer }
            return true
        }
        return false
    }

    @inline(__always)
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard count >= n else { return false }
        for i in 0..<n where self[i] != prefix.utf8Start[i] { return false }
        return true
    }

    /// The value of a query parameter in a URL (`?ccy=BTC&period=5m` → `BTC` for `ccy`).
    func queryValue(_ name: String) -> String? {
        let url = String(decoding: self, as: UTF8.self)
        guard let q = url.firstIndex(of: "?") else { return nil }
        for pair in url[url.index(after: q)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }
}
