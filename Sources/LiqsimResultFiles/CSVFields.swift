/// The one CSV codec of the result files (RFC 4180): the writer quotes a field holding a
/// comma, quote, CR or LF (quotes doubled); the reader splits records on line breaks only
/// outside quotes, so every field the writer emits reads back unchanged.
public enum CSVFields {
    /// `field` as written in a CSV line.
    public static func escape(_ field: String) -> String {
        // Bytes, not Characters: a comma, quote, CR or LF is one ASCII byte in UTF-8 (CRLF too: it holds CR).
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, without its line break.
    public static func line(_ fields: [String]) -> String { fields.map(escape).joined(separator: ",") }

    /// Every record of `text`. Empty lines are skipped (a file's last line break makes no
    /// record); CRLF reads as LF. Throws on a quote left open at the end of the text.
    public static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = ""
        var quoted = false, afterQuote = false, line = 1, recordLine = 1
        var chars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = chars.next()
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !afterQuote) { records.append(fields) }
            fields = []; field = ""; afterQuote = false
        }
        while let c = pending {
            pending = chars.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = chars.next() } else { quoted = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": fields.append(field); field = ""; afterQuote = false
            case "\r" where pending == "\n": continue
            case "\n": endRecord(); line += 1; recordLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        guard !quoted else { throw CSVError(line: recordLine, message: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}

/// A CSV text that does not parse, with the line its record starts on.
public struct CSVError: Error, Equatable, CustomStringConvertible, Sendable {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) { self.line = line; self.message = message }
    public var description: String { "line \(line): \(message)" }
}
