import Foundation
import LiqsimCore

/// One archive file as imported: its name, bytes, SHA-256 and the CSV or feed inside it
/// (a zip's single entry, a gzip stream inflated, or the file itself).
public struct InputFile: Sendable {
    public var path: String
    public var name: String { path.split(separator: "/").last.map(String.init) ?? path }
    /// SHA-256 of the file as downloaded (the zip, not the CSV inside).
    public var sha256: String
    /// True when a `.CHECKSUM` file beside it was checked and matched.
    public var checksumVerified: Bool

    /// Reads `path`, checks `<path>.CHECKSUM` when it exists (`<sha256>  <name>`, Binance
    /// Vision's format) and returns the file with its contents unpacked.
    public static func read(_ path: String) throws -> (file: InputFile, contents: [UInt8]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(.cannotRead, path, "cannot read", hint: "check the path")
        }
        let bytes = Array(data)
        let digest = sha256Hex(bytes)
        var verified = false
        if let sidecar = FileManager.default.contents(atPath: path + ".CHECKSUM") {
            let expected = String(decoding: sidecar, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first.map { $0.lowercased() }
            guard expected == digest else {
                throw ImportError(.checksum, path, "SHA-256 \(digest) does not match \(path).CHECKSUM (\(expected ?? "empty"))",
                                  hint: "the download is damaged or incomplete: fetch it again")
            }
            verified = true
        }
        let file = InputFile(path: path, sha256: digest, checksumVerified: verified)
        if path.hasSuffix(".zip") {
            let zip = try ZipArchive(path: path, bytes: bytes)
            guard let entry = zip.entries.first else { throw ImportError(.badZip, path, "the zip holds no file") }
            return (file, try zip.contents(of: entry))
        }
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B { return (file, try Gzip.inflate(bytes, path: path)) }
        return (file, bytes)
    }

    /// Files under the given paths (directories searched recursively) whose names end in
    /// one of `suffixes`, sorted by path so the order never depends on the file system.
    public static func expand(_ paths: [String], suffixes: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { throw ImportError(.cannotRead, path, "no such file or directory") }
            if !isDir.boolValue { out.append(path); continue }
            let found = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter { f in suffixes.contains { f.hasSuffix($0) } }
            out += found.map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
        }
        return out.sorted()
    }
}
