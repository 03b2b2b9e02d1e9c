/// A capture problem with its context: which file, where, and what to do.
public struct CaptureError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        case cannotOpen, notACapture, unsupportedVersion, corrupt, truncated, writeFailed, exists, tooLarge
    }

    public var kind: Kind
    public var path: String
    /// Byte offset in the file, when it applies.
    public var offset: UInt64?
    public var message: String
    public var hint: String?

    public init(_ kind: Kind, path: String, offset: UInt64? = nil, _ message: String, hint: String? = nil) {
        self.kind = kind; self.path = path; self.offset = offset; self.message = message; self.hint = hint
    }

    public var description: String {
        var s = path
        if let offset { s += " at byte \(offset)" }
        s += ": " + message
        if let hint { s += " (" + hint + ")" }
        return s
    }
}
