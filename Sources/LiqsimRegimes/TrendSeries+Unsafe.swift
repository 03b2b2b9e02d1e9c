/// Where a fitting path writes its per-window results before they are turned into
/// statistics: the four output arrays, used as staging, for windows ending at W−1…n−1.
/// For the window ending at bar i a path stores, over u = y − c (any reference c):
///   slope[i] = the OLS slope,  tStat[i] = TSS = Σ(u − ū)²,
///   rSquared[i] = RSS (already passed through `TrendStage.exactZero`),
///   lastResidualZ[i] = u_i − ū;
/// four zeros for a constant window, or NaN for a window holding a non-finite value.
/// It then calls `TrendSeries.finish` over the windows it staged — in blocks, while they
/// are still in cache — which turns them into the statistics four windows at a time (the
/// sqrt and division stay out of the serial rolling-sum dependency chain).
struct TrendStage {
    let window: Int
    let count: Int
    let slope: UnsafeMutablePointer<Double>
    let tss: UnsafeMutablePointer<Double>
    let rss: UnsafeMutablePointer<Double>
    let lastDeviation: UnsafeMutablePointer<Double>

    /// RSS of a window whose values are only known to rounding: W·(64 ε·level)², with
    /// level = |ȳ| + √(TSS/W) the size of the values themselves (not of u = y − c, so the
    /// cut-off does not depend on a path's reference). y = 10.5 + 0.001·i is a perfect
    /// line only up to its own rounding (residuals ~1e-15); below this cut-off RSS
    /// counts as 0 and the line gets t = ±limit, R² = 1, z = 0 instead of noise ÷ noise.
    @inline(__always)
    static func exactZero(rss: Double, level: Double, tss: Double, width: Double) -> Double {
        let scale = 64 * Double.ulpOfOne * (abs(level) + (max(tss, 0) / width).squareRoot())
        return rss <= width * scale * scale ? 0 : rss
    }

    /// The window's fit by plain two-pass loops over u = y − y[first] (exact for values
    /// within a factor 2 of each other), in O(W): the fast path's fallback where
    /// TSS − slope·Sxy would cancel (a near-perfect fit), whose rolling sums — carried
    /// around an older reference — no longer hold the slope to the last digits either.
    /// Returns the mean of u (relative to y[first]), slope, TSS and RSS.
    @inline(__always)
    static func directFit(_ y: UnsafePointer<Double>, width w: Int) -> (mean: Double, slope: Double, tss: Double, rss: Double) {
        let c = y[0], width = Double(w), half = (width - 1) / 2
        var sum = 0.0
        for k in 0..<w { sum += y[k] - c }
        let mean = sum / width
        var sxy = 0.0, tss = 0.0
        for k in 0..<w {
            let d = (y[k] - c) - mean
            sxy += (Double(k) - half) * d
            tss += d * d
        }
        let slope = sxy * 12 / (width * (width * width - 1))
        return (mean, slope, tss, residualSumOfSquares(y, width: w, reference: c, mean: mean, slope: slope))
    }

    /// TSS = Σ(u_k − ū)² and RSS = Σ(u_k − ū − slope·(k − (W−1)/2))² of one window in one
    /// pass, four interleaved accumulators (a fixed order, so the same bits every run;
    /// one accumulator would serialise on the add latency — Swift does not reorder a
    /// floating-point reduction itself).
    @inline(__always)
    static func residualSums(_ u: UnsafePointer<Double>, width w: Int, mean: Double, slope: Double) -> (tss: Double, rss: Double) {
        let half = (Double(w) - 1) / 2
        var t = SIMD4<Double>(), r = SIMD4<Double>()
        var k = 0
        while k + 4 <= w {
            let x = SIMD4<Double>(Double(k), Double(k + 1), Double(k + 2), Double(k + 3)) - half
            let d = SIMD4<Double>(u[k], u[k + 1], u[k + 2], u[k + 3]) - mean
            let e = d - slope * x
            t += d * d
            r += e * e
            k += 4
        }
        var tss = (t[0] + t[1]) + (t[2] + t[3]), rss = (r[0] + r[1]) + (r[2] + r[3])
        while k < w {
            let d = u[k] - mean, e = d - slope * (Double(k) - half)
            tss += d * d
            rss += e * e
            k += 1
        }
        return (tss, rss)
    }

    /// Σ (u_k − ū − slope·(k − (W−1)/2))² over one window with u = y − reference.
    @inline(__always)
    static func residualSumOfSquares(_ y: UnsafePointer<Double>, width w: Int, reference c: Double, mean: Double, slope: Double) -> Double {
        let half = (Double(w) - 1) / 2
        var rss = 0.0
        for k in 0..<w {
            let e = (y[k] - c) - mean - slope * (Double(k) - half)
            rss += e * e
        }
        return rss
    }
}

extension TrendSeries {
    /// Builds the series: NaN for bars 0…W−2, `fill` stages and finishes every window
    /// (when count ≥ W). Each output element is written once by the fill and once by
    /// the finish, never initialised to a placeholder first.
    init(window: Int, count: Int, fill: (TrendStage) -> Void) {
        var slope = [Double](), tss = [Double](), rss = [Double](), deviation = [Double]()
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
                rss = uninitialised { r in
                    deviation = uninitialised { d in
                        guard count >= window else { return }   // all NaN
                        fill(TrendStage(window: window, count: count, slope: s, tss: t, rss: r, lastDeviation: d))
                    }
                }
            }
        }
        self.init(window: window, slope: slope, tStat: tss, rSquared: rss, lastResidualZ: deviation)
    }

    /// Staged values → slope, t, R², last-residual z, in place (see `TrendStage`):
    ///   explained = slope²·Sxx (the centred-x regression sum of squares),
    ///   s = √(RSS/(W−2)),  t = slope·√Sxx ÷ s,
    ///   R² = 1 − RSS/TSS when RSS < TSS/2, else explained/TSS (each form where it keeps
    ///   its relative precision: near 1 and near 0),
    ///   z = (u_i − ū − slope·(W−1)/2) ÷ s.
    /// RSS = 0: t = ±tStatLimit by the slope's sign (0 for slope 0), z = 0. TSS = 0: R² = 0.
    /// t is clamped to ±tStatLimit, R² to ≤ 1 (rounding). A NaN slope gives NaN everywhere.
    static func finish(_ stage: TrendStage, windowsEndingIn bars: Range<Int>) {
        let w = Double(stage.window)
        let sxx = w * (w * w - 1) / 12, rootSxx = sxx.squareRoot()
        let half = (w - 1) / 2, perDegree = 1 / (w - 2)
        let limit = RollingOLS.tStatLimit
        typealias V = SIMD4<Double>
        var i = bars.lowerBound
        // Four windows per step, explicitly: the compiler does not vectorize this loop on
        // its own, and the square root and division are most of a window's cost.
        while i < bars.upperBound {
            let lanes = Swift.min(4, bars.upperBound - i)
            let b = load(stage.slope + i, lanes), tss = load(stage.tss + i, lanes)
            let rss = load(stage.rss + i, lanes), deviation = load(stage.lastDeviation + i, lanes)
            let explained = b * b * sxx
            let exact = rss .== 0
            let sd = (rss * perDegree).replacing(with: 1, where: exact).squareRoot()
            let positiveTSS = tss .> 0
            let safeTSS = tss.replacing(with: 1, where: .!positiveTSS)
            // One division for both reciprocals: 1/(s·TSS)·TSS = 1/s, 1/(s·TSS)·s = 1/TSS.
            let reciprocal = 1 / (sd * safeTSS)
            let inverseSD = reciprocal * safeTSS, inverseTSS = reciprocal * sd
            let signedLimit = V(repeating: 0).replacing(with: limit, where: b .> 0).replacing(with: -limit, where: b .< 0)
            var t = pointwiseMin(pointwiseMax(b * rootSxx * inverseSD, V(repeating: -limit)), V(repeating: limit))
            t.replace(with: signedLimit, where: exact)
            var r2 = (1 - rss * inverseTSS).replacing(with: pointwiseMin(explained * inverseTSS, V(repeating: 1)), where: .!(rss .< 0.5 * tss))
            r2.replace(with: 0, where: .!positiveTSS)
            var z = ((deviation - b * half) * inverseSD).replacing(with: 0, where: exact)
            let undefined = b .!= b
            t.replace(with: .nan, where: undefined)
            r2.replace(with: .nan, where: undefined)
            z.replace(with: .nan, where: undefined)
            store(t, stage.tss + i, lanes)
            store(r2, stage.rss + i, lanes)
            store(z, stage.lastDeviation + i, lanes)
            i += lanes
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafeMutablePointer<Double>, _ lanes: Int) -> SIMD4<Double> {
        if lanes == 4 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self) }
        var v = SIMD4<Double>(repeating: 0)
        for k in 0..<lanes { v[k] = p[k] }
        return v
    }

    @inline(__always)
    private static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>, _ lanes: Int) {
        if lanes == 4 {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
        } else {
            for k in 0..<lanes { p[k] = v[k] }
        }
    }
}
