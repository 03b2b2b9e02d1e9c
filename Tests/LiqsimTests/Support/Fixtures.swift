import Foundation
import LiqsimCore
import LiqsimExchanges

/// One line of a fixture file in `capture import` format.
struct FixtureLine {
    var recv: Int64
    var stream: StreamID
    /// The WebSocket frame text, or nil for a REST response.
    var frame: String?
    var url: String?
    var body: String?
}

enum Fixtures {
    /// Directory holding the copied real frames (see Fixtures/real/PROVENANCE.md).
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/real")
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// All lines of a fixture file.
    static func lines(_ name: String) throws -> [FixtureLine] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").map { raw in
            let o = try JSONSerialization.jsonObject(with: Data(raw.utf8)) as! [String: Any]
            return FixtureLine(recv: (o["recv_ns"] as! NSNumber).int64Value, stream: StreamID(rawValue: o["exchange"] as! String)!,
                               frame: o["frame"] as? String, url: o["url"] as? String, body: o["body"] as? String)
        }
    }

    /// The first line of `name` whose frame contains `needle`.
    static func line(_ name: String, containing needle: String) throws -> FixtureLine {
        guard let l = try lines(name).first(where: { ($0.frame ?? $0.body ?? "").contains(needle) }) else {
            fatalError("no line containing \(needle) in \(name)")
        }
        return l
    }
}

/// Feeds inputs to a `Normalizer` exactly as replay does, and collects the events.
struct NormalizerHarness {
    var normalizer = Normalizer()

    /// Decodes one fixture line (frame or REST body).
    mutating func decode(_ line: FixtureLine) -> [MarketEvent] {
        if let frame = line.frame { return decode(frame: frame, stream: line.stream, recv: line.recv) }
        return decode(rest: line.body!, url: line.url!, stream: line.stream, recv: line.recv)
    }

    mutating func decode(frame: String, stream: StreamID, recv: Int64 = 0) -> [MarketEvent] {
        var events: [MarketEvent] = []
        var bytes = Array(frame.utf8)
        bytes.withUnsafeMutableBytes { raw in
            normalizer.decode(ExchangeInput(kind: .frame, recv: UnixNanos(recv), payload: UnsafeRawBufferPointer(raw)), stream: stream, into: &events)
        }
        return events
    }

    mutating func decode(rest body: String, url: String, stream: StreamID, recv: Int64 = 0) -> [MarketEvent] {
        var events: [MarketEvent] = []
        let b = Array(body.utf8), u = Array(url.utf8)
        b.withUnsafeBytes { bp in
            u.withUnsafeBytes { up in
                normalizer.decode(ExchangeInput(kind: .rest, recv: UnixNanos(recv), payload: bp, url: up), stream: stream, into: &events)
            }
        }
        return events
    }

    /// Diagnostics of one stream so far.
    func diagnostics(_ stream: StreamID) -> StreamDiagnostics {
        normalizer.streamDiagnostics.first { $0.0 == stream }?.1 ?? StreamDiagnostics()
    }
}

extension MarketEvent {
    /// The `--format jsonl` line of this event (without the newline).
    var jsonLine: String {
        let out = OutputBuffer(capacity: 256)
        out.appendJSONLine(self)
        return String(out.string.dropLast())
    }
}
