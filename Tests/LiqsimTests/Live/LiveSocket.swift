import Foundation

/// A blocking loopback TCP client for the serve tests that need the wire itself: several
/// HTTP requests on one kept-alive connection, an upgrade on any of them, WebSocket frames
/// written by hand (masked, as a client must), and a client that never reads.
final class LiveSocket {
    let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` shrinks SO_RCVBUF (a slow reader).
    init?(port: Int, receiveBuffer: Int32? = nil) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        if var size = receiveBuffer { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { Glibc.close(fd); return nil }
    }

    deinit { Glibc.close(fd) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads until `done(buffer)` holds, the peer closes, or `timeout` s pass; returns whether it held.
    func read(timeout: Double = 30, until done: ([UInt8]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !done(buffer) {
            if Date() > deadline { return false }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return done(buffer) }   // closed by the peer
            if n > 0 { buffer += chunk[0..<n] }
        }
        return true
    }

    /// True once the peer has closed the connection (within `timeout` s); data before it is kept.
    func closed(timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while Date() < deadline {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 && errno != EAGAIN && errno != EWOULDBLOCK { return true }
            if n > 0 { buffer += chunk[0..<n] }
        }
        return false
    }

    /// One HTTP response (head and Content-Length body), consumed from the buffer.
    func httpResponse(timeout: Double = 30) -> (status: Int, head: String, body: String)? {
        guard read(timeout: timeout, until: { LiveSocket.responseLength($0) != nil }), let n = LiveSocket.responseLength(buffer) else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        buffer.removeFirst(n)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Bytes of a complete response at the start of `b` (head + Content-Length), nil if incomplete.
    static func responseLength(_ b: [UInt8]) -> Int? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard b.count >= 4, let end = (0...(b.count - 4)).first(where: { Array(b[$0..<$0 + 4]) == marker }) else { return nil }
        let head = String(decoding: b[0..<end], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return b.count >= end + 4 + length ? end + 4 + length : nil
    }

    /// A WebSocket upgrade request for `path`.
    static func upgradeRequest(_ path: String) -> String {
        "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    }

    /// A masked client text frame (the mask is fixed: tests need no secrecy).
    static func textFrame(_ text: String, opcode: UInt8 = 0x1) -> [UInt8] {
        let payload = Array(text.utf8), mask: [UInt8] = [1, 2, 3, 4]
        var frame: [UInt8] = [0x80 | opcode]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            frame.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { frame.append(UInt8((payload.count >> shift) & 0xFF)) }
        }
        frame += mask
        for (i, b) in payload.enumerated() { frame.append(b ^ mask[i % 4]) }
        return frame
    }

    /// Server frames received so far (opcode, payload), consumed from the buffer.
    func frames() -> [(opcode: UInt8, payload: [UInt8])] {
        var out: [(UInt8, [UInt8])] = []
        while buffer.count >= 2 {
            var n = Int(buffer[1] & 0x7F), at = 2
            if n == 126 { guard buffer.count >= 4 else { break }; n = Int(buffer[2]) << 8 | Int(buffer[3]); at = 4 }
            if n == 127 { guard buffer.count >= 10 else { break }; n = buffer[2..<10].reduce(0) { $0 << 8 | Int($1) }; at = 10 }
            guard buffer.count >= at + n else { break }
            out.append((buffer[0] & 0x0F, Array(buffer[at..<at + n])))
            buffer.removeFirst(at + n)
        }
        return out
    }

    /// Reads until `count` text frames arrived (or `timeout`); returns the texts.
    func texts(_ count: Int, timeout: Double = 30) -> [String] {
        var got: [String] = []
        let deadline = Date().addingTimeInterval(timeout)
        while got.count < count && Date() < deadline {
            got += frames().filter { $0.opcode == 1 }.map { String(decoding: $0.payload, as: UTF8.self) }
            if got.count >= count { break }
            _ = read(timeout: 0.3) { _ in false }
        }
        return got
    }
}
