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

    /// Opens `path` to be read in pieces of `chunk` bytes: checks `<path>.CHECKSUM` when it
    /// exists (`<sha256>  <name>`, Binance Vision's format) against the file's SHA-256 (one
    /// pass over the file, before any row is read) and returns the file with its content —
    /// a zip's single entry, a gzip stream inflated, or the file itself — as line blocks.
    static func open(_ path: String, chunk: Int = 1 << 20) throws -> (file: InputFile, lines: LineBlocks) {
        guard let digest = try SHA256Digest.hex(ofFile: path, chunk: chunk) else {
            throw ImportError(.cannotRead, path, "cannot read", hint: "check the path")
        }
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
            let zip = try ZipArchive(path: path)
            guard let entry = zip.entries.first else { throw ImportError(.badZip, path, "the zip holds no file") }
            return (file, LineBlocks(try zip.chunks(of: entry, chunk: chunk)))
        }
        let magic = FileHandle(forReadingAtPath: path).flatMap { h in defer { try? h.close() }; return try? h.read(upToCount: 2) }
        let coding: ByteChunks.Coding = magic.map { Array($0) == [0x1F, 0x8B] } == true ? .gzip : .stored
        return (file, LineBlocks(try ByteChunks(path: path, coding: coding, chunk: chunk)))
    }

    /// The whole content of `path` (as `open` reads it) in memory: for files read whole.
    public static func read(_ path: String) throws -> (file: InputFile, contents: [UInt8]) {
        var (file, lines) = try open(path)
        var contents: [UInt8] = []
        while let block = try lines.next() { contents += block.bytes }
        return (file, contents)
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
