import COpenBLAS

/// OpenBLAS thread control.
///
/// OpenBLAS starts one thread per core by default. On the 2-core machines liqsim runs on,
/// that made small solves 25–37% slower and its spinning threads competed with the sweep's
/// own workers (docs/regimes.md, "BLAS threading"). Parallelism belongs at the level of
/// runs, so every regime entry point pins OpenBLAS to one thread before its first call.
public enum BLASThreads {
    /// `openblas_set_num_threads(1)`, once per process (later calls are no-ops).
    public static func pinToOne() {
        _ = pinned
    }

    /// A lazily initialised global runs its initialiser exactly once, thread-safely.
    private static let pinned: Void = {
        openblas_set_num_threads(1)
    }()

    /// OpenBLAS's current thread count (1 after `pinToOne()`).
    public static var current: Int { Int(openblas_get_num_threads()) }
}
