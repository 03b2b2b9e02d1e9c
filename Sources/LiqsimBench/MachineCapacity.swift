import Foundation

/// How many cores the machine gives two busy threads right now: a virtual machine's second
/// core can be mostly taken by its host for minutes at a time (the load average does not
/// show it), and then every ratio of a multi-threaded run against single-threaded `zstd -dc`
/// moves for reasons that are not liqsim's. Two threads spin the same arithmetic as one
/// thread did alone (no memory shared, nothing to wait for): the one thread's time over the
/// pair's, times two, is the cores they got (2.0 on a quiet 2-core machine). It catches a
/// core taken away, not two threads slowing each other through shared caches and memory
/// (the spin touches neither), which the backtest's two writing threads also do.
enum MachineCapacity {
    static func coresForTwoThreads() -> Double {
        var one = Double.infinity, two = Double.infinity
        for _ in 0..<3 {
            var started = monotonicSeconds()
            spin()
            one = min(one, monotonicSeconds() - started)
            started = monotonicSeconds()
            let group = DispatchGroup()
            for _ in 0..<2 { DispatchQueue.global().async(group: group) { spin() } }
            group.wait()
            two = min(two, monotonicSeconds() - started)
        }
        return 2 * one / two
    }

    /// The line `liqsim-bench` prints for a section whose ratios depend on it (measured now
    /// unless `measured` is given). A one-CPU machine can give two threads one core at most.
    static func line(_ measured: Double? = nil) -> String {
        let cores = measured ?? coresForTwoThreads()
        let expected = Double(min(machineLoad().cpus, 2))
        return "  machine: two spinning threads got \(fixed(cores, 2)) cores (of \(Int(expected)) a quiet machine gives them)"
            + (cores < 0.85 * expected ? " — the host is taking part of a core: multi-threaded wall times and their ratios to zstd -dc are worse than on a quiet machine" : "")
    }

    /// ~20 M xorshift steps (tens of milliseconds); the result is kept so the loop is not removed.
    private static func spin() {
        var x: UInt64 = 88_172_645_463_325_252
        for _ in 0..<20_000_000 { x ^= x << 13; x ^= x >> 7; x ^= x << 17 }
        if x == 0 { print("") }
    }
}
