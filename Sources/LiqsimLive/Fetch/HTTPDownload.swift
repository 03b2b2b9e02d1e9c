import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP/1.1 GET streamed into a file (TLS for `https`): archive files are too large to
/// hold in memory. With `offset` > 0 it asks for `Range: bytes=<offset>-` and appends when
/// the server answers 206, or starts over on 200. The outcome says whether the body
/// arrived whole (a dropped connection leaves the bytes received so far, to resume from).
enum HTTPDownload {
    struct Outcome: Sendable {
        var status: UInt16
        /// The file's size after this request.
        var size: UInt64
        var complete: Bool
    }

    static func get(_ urlString: String, to path: String, offset: UInt64, on loop: any EventLoop, tls: NIOSSLContext?,
                    timeout: TimeAmount) -> EventLoopFuture<Outcome> {
        guard let url = URL(string: urlString), let scheme = url.scheme, let host = url.host, scheme == "http" || scheme == "https" else {
            return loop.makeFailedFuture(HTTPGet.Failure(description: "not an http(s) URL: \(urlString)"))
        }
        let secure = scheme == "https"
        guard !secure || tls != nil else { return loop.makeFailedFuture(HTTPGet.Failure(description: "no TLS context for \(urlString)")) }
        let promise = loop.makePromise(of: Outcome.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                do {
                    if secure, let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: host)) }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(BodyFile(path: path, offset: offset, timeout: timeout, promise: promise))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        bootstrap.connect(host: host, port: url.port ?? (secure ? 443 : 80)).whenComplete { result in
            switch result {
            case .failure(let error): promise.fail(error)
            case .success(let channel):
                var headers = HTTPHeaders()
                headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
                headers.add(name: "User-Agent", value: "liqsim")
                headers.add(name: "Connection", value: "close")
                if offset > 0 { headers.add(name: "Range", value: "bytes=\(offset)-") }
                let path = url.path.isEmpty ? "/" : url.path
                channel.write(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)), promise: nil)
                channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
                promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
            }
        }
        return promise.futureResult
    }
}

/// Writes a response body into the file; 206 appends at the offset, 200 truncates.
private final class BodyFile: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    let path: String
    let offset: UInt64
    let timeout: TimeAmount
    let promise: EventLoopPromise<HTTPDownload.Outcome>
    private var idleCheck: RepeatedTask?
    private var handle: FileHandle?
    private var status: UInt16 = 0
    private var size: UInt64 = 0
    private var done = false
    private var sawBytes = true

    init(path: String, offset: UInt64, timeout: TimeAmount, promise: EventLoopPromise<HTTPDownload.Outcome>) {
        self.path = path; self.offset = offset; self.timeout = timeout; self.promise = promise
    }

    /// A stalled transfer (no byte for `timeout`) is closed: what arrived is kept to resume.
    func handlerAdded(context: ChannelHandlerContext) {
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let channel = context.channel
        idleCheck = context.eventLoop.scheduleRepeatedTask(initialDelay: timeout, delay: timeout) { _ in
            let me = bound.value
            if !me.sawBytes { channel.close(promise: nil) }
            me.sawBytes = false
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sawBytes = true
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = UInt16(clamping: head.status.code)
            guard status == 200 || status == 206 else { return }
            if !FileManager.default.fileExists(atPath: path) || status == 200 { FileManager.default.createFile(atPath: path, contents: nil) }
            handle = FileHandle(forWritingAtPath: path)
            if status == 206 { size = offset; _ = try? handle?.seek(toOffset: offset) } else { try? handle?.truncate(atOffset: 0) }
        case .body(let part):
            guard let handle else { return }
            do {
                try handle.write(contentsOf: Data(part.readableBytesView))
                size += UInt64(part.readableBytes)
            } catch {
                finish(.failure(error)); context.close(promise: nil)
            }
        case .end:
            finish(.success(.init(status: status, size: size, complete: true)))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.success(.init(status: status, size: size, complete: false)))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.success(.init(status: status, size: size, complete: false)))
    }

    private func finish(_ result: Result<HTTPDownload.Outcome, any Error>) {
        guard !done else { return }
        done = true
        idleCheck?.cancel()
        try? handle?.close()
        handle = nil
        promise.completeWith(result)
    }
}
