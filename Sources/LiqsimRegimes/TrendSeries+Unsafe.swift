/// Where a fitting path writes its per-window results before they are turned into
/// statistics: the four output arrays, used as staging, for windows ending at W−1…n−1.
/// For the window ending at bar i a path stores, over u = y − c (any reference c):
///   slope[i] = the OLS slope,  tStat[i] = TSS = Σ(u − ū)²,  rSquared[i] = Σu²,
///   lastResidualZ[i] = u_i − ū,
/// or four zeros for a constant window, then calls `TrendSeries.finish` over the windows
/// it staged — in blocks, while they are still in cache — which turns them into the
/// statistics in a branch-free loop (the sqrt and divisions stay out of the serial
/// rolling-sum dependency chain).
struct TrendStage {
    let window: Int
    let count: Int
    let slope: UnsafeMutablePointer<Double>
    let tss: UnsafeMutablePointer<Double>
    let sumSquares: UnsafeMutablePointer<Double>
    let lastDeviation: UnsafeMutablePointer<Double>
}

extension TrendSeries {
    /// RSS below this fraction of Σu² is rounding noise of the sums it is computed from
    /// (1024 ulp; rolling sums carry up to ~√1024 ulp of drift): it counts as 0, so a
    /// perfect line gets RSS = 0, R² = 1, t = ±limit, z = 0 instead of noise ÷ noise.
    static let rssNoiseFraction = 1024 * Double.ulpOfOne

    /// Builds the series: NaN for bars 0…W−2, `fill` stages and finishes every window
    /// (when count ≥ W). Each output element is written once
    /// by the fill and once by the finish, never initialised to a placeholder first.
    init(window: Int, count: Int, fill: (TrendStage) -> Void) {
        var slope = [Double](), tss = [Double](), sumSquares = [Double](), deviation = [Double]()
        let prefix = min(window - 1, count)
        func uninitialised(_ body: (UnsafeMutablePointer<Double>) -> Void) -> [Double] {
            [Double](unsafeUninitializedCapacity: count) { buffer, initialised in
                HugePages.advise(UnsafeMutableRawPointer(buffer.baseAddress!), bytes: count * MemoryLayout<Double>.stride)
                buffer.baseAddress!.initialize(repeating: .nan, count: prefix)
                body(buffer.baseAddress!)
                initialised = count
            }
        }
        guard count > 0 else {
            self.init(window: window, slope: [], tStat: [], rSquared: [], lastResidualZ: [])
            return
        }
        // Nested so all four buffers are alive at once for `fill`.
        slope = uninitialised { s in
            tss = uninitialised { t in
                sumSquares = uninitialised { q in
                    deviation = uninitialised { d in
                        guard count >= window else { return }   // all NaN
                        let stage = TrendStage(window: window, count: count, slope: s, tss: t, sumSquares: q, lastDeviation: d)
                        fill(stage)
                    }
                }
            }
        }
        self.init(window: window, slope: slope, tStat: tss, rSquared: sumSquares, lastResidualZ: deviation)
    }

    /// Staged sums → slope, t, R², last-residual z, in place (see `TrendStage`).
    ///   explained = slope²·Sxx   (the centred-x regression sum of squares)
    ///   RSS = TSS − explained, 0 when ≤ rssNoiseFraction·Σu²
    ///   s = √(RSS/(W−2)),  t = slope·√Sxx ÷ s,  R² = explained ÷ TSS,
    ///   z = (u_i − ū − slope·(W−1)/2) ÷ s
    /// RSS = 0: t = ±tStatLimit by the slope's sign (0 for slope 0), R² = 1 if TSS > 0
    /// else 0, z = 0. t is clamped to ±tStatLimit and R² to ≤ 1 (rounding).
    static func finish(_ stage: TrendStage, windowsEndingIn bars: Range<Int>) {
        let w = Double(stage.window)
        let sxx = w * (w * w - 1) / 12, rootSxx = sxx.squareRoot()
        let half = (w - 1) / 2, perDegree = 1 / (w - 2)
        let limit = RollingOLS.tStatLimit, noise = rssNoiseFraction
        let slope = stage.slope, t = stage.tss, r = stage.sumSquares, z = stage.lastDeviation
        for i in bars {
            let b = slope[i], tss = t[i], s2 = r[i], deviation = z[i]
            let explained = b * b * sxx
            let rss = tss - explained
            let exact = rss <= noise * s2
            let inverseSD = 1 / (exact ? 1 : rss * perDegree).squareRoot()
            let signedLimit = b > 0 ? limit : (b < 0 ? -limit : 0)
            t[i] = exact ? signedLimit : Swift.min(Swift.max(b * rootSxx * inverseSD, -limit), limit)
            r[i] = exact ? (tss > 0 ? 1 : 0) : Swift.min(explained / (exact ? 1 : tss), 1)
            z[i] = exact ? 0 : (deviation - b * half) * inverseSD
        }
    }
}
