import LiqsimCore
import NIOCore
import NIOSSL

/// Polls one stream's REST endpoints and records each response verbatim (URL, status,
/// body). Every URL has at most one request in flight; a failed request (network error,
/// 429/418/5xx) is retried with backoff, and a rate-limit answer waits at least a minute.
/// Nothing here ever waits on the WebSocket sessions or makes them wait.
///
/// Confined to the recorder's event loop.
final class RESTPoller: @unchecked Sendable {
    let stream: StreamID
    let streamIndex: UInt8
    private let pollURLs: [String]
    private let instrumentURLs: [String]
    private let interval: Double?
    private let loop: any EventLoop
    private let tls: NIOSSLContext
    private unowned let recorder: LiveRecorder
    private var inFlight: Set<String> = []
    private var backoffs: [String: Backoff] = [:]
    private var tasks: [Scheduled<Void>] = []
    private var repeated: RepeatedTask?
    private var stopped = false
    private(set) var responses = 0
    private(set) var failures = 0

    init(stream: StreamID, streamIndex: UInt8, pollURLs: [String], instrumentURLs: [String], interval: Double?,
         loop: any EventLoop, tls: NIOSSLContext, recorder: LiveRecorder) {
        self.stream = stream; self.streamIndex = streamIndex
        self.pollURLs = pollURLs; self.instrumentURLs = instrumentURLs
        self.interval = interval; self.loop = loop; self.tls = tls; self.recorder = recorder
    }

    func start() {
        guard let interval, !pollURLs.isEmpty else { return }
        let every = TimeAmount.nanoseconds(Int64(interval * 1e9))
        repeated = loop.scheduleRepeatedTask(initialDelay: .zero, delay: every) { [self] _ in
            // Spread a round over a few hundred ms rather than bursting it.
            for (i, url) in pollURLs.enumerated() { later(Double(i) * 0.2) { $0.fetch(url, retries: 4) } }
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
        inFlight.insert(url)
        HTTPGet.fetch(url, on: loop, tls: tls, timeout: .seconds(20)).whenComplete { [self] result in
            inFlight.remove(url)
            guard !stopped else { return }
            switch result {
            case .success(let response):
                let recv = LiveClock.wall()
                response.body.withUnsafeReadableBytes {
                    recorder.rest(streamIndex, stream, recv, status: response.status, url: url, body: $0)
                }
                responses += 1
                if response.status == 429 || response.status == 418 || response.status >= 500 {
                    retry(url, retries: retries, atLeast: response.status >= 500 ? 0 : 60)
                } else {
                    backoffs[url] = nil
                }
            case .failure(let error):
                failures += 1
                recorder.restFailed(stream, url: url, reason: ExchangeConnection.describe(error))
                retry(url, retries: retries, atLeast: 0)
            }
        }
    }

    private func retry(_ url: String, retries: Int, atLeast: Double) {
        guard retries > 0 else { return }
        var b = backoffs[url] ?? Backoff(base: 2, max: max(2, (interval ?? 120) / 2))
        let delay = max(atLeast, b.nextDelay())
        backoffs[url] = b
        later(delay) { $0.fetch(url, retries: retries - 1) }
    }

    private func later(_ seconds: Double, _ body: @escaping @Sendable (RESTPoller) -> Void) {
        let task = loop.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) { [self] in
            guard !stopped else { return }
            body(self)
        }
        tasks.append(task)
        if tasks.count > 256 { tasks.removeFirst(tasks.count - 256) }
    }
}
