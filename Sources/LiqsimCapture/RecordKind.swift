/// What a record is. The numbers are part of the file format.
public enum RecordKind: UInt8, Sendable, CaseIterable {
    /// A received WebSocket text frame (payload = the frame, verbatim).
    case text = 1
    /// A received WebSocket binary frame (verbatim).
    case binary = 2
    /// A frame liqsim sent (subscriptions, pings).
    case sent = 3
    /// A REST response: aux = HTTP status, payload = u16 URL length, URL, body.
    case rest = 4
    /// A connection was established (payload = endpoint URL).
    case connect = 5
    /// A connection ended (payload = reason).
    case disconnect = 6
    /// Data is known to be missing between the surrounding records (payload = reason).
    case gap = 7

    public var name: String {
        switch self {
        case .text: "text"
        case .binary: "binary"
        case .sent: "sent"
        case .rest: "rest"
        case .connect: "connect"
        case .disconnect: "disconnect"
        case .gap: "gap"
        }
    }
}
