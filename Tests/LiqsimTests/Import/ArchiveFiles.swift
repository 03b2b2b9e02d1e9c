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

    /// A zip written byte by byte with every Zip64 structure (APPNOTE 4.3.14–4.3.15, 4.5.3):
    /// `prefix` bytes before the entry (so its offset matters), a deflated entry whose local
    /// and central headers say 0xFFFFFFFF for both sizes and the offset, with the Zip64 extra
    /// field (id 1) holding them, a Zip64 end-of-central-directory record, its locator, and an
    /// end-of-central-directory record whose counts, size and offset all say "see Zip64".
    static func zip64Directory(_ path: String, csv: String, prefix: Int = 100) throws {
        let source = path + ".src"
        try csv.write(toFile: source, atomically: true, encoding: .utf8)
        let script = """
            import struct, zlib, sys, os
            p, src, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3])
            data = open(src, 'rb').read(); os.remove(src)
            co = zlib.compressobj(9, zlib.DEFLATED, -15); comp = co.compress(data) + co.flush()
            crc, name, F = zlib.crc32(data) & 0xffffffff, (os.path.basename(p)[:-4] + '.csv').encode(), 0xffffffff
            lextra = struct.pack('<HHQQ', 1, 16, len(data), len(comp))
            out = b'\\0' * prefix + struct.pack('<IHHHHHIIIHH', 0x04034b50, 45, 0, 8, 0, 0, crc, F, F, len(name), len(lextra)) + name + lextra + comp
            cd = len(out)
            cextra = struct.pack('<HHQQQ', 1, 24, len(data), len(comp), prefix)
            central = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 45, 45, 0, 8, 0, 0, crc, F, F, len(name), len(cextra), 0, 0, 0, 0, F) + name + cextra
            out += central
            z64 = len(out)
            out += struct.pack('<IQHHIIQQQQ', 0x06064b50, 44, 45, 45, 0, 0, 1, 1, len(central), cd)
            out += struct.pack('<IIQI', 0x07064b50, 0, z64, 1)
            out += struct.pack('<IHHHHIIH', 0x06054b50, 0xffff, 0xffff, 0xffff, 0xffff, F, F, 0)
            open(p, 'wb').write(out)
            """
        let r = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path, source, String(prefix)])
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
