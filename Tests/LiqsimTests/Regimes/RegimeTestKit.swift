import Foundation
import LiqsimRegimes

/// Deterministic inputs and independent reference computations for the regime tests.
enum RK {
    /// SplitMix64 with Box–Muller normals: deterministic across platforms and runs.
    struct Random {
        var state: UInt64
        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Uniform in (0, 1).
        mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

        mutating func normal() -> Double {
            (-2 * Foundation.log(uniform())).squareRoot() * Foundation.cos(2 * Double.pi * uniform())
        }
    }

    /// Log price: a Gaussian random walk from `start` with per-bar σ `step`.
    static func randomWalk(count: Int, start: Double = 10.5, step: Double = 1e-3, seed: UInt64) -> [Double] {
        var rng = Random(seed: seed), y = start
        return (0..<count).map { _ in
            y += step * rng.normal()
            return y
        }
    }

    /// One window's OLS of y on x = 0…W−1 by plain two-pass double loops (mean first,
    /// then centred sums, then explicit residuals): no rolling sums, no BLAS, no shared code.
    /// R² is Σ(ŷ − ȳ)² ÷ TSS, which keeps its relative precision when R² is tiny
    /// (1 − RSS/TSS would cancel there).
    struct ReferenceFit {
        var slope, intercept, rss, tss, tStat, rSquared, lastResidualZ: Double
    }

    static func referenceFit(_ y: ArraySlice<Double>) -> ReferenceFit {
        // Shift by the first value: exact (Sterbenz) for values within a factor 2 of it, and
        // the fit is shift-invariant; without it a level of 1e3 with 1e-6 moves loses
        // 1e-8 of the deviations to the rounding of ȳ.
        let w = y.count, xs = (0..<w).map(Double.init), ys = y.map { $0 - y.first! }
        let xMean = xs.reduce(0, +) / Double(w), yMean = ys.reduce(0, +) / Double(w)
        var sxx = 0.0, sxy = 0.0, tss = 0.0
        for k in 0..<w {
            sxx += (xs[k] - xMean) * (xs[k] - xMean)
            sxy += (xs[k] - xMean) * (ys[k] - yMean)
            tss += (ys[k] - yMean) * (ys[k] - yMean)
        }
        let slope = sxy / sxx, intercept = yMean - slope * xMean
        var rss = 0.0, explained = 0.0
        for k in 0..<w {
            let fitted = intercept + slope * xs[k]
            rss += (ys[k] - fitted) * (ys[k] - fitted)
            explained += (fitted - yMean) * (fitted - yMean)
        }
        let sigma = (rss / Double(w - 2)).squareRoot()
        let t = slope / (sigma / sxx.squareRoot())
        let lastResidual = ys[w - 1] - (intercept + slope * xs[w - 1])
        return ReferenceFit(slope: slope, intercept: intercept, rss: rss, tss: tss, tStat: t,
                            rSquared: tss > 0 ? explained / tss : 0, lastResidualZ: lastResidual / sigma)
    }

    /// |a − b| ÷ max(|a|, |b|, floor): relative difference, with `floor` the scale below
    /// which a difference is measured absolutely (values near 0 have no relative precision).
    static func relative(_ a: Double, _ b: Double, floor: Double = 0) -> Double {
        if a == b { return 0 }
        return abs(a - b) / max(abs(a), abs(b), floor)
    }

    /// NaN-aware bitwise equality of two series prefixes (NaN == NaN here).
    static func identical(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}

extension RK {
    /// Largest disagreement between two trend fits of the same series, relative with
    /// each statistic's own resolution as the floor (docs/regimes.md, "Two paths"):
    /// slope relative to max(|a|, |b|, its standard error), t relative to max(|a|, |b|, 1),
    /// R² relative to max(|a|, |b|, 1/W), the residual z relative to max(|a|, |b|, 1).
    /// A slope a millionth of its standard error has no relative precision in any
    /// double-precision method; the floor measures it in the units a t-threshold sees.
    struct Disagreement: CustomStringConvertible {
        var slope = 0.0, tStat = 0.0, rSquared = 0.0, lastResidualZ = 0.0
        /// Windows where exactly one side is NaN (must be none).
        var nanMismatches = 0
        var worst: Double { max(slope, tStat, rSquared, lastResidualZ) }
        var description: String { "slope \(slope) t \(tStat) R² \(rSquared) z \(lastResidualZ) NaN mismatches \(nanMismatches)" }
    }

    static func disagreement(_ a: TrendSeries, _ b: TrendSeries) -> Disagreement {
        var d = Disagreement()
        let w = Double(a.window)
        for i in 0..<a.count {
            if a.slope[i].isNaN || b.slope[i].isNaN {
                if a.slope[i].isNaN != b.slope[i].isNaN { d.nanMismatches += 1 }
                continue
            }
            let standardError = a.tStat[i] == 0 ? 0 : abs(a.slope[i] / a.tStat[i])
            d.slope = max(d.slope, relative(a.slope[i], b.slope[i], floor: standardError))
            d.tStat = max(d.tStat, relative(a.tStat[i], b.tStat[i], floor: 1))
            d.rSquared = max(d.rSquared, relative(a.rSquared[i], b.rSquared[i], floor: 1 / w))
            d.lastResidualZ = max(d.lastResidualZ, relative(a.lastResidualZ[i], b.lastResidualZ[i], floor: 1))
        }
        return d
    }

    /// The same measure between a series and the two-pass reference at bars `indices`.
    static func disagreementWithReference(_ s: TrendSeries, _ y: [Double], at indices: some Sequence<Int>) -> Disagreement {
        var d = Disagreement()
        let w = s.window
        for i in indices {
            let r = referenceFit(y[(i - w + 1)...i])
            let standardError = abs(r.slope / r.tStat)
            d.slope = max(d.slope, relative(s.slope[i], r.slope, floor: standardError))
            d.tStat = max(d.tStat, relative(s.tStat[i], r.tStat, floor: 1))
            d.rSquared = max(d.rSquared, relative(s.rSquared[i], r.rSquared, floor: 1 / Double(w)))
            d.lastResidualZ = max(d.lastResidualZ, relative(s.lastResidualZ[i], r.lastResidualZ, floor: 1))
        }
        return d
    }
}

extension RK {
    /// β from XᵀXβ = Xᵀy by Gauss–Jordan elimination with partial pivoting, in plain loops.
    static func normalEquations(design: [Double], rows: Int, columns p: Int, y: [Double]) -> [Double] {
        var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
        for r in 0..<rows {
            for i in 0..<p {
                for j in 0..<p { a[i][j] += design[r * p + i] * design[r * p + j] }
                a[i][p] += design[r * p + i] * y[r]
            }
        }
        for col in 0..<p {
            let pivot = (col..<p).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot)
            for r in 0..<p where r != col {
                let f = a[r][col] / a[col][col]
                for c in col...p { a[r][c] -= f * a[col][c] }
            }
        }
        return (0..<p).map { a[$0][p] / a[$0][$0] }
    }
}
