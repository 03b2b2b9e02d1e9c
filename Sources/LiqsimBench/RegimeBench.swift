import Foundation
import LiqsimRegimes

/// Issue 6 bench (a): the trend regressions over 1M bars × windows 60 and 240, by the
/// fast path (re-centred rolling sums) and the LAPACK/BLAS path (dgemm over Hankel
/// chunks + dpotrs), best of `runs` each, with their agreement; then the volatility
/// regime (realized, z-score, HAR-RV refits) over the same 1M bars. Target: fast path
/// ≤ 50 ms for 1M bars × 2 windows. In-process: no capture, no `--liqsim` needed.
enum RegimeBench {
    static let bars = 1_000_000
    static let windows = [60, 240]
    static let targetMilliseconds = 50.0

    /// False only when the two paths disagree beyond 1e-9 (a correctness failure).
    static func run(runs: Int) -> Bool {
        BLASThreads.pinToOne()
        let load = machineLoad()
        let y = logPriceWalk(count: bars, seed: 6)
        let close = y.map { Foundation.exp($0) }

        var fast: [TrendSeries] = [], blas: [TrendSeries] = []
        let fastSeconds = best(of: runs) { fast = windows.map { RollingOLS.trend(y, window: $0) } }
        let blasSeconds = best(of: runs) { blas = windows.map { RollingOLS.trendBLAS(y, window: $0) } }
        var volatility: VolatilitySeries?
        let volatilitySeconds = best(of: runs) { volatility = VolatilityRegime.compute(close: close, parameters: VolatilityParameters()) }

        let fits = Double(windows.reduce(0) { $0 + bars - $1 + 1 })
        let worst = zip(fast, blas).map { disagreement($0, $1) }.max() ?? .infinity
        let agree = worst <= 1e-9
        print("regimes: \(grouped(bars)) bars of a log-price random walk (σ 1e-3 from 10.5) × windows \(windows.map(String.init).joined(separator: ", ")); best of \(runs); OpenBLAS threads \(BLASThreads.current); load average \(fixed(load.load, 2)) on \(load.cpus) CPUs")
        if load.load > Double(load.cpus) / 2 {
            print("  note: the machine is busy; wall-clock figures are noisy, the CPU-time figures less so")
        }
        print("  trend, fast path (rolling sums)     \(ms(fastSeconds))  \(grouped(Int(fits / fastSeconds.wall))) fits/s")
        print("  trend, LAPACK path (dgemm + dpotrs) \(ms(blasSeconds))  \(grouped(Int(fits / blasSeconds.wall))) fits/s  (\(fixed(blasSeconds.wall / fastSeconds.wall, 1))× the fast path)")
        print("  paths agree: worst relative difference \(String(format: "%.1e", worst)) (slope/t/R²/z, docs/regimes.md); ≤ 1e-9: \(agree ? "yes" : "NO")")
        print("  volatility regime (realized, z over 7 days, HAR-RV, \(volatility?.harFits.count ?? 0) refits) \(ms(volatilitySeconds))")
        print("  fast path: \(fixed(fastSeconds.wall * 1000, 1)) ms wall (\(fixed(fastSeconds.cpu * 1000, 1)) ms CPU) for 1M bars × 2 windows; target ≤ \(fixed(targetMilliseconds, 0)) ms: \(verdict(fastSeconds.wall * 1000 <= targetMilliseconds))")
        return agree
    }

    /// Best wall and thread-CPU time of `runs` calls of `body` (on a busy 2-core machine
    /// the CPU time is the steadier figure).
    /// Times of the run with the best wall time.
    struct Times { var wall = Double.infinity, user = 0.0, system = 0.0; var cpu: Double { user + system } }

    static func best(of runs: Int, _ body: () -> Void) -> Times {
        var best = Times()
        for _ in 0..<max(runs, 1) {
            let start = monotonicSeconds(), startCPU = threadCPU()
            body()
            let wall = monotonicSeconds() - start, cpu = threadCPU()
            if wall < best.wall { best = Times(wall: wall, user: cpu.user - startCPU.user, system: cpu.system - startCPU.system) }
        }
        return best
    }

    /// This thread's user and system CPU seconds (system time here is mostly the kernel
    /// zeroing the fresh pages of the output arrays).
    static func threadCPU() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(__rusage_who_t(1), &usage)   // RUSAGE_THREAD (Linux), not imported by name
        return (Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
                Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6)
    }

    static func ms(_ t: Times) -> String {
        "\(fixed(t.wall * 1000, 1)) ms wall (CPU \(fixed(t.user * 1000, 0)) ms user + \(fixed(t.system * 1000, 0)) ms system)"
    }

    /// Gaussian random walk in log price (SplitMix64 + Box–Muller, fixed seed).
    static func logPriceWalk(count: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed), level = 10.5
        func uniform() -> Double { (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992 }
        return (0..<count).map { _ in
            level += 1e-3 * (-2 * Foundation.log(uniform())).squareRoot() * Foundation.cos(2 * Double.pi * uniform())
            return level
        }
    }

    /// The tests' measure (Tests/LiqsimTests/Regimes/RegimeTestKit.swift): relative
    /// difference with each statistic's resolution as the floor (slope: its standard
    /// error; t and z: 1; R²: 1/W).
    static func disagreement(_ a: TrendSeries, _ b: TrendSeries) -> Double {
        func relative(_ x: Double, _ y: Double, _ floor: Double) -> Double {
            x == y ? 0 : abs(x - y) / max(abs(x), abs(y), floor)
        }
        var worst = 0.0
        for i in (a.window - 1)..<a.count {
            let standardError = a.tStat[i] == 0 ? 0 : abs(a.slope[i] / a.tStat[i])
            worst = max(worst, relative(a.slope[i], b.slope[i], standardError), relative(a.tStat[i], b.tStat[i], 1),
                        relative(a.rSquared[i], b.rSquared[i], 1 / Double(a.window)),
                        relative(a.lastResidualZ[i], b.lastResidualZ[i], 1))
        }
        return worst
    }
}
