/// Per stream: received-frame count and a SHA-256 over each frame's length and bytes, in order.
struct StreamDigests {
    var frames = 0
    var digests: [String: String] = [:]
    var firstRecv: Int64?
    var lastRecv: Int64?

    var spanSeconds: Double? { firstRecv.flatMap { f in lastRecv.map { Double($0 - f) / 1e9 } } }

    // Read from a capture's frames in place: StreamDigests+Unsafe.swift.
}
