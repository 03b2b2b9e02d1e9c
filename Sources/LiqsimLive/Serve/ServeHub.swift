#if canImport(Glibc)
import Glibc
#endif
import LiqsimCore
import LiqsimExchanges
import LiqsimReplay
import NIOCore
import NIOHTTP1

/// The state of one `serve` run, confined to the server's event loop: the feeds, the
/// recorded REST responses, the pacing origin and the listening channel. Feeds, clients
/// and requests all run on that loop, so none of it needs a lock.
final class ServeHub {
    let options: ServeOptions
    /// Streams present in the capture headers, in stream-id order.
    let streams: [StreamID]
    let loop: any EventLoop
    let time: any TimeSource
    private let archive: RESTArchive
    var pacing: ServePacing
    private(set) var feeds: [StreamID: StreamFeed] = [:]
    var channel: (any Channel)?
    private var nextConnection = 0
    private var unanswered: Set<String> = []
    private var missingReported: Set<String> = []
    /// The captures' topic keys, once learned (`RESTArchive.topics`, off the loop); the
    /// subscriptions checked before then wait here.
    private var topics: [StreamID: Set<String>]?
    private var pendingChecks: [(StreamID, [String])] = []
    private var topicsUnreadable = false
    private var lastReport: [String: UnixNanos] = [:]
    private let errorOutput: Int32

    /// Loads the captures' REST responses (errors name the file).
    init(options: ServeOptions, streams: [StreamID], captureStart: UnixNanos, loop: any EventLoop, time: any TimeSource,
         errorOutput: Int32 = STDERR_FILENO) throws {
        self.options = options
        self.streams = streams
        self.loop = loop
        self.time = time
        self.errorOutput = errorOutput
        archive = try RESTArchive(paths: options.paths)
        let factor: Double? = if case .factor(let f) = options.speed { f } else { nil }
        pacing = ServePacing(factor: factor, captureStart: captureStart)
        for s in streams { feeds[s] = StreamFeed(stream: s, paths: options.paths, hub: self) }
    }

    /// `/binance-usdm/…` → the stream, when the capture has it.
    func stream(of uri: String) -> StreamID? {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        guard let first = path.split(separator: "/").first, let id = StreamID(rawValue: String(first)), feeds[id] != nil else { return nil }
        return id
    }

    /// A WebSocket client for an upgraded request to `uri` (a stream `stream(of:)` accepted).
    func client(for uri: String, stream: StreamID) -> ServeClient {
        nextConnection += 1
        return ServeClient(stream: stream, connectionID: "liqsim-\(nextConnection)", feed: feeds[stream]!, hub: self, uri: uri)
    }

    /// The helpful 404 for a path outside the served streams (REST and WebSocket alike).
    func notFound(_ head: HTTPRequestHead) -> (HTTPResponseStatus, [UInt8]) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let served = streams.map { "/" + $0.rawValue }.joined(separator: ", ")
        return (.notFound, Array("{\"code\":-1,\"msg\":\(JSONText.quote("liqsim serve: no stream at \(path); served: \(served)"))}".utf8))
    }

    /// The recorded answer to a REST request; a query the capture cannot answer gets the
    /// venue's empty list (and a line on stderr, once per path and query).
    func restResponse(for head: HTTPRequestHead) -> (HTTPResponseStatus, [UInt8]) {
        guard let stream = stream(of: head.uri) else { return notFound(head) }
        let parts = head.uri.split(separator: "?", maxSplits: 1).map(String.init)
        let rest = String((parts.first ?? "/").dropFirst(stream.rawValue.count + 1))
        let path = rest.isEmpty ? "/" : rest
        guard head.method == .GET else { return (.methodNotAllowed, Array("{\"code\":-1,\"msg\":\"liqsim serve: only GET\"}".utf8)) }
        let query = parts.count > 1 ? parts[1] : nil
        switch archive.lookup(stream, path: path, query: query, clock: pacing.position.rawValue) {
        case .recorded(let r): return (HTTPResponseStatus(statusCode: Int(r.status)), r.body)
        case .union(let status, let body): return (HTTPResponseStatus(statusCode: Int(status)), body)
        case .none:
            let asked = path + (query.map { "?" + $0 } ?? "")
            if unanswered.insert("\(stream.rawValue)\(asked)").inserted {
                report("\(stream.rawValue): no recorded response for \(asked); answered with an empty list")
            }
            let body = Exchanges.serveProtocol(stream).emptyAnswer(path: path, query: RESTArchive.parameters(query ?? ""),
                                                                  clockMillis: pacing.position.rawValue / 1_000_000)
            return (.ok, Array(body.utf8))
        }
    }

    /// Says on stderr, once per topic, which subscribed topics the capture holds no frame of.
    func checkHeld(stream: StreamID, topics: [String]) {
        guard !topicsUnreadable else { return }
        guard let learned = self.topics else { pendingChecks.append((stream, topics)); return }
        let held = learned[stream] ?? []
        let proto = Exchanges.serveProtocol(stream)
        let missing = topics.filter { t in !proto.keys(forClientTopic: t).contains(where: held.contains) && missingReported.insert("\(stream.rawValue) \(t)").inserted }
        guard !missing.isEmpty else { return }
        report("\(stream.rawValue): the capture holds no frames of \(missing.joined(separator: ", ")) (subscribed; they stay silent)")
    }

    /// A stream reached the end of the capture. With `--loop`, once every started stream
    /// has, all of them start over together on a fresh clock origin.
    func feedFinished(_ feed: StreamFeed) {
        guard options.loop else {
            report("\(feed.stream.rawValue): end of capture, \(feed.framesSent) frames sent; still serving (Ctrl-C to stop)")
            return
        }
        // A stream paused for want of listeners must not hold the others back.
        let active = feeds.values.filter { $0.state != .idle }
        guard active.allSatisfy({ $0.state == .finished || $0.state == .paused }) else { return }
        pacing.restart(now: time.monotonic())
        for f in active { f.begin() }
    }

    /// Stops every feed, closes every connection and the listening channel.
    func stop() {
        for feed in feeds.values {
            feed.stop()
            for client in feed.clients { client.close() }
        }
        channel?.close(promise: nil)
    }

    /// A report that may repeat (timeouts, refused accepts): at most once a second per kind.
    func reportRateLimited(_ message: String) {
        let now = time.monotonic()
        if let last = lastReport[message], now.duration(since: last) < .seconds(1) { return }
        lastReport[message] = now
        report(message)
    }

    /// The topics are known: the subscriptions made meanwhile are checked now. When the
    /// captures cannot be read through, no topic is called missing (the feeds report the damage).
    func topicsLearned(_ result: Result<[StreamID: Set<String>], any Error>) {
        switch result {
        case .success(let learned): topics = learned
        case .failure:
            topicsUnreadable = true
            topics = [:]
        }
        let waiting = pendingChecks
        pendingChecks.removeAll()
        for (stream, t) in waiting { checkHeld(stream: stream, topics: t) }
    }

    func report(_ message: String) {
        var text = "liqsim serve: " + message + "\n"
        text.withUTF8 { b in _ = Glibc.write(errorOutput, b.baseAddress, b.count) }
    }
}
