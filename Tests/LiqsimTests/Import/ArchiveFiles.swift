import Foundation
import LiqsimCore
import LiqsimReplay

/// Writes archive files in their exact published formats (no real archive is committed):
/// Binance Vision zips (deflate, as published) with their `.CHECKSUM` beside them, made by
/// Python's zipfile and hashlib.
enum ArchiveFiles {
    static func zip(_ path: String, csv: String, checksum: Bool = true) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let source = path + ".src"
        try csv.write(toFile: source, atomically: true, encoding: .utf8)
        let script = """
            import zipfile, hashlib, sys, os
            p, src, flag = sys.argv[1], sys.argv[2], sys.argv[3]
            with zipfile.ZipFile(p, 'w', zipfile.ZIP_DEFLATED) as z: z.write(src, os.path.basename(p)[:-4] + '.csv')
            os.remove(src)
            if flag == '1':
                open(p + '.CHECKSUM', 'w').write(hashlib.sha256(open(p, 'rb').read()).hexdigest() + '  ' + os.path.basename(p) + '\\n')
            """
        let r = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path, source, checksum ? "1" : "0"])
        guard r.status == 0 else { throw ArchiveFilesError(message: r.stderr) }
    }

    /// A gzip file (`.csv.gz`, as Bybit's archive publishes), made by Python's gzip.
    static func gzip(_ path: String, text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let source = path + ".src"
        try text.write(toFile: source, atomically: true, encoding: .utf8)
        let script = "import gzip, sys, os; open(sys.argv[1], 'wb').write(gzip.compress(open(sys.argv[2], 'rb').read())); os.remove(sys.argv[2])"
        let r = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path, source])
        guard r.status == 0 else { throw ArchiveFilesError(message: r.stderr) }
    }

    /// A zip whose one entry is stored (method 0) or written with Zip64 extra fields.
    static func zipEntry(_ path: String, csv: String, stored: Bool = false, zip64: Bool = false) throws {
        let source = path + ".src"
        try csv.write(toFile: source, atomically: true, encoding: .utf8)
        let script = """
            import zipfile, sys, os
            p, src, stored, z64 = sys.argv[1], sys.argv[2], sys.argv[3] == '1', sys.argv[4] == '1'
            with zipfile.ZipFile(p, 'w', zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
                with z.open(os.path.basename(p)[:-4] + '.csv', 'w', force_zip64=z64) as f: f.write(open(src, 'rb').read())
            os.remove(src)
            """
        let r = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path, source, stored ? "1" : "0", zip64 ? "1" : "0"])
        guard r.status == 0 else { throw ArchiveFilesError(message: r.stderr) }
    }

    /// Every event the captures replay, in order.
    static func events(_ paths: [String]) throws -> (events: [MarketEvent], summary: ReplaySummary) {
        var events: [MarketEvent] = []
        let summary = try ReplayEngine(paths: paths, options: ReplayOptions()).run(into: ObserverSink { events.append($0) })
        return (events, summary)
    }
}

struct ArchiveFilesError: Error { var message: String }

func d(_ s: String) -> FixedDecimal { FixedDecimal(s)! }
func sym(_ s: String) -> Symbol { Symbol(s)! }
