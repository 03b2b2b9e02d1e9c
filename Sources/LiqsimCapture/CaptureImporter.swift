import Foundation
import LiqsimCore

/// Builds a capture from JSON lines (SPEC §1 `capture import`):
///
///     {"recv_ns":INT,"exchange":ID,"frame":"<raw text>"}             a received WebSocket frame
///     {"recv_ns":INT,"exchange":ID,"url":URL,"body":"<raw text>"}    a REST response ("status" optional, default 200)
///
/// Lines from all files are merged by (recv_ns, file order, line), so the capture is in
/// receive order. The output is deterministic: the same inputs give the same bytes.
public enum CaptureImporter {
    public struct Line {
        var recv: Int64
        var stream: StreamID
        var frame: String?
        var url: String?
        var body: String?
        var status: Int
        var order: Int
    }

    public struct Result: Sendable {
        public var records: Int
        public var streams: [StreamID]
        public var bytes: UInt64
    }

    public static func importFiles(_ inputs: [String], to output: String, replace: Bool = false, blockBytes: Int = 512 << 10) throws -> Result {
        var lines: [Line] = []
        for path in inputs { try parse(path, into: &lines) }
        lines.sort { ($0.recv, $0.order) < ($1.recv, $1.order) }
        let streams = StreamID.allCases.filter { s in lines.contains { $0.stream == s } }
        let header = CaptureHeader(source: "import", streams: streams.map { CaptureHeader.Stream(id: $0.rawValue) },
                                   notes: inputs.map { "imported from " + ($0.split(separator: "/").last.map(String.init) ?? $0) })
        let writer = try CaptureWriter(path: output, header: header, blockBytes: blockBytes, replace: replace)
        for line in lines {
            let index = UInt8(streams.firstIndex(of: line.stream)!)
            if let frame = line.frame {
                try writer.append(kind: .text, streamIndex: index, recv: UnixNanos(line.recv), text: frame)
            } else if let url = line.url, let body = line.body {
                try writer.appendREST(streamIndex: index, recv: UnixNanos(line.recv), status: UInt16(clamping: line.status), url: url, body: body)
            }
        }
        try writer.close()
        return Result(records: lines.count, streams: streams, bytes: writer.bytesWritten)
    }

    static func parse(_ path: String, into lines: inout [Line]) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CaptureError(.cannotOpen, path: path, "cannot read", hint: "check the path")
        }
        var lineNumber = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let location = "\(path):\(lineNumber)"
            guard let object = (try? JSONSerialization.jsonObject(with: Data(raw))) as? [String: Any] else {
                throw CaptureError(.notACapture, path: location, "not a JSON object", hint: "expected {\"recv_ns\":…,\"exchange\":…,\"frame\":…} or {…,\"url\":…,\"body\":…}")
            }
            guard let recv = (object["recv_ns"] as? NSNumber)?.int64Value else {
                throw CaptureError(.notACapture, path: location, "missing integer recv_ns")
            }
            guard CaptureLayout.isPlausibleRecv(recv) else {
                throw CaptureError(.notACapture, path: location, "recv_ns \(recv) is outside ±2^62 ns (years 1824–2116)")
            }
            guard let id = object["exchange"] as? String else { throw CaptureError(.notACapture, path: location, "missing exchange") }
            guard let stream = StreamID(rawValue: id) else {
                throw CaptureError(.notACapture, path: location, "unknown exchange \"\(id)\"", hint: "expected one of \(StreamID.validList)")
            }
            let order = lines.count
            if let frame = object["frame"] as? String {
                lines.append(Line(recv: recv, stream: stream, frame: frame, url: nil, body: nil, status: 0, order: order))
            } else if let url = object["url"] as? String, let body = object["body"] as? String {
                let status = (object["status"] as? NSNumber)?.intValue ?? 200
                lines.append(Line(recv: recv, stream: stream, frame: nil, url: url, body: body, status: status, order: order))
            } else {
                throw CaptureError(.notACapture, path: location, "neither \"frame\" nor \"url\"+\"body\"")
            }
        }
    }
}
