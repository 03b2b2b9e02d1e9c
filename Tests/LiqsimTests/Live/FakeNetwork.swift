import Foundation
import LiqsimCore
import NIOCore
import NIOEmbedded
import NIOWebSocket
import WebSocketKit
@testable import LiqsimLive

/// The network of a record session on a manual clock: every dial is answered from a
/// script (refuse, or accept with a WebSocket on an `EmbeddedChannel` the test plays the
/// exchange on), every GET with `{}` (status 200, or as scripted); both logged with the time they happened.
final class FakeNetwork: Sendable {
    enum Answer: Sendable { case refuse, accept }

    let time: ManualTime
    private let state: NIOLoopBoundBox<State>

    private struct State {
        var answers: [Answer]
        var refusing: [String]
        var dials: [Duration] = []
        var channels: [EmbeddedChannel] = []
        var gets: [(at: Duration, url: String)] = []
        /// HTTP statuses of the GET answers in turn; 200 past the end.
        var statuses: [UInt16] = []
    }

    /// Dials to a URL containing one of `refusing` are always refused; the others are
    /// answered from `answers` in turn, and accepted past its end.
    init(time: ManualTime, answers: [Answer] = [], refusing: [String] = [], statuses: [UInt16] = []) {
        self.time = time
        state = NIOLoopBoundBox(State(answers: answers, refusing: refusing, statuses: statuses), eventLoop: time.loop)
    }

    /// When each dial happened (since the start of the test).
    var dials: [Duration] { state.value.dials }
    var gets: [(at: Duration, url: String)] { state.value.gets }
    /// The exchange side of the latest accepted connection.
    var channel: EmbeddedChannel? { state.value.channels.last }

    var transport: LiveTransport {
        LiveTransport(
            dial: { [self] url, _, loop, onUpgrade in
                if state.value.refusing.contains(where: url.contains) {
                    return loop.makeFailedFuture(IOError(errnoCode: ECONNREFUSED, reason: "connect"))
                }
                state.value.dials.append(time.elapsed)
                let answer = state.value.answers.isEmpty ? .accept : state.value.answers.removeFirst()
                guard answer == .accept else { return loop.makeFailedFuture(IOError(errnoCode: ECONNREFUSED, reason: "connect")) }
                let channel = EmbeddedChannel(loop: time.loop)
                channel.connect(to: try! SocketAddress(ipAddress: "127.0.0.1", port: 443), promise: nil)
                state.value.channels.append(channel)
                return WebSocket.client(on: channel, onUpgrade: onUpgrade)
            },
            get: { [self] url, loop, _, _ in
                state.value.gets.append((time.elapsed, url))
                let status = state.value.statuses.isEmpty ? 200 : state.value.statuses.removeFirst()
                return loop.makeSucceededFuture(HTTPGet.Response(status: status, body: ByteBuffer(string: "{}")))
            }
        )
    }

    /// The exchange sends a text frame on the latest connection.
    func send(_ text: String) throws {
        try channel?.writeInbound(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text)))
    }

    /// The exchange answers the client's close frame (a clean close completes).
    func answerClose() throws {
        try channel?.writeInbound(WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer(bytes: [0x03, 0xE9])))
    }

    /// The link drops without a close frame.
    func drop() { channel?.close(promise: nil) }

    /// Text frames the client sent on the latest connection (subscriptions, pings, close).
    func sent() throws -> [WebSocketFrame] {
        var frames: [WebSocketFrame] = []
        while let f = try channel?.readOutbound(as: WebSocketFrame.self) { frames.append(f) }
        return frames
    }
}

/// A record session on a manual clock and a fake network, writing into a temporary
/// directory; stderr goes to a file the test reads.
final class SessionRig {
    let time = ManualTime()
    let dir: TempDir
    let network: FakeNetwork
    let session: RecordSession
    let done: EventLoopPromise<RecordSummary>
    private let stderrPath: String
    private let stderrFD: Int32

    init(_ exchanges: [StreamID] = [.bybitLinear], seed: UInt64 = 7, answers: [FakeNetwork.Answer] = [], refusing: [String] = [],
         getStatuses: [UInt16] = [], configure: (inout RecordOptions) -> Void = { _ in }) throws {
        dir = try TempDir()
        network = FakeNetwork(time: time, answers: answers, refusing: refusing, statuses: getStatuses)
        var options = RecordOptions(exchanges: exchanges, symbols: ["BTCUSDT"], directory: dir.path("out"))
        options.restInterval = nil
        configure(&options)
        stderrPath = dir.path("stderr")
        stderrFD = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        done = time.loop.makePromise()
        session = try RecordSession(options: options, loop: time.loop, time: time, random: SeededRandom(seed: seed),
                                    output: -1, errorOutput: stderrFD, done: done, transport: network.transport)
    }

    deinit { close(stderrFD) }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Stops the session (files closed) and returns the summary and every record written.
    func finish() -> (summary: RecordSummary?, records: [LiveRecord]) {
        session.finish("test over")
        time.run()
        // Complete by now (finish succeeded it), so waiting cannot block the embedded loop.
        return (try? done.futureResult.wait(), liveRecords(inDirectory: dir.path("out")))
    }

    /// The jitter draws connection `index` of a session seeded `seed` makes.
    static func backoff(_ settings: ResilienceSettings, seed: UInt64 = 7, connection index: Int = 0) -> Backoff {
        Backoff(base: settings.backoffBase, max: settings.backoffMax, random: SeededRandom(seed: seed).derived(UInt64(index)))
    }
}
