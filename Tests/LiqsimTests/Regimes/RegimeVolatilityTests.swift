import Foundation
import Testing
import LiqsimRegimes

@Suite("Regime volatility: realized, z-score, labels")
struct RegimeVolatilityTests {
    /// Closes from a log walk whose per-bar σ changes in stages.
    static func closes(count: Int, seed: UInt64, sigma: (Int) -> Double) -> [Double] {
        var rng = RK.Random(seed: seed), logPrice = Foundation.log(90_000.0)
        return (0..<count).map { i in
            if i > 0 { logPrice += sigma(i) * rng.normal() }
            return Foundation.exp(logPrice)
        }
    }

    static func small() -> VolatilityParameters {
        var p = VolatilityParameters()
        p.rvWindow = 30
        p.zLookback = 500
        p.minSamples = 50
        p.harPeriod = 100
        p.refitEvery = 100
        return p
    }

    /// Direct: √Σ ln(c_j/c_{j−1})² over j = i−W+1…i, in a loop per bar.
    static func directRealized(_ close: [Double], window: Int, at i: Int) -> Double {
        guard i >= window else { return .nan }
        var sum = 0.0
        for j in (i - window + 1)...i {
            let r = Foundation.log(close[j] / close[j - 1])
            sum += r * r
        }
        return sum.squareRoot()
    }

    /// Direct two-pass z of v[i] against the defined v[j], j = i−L…i−1.
    static func directZ(_ v: [Double], lookback: Int, minSamples: Int, at i: Int) -> Double {
        let trailing = v[max(0, i - lookback)..<i].filter { !$0.isNaN }
        guard trailing.count >= minSamples, !v[i].isNaN else { return .nan }
        let mean = trailing.reduce(0, +) / Double(trailing.count)
        let ss = trailing.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let sd = (ss / Double(trailing.count - 1)).squareRoot()
        return sd == 0 ? 0 : (v[i] - mean) / sd
    }

    @Test func realizedAndZMatchDirectComputation() {
        let p = Self.small()
        let close = Self.closes(count: 6000, seed: 1) { $0 < 2000 ? 1e-3 : ($0 < 4000 ? 3e-3 : 5e-4) }
        let s = VolatilityRegime.compute(close: close, parameters: p)
        #expect(s.realized.count == 6000 && s.z.count == 6000 && s.labels.count == 6000 && s.forecast.count == 6000)
        #expect(s.realized[0..<30].allSatisfy { $0.isNaN } && !s.realized[30].isNaN)
        for i in 0..<close.count {
            let r = Self.directRealized(close, window: p.rvWindow, at: i)
            #expect(r.isNaN ? s.realized[i].isNaN : RK.relative(s.realized[i], r) < 1e-12)
        }
        // First z: realized defined from bar 30, 50 of them trailing at bar 80.
        #expect(s.z[0..<80].allSatisfy { $0.isNaN } && !s.z[80].isNaN)
        let direct = s.realized.indices.map { Self.directZ(s.realized, lookback: p.zLookback, minSamples: p.minSamples, at: $0) }
        for i in 0..<close.count {
            #expect(direct[i].isNaN ? s.z[i].isNaN : RK.relative(s.z[i], direct[i], floor: 1) < 1e-9, "bar \(i)")
            #expect(s.labels[i] == VolatilityLabel(z: s.z[i]))
        }
    }

    /// The default 7-day lookback over 30,000 bars, checked every 97th bar.
    @Test func defaultParametersMatchDirectZ() {
        let p = VolatilityParameters()
        let close = Self.closes(count: 30_000, seed: 2) { 1e-3 * (1 + 0.5 * Foundation.sin(Double($0) / 2000)) }
        let s = VolatilityRegime.compute(close: close, parameters: p)
        #expect(s.z[0..<(p.rvWindow + p.minSamples)].allSatisfy { $0.isNaN })
        for i in stride(from: 0, to: close.count, by: 97) {
            let d = Self.directZ(s.realized, lookback: p.zLookback, minSamples: p.minSamples, at: i)
            #expect(d.isNaN ? s.z[i].isNaN : RK.relative(s.z[i], d, floor: 1) < 1e-9, "bar \(i)")
        }
    }

    /// Volatility triples: ELEVATED soon after; falls back: COMPRESSED once the trailing
    /// window is full of the high regime.
    @Test func labelsFollowAVolatilityJump() {
        let p = Self.small()
        let close = Self.closes(count: 3000, seed: 3) { $0 < 1000 ? 1e-3 : ($0 < 2000 ? 3e-3 : 1e-3) }
        let s = VolatilityRegime.compute(close: close, parameters: p)
        #expect(s.labels[900] == .normal || abs(s.z[900]) <= 3)
        #expect((1030...1100).allSatisfy { s.labels[$0] == .elevated })
        #expect((2030...2100).allSatisfy { s.labels[$0] == .compressed })
    }

    /// A constant price: realized 0, z 0 (zero spread), NORMAL, and no HAR fit (every
    /// design is rank-deficient), so the forecast stays NaN.
    @Test func constantPrice() {
        let s = VolatilityRegime.compute(close: [Double](repeating: 50_000, count: 4000), parameters: Self.small())
        #expect(s.realized[30...].allSatisfy { $0 == 0 })
        #expect(s.z[80...].allSatisfy { $0 == 0 } && s.labels.allSatisfy { $0 == .normal })
        #expect(s.forecast.allSatisfy { $0.isNaN } && s.harFits.isEmpty)
    }

    @Test func shortInputs() {
        for n in [0, 1, 2, 30, 31] {
            let s = VolatilityRegime.compute(close: [Double](repeating: 100, count: n).enumerated().map { $1 + Double($0) }, parameters: Self.small())
            #expect(s.realized.count == n && s.z.allSatisfy { $0.isNaN } && s.forecast.allSatisfy { $0.isNaN })
        }
    }

    /// No look-ahead: every output at bar i is identical whether or not later bars exist.
    @Test func truncatedSeriesGivesIdenticalPrefix() {
        var p = Self.small()
        p.harPeriod = 20
        p.refitEvery = 50
        let close = Self.closes(count: 8000, seed: 4) { 1e-3 * (1 + 0.8 * Foundation.sin(Double($0) / 300)) }
        let full = VolatilityRegime.compute(close: close, parameters: p)
        #expect(!full.harFits.isEmpty)
        for cut in [1, 80, 81, 599, 600, 1024, 1025, 4321] {
            let part = VolatilityRegime.compute(close: Array(close[0..<cut]), parameters: p)
            #expect(RK.identical(full.realized[0..<cut], part.realized[...]))
            #expect(RK.identical(full.z[0..<cut], part.z[...]))
            #expect(RK.identical(full.forecast[0..<cut], part.forecast[...]))
            #expect(Array(full.labels[0..<cut]) == part.labels)
            #expect(full.harFits.filter { $0.bar < cut } == part.harFits)
        }
    }
}
