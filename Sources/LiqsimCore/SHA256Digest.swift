import COpenSSL

/// Streaming SHA-256 (system libcrypto, which uses the CPU's SHA extensions).
public final class SHA256Digest {
    let context: OpaquePointer

    public init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Lower-case hex of the digest; the object must not be updated afterwards.
    public func finalizeHex() -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &out, &length)
        let hex: [Character] = Array("0123456789abcdef")
        return String(out.prefix(Int(length)).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] })
    }
}
