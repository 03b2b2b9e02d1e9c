import Foundation

/// Reads and decompresses the next block on a background thread while the caller works
/// on the current one (the scanner's two buffers make that safe). Order and content are
/// exactly those of `BlockScanner.nextBlock()`; only the timing changes.
///
/// Handoff: the worker decodes one block ahead, publishes it, and waits until the caller
/// takes it; taking block k lets the worker decode k+1 into the buffer k-1 used.
public final class BlockPrefetcher: @unchecked Sendable {
    public let scanner: BlockScanner
    private let published = DispatchSemaphore(value: 0)
    private let wanted = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private var result: Result<DecodedBlock?, Error> = .success(nil)
    private var stopping = false
    private var workerDone = false

    public init(_ scanner: BlockScanner) {
        self.scanner = scanner
        let thread = Thread { [self] in run() }
        thread.name = "liqsim-prefetch"
        thread.start()
        wanted.signal()
    }

    private func run() {
        while true {
            wanted.wait()
            if stopping { break }
            let r = Result { try scanner.nextBlock() }
            result = r
            published.signal()
            if case .success(.some) = r { continue }
            break   // end of file or an error: nothing more to read
        }
        exited.signal()
    }

    /// The next block (nil at the end); rethrows the scanner's error.
    public func nextBlock() throws -> DecodedBlock? {
        guard !workerDone else { return nil }
        published.wait()
        let r = result
        if case .success(.some) = r { wanted.signal() } else { workerDone = true }
        return try r.get()
    }

    /// Stops the worker (waiting for it), e.g. when `--to` ends reading early.
    public func stop() {
        guard !workerDone else { return }
        workerDone = true
        // The worker is decoding or waiting: let it finish the block in hand, then exit.
        published.wait()
        stopping = true
        wanted.signal()
        exited.wait()
    }

    deinit { stop() }
}
