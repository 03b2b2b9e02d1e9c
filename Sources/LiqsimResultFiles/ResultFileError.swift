/// A result directory, or one of its files, that cannot be read: the path, what is wrong,
/// and what to do.
public struct ResultFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    /// What to do; re-running the backtest rewrites every file.
    public var fix: String

    public init(_ path: String, _ reason: String, fix: String = "re-run the backtest") {
        self.path = path; self.reason = reason; self.fix = fix
    }

    public var description: String { "\(path): \(reason); \(fix)" }

    /// The same error about a file inside `directory`.
    func inside(_ directory: String) -> ResultFileError { ResultFileError(directory + "/" + path, reason, fix: fix) }
}
