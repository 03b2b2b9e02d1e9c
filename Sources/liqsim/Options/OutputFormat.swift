import ArgumentParser

/// `--format` of the table-printing commands. Each command offers a subset, named in its
/// help and checked in its `validate()`, so a value is refused with that command's list.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case markdown = "md"
    case csv
    case json

    /// No list in the parser's own message: it would name formats a command does not offer.
    static var allValueStrings: [String] { [] }

    /// Refuses a format the command does not print.
    func check(offered: [OutputFormat]) throws {
        guard offered.contains(self) else {
            throw ValidationError("bad --format '\(rawValue)': use one of \(offered.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
