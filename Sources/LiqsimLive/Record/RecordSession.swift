#if canImport(Glibc)
import Glibc
#endif
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import LiqsimSession
import NIOCore
import NIOSSL

/// The state of one `record` run, confined to its event loop: the capture files, the
/// connections and pollers, the analysis and the status line. Time comes from the
/// injected `TimeSource` and jitter from a `SeededRandom`, so tests run a session on an
/// `EmbeddedEventLoop` with a manual clock.
final class RecordSession {
    let options: RecordOptions
    let loop: any EventLoop
    let time: any TimeSource
    private let random: SeededRandom
    private let errorOutput: Int32
    private let transport: LiveTransport
    let rotator: CaptureRotator
    let analysis: LiveAnalysis?
    private let status: StatusLine?
    private(set) var connections: [ExchangeConnection] = []
    private var pollers: [RESTPoller] = []
    var framesByStream: [UInt64]
    private var tick: RepeatedTask?
    private var statusTask: RepeatedTask?
    private(set) var finished = false
    private let done: EventLoopPromise<RecordSummary>
    private var summary = RecordSummary()

    /// Opens the first capture file (throws `CaptureError` when it cannot be created).
    init(options: RecordOptions, loop: any EventLoop, time: any TimeSource, random: SeededRandom,
         output: Int32, errorOutput: Int32, done: EventLoopPromise<RecordSummary>, transport: LiveTransport = .network) throws {
        self.options = options
        self.loop = loop
        self.time = time
        self.random = random
        self.errorOutput = errorOutput
        self.done = done
        self.transport = transport
        framesByStream = [UInt64](repeating: 0, count: options.exchanges.count)
        let streams = options.exchanges.map { stream in
            CaptureHeader.Stream(id: stream.rawValue, endpoint: options.endpoint(stream), subscriptions: options.plans(stream).flatMap(\.topics))
        }
        // The store first: a --db file that is not a liqsim store is refused before a capture is created.
        analysis = try options.live ? LiveAnalysis(output: output, database: options.database) : nil
        rotator = try CaptureRotator(directory: options.directory, streams: streams, rotateEvery: options.rotateEvery, time: time)
        status = options.statusLine ? StatusLine(fd: errorOutput) : nil
    }

    private var bound: NIOLoopBound<RecordSession> { NIOLoopBound(self, eventLoop: loop) }

    /// Dials every connection, starts the pollers, the housekeeping tick, the status line
    /// and the duration limit.
    func start() throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = options.caFile { tls.additionalTrustRoots = [.file(ca)] }
        let restTLS = try NIOSSLContext(configuration: tls)
        for (i, stream) in options.exchanges.enumerated() {
            let link = Exchanges.endpoints(stream)
            let plans = options.plans(stream)
            for (n, plan) in plans.enumerated() {
                let label = plans.count > 1 ? "\(stream.exchangeName)#\(n + 1)" : stream.exchangeName
                connections.append(ExchangeConnection(stream: stream, streamIndex: UInt8(i), plan: plan, label: label, keepAlive: link.keepAlive,
                                                      settings: options.resilience, loop: loop, time: time,
                                                      random: random.derived(UInt64(connections.count)), tls: tls, recorder: self,
                                                      dial: transport.dial))
            }
            let base = options.restBase(stream)
            pollers.append(RESTPoller(stream: stream, streamIndex: UInt8(i), pollURLs: link.pollURLs(base: base, symbols: options.symbols),
                                      instrumentURLs: link.instrumentURLs(base: base, symbols: options.symbols),
                                      interval: options.restInterval, loop: loop, time: time,
                                      random: random.derived(1 << 32 | UInt64(i)), tls: restTLS, get: transport.get, recorder: self))
        }
        for c in connections { c.start() }
        for p in pollers { p.start() }
        let bound = self.bound
        tick = loop.scheduleRepeatedTask(initialDelay: .milliseconds(50), delay: .milliseconds(50)) { _ in bound.value.onTick() }
        if status != nil {
            statusTask = loop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in bound.value.drawStatus() }
        }
        if let duration = options.duration {
            loop.scheduleTask(in: TimeAmount(duration)) { bound.value.finish("duration reached") }
        }
    }

    // MARK: called by connections and pollers (on the loop)

    func write(_ kind: RecordKind, _ streamIndex: UInt8, _ recv: UnixNanos, _ text: String) {
        guard !finished else { return }
        if !rotator.append(kind: kind, stream: streamIndex, recv: recv, text: text) { failIfNeeded() }
    }

    func restFailed(_ stream: StreamID, url: String, reason: String) {
        status?.problem = "\(stream.exchangeName) REST: \(reason)"
    }

    /// A connection came up: instruments metadata is fetched again (it may have changed).
    func connected(_ connection: ExchangeConnection) {
        pollers.first { $0.stream == connection.stream }?.fetchInstruments()
    }

    /// A line worth saying even when stderr is not a terminal (circuit breaker changes).
    func notice(_ message: String) {
        status?.clear()
        say("liqsim record: " + message + "\n")
    }

    // MARK: housekeeping

    /// Every 50 ms: flushes due records and rotates the file when its interval is up.
    func onTick() {
        guard !finished else { return }
        if rotator.tick() {
            for p in pollers { p.fetchInstruments() }   // each file describes itself
        }
        failIfNeeded()
    }

    func failIfNeeded() {
        guard let failure = rotator.failure, !finished else { return }
        summary.failure = failure.description
        finish("stopped: the capture could not be written")
    }

    /// The status line's rows: one per exchange, its connections' phases merged.
    func statusRows() -> [StatusLine.Row] {
        options.exchanges.enumerated().map { i, stream in
            let mine = connections.filter { $0.stream == stream }
            return StatusLine.Row(name: stream.exchangeName, phases: mine.map(\.phase), frames: framesByStream[i],
                                  lastFrameAt: mine.compactMap(\.lastFrameAt).max())
        }
    }

    private func drawStatus() {
        guard let status, !finished else { return }
        status.draw(statusRows(), fileBytes: rotator.currentBytes, now: time.monotonic())
    }

    func finish(_ reason: String) {
        guard !finished else { return }
        for c in connections { c.stop() }   // disconnect / gap records while the file is open
        finished = true
        tick?.cancel(); statusTask?.cancel()
        for p in pollers { p.stop() }
        rotator.close()
        if summary.failure == nil, let failure = rotator.failure { summary.failure = failure.description }
        status?.clear()
        summary.stopReason = reason
        summary.files = rotator.files
        summary.records = rotator.totalRecords
        summary.framesByStream = options.exchanges.enumerated().map { ($1, framesByStream[$0]) }
        summary.reconnects = connections.reduce(0) { $0 + $1.reconnects }
        summary.databaseError = analysis?.databaseError
        done.succeed(summary)
    }

    private func say(_ text: String) {
        var text = text
        text.withUTF8 { b in _ = Glibc.write(errorOutput, b.baseAddress, b.count) }
    }
}
