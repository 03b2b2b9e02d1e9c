import Foundation

/// Reads and decompresses the next block on a background thread while the caller works
/// on the current one (the scanner's two buffers make that safe). Order and content are
/// exactly those of `BlockScanner.nextBlock()`; only the timing changes.
///
/// Handoff: the worker decodes one block ahead, publishes it, and waits until the caller
/// takes it; taking block k lets the worker decode k+1 into the buffer k-1 used. The
/// thread holds only the worker, so dropping the prefetcher always stops the thread.
public final class BlockPrefetcher {
    public var scanner: BlockScanner { worker.scanner }
    private let worker: Worker

    public init(_ scanner: BlockScanner) {
        worker = Worker(scanner)
        let worker = self.worker
        let thread = Thread { worker.run() }
        thread.name = "liqsim-prefetch"
        thread.start()
        worker.wanted.signal()
    }

    /// The next block (nil at the end); rethrows the scanner's error.
    public func nextBlock() throws -> DecodedBlock? { try worker.take() }

    /// Stops the worker (waiting for it), e.g. when `--to` ends reading early.
    public func stop() { worker.stop() }

    deinit { worker.stop() }

    private final class Worker: @unchecked Sendable {
        let scanner: BlockScanner
        let published = DispatchSemaphore(value: 0)
        let wanted = DispatchSemaphore(value: 0)
        let exited = DispatchSemaphore(value: 0)
        // Written by the worker before `published.signal()`, read by the caller after `published.wait()`.
        private var result: Result<DecodedBlock?, Error> = .success(nil)
        // Written by the caller before `wanted.signal()`, read by the worker after `wanted.wait()`.
        private var stopping = false
        private var done = false   // caller side only

        init(_ scanner: BlockScanner) { self.scanner = scanner }

        func run() {
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

        func take() throws -> DecodedBlock? {
            guard !done else { return nil }
            published.wait()
            let r = result
            if case .success(.some) = r { wanted.signal() } else { done = true; exited.wait() }
            return try r.get()
        }

        func stop() {
            guard !done else { return }
            done = true
            // The worker is decoding or waiting: let it publish the block in hand, then exit.
            published.wait()
            stopping = true
            wanted.signal()
            exited.wait()
        }
    }
}
