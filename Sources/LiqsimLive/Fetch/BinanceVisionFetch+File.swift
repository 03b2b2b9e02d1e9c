import Foundation
import LiqsimCore
import NIOCore
import NIOSSL

enum FileOutcome: Sendable {
    case missing, present
    case fetched(bytes: UInt64, resumed: Bool)
}

extension BinanceVisionFetch {
    /// One archive file: its checksum, then the zip (resumed from `.part`), verified.
    func fetch(_ path: String, index: Int, loop: any EventLoop, tls: NIOSSLContext) async throws -> FileOutcome {
        let local = options.out + "/" + path
        let url = options.baseURL + "/" + path
        let timeout = TimeAmount.nanoseconds(options.timeout.nanoseconds)
        var backoff = Backoff(base: options.retryBase, max: .seconds(30), random: SeededRandom(seed: options.seed).derived(UInt64(index)))
        var lastReason = ""
        var resumed = false
        try FileManager.default.createDirectory(atPath: (local as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var expected: String?
        for attempt in 0..<options.attempts {
            if attempt > 0 { try await Task.sleep(for: backoff.nextDelay()) }
            do {
                if expected == nil {
                    let r = try await HTTPGet.fetch(url + ".CHECKSUM", on: loop, tls: tls, timeout: timeout).get()
                    if r.status == 404 { return .missing }
                    guard r.status == 200 else { lastReason = "CHECKSUM: HTTP \(r.status)"; continue }
                    let text = String(buffer: r.body)
                    guard let hex = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first, hex.count == 64 else {
                        lastReason = "CHECKSUM file is not `<sha256>  <name>`"; continue
                    }
                    expected = hex.lowercased()
                    try Data(text.utf8).write(to: URL(fileURLWithPath: local + ".CHECKSUM"))
                }
                if FileManager.default.fileExists(atPath: local), try fileSHA256(local) == expected { return attempt == 0 ? .present : .fetched(bytes: 0, resumed: resumed) }
                let part = local + ".part"
                let offset = (try? FileManager.default.attributesOfItem(atPath: part)[.size] as? UInt64) ?? 0
                if offset > 0 { resumed = true }
                let outcome = try await HTTPDownload.get(url, to: part, offset: offset, on: loop, tls: tls, timeout: timeout).get()
                if outcome.status == 404 { return .missing }
                if outcome.status == 416 { try? FileManager.default.removeItem(atPath: part); lastReason = "HTTP 416 (range)"; continue }
                guard outcome.status == 200 || outcome.status == 206 else { lastReason = "HTTP \(outcome.status)"; continue }
                guard outcome.complete else { lastReason = "connection closed after \(outcome.size) bytes (will resume)"; continue }
                guard try fileSHA256(part) == expected else {
                    try? FileManager.default.removeItem(atPath: part)
                    lastReason = "SHA-256 does not match the .CHECKSUM (fetching it whole again)"
                    continue
                }
                try? FileManager.default.removeItem(atPath: local)
                try FileManager.default.moveItem(atPath: part, toPath: local)
                return .fetched(bytes: outcome.size, resumed: resumed)
            } catch let error as CancellationError {
                throw error
            } catch {
                lastReason = "\(error)"
            }
        }
        throw Failure(url: url, reason: "gave up after \(options.attempts) attempts: \(lastReason)")
    }
}

/// Lower-case hex SHA-256 of a downloaded file (nil-free: an unreadable file is a failure
/// of the fetch that names it).
func fileSHA256(_ path: String) throws -> String {
    guard let hex = try SHA256Digest.hex(ofFile: path) else { throw BinanceVisionFetch.Failure(url: path, reason: "cannot read") }
    return hex
}
