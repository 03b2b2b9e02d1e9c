/// A problem that stops an import: what, where (file, line when known), and what to do.
public struct ImportError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable { case cannotRead, badZip, checksum, badRow, unknownFile, badOption, writeFailed, download }

    public var code: Code
    /// `file` or `file:line`.
    public var location: String
    public var message: String
    public var hint: String?

    public init(_ code: Code, _ location: String, _ message: String, hint: String? = nil) {
        self.code = code; self.location = location; self.message = message; self.hint = hint
    }

    public var description: String {
        "\(location): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
