import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A loopback HTTPS file server standing in for data.binance.vision: GET a path under
/// `root` (404 when absent), `Range: bytes=N-` answered with 206. The first request for a
/// path in `breakOnce` sends half of the body and drops the connection.
final class ArchiveServer: Sendable {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let channel: any Channel
    /// Every request as "<path> <range or ->".
    let requests = LockedBox<[String]>([])
    var port: Int { channel.localAddress?.port ?? 0 }

    init(root: String, tls: (certificate: String, key: String), breakOnce: Set<String> = []) throws {
        let ssl = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.key, format: .pem))))
        let broken = LockedBox(breakOnce)
        let log = requests
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FileResponder(root: root, broken: broken, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}

private final class FileResponder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let root: String
    let broken: LockedBox<Set<String>>
    let log: LockedBox<[String]>

    init(root: String, broken: LockedBox<Set<String>>, log: LockedBox<[String]>) {
        self.root = root; self.broken = broken; self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let range = head.headers.first(name: "Range")
        log.withLockedValue { $0.append("\(head.uri) \(range ?? "-")") }
        guard let bytes = FileManager.default.contents(atPath: root + head.uri) else {
            return respond(context, .notFound, ByteBuffer(string: "not found"), close: false)
        }
        var start = 0
        if let range, range.hasPrefix("bytes="), let n = Int(range.dropFirst(6).dropLast()) { start = min(n, bytes.count) }
        let cut = broken.withLockedValue { $0.remove(head.uri) != nil }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: "\(bytes.count - start)")
        let status: HTTPResponseStatus = range == nil ? .ok : .partialContent
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        let body = cut ? bytes[start..<(start + (bytes.count - start) / 2)] : bytes[start...]
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        if cut { context.close(promise: nil); return }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func respond(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ body: ByteBuffer, close: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: "\(body.readableBytes)")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// A value behind a lock, shared between the server's loop and the test.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLockedValue<R>(_ body: (inout Value) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}
