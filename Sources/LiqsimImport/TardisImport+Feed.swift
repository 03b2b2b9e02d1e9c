import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

extension TardisImport {
    /// The records of a raw feed or NDJSON file: frames verbatim at their receive times; an
    /// empty line between frames (Tardis's disconnect mark) becomes a gap record at the
    /// receive time of the frame before it. REST-polled frames (`"generated":true`) become
    /// the REST records or live frames the venue decodes (`Venue.tardisGenerated`), or are counted per
    /// channel in `findings` with the reason they are not imported.
    static func feed(_ bytes: [UInt8], stream: StreamID, ndjson: Bool, file: Int32, path: String,
                     findings: inout [ArchiveFinding]) throws -> [Record] {
        var out: [Record] = []
        var skipped: [String: (line: Int32, count: Int, reason: String)] = [:]
        defer {
            for (channel, s) in skipped.sorted(by: { $0.value.line < $1.value.line }) {
                findings.append(ArchiveFinding(.generated, file: file, line: s.line, "\(s.count) REST-polled frames of \(channel) not imported: \(s.reason)"))
            }
        }
        var line: Int32 = 0
        var start = 0
        var pendingGap: Int32?
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            line += 1
            var upper = end
            if upper > start, bytes[upper - 1] == 0x0D { upper -= 1 }
            defer { start = end + 1 }
            if upper == start {
                pendingGap = line
                continue
            }
            let (recv, frame) = try ndjson ? ndjsonLine(bytes[start..<upper], path: path, line: line) : rawLine(bytes[start..<upper], path: path, line: line)
            if let gapLine = pendingGap, let previous = out.last {
                out.append(Record(recv: previous.recv, stream: stream, kind: .gap, text: "disconnect: empty line \(gapLine) in the Tardis feed",
                                  file: file, line: gapLine))
            }
            pendingGap = nil
            switch Exchanges.venue(stream).tardisGenerated(frame) {
            case .notGenerated:
                out.append(Record(recv: recv, stream: stream, kind: .text, text: frame, file: file, line: line))
            case .frame(let text):
                out.append(Record(recv: recv, stream: stream, kind: .text, text: text, file: file, line: line))
            case .rest(let url, let body):
                out.append(Record(recv: recv, stream: stream, kind: .rest, url: url, text: body, file: file, line: line))
            case .unsupported(let channel, let reason):
                skipped[channel, default: (line, 0, reason)].count += 1
            }
        }
        return out
    }

    static func rawLine(_ b: ArraySlice<UInt8>, path: String, line: Int32) throws -> (UnixNanos, String) {
        let s = b.startIndex
        guard b.count > 29, b[s + 28] == 0x20, let t = TimeArgument.parse(String(decoding: b[s..<(s + 28)], as: UTF8.self)) else {
            throw ImportError(.badRow, "\(path):\(line)", "not a Tardis raw line (28-character receive time, a space, the frame)")
        }
        return (t, String(decoding: b[(s + 29)...], as: UTF8.self))
    }

    /// `{"localTimestamp":"2019-06-01T00:00:00.0581540Z","message":{…}}`: the message's text as it stands.
    static func ndjsonLine(_ b: ArraySlice<UInt8>, path: String, line: Int32) throws -> (UnixNanos, String) {
        let bytes = Array(b)
        let where_ = "\(path):\(line)"
        guard let tsSpan = RawJSON.member(bytes, key: "localTimestamp"), let msgSpan = RawJSON.member(bytes, key: "message") else {
            throw ImportError(.badRow, where_, "an NDJSON line needs \"localTimestamp\" and \"message\"")
        }
        let tsText = String(decoding: bytes[tsSpan], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let t = TimeArgument.parse(tsText) else { throw ImportError(.badRow, where_, "localTimestamp \(tsText) is not an ISO 8601 time") }
        var message = String(decoding: bytes[msgSpan], as: UTF8.self)
        if bytes[msgSpan.lowerBound] == UInt8(ascii: "\"") {
            // A message given as a string: its JSON-unescaped text is the frame.
            guard let s = (try? JSONSerialization.jsonObject(with: Data("[\(message)]".utf8))) as? [String], let text = s.first else {
                throw ImportError(.badRow, where_, "message is not a valid JSON string")
            }
            message = text
        }
        return (t, message)
    }
}
