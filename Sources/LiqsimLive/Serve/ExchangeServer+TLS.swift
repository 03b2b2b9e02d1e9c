import Foundation
import NIOSSL

/// `serve --tls`: a self-signed certificate made at start with the `openssl` command (for
/// localhost, 127.0.0.1, ::1 and the listen host), written with its key to a fresh
/// temporary directory whose certificate path serve prints; or the caller's PEM files.
extension ExchangeServer {
    /// The server-side TLS context, nil without TLS. Errors name the file.
    func tlsContext() throws -> NIOSSLContext? {
        let files: (certificate: String, key: String)
        switch options.tls {
        case .off: return nil
        case .files(let c, let k): files = (c, k)
        case .generated:
            guard let path = certificatePath else { return nil }
            files = (path, URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("key.pem").path)
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificate).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: files.key, format: .pem)
            return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        } catch {
            throw ServeTLSError(message: "\(files.certificate), \(files.key): cannot load the TLS certificate and key: \(error)")
        }
    }

    /// Makes a certificate and key in a new temporary directory; returns the certificate's path.
    static func generateCertificate(host: String) throws -> String {
        let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let openssl else {
            throw ServeTLSError(message: "--tls makes its certificate with the openssl command, which is not installed (apt-get install openssl), or pass --tls-cert and --tls-key")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liqsim-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let cert = dir.appendingPathComponent("cert.pem").path, key = dir.appendingPathComponent("key.pem").path
        var names = ["DNS:localhost", "IP:127.0.0.1", "IP:::1"]
        if !["localhost", "127.0.0.1", "::1", "0.0.0.0", "::"].contains(host) {
            names.append((host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? "IP:" : "DNS:") + host)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: openssl)
        p.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                       "-days", "30", "-subj", "/CN=liqsim serve", "-addext", "subjectAltName=" + names.joined(separator: ",")]
        let errors = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = errors
        try p.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw ServeTLSError(message: "openssl could not make a certificate: \(String(decoding: message, as: UTF8.self))")
        }
        return cert
    }
}

/// A TLS setup failure, with the files and the fix.
public struct ServeTLSError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
