#if canImport(Glibc)
import Glibc
#endif
import LiqsimCapture
import LiqsimCore

extension StreamDigests {
    /// `skipAcks`: leave out the acks and pongs serve itself sent to the recorder.
    init(path: String, skipAcks: Bool = false) throws {
        let reader = try CaptureReader(path: path)
        let scanner = reader.scanner()
        var hashers: [UInt8: SHA256Digest] = [:]
        while let block = try scanner.nextBlock() {
            var cursor = block.records
            while let r = cursor.next() {
                guard r.kind == .text || r.kind == .binary else { continue }
                if skipAcks && StreamDigests.isAck(r.payload) { continue }
                frames += 1
                if firstRecv == nil { firstRecv = r.recv.rawValue }
                lastRecv = r.recv.rawValue
                let h = hashers[r.streamIndex] ?? SHA256Digest()
                hashers[r.streamIndex] = h
                var n = UInt32(r.payload.count).littleEndian
                withUnsafeBytes(of: &n) { h.update($0) }
                h.update(r.payload)
            }
        }
        for (i, h) in hashers {
            let id = Int(i) < reader.header.streams.count ? reader.header.streams[Int(i)].id : "\(i)"
            digests[id] = h.finalizeHex()
        }
    }

    static func isAck(_ p: UnsafeRawBufferPointer) -> Bool {
        func starts(_ s: StaticString) -> Bool {
            p.count >= s.utf8CodeUnitCount && memcmp(p.baseAddress!, s.utf8Start, s.utf8CodeUnitCount) == 0
        }
        return starts("{\"success\":") || starts("{\"event\":") || starts("{\"result\":") || (p.count == 4 && starts("pong"))
    }
}
