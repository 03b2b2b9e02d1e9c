import COpenBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenBLAS thread control.
///
/// OpenBLAS starts one thread per core by default. On the 2-core machines liqsim runs on,
/// that made small solves 25–37% slower and its spinning threads competed with the sweep's
/// own workers (docs/regimes.md, "BLAS threading"). Parallelism belongs at the level of
/// runs, so every liqsim process pins OpenBLAS to one thread first thing (its `main`), and
/// every regime entry point does again before its first call.
public enum BLASThreads {
    /// `openblas_set_num_threads(1)` and the idle server threads stopped, once per process
    /// (later calls are no-ops).
    ///
    /// Why stop them: OpenBLAS's constructor starts its server threads when the library is
    /// loaded, before `main`, and each one spins on `sched_yield` for about 2^28 cycles
    /// (~0.1 s) before it sleeps. On 2 cores that spin took a core from the replay at the
    /// start of every command (perf: 4% of a 1,000-run backtest's samples, all in
    /// `sched_yield` under libopenblas). Setting the count to 1 does not stop them;
    /// `blas_thread_shutdown_` (what OpenBLAS itself calls before a `fork`) joins them, and
    /// with one thread OpenBLAS never starts them again. Looked up at run time: OpenBLAS
    /// builds without a thread server (Debian's serial variant) do not have it.
    public static func pinToOne() {
        _ = pinned
    }

    /// A lazily initialised global runs its initialiser exactly once, thread-safely.
    private static let pinned: Void = {
        openblas_set_num_threads(1)   // first: with a count of 1, nothing restarts the threads
        if let symbol = dlsym(defaultHandle, "blas_thread_shutdown_") {
            typealias Shutdown = @convention(c) () -> Int32
            _ = unsafeBitCast(symbol, to: Shutdown.self)()
        }
    }()

    /// OpenBLAS's current thread count (1 after `pinToOne()`).
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// Whether OpenBLAS's thread server is running (its `blas_server_avail`); nil when this
    /// OpenBLAS has no thread server. False after `pinToOne()`.
    public static var serverRunning: Bool? {
        guard let symbol = dlsym(defaultHandle, "blas_server_avail") else { return nil }
        return symbol.assumingMemoryBound(to: Int32.self).pointee != 0
    }

    #if canImport(Glibc)
    private static var defaultHandle: UnsafeMutableRawPointer? { nil }   // RTLD_DEFAULT
    #else
    private static var defaultHandle: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: -2) }   // RTLD_DEFAULT
    #endif
}
