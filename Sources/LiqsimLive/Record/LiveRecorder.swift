#if canImport(Glibc)
import Glibc
#endif
import LiqsimCapture
import LiqsimSession
import LiqsimCore
import NIOCore
import NIOPosix
import NIOSSL

/// `liqsim record`: one WebSocket session per exchange (more when an exchange limits
/// streams per connection), REST pollers, and one capture writer, all on a single event
/// loop thread, so frames reach the file in arrival order without locks.
///
/// `run()` returns when the duration is up, `stop(_:)` is called (SIGINT/SIGTERM), or the
/// capture cannot be written (the summary then carries the failure).
public final class LiveRecorder: @unchecked Sendable {
    public let options: RecordOptions
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let loop: any EventLoop
    private let errorOutput: Int32
    private let output: Int32
    private var rotator: CaptureRotator?
    private var connections: [ExchangeConnection] = []
    private var pollers: [RESTPoller] = []
    private var analysis: LiveAnalysis?
    private var status: StatusLine?
    private var framesByStream: [UInt64]
    private var tick: RepeatedTask?
    private var statusTask: RepeatedTask?
    private var finished = false
    private var done: EventLoopPromise<RecordSummary>?
    private var summary = RecordSummary()

    public init(options: RecordOptions, output: Int32 = STDOUT_FILENO, errorOutput: Int32 = STDERR_FILENO) {
        self.options = options
        self.output = output
        self.errorOutput = errorOutput
        loop = group.next()
        framesByStream = [UInt64](repeating: 0, count: options.exchanges.count)
    }

    /// Records until stopped. Throws `CaptureError` when the first file cannot be created.
    public func run() async throws -> RecordSummary {
        let promise = loop.makePromise(of: RecordSummary.self)
        do {
            try await loop.submit { try self.start(promise) }.get()
        } catch {
            promise.fail(error)
            try? await group.shutdownGracefully()
            throw error
        }
        let result = try await promise.futureResult.get()
        try? await group.shutdownGracefully()
        return result
    }

    /// Stops the run cleanly (index and footer written). Safe from any thread.
    public func stop(_ reason: String) {
        loop.execute { self.finish(reason) }
    }

    private func start(_ promise: EventLoopPromise<RecordSummary>) throws {
        done = promise
        let links = options.exchanges.map { LiveExchanges.link($0) }
        let plans = zip(options.exchanges, links).map { stream, link in link.connections(endpoint: options.endpoint(stream), symbols: options.symbols) }
        let streams = zip(options.exchanges, plans).map { stream, plans in
            CaptureHeader.Stream(id: stream.rawValue, endpoint: options.endpoint(stream), subscriptions: plans.flatMap(\.topics))
        }
        rotator = try CaptureRotator(directory: options.directory, streams: streams, rotateEvery: options.rotateEvery)
        if options.live { analysis = try LiveAnalysis(output: output, database: options.database) }
        if options.statusLine { status = StatusLine(fd: errorOutput) }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = options.caFile { tls.additionalTrustRoots = [.file(ca)] }
        let restTLS = try NIOSSLContext(configuration: tls)
        for (i, stream) in options.exchanges.enumerated() {
            let link = links[i]
            for (n, plan) in plans[i].enumerated() {
                let label = plans[i].count > 1 ? "\(stream.exchangeName)#\(n + 1)" : stream.exchangeName
                connections.append(ExchangeConnection(stream: stream, streamIndex: UInt8(i), plan: plan, label: label, keepAlive: link.keepAlive,
                                                      settings: options.resilience, loop: loop, tls: tls, recorder: self))
            }
            let base = options.restBase(stream)
            pollers.append(RESTPoller(stream: stream, streamIndex: UInt8(i), pollURLs: link.pollURLs(base: base, symbols: options.symbols),
                                      instrumentURLs: link.instrumentURLs(base: base, symbols: options.symbols),
                                      interval: options.restInterval, loop: loop, tls: restTLS, recorder: self))
        }
        for c in connections { c.start() }
        for p in pollers { p.start() }
        tick = loop.scheduleRepeatedTask(initialDelay: .milliseconds(50), delay: .milliseconds(50)) { [self] _ in onTick() }
        if status != nil {
            statusTask = loop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { [self] _ in drawStatus() }
        }
        if let duration = options.duration {
            loop.scheduleTask(in: .nanoseconds(Int64(duration * 1e9))) { [self] in finish("duration reached") }
        }
    }

    // MARK: called by connections and pollers (on the loop)

    func frame(_ kind: RecordKind, _ streamIndex: UInt8, _ stream: StreamID, _ payload: UnsafeRawBufferPointer) {
        guard !finished, let rotator else { return }
        let recv = LiveClock.wall()
        framesByStream[Int(streamIndex)] &+= 1
        guard rotator.append(kind: kind, stream: streamIndex, recv: recv, payload: payload) else { return failIfNeeded() }
        if kind == .text { analysis?.frame(stream, recv, payload) }
    }

    func write(_ kind: RecordKind, _ streamIndex: UInt8, _ recv: UnixNanos, _ text: String) {
        guard !finished, let rotator else { return }
        if !rotator.append(kind: kind, stream: streamIndex, recv: recv, text: text) { failIfNeeded() }
    }

    func rest(_ streamIndex: UInt8, _ stream: StreamID, _ recv: UnixNanos, status: UInt16, url: String, body: UnsafeRawBufferPointer) {
        guard !finished, let rotator else { return }
        guard rotator.appendREST(stream: streamIndex, recv: recv, status: status, url: url, body: body) else { return failIfNeeded() }
        if (200..<300).contains(status) { analysis?.rest(stream, recv, url: url, body: body) }
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

    private func onTick() {
        guard let rotator, !finished else { return }
        if rotator.tick(now: LiveClock.monotonic()) {
            for p in pollers { p.fetchInstruments() }   // each file describes itself
        }
        failIfNeeded()
    }

    private func failIfNeeded() {
        guard let failure = rotator?.failure, !finished else { return }
        summary.failure = failure.description
        finish("stopped: the capture could not be written")
    }

    private func drawStatus() {
        guard let status, let rotator, !finished else { return }
        let rows = options.exchanges.enumerated().map { i, stream -> StatusLine.Row in
            let mine = connections.filter { $0.stream == stream }
            return StatusLine.Row(name: stream.exchangeName, phases: mine.map(\.phase), frames: framesByStream[i],
                                  lastFrameAt: mine.map(\.lastFrameAt).max() ?? 0)
        }
        status.draw(rows, fileBytes: rotator.currentBytes, now: LiveClock.monotonic())
    }

    private func finish(_ reason: String) {
        guard !finished, let done else { return }
        for c in connections { c.stop() }   // disconnect / gap records while the file is open
        finished = true
        tick?.cancel(); statusTask?.cancel()
        for p in pollers { p.stop() }
        rotator?.close()
        if summary.failure == nil, let failure = rotator?.failure { summary.failure = failure.description }
        status?.clear()
        summary.stopReason = reason
        summary.files = rotator?.files ?? []
        summary.records = rotator?.totalRecords ?? 0
        summary.framesByStream = options.exchanges.enumerated().map { ($1, framesByStream[$0]) }
        summary.reconnects = connections.reduce(0) { $0 + $1.reconnects }
        if let error = analysis?.databaseError { say("liqsim record: --db: \(error)\n") }
        done.succeed(summary)
    }

    private func say(_ text: String) {
        var text = text
        text.withUTF8 { b in _ = Glibc.write(errorOutput, b.baseAddress, b.count) }
    }
}
