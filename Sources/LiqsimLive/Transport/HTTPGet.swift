import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP/1.1 GET over NIO (TLS for `https`), connection closed after the response.
///
/// REST polls happen about once a minute per URL, so a connection per request costs
/// nothing that matters; this keeps async-http-client (and its build time) out of the
/// package. Chunked bodies are decoded by NIOHTTP1; the body is returned verbatim.
enum HTTPGet {
    struct Response: Sendable {
        var status: UInt16
        var body: ByteBuffer
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Responses larger than this are refused (instruments lists are a few MB).
    static let maxBody = 64 << 20

    static func fetch(_ urlString: String, on loop: any EventLoop, tls: NIOSSLContext?, timeout: TimeAmount) -> EventLoopFuture<Response> {
        guard let url = URL(string: urlString), let scheme = url.scheme, let host = url.host, scheme == "http" || scheme == "https" else {
            return loop.makeFailedFuture(Failure(description: "not an http(s) URL: \(urlString)"))
        }
        let secure = scheme == "https"
        guard !secure || tls != nil else { return loop.makeFailedFuture(Failure(description: "no TLS context for \(urlString)")) }
        let port = url.port ?? (secure ? 443 : 80)
        let path = url.path.isEmpty ? "/" : url.path
        let target = url.query.map { path + "?" + $0 } ?? path
        let promise = loop.makePromise(of: Response.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                do {
                    if secure, let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: host))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector(promise: promise))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let deadline = loop.scheduleTask(in: timeout) { promise.fail(Failure(description: "no response within \(timeout.nanoseconds / 1_000_000_000) s")) }
        bootstrap.connect(host: host, port: port).whenComplete { result in
            switch result {
            case .failure(let error):
                promise.fail(error)
            case .success(let channel):
                var headers = HTTPHeaders()
                headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
                headers.add(name: "User-Agent", value: "liqsim")
                headers.add(name: "Accept", value: "application/json")
                headers.add(name: "Connection", value: "close")
                let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers)
                channel.write(HTTPClientRequestPart.head(head), promise: nil)
                channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
                promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
            }
        }
        promise.futureResult.whenComplete { _ in deadline.cancel() }
        return promise.futureResult
    }
}

/// Collects one response's status and body.
private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let promise: EventLoopPromise<HTTPGet.Response>
    private var status: UInt16?
    private var body = ByteBuffer()
    private var done = false

    init(promise: EventLoopPromise<HTTPGet.Response>) { self.promise = promise }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = UInt16(clamping: head.status.code)
        case .body(var part):
            if body.readableBytes + part.readableBytes > HTTPGet.maxBody {
                finish(.failure(HTTPGet.Failure(description: "response body over \(HTTPGet.maxBody >> 20) MiB")))
                context.close(promise: nil)
                return
            }
            body.writeBuffer(&part)
        case .end:
            finish(.success(HTTPGet.Response(status: status ?? 0, body: body)))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(HTTPGet.Failure(description: "connection closed before the response ended")))
    }

    private func finish(_ result: Result<HTTPGet.Response, any Error>) {
        guard !done else { return }
        done = true
        promise.completeWith(result)
    }
}
