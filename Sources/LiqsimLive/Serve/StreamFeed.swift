import LiqsimCapture
import LiqsimCore
import LiqsimExchanges
import LiqsimReplay
import NIOCore
import NIOWebSocket

/// One stream of a capture re-broadcast to its subscribed clients: reads the stream's
/// records in order, waits for each record's due time (unless `--speed max`), routes
/// text frames by topic, and sends the recorded bytes unchanged.
///
/// Each stream reads on its own from the capture start once its first client subscribes,
/// so a recorder whose three connections come up a few ms apart still sees every stream
/// whole, even at `--speed max`. A client whose socket buffer is full pauses its stream
/// (no frame is dropped for it) for at most `slowClientTimeout`, then is dropped.
///
/// Confined to the server's event loop; scheduled work comes back through `NIOLoopBound`.
final class StreamFeed {
    enum State { case idle, gathering, running, waiting, blocked, paused, finished }

    let stream: StreamID
    private let proto: any ServeProtocol.Type
    private let paths: [String]
    private unowned let hub: ServeHub
    private let loop: any EventLoop
    private var reader: CaptureMerge?
    private var held: RawRecord?
    private(set) var state = State.idle
    private(set) var clients: [ServeClient] = []
    private var topics: [String] = []
    private var touched: [ServeClient] = []
    private(set) var framesSent: UInt64 = 0
    private(set) var recordsRead: UInt64 = 0

    init(stream: StreamID, paths: [String], hub: ServeHub) {
        self.stream = stream
        proto = Exchanges.serveProtocol(stream)
        self.paths = paths
        self.hub = hub
        loop = hub.loop
    }

    private var bound: NIOLoopBound<StreamFeed> { NIOLoopBound(self, eventLoop: loop) }

    /// Runs `body` on the loop after `delay` (NIO runs every ready task before it polls
    /// sockets again, so even "at once" goes through a short deadline).
    private func after(_ delay: TimeAmount, _ body: @escaping @Sendable (StreamFeed) -> Void) {
        let bound = self.bound
        loop.scheduleTask(in: delay) { body(bound.value) }
    }

    func add(_ client: ServeClient) { clients.append(client) }

    func remove(_ client: ServeClient) {
        clients.removeAll { $0 === client }
        touched.removeAll { $0 === client }
        resumeIfWritable()
    }

    /// A client of this stream subscribed: the stream starts if it has not yet — once
    /// subscribe requests have paused for `gatherWindow` (at most `gatherLimit` after the
    /// first), because clients split their topics over several requests (Bybit takes 10
    /// per request) and at `--speed max` a stream started on the first request would be
    /// over before the second arrived.
    func subscribed() {
        if state == .paused { state = .running; pump(); return }
        guard state == .idle || state == .gathering else { return }
        let now = hub.time.monotonic()
        // The replay clock starts at the first subscription (of any stream); frames due
        // while subscriptions gather leave in a burst when the stream starts.
        hub.pacing.start(now: now)
        if state == .idle { state = .gathering; gatherStart = now }
        gatherToken += 1
        let token = gatherToken
        let wait = min(StreamFeed.gatherWindow, max(.zero, StreamFeed.gatherLimit - now.duration(since: gatherStart)))
        after(TimeAmount(wait)) { me in
            let now = me.hub.time.monotonic()
            guard me.state == .gathering, token == me.gatherToken || now.duration(since: me.gatherStart) >= StreamFeed.gatherLimit else { return }
            me.begin()
        }
    }

    static let gatherWindow = Duration.milliseconds(250)
    static let gatherLimit = Duration.seconds(2)
    private var gatherStart = UnixNanos.zero
    private var gatherToken = 0

    /// Opens the stream's records from the capture start and starts sending.
    func begin() {
        do {
            reader = try CaptureMerge(paths: paths, only: stream)
        } catch {
            hub.report("\(stream.rawValue): cannot read the capture: \(error)")
            state = .finished
            return
        }
        held = nil
        state = .running
        after(.microseconds(50)) { $0.pump() }
    }

    /// A blocked stream goes on once every client can take more.
    func resumeIfWritable() {
        guard state == .blocked, clients.allSatisfy(\.isWritable) else { return }
        state = .running
        after(.microseconds(50)) { $0.pump() }
    }

    private func pump() {
        guard state == .running, let reader else { return }
        if block() { return }
        // Unpaced and nobody listening: wait for a subscriber instead of spinning through the capture.
        if hub.pacing.factor == nil && !clients.contains(where: \.isSubscribed) { state = .paused; return }
        // Small batches flush often, so the client works on one while the next is prepared.
        var budget = 1024
        do {
            while budget > 0 {
                let record: RawRecord
                if let h = held { record = h; held = nil } else {
                    guard let r = try reader.next() else { return end() }
                    record = r.record
                    recordsRead += 1
                }
                if let due = hub.pacing.due(record.recv) {
                    let now = hub.time.monotonic()
                    if now < due {
                        held = record
                        state = .waiting
                        flushTouched()
                        after(TimeAmount(due.duration(since: now))) { me in
                            if me.state == .waiting { me.state = .running; me.pump() }
                        }
                        return
                    }
                }
                if record.recv > hub.pacing.position { hub.pacing.position = record.recv }
                budget -= 1
                deliver(record)
            }
        } catch {
            hub.report("\(stream.rawValue): capture read stopped: \(error)")
            return end()
        }
        flushTouched()
        if block() { return }
        // Not `execute`: NIO runs every ready task before it polls sockets again, so a pump
        // that re-queued itself at once would starve all I/O. A deadline just ahead lets the
        // loop poll first.
        after(.microseconds(50)) { $0.pump() }
    }

    /// A client that cannot take more (its socket buffer over the 4 MiB mark) pauses the
    /// stream until it drains; one still full after `slowClientTimeout` is dropped with a
    /// close frame (1008) and the stream goes on for the others. Checked before every
    /// batch and every wait, so no pacing path writes past a full client.
    private func block() -> Bool {
        guard clients.contains(where: { !$0.isWritable }) else { return false }
        let now = hub.time.monotonic()
        let limit = hub.options.limits.slowClientTimeout
        var dropped = false
        for c in clients where !c.isWritable {
            let since = c.unwritableSince ?? now
            c.unwritableSince = since
            if now.duration(since: since) >= limit {
                hub.report("\(c.connectionID): not reading, socket buffer full for \(limit); dropped (close 1008)")
                c.close(code: 1008, reason: "client too slow: not reading")
                remove(c)
                dropped = true
            }
        }
        if dropped, !clients.contains(where: { !$0.isWritable }) { return false }
        state = .blocked
        after(TimeAmount(limit)) { me in
            if me.state == .blocked { me.state = .running; me.pump() }
        }
        return true
    }

    /// `serve` is stopping: nothing more is read or sent.
    func stop() {
        state = .finished
        reader = nil
        held = nil
    }

    /// Sends one record to the clients that asked for it, each in its connection's framing.
    private func deliver(_ record: RawRecord) {
        let opcode: WebSocketOpcode
        let input = ExchangeInput(kind: .frame, recv: record.recv, payload: record.payload)
        switch record.kind {
        case .text:
            opcode = .text
            topics.removeAll(keepingCapacity: true)
            switch proto.route(input, topics: &topics) {
            case .control: return
            case .data: break
            case .other: topics.removeAll()
            }
        case .binary:
            opcode = .binary
            topics.removeAll()
        default:
            return
        }
        var event: Range<Int>??   // the event's byte range, found once per record if a client needs it
        let proto = self.proto
        for client in clients {
            guard let name = client.subscribedName(topics) else { continue }
            client.send(record.payload, opcode: opcode, name: name) {
                if event == nil { event = .some(proto.eventRange(input)) }
                return event ?? nil
            }
            if !client.pendingFlush { client.pendingFlush = true; touched.append(client) }
            framesSent += 1
        }
    }

    private func flushTouched() {
        for c in touched { c.flush() }
        touched.removeAll(keepingCapacity: true)
    }

    private func end() {
        flushTouched()
        reader = nil
        state = .finished
        hub.feedFinished(self)
    }
}
