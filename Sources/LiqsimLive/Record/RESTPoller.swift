import LiqsimCore
import NIOCore
import NIOSSL

/// Polls one stream's REST endpoints and records each response verbatim (URL, status,
/// body). Every URL has at most one request in flight; a failed request (network error,
/// 429/418/5xx) is retried with backoff. A rate-limit answer (429, or 418: the IP is
/// banned) pauses every request of this poller, whatever `--rest-interval` says: a minute
/// after a 429, two after a 418, doubling while the answers keep coming (at most an hour).
/// Nothing here ever waits on the WebSocket sessions or makes them wait.
///
/// Confined to the recorder's event loop; callbacks come back through `NIOLoopBound`.
final class RESTPoller {
    let stream: StreamID
    let streamIndex: UInt8
    private let pollURLs: [String]
    private let instrumentURLs: [String]
    private let interval: Duration?
    private let loop: any EventLoop
    private let time: any TimeSource
    private let random: SeededRandom
    private let tls: NIOSSLContext
    private let get: LiveTransport.Get
    unowned let recorder: RecordSession
    private var inFlight: Set<String> = []
    private var backoffs: [String: Backoff] = [:]
    private var tasks: [Scheduled<Void>] = []
    private var repeated: RepeatedTask?
    private var stopped = false
    private(set) var responses = 0
    private(set) var failures = 0
    /// Monotonic time before which no request is sent (after a 429 or 418), and the pause
    /// the next rate-limit answer gets.
    private(set) var pausedUntil: UnixNanos?
    private var nextPause: Duration?

    init(stream: StreamID, streamIndex: UInt8, pollURLs: [String], instrumentURLs: [String], interval: Duration?,
         loop: any EventLoop, time: any TimeSource, random: SeededRandom, tls: NIOSSLContext, get: @escaping LiveTransport.Get,
         recorder: RecordSession) {
        self.stream = stream; self.streamIndex = streamIndex
        self.pollURLs = pollURLs; self.instrumentURLs = instrumentURLs
        self.interval = interval; self.loop = loop; self.time = time; self.random = random
        self.tls = tls; self.get = get; self.recorder = recorder
    }

    private var bound: NIOLoopBound<RESTPoller> { NIOLoopBound(self, eventLoop: loop) }

    func start() {
        guard let interval, !pollURLs.isEmpty else { return }
        let bound = self.bound
        repeated = loop.scheduleRepeatedTask(initialDelay: .zero, delay: TimeAmount(interval)) { _ in
            // Spread a round over a few hundred ms rather than bursting it.
            for (i, url) in bound.value.pollURLs.enumerated() {
                bound.value.later(.milliseconds(200) * i) { $0.fetch(url, retries: 4) }
            }
        }
    }

    /// Instruments metadata: at start, after every reconnect, and into each new file.
    func fetchInstruments() {
        for url in instrumentURLs { fetch(url, retries: 6) }
    }

    func stop() {
        stopped = true
        repeated?.cancel()
        for t in tasks { t.cancel() }
        tasks.removeAll()
    }

    private func fetch(_ url: String, retries: Int) {
        guard !stopped, !inFlight.contains(url) else { return }
        if let until = pausedUntil, time.monotonic() < until {
            // Rate-limited: instruments and retries come back when the pause ends; polls wait for their next round.
            if instrumentURLs.contains(url) || retries < 4 { later(until.duration(since: time.monotonic())) { $0.fetch(url, retries: retries) } }
            return
        }
        inFlight.insert(url)
        let bound = self.bound
        get(url, loop, tls, .seconds(20)).whenComplete { result in
            bound.value.fetched(url, retries: retries, result)
        }
    }

    private func fetched(_ url: String, retries: Int, _ result: Result<HTTPGet.Response, any Error>) {
        inFlight.remove(url)
        guard !stopped else { return }
        switch result {
        case .success(let response):
            let recv = time.wall()
            deliver(response, url: url, recv: recv)
            responses += 1
            if response.status == 429 || response.status == 418 {
                let pause = max(nextPause ?? .zero, response.status == 418 ? .seconds(120) : .seconds(60))
                nextPause = min(pause * 2, .seconds(3600))
                pausedUntil = time.monotonic().advanced(by: pause)
                recorder.restFailed(stream, url: url, reason: "HTTP \(response.status): rate-limited, no requests for \(Int(pause.components.seconds)) s")
                retry(url, retries: retries, atLeast: pause)
            } else if response.status >= 500 {
                retry(url, retries: retries, atLeast: .zero)
            } else {
                backoffs[url] = nil
                nextPause = nil
            }
        case .failure(let error):
            failures += 1
            recorder.restFailed(stream, url: url, reason: ExchangeConnection.describe(error))
            retry(url, retries: retries, atLeast: .zero)
        }
    }

    private func retry(_ url: String, retries: Int, atLeast: Duration) {
        guard retries > 0 else { return }
        var b = backoffs[url] ?? Backoff(base: .seconds(2), max: max(.seconds(2), (interval ?? .seconds(120)) / 2),
                                         random: random.derived(UInt64(urlIndex(url))))
        let delay = max(atLeast, b.nextDelay())
        backoffs[url] = b
        later(delay) { $0.fetch(url, retries: retries - 1) }
    }

    /// A URL's place among this poller's URLs: its jitter stream.
    private func urlIndex(_ url: String) -> Int {
        pollURLs.firstIndex(of: url) ?? pollURLs.count + (instrumentURLs.firstIndex(of: url) ?? 0)
    }

    private func later(_ delay: Duration, _ body: @escaping @Sendable (RESTPoller) -> Void) {
        let bound = self.bound
        let task = loop.scheduleTask(in: TimeAmount(delay)) {
            let me = bound.value
            guard !me.stopped else { return }
            body(me)
        }
        tasks.append(task)
        if tasks.count > 256 { tasks.removeFirst(tasks.count - 256) }
    }
}
