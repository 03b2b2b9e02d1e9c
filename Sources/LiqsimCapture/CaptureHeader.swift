import Foundation
import LiqsimCore

/// The self-description at the start of every capture (JSON in a skippable frame).
public struct CaptureHeader: Codable, Sendable, Equatable {
    /// Records whose stream byte is this belong to no stream.
    public static let noStream: UInt8 = 255

    public struct Stream: Codable, Sendable, Equatable {
        /// Stream id (`binance-usdm`, …); kept as text so newer ids survive older readers.
        public var id: String
        public var endpoint: String?
        public var subscriptions: [String]

        public init(id: String, endpoint: String? = nil, subscriptions: [String] = []) {
            self.id = id; self.endpoint = endpoint; self.subscriptions = subscriptions
        }
    }

    public var format: String = "lqc"
    public var formatVersion: Int = Int(CaptureLayout.formatVersion)
    public var liqsimVersion: String
    /// `record`, `synth` or `import`.
    public var source: String
    /// Wall-clock creation time; absent for deterministic sources (import, synth).
    public var createdNs: Int64?
    /// Stream table: a record's stream byte indexes this list.
    public var streams: [Stream]
    /// Free-form provenance (e.g. the imported files).
    public var notes: [String]

    public init(liqsimVersion: String = LiqsimVersion.current, source: String, createdNs: Int64? = nil, streams: [Stream], notes: [String] = []) {
        self.liqsimVersion = liqsimVersion; self.source = source; self.createdNs = createdNs
        self.streams = streams; self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", liqsimVersion = "liqsim_version", source
        case createdNs = "created_ns", streams, notes
    }

    /// The stream id of a record's stream byte, if this version knows it.
    public func streamID(at index: UInt8) -> StreamID? {
        Int(index) < streams.count ? StreamID(rawValue: streams[Int(index)].id) : nil
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> CaptureHeader {
        try JSONDecoder().decode(CaptureHeader.self, from: Data(bytes))
    }
}
