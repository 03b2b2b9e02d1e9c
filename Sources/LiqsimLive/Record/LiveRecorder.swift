#if canImport(Glibc)
import Glibc
#endif
import LiqsimCapture
import LiqsimSession
import LiqsimCore
import NIOCore
import NIOPosix

/// `liqsim record`: one WebSocket session per exchange (more when an exchange limits
/// streams per connection), REST pollers, and one capture writer, all on a single event
/// loop thread, so frames reach the file in arrival order without locks.
///
/// `run()` returns when the duration is up, `stop(_:)` is called (SIGINT/SIGTERM), or the
/// capture cannot be written (the summary then carries the failure). The run's state is a
/// `RecordSession` that lives on the loop; this handle only starts and stops it.
public final class LiveRecorder: Sendable {
    public let options: RecordOptions
    /// The jitter seed of this run (`options.seed`, or drawn from the system generator).
    public let seed: UInt64
    private let time: any TimeSource
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let loop: any EventLoop
    private let errorOutput: Int32
    private let output: Int32
    private let session: NIOLoopBoundBox<RecordSession?>

    public init(options: RecordOptions, time: any TimeSource = SystemTime(),
                output: Int32 = STDOUT_FILENO, errorOutput: Int32 = STDERR_FILENO) {
        self.options = options
        self.time = time
        seed = options.seed ?? SeededRandom.fromSystem().seed
        self.output = output
        self.errorOutput = errorOutput
        loop = group.next()
        session = .makeEmptyBox(eventLoop: loop)
    }

    /// Records until stopped. Throws `CaptureError` when the first file cannot be created.
    public func run() async throws -> RecordSummary {
        let promise = loop.makePromise(of: RecordSummary.self)
        do {
            try await loop.submit { [self] in
                let s = try RecordSession(options: options, loop: loop, time: time, random: SeededRandom(seed: seed),
                                          output: output, errorOutput: errorOutput, done: promise)
                try s.start()
                session.value = s
            }.get()
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
        loop.execute { [session] in session.value?.finish(reason) }
    }
}
