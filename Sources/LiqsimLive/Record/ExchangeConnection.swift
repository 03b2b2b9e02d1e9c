import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import NIOCore
import NIOPosix
import NIOSSL
import NIOWebSocket
import WebSocketKit

/// One WebSocket connection to an exchange, kept up for the whole run: dial, subscribe,
/// keep alive, notice staleness, redial with backoff behind a circuit breaker, and write
/// `connect` / `disconnect` / `gap` records around every outage.
///
/// Confined to the recorder's event loop (websocket-kit calls back on the channel's loop,
/// which is that loop): callbacks reach it through `NIOLoopBound`, which checks the loop.
final class ExchangeConnection {
    enum Phase: Equatable { case idle, connecting, connected, waiting, breakerOpen, stopped }

    let stream: StreamID
    let streamIndex: UInt8
    let plan: ConnectionPlan
    let label: String
    private let keepAlive: KeepAlive
    private let settings: ResilienceSettings
    private let loop: any EventLoop
    let time: any TimeSource
    private let dial: LiveTransport.Dial
    private let configuration: WebSocketClient.Configuration
    unowned let recorder: RecordSession

    private(set) var phase = Phase.idle
    private var socket: WebSocket?
    private var connectedAt = UnixNanos.zero
    /// Monotonic time of the last frame (data, pong, anything); nil before the first connect.
    var lastFrameAt: UnixNanos?
    var frames: UInt64 = 0
    private(set) var reconnects = 0
    private(set) var lastProblem: String?
    private var backoff: Backoff
    private(set) var breaker: CircuitBreaker
    private var attempt = 0
    /// Set while data is missing: when it started and why.
    private var outage: (start: UnixNanos, reason: String)?
    /// Why we are closing the socket ourselves (stale, stop), for the disconnect record.
    private var closingReason: String?
    private var timers: [Scheduled<Void>] = []
    private var keepAliveTask: RepeatedTask?
    private var staleTask: RepeatedTask?

    init(stream: StreamID, streamIndex: UInt8, plan: ConnectionPlan, label: String, keepAlive: KeepAlive,
         settings: ResilienceSettings, loop: any EventLoop, time: any TimeSource, random: SeededRandom,
         tls: TLSConfiguration, recorder: RecordSession, dial: @escaping LiveTransport.Dial) {
        self.stream = stream
        self.streamIndex = streamIndex
        self.plan = plan
        self.label = label
        self.keepAlive = keepAlive
        self.settings = settings
        self.loop = loop
        self.time = time
        self.dial = dial
        self.recorder = recorder
        // Exchange frames (order book snapshots, instrument lists) exceed websocket-kit's 16 KiB default.
        // A message is capped at `CaptureLayout.maxRecordSize` also when it comes in fragments:
        // a larger one fails the connection (recorded as a gap, then a reconnect), never a
        // block the reader would refuse or unbounded memory.
        var configuration = WebSocketClient.Configuration(tlsConfiguration: tls, maxFrameSize: CaptureLayout.maxRecordSize)
        configuration.maxAccumulatedFrameSize = CaptureLayout.maxRecordSize
        configuration.maxAccumulatedFrameCount = 1 << 16
        self.configuration = configuration
        backoff = Backoff(base: settings.backoffBase, max: settings.backoffMax, random: random)
        breaker = CircuitBreaker(threshold: settings.breakerThreshold, cooldown: settings.breakerCooldown)
    }

    /// This connection, for callbacks that must come back on its loop.
    private var bound: NIOLoopBound<ExchangeConnection> { NIOLoopBound(self, eventLoop: loop) }

    func start() { dialNow() }

    // MARK: dialling

    private func dialNow() {
        guard phase != .stopped else { return }
        let wait = breaker.waitBeforeDial(now: time.monotonic())
        if wait > .zero {
            phase = .breakerOpen
            after(wait) { $0.dialNow() }
            return
        }
        attempt += 1
        let id = attempt
        phase = .connecting
        after(settings.connectTimeout) { me in
            if me.attempt == id && me.phase == .connecting {
                me.failed(id, "no WebSocket upgrade within \(me.settings.connectTimeout.components.seconds) s")
            }
        }
        let bound = self.bound
        dial(plan.url, configuration, loop) { ws in
            // On the channel's loop (ours), before any frame is delivered: the callbacks must be
            // in place now, or frames that came with the upgrade response would be dropped.
            bound.value.upgraded(ws, id)
        }.whenFailure { error in
            bound.eventLoop.execute { bound.value.failed(id, ExchangeConnection.describe(error)) }
        }
    }

    private func upgraded(_ ws: WebSocket, _ id: Int) {
        guard id == attempt, phase == .connecting else { _ = ws.close(code: .goingAway); return }
        let wasOpen = breaker.isOpen || breaker.state == .halfOpen
        breaker.succeeded()
        if wasOpen { recorder.notice("\(label): circuit closed, connected to \(plan.url)") }
        let now = time.wall()
        if let outage {
            recorder.write(.gap, streamIndex, now, "no data from \(outage.start) to \(now): \(outage.reason)")
            reconnects += 1
        }
        outage = nil
        recorder.write(.connect, streamIndex, now, plan.url)
        socket = ws
        phase = .connected
        connectedAt = time.monotonic()
        lastFrameAt = connectedAt
        closingReason = nil
        let bound = self.bound
        ws.onText { _, text in bound.value.received(text) }
        ws.onBinary { _, buffer in bound.value.received(buffer) }
        ws.onPong { _, _ in let me = bound.value; me.lastFrameAt = me.time.monotonic() }
        ws.onClose.whenComplete { _ in bound.eventLoop.execute { bound.value.closed(ws) } }
        // A few requests at most (Bybit: 10 topics each), well inside the exchanges' limits.
        for message in plan.messages { send(message, on: ws) }
        startKeepAlive(ws)
        let check = TimeAmount(settings.staleCheckInterval)
        staleTask = loop.scheduleRepeatedTask(initialDelay: check, delay: check) { _ in bound.value.checkStale(ws) }
        recorder.connected(self)
    }

    private func failed(_ id: Int, _ reason: String) {
        guard id == attempt, phase == .connecting else { return }
        lastProblem = reason
        if outage == nil { outage = (time.wall(), reason) }
        if breaker.failed(now: time.monotonic()) {
            phase = .breakerOpen
            recorder.notice("\(label): circuit open after \(breaker.consecutiveFailures) failed attempts (\(reason)); "
                + "not dialling \(plan.url) for \(settings.breakerCooldown.components.seconds) s")
        }
        redial()
    }

    private func redial() {
        if phase != .breakerOpen { phase = .waiting }
        after(backoff.nextDelay()) { $0.dialNow() }
    }

    // MARK: connected

    private func send(_ text: String, on ws: WebSocket) {
        guard socket === ws, phase == .connected else { return }
        ws.send(text)
        recorder.write(.sent, streamIndex, time.wall(), text)
    }

    private func startKeepAlive(_ ws: WebSocket) {
        switch keepAlive {
        case .webSocketPing(let seconds):
            // websocket-kit pings at this interval and closes the link when a pong is missing.
            ws.pingInterval = .seconds(Int64(seconds))
        case .text(let message, let seconds):
            let every = TimeAmount.seconds(Int64(seconds))
            let bound = self.bound
            keepAliveTask = loop.scheduleRepeatedTask(initialDelay: every, delay: every) { _ in bound.value.send(message, on: ws) }
        }
    }

    private func checkStale(_ ws: WebSocket) {
        guard socket === ws, phase == .connected, closingReason == nil, let lastFrameAt else { return }
        if time.monotonic().duration(since: lastFrameAt) >= settings.staleAfter {
            close(ws, reason: "stale: no frame for \(settings.staleAfter.components.seconds) s")
        }
    }

    private func close(_ ws: WebSocket, reason: String) {
        closingReason = reason
        _ = ws.close(code: .goingAway)
        // A peer that never answers the close frame must not keep us waiting: websocket-kit's
        // own dead-peer check (a ping unanswered within the interval) tears the channel down,
        // and should even that hang, the connection is given up and redialled regardless.
        after(.seconds(2)) { me in if me.socket === ws { ws.pingInterval = .milliseconds(250) } }
        after(.seconds(5)) { me in me.closed(ws) }
    }

    private func closed(_ ws: WebSocket) {
        guard socket === ws else { return }
        socket = nil
        keepAliveTask?.cancel(); keepAliveTask = nil
        staleTask?.cancel(); staleTask = nil
        let reason = closingReason ?? ExchangeConnection.describe(ws.closeCode)
        let now = time.wall()
        recorder.write(.disconnect, streamIndex, now, reason)
        lastProblem = reason
        if phase == .stopped { return }
        outage = (now, reason)
        if time.monotonic().duration(since: connectedAt) >= settings.healthyAfter { backoff.reset() }
        phase = .waiting
        redial()
    }

    /// Closes the connection for good; an outage still open is recorded as a gap.
    func stop() {
        let previous = phase
        phase = .stopped
        for t in timers { t.cancel() }
        timers.removeAll()
        if let ws = socket, previous == .connected {
            socket = nil
            keepAliveTask?.cancel(); staleTask?.cancel()
            recorder.write(.disconnect, streamIndex, time.wall(), "recorder stopped")
            _ = ws.close(code: .normalClosure)
        } else if let outage {
            let now = time.wall()
            recorder.write(.gap, streamIndex, now, "no data from \(outage.start) to \(now): \(outage.reason); the recorder stopped before a reconnect")
        }
    }

    /// Runs `body` after `delay` on the loop unless the connection was stopped.
    private func after(_ delay: Duration, _ body: @escaping @Sendable (ExchangeConnection) -> Void) {
        let bound = self.bound
        let task = loop.scheduleTask(in: TimeAmount(delay)) {
            let me = bound.value
            guard me.phase != .stopped else { return }
            body(me)
        }
        timers.append(task)
        if timers.count > 64 { timers.removeFirst(timers.count - 64) }
    }

    /// websocket-kit's close code says who ended the connection: 1006 is its own mark for a
    /// link that ended without a close frame, 1011 for a socket error (reset, …).
    static func describe(_ code: WebSocketErrorCode?) -> String {
        switch code {
        case nil, .unknown(1006): "connection lost without a close frame"
        case .unexpectedServerError: "connection failed (reset or socket error)"
        case let code?: "closed by the server (code \(UInt16(webSocketErrorCode: code)))"
        }
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? IOError { return e.description }
        if let e = error as? NIOConnectionError, let first = e.connectionErrors.first { return "\(first.error)" }
        if let e = error as? WebSocketClient.Error, case .invalidResponseStatus(let head) = e { return "upgrade refused: HTTP \(head.status.code)" }
        return "\(error)"
    }
}
