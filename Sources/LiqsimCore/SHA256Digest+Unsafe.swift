import COpenSSL

extension SHA256Digest {
    /// Hashes `bytes` in place (replay frames are hashed where they lie in the block).
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }
}
