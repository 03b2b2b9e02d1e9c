import Foundation
import Testing

/// `wss://` and `https://` as against the real exchanges: certificate verification on,
/// a loopback server with a certificate made for the test, trusted through `--ca-file`.
@Suite("record over TLS", .serialized)
struct RecordTLSTests {
    /// A self-signed certificate for localhost/127.0.0.1 (openssl CLI); nil when openssl is missing.
    static func certificate(in dir: TempDir) throws -> (certificate: String, key: String)? {
        let openssl = "/usr/bin/openssl"
        guard FileManager.default.isExecutableFile(atPath: openssl) else { return nil }
        let cert = dir.path("cert.pem"), key = dir.path("key.pem")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: openssl)
        p.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                       "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? (cert, key) : nil
    }

    @Test("wss and https with a trusted certificate record frames and REST; without it the handshake is refused")
    func tls() throws {
        let dir = try TempDir()
        guard let pem = try Self.certificate(in: dir) else {
            print("RecordTLSTests: skipped: /usr/bin/openssl is not installed")
            return
        }
        let server = try FaultServer(tls: pem)
        defer { server.shutdown() }
        let base = ["record", "--exchanges", "binance", "--symbols", "BTCUSDT", "--rest-interval", "1s",
                    "--endpoint", "binance-usdm=wss://localhost:\(server.port)/steady",
                    "--endpoint", "binance-usdm-rest=https://localhost:\(server.port)"]
        let out = dir.path("out")
        let record = try LiveProcess(base + ["--out", out, "--ca-file", pem.certificate], in: dir, name: "trusted")
        let got = liveWait(timeout: 60) {
            let r = liveRecords(inDirectory: out)
            return r.filter { $0.kind == .text }.count >= 3 && r.contains { $0.kind == .rest && $0.aux == 200 }
        }
        #expect(got, "\(record.stderr)")
        #expect(record.stop() == 0)
        let records = liveRecords(inDirectory: out)
        #expect(records.first { $0.kind == .connect }?.text.hasPrefix("wss://localhost:\(server.port)/steady/market/stream?streams=") == true)
        #expect(records.first { $0.kind == .text }?.text == FaultServer.binanceFrame(1))
        let rest = records.first { $0.kind == .rest && $0.aux == 200 }
        #expect(rest?.url.hasPrefix("https://localhost:\(server.port)/") == true)
        #expect(rest?.body == Array(#"{"ok":true}"#.utf8))

        // Certificates are verified: the same server without --ca-file is refused.
        let untrustedOut = dir.path("untrusted")
        let untrusted = try LiveProcess(base + ["--out", untrustedOut, "--breaker-after", "1", "--breaker-cooldown", "1m"], in: dir, name: "untrusted")
        #expect(liveWait(timeout: 60) { untrusted.stderr.contains("binance: circuit open after 1 failed attempts") }, "\(untrusted.stderr)")
        #expect(untrusted.stop() == 0)
        #expect(!liveRecords(inDirectory: untrustedOut).contains { $0.kind == .connect || $0.kind == .text })
    }
}
