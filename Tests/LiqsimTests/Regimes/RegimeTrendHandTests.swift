import Testing
import LiqsimRegimes

/// Trend regressions on cases small enough to work out by hand.
@Suite("Regime trend: hand cases")
struct RegimeTrendHandTests {
    /// y = 1, 3, 2, 5, 4 at x = 0…4: x̄ = 2, ȳ = 3, Sxx = 10, Sxy = 4+0+0+2+2 = 8,
    /// slope 0.8, intercept 1.4, fitted 1.4 2.2 3.0 3.8 4.6, residuals −.4 .8 −1 1.2 −.6,
    /// RSS 3.6, TSS 10, R² 0.64, σ² = 3.6/3 = 1.2, t = 0.8/√(1.2/10) = 2.3094010767585034,
    /// last residual z = −0.6/√1.2 = −0.5477225575051661.
    static let five: [Double] = [1, 3, 2, 5, 4]

    /// Every test runs on both implementations.
    static let paths = ["sums", "blas"]

    static func fitter(_ path: String) -> ([Double], Int) -> TrendSeries {
        path == "sums" ? { RollingOLS.trend($0, window: $1) } : { RollingOLS.trendBLAS($0, window: $1) }
    }

    @Test(arguments: paths)
    func fivePointExample(path: String) {
        let fit = Self.fitter(path)
        let s = fit(Self.five, 5)
        #expect(s.window == 5 && s.count == 5)
        #expect(s.slope[0..<4].allSatisfy { $0.isNaN } && s.tStat[0..<4].allSatisfy { $0.isNaN })
        #expect(s.rSquared[0..<4].allSatisfy { $0.isNaN } && s.lastResidualZ[0..<4].allSatisfy { $0.isNaN })
        #expect(abs(s.slope[4] - 0.8) < 1e-14)
        #expect(abs(s.tStat[4] - 2.3094010767585034) < 1e-13)
        #expect(abs(s.rSquared[4] - 0.64) < 1e-14)
        #expect(abs(s.lastResidualZ[4] - -0.5477225575051661) < 1e-13)
        // The label reads the drift's HAC t (`driftFivePointExample`): 1.83, not the OLS t 2.31.
        #expect(s.label(at: 4) == .stable)
        #expect(s.label(at: 4, tThreshold: 1.82) == .strengthening)
        #expect(s.label(at: 4, tThreshold: 1.84) == .stable)
        #expect(s.label(at: 3) == .stable)   // NaN: not enough bars
    }

    /// The label's statistic on the same five points: changes 2, −1, 3, −1 (n = 4), drift
    /// 0.75, lag L = ⌊4·0.04^(2/9)⌋ = 1 (weight 1/2·2 = 1), demeaned changes 1.25, −1.75,
    /// 2.25, −1.75: γ₀ = 12.75/4 = 3.1875, γ₁ = −10.0625/4 = −2.515625, ω² = 0.671875,
    /// t = 0.75 ÷ √(0.671875/4) = 1.829982843991256. W = 3 on 0, 1, 3: changes 1, 2, drift
    /// 1.5, γ₀ = 0.25, γ₁ = −0.125, ω² = 0.125, t = 1.5 ÷ √(0.125/2) = 6.
    @Test(arguments: paths)
    func driftFivePointExample(path: String) {
        let fit = Self.fitter(path)
        let s = fit(Self.five, 5)
        #expect(s.drift[0..<4].allSatisfy { $0.isNaN } && s.driftT[0..<4].allSatisfy { $0.isNaN })
        #expect(s.drift[4] == 0.75)
        #expect(abs(s.driftT[4] - 1.829982843991256) < 1e-13)
        let level = fit(Self.five.map { 10.5 + 1e-4 * $0 }, 5)
        #expect(RK.relative(level.driftT[4], 1.829982843991256) < 1e-9)
        let down = fit(Self.five.map { 10.5 - 1e-4 * $0 }, 5)
        #expect(RK.relative(down.driftT[4], -1.829982843991256) < 1e-9)
        #expect(down.label(at: 4, tThreshold: 1.82) == .weakening)
        let three = fit([0, 1, 3], 3)
        #expect(three.drift[2] == 1.5 && abs(three.driftT[2] - 6) < 1e-12)
    }

    /// The same shape at a log-price level and scale (y' = 10.5 + 10⁻⁴·y): slope scales by
    /// 10⁻⁴, t, R² and z are invariant. Exercises the re-centring (Σy² ≈ 551 vs TSS 10⁻⁷).
    @Test(arguments: paths)
    func fivePointExampleAtLogPriceLevel(path: String) {
        let fit = Self.fitter(path)
        let y = Self.five.map { 10.5 + 1e-4 * $0 }
        let s = fit(y, 5)
        #expect(RK.relative(s.slope[4], 0.8e-4) < 1e-9)
        #expect(RK.relative(s.tStat[4], 2.3094010767585034) < 1e-9)
        #expect(RK.relative(s.rSquared[4], 0.64) < 1e-9)
        #expect(RK.relative(s.lastResidualZ[4], -0.5477225575051661) < 1e-9)
        // Mirrored: the same fit falling.
        let down = fit(y.map { 21 - $0 }, 5)
        #expect(RK.relative(down.tStat[4], -2.3094010767585034) < 1e-9)
        #expect(down.label(at: 4, tThreshold: 1.82) == .weakening && down.label(at: 4, tThreshold: 1.84) == .stable)
    }

    /// A perfect line has RSS = 0: t clamps to ±1e6, R² = 1, residual z = 0.
    @Test(arguments: paths)
    func perfectLineClampsT(path: String) {
        let fit = Self.fitter(path)
        for (step, expectedT, label) in [(1e-3, 1e6, TrendLabel.strengthening), (-2.5e-4, -1e6, .weakening)] {
            let y = (0..<3000).map { 10.5 + step * Double($0) }
            for w in [60, 240] {
                let s = fit(y, w)
                for i in (w - 1)..<y.count {
                    #expect(RK.relative(s.slope[i], step) < 1e-9)
                    #expect(s.tStat[i] == expectedT && s.driftT[i] == expectedT)
                    #expect(RK.relative(s.drift[i], step) < 1e-9)
                    #expect(s.rSquared[i] == 1)
                    #expect(s.lastResidualZ[i] == 0)
                    #expect(s.label(at: i) == label)
                }
            }
        }
    }

    /// A constant series: slope 0, t 0, R² 0 (TSS = 0), z 0, STABLE — exactly, also for a
    /// flat stretch inside a moving series (a market that did not trade).
    @Test(arguments: paths)
    func constantWindowsAreExactlyFlat(path: String) {
        let fit = Self.fitter(path)
        let flat = fit([Double](repeating: 10.5, count: 500), 60)
        #expect(flat.slope[59...].allSatisfy { $0 == 0 } && flat.tStat[59...].allSatisfy { $0 == 0 })
        #expect(flat.rSquared[59...].allSatisfy { $0 == 0 } && flat.lastResidualZ[59...].allSatisfy { $0 == 0 })
        #expect(flat.drift[59...].allSatisfy { $0 == 0 } && flat.driftT[59...].allSatisfy { $0 == 0 })
        #expect((59..<500).allSatisfy { flat.label(at: $0) == .stable })

        let walk = RK.randomWalk(count: 2000, seed: 7)
        let y = Array(walk[0..<700]) + [Double](repeating: walk[699], count: 300) + Array(walk[700...])
        let s = fit(y, 60)
        // Windows entirely inside the flat stretch: ends 699+59 … 999 (bar 699 starts it).
        for i in 758...999 {
            #expect(s.slope[i] == 0 && s.tStat[i] == 0 && s.rSquared[i] == 0 && s.lastResidualZ[i] == 0)
            #expect(s.drift[i] == 0 && s.driftT[i] == 0)
        }
        #expect(s.slope[757] != 0 && s.slope[1000] != 0)
    }

    @Test(arguments: paths)
    func inputShorterThanTheWindowIsAllNaN(path: String) {
        let fit = Self.fitter(path)
        let y = RK.randomWalk(count: 59, seed: 3)
        let s = fit(y, 60)
        #expect(s.count == 59 && s.window == 60)
        #expect(s.slope.count == 59 && s.tStat.count == 59 && s.rSquared.count == 59 && s.lastResidualZ.count == 59)
        #expect(s.slope.allSatisfy { $0.isNaN } && s.tStat.allSatisfy { $0.isNaN })
        #expect(s.rSquared.allSatisfy { $0.isNaN } && s.lastResidualZ.allSatisfy { $0.isNaN })
        #expect(s.drift.count == 59 && s.drift.allSatisfy { $0.isNaN } && s.driftT.allSatisfy { $0.isNaN })
        let empty = fit([], 60)
        #expect(empty.slope.isEmpty && empty.tStat.isEmpty && empty.rSquared.isEmpty && empty.lastResidualZ.isEmpty)
        // Exactly W bars: one fit, at the last bar.
        let exact = fit(RK.randomWalk(count: 60, seed: 3), 60)
        #expect(exact.slope[0..<59].allSatisfy { $0.isNaN } && !exact.slope[59].isNaN)
    }

    /// The smallest window, W = 3: one residual degree of freedom.
    /// y = 0, 1, 3: slope 1.5, fitted −1/6 4/3 17/6, residuals 1/6 −1/3 1/6, RSS 1/6,
    /// TSS 14/3, R² = 1 − (1/6)/(14/3) = 27/28, t = 1.5/√((1/6)/2) = 1.5·√12 = 3√3,
    /// last residual z = (1/6)/√(1/6).
    @Test(arguments: paths)
    func smallestWindow(path: String) {
        let fit = Self.fitter(path)
        let s = fit([0, 1, 3], 3)
        #expect(abs(s.slope[2] - 1.5) < 1e-14)
        #expect(abs(s.tStat[2] - 3 * 3.0.squareRoot()) < 1e-12)
        #expect(abs(s.rSquared[2] - 27.0 / 28.0) < 1e-14)
        #expect(abs(s.lastResidualZ[2] - (1.0 / 6.0) / (1.0 / 6.0).squareRoot()) < 1e-13)
    }
}

@Suite("Regime labels at and beyond thresholds")
struct RegimeLabelTests {
    @Test func trendLabels() {
        #expect(TrendLabel(slope: 0.1, tStat: 2, tThreshold: 2) == .stable)
        #expect(TrendLabel(slope: 0.1, tStat: 2.0.nextUp, tThreshold: 2) == .strengthening)
        #expect(TrendLabel(slope: -0.1, tStat: -2, tThreshold: 2) == .stable)
        #expect(TrendLabel(slope: -0.1, tStat: (-2.0).nextDown, tThreshold: 2) == .weakening)
        #expect(TrendLabel(slope: 0, tStat: 5, tThreshold: 2) == .stable)
        #expect(TrendLabel(slope: .nan, tStat: .nan, tThreshold: 2) == .stable)
        #expect(TrendLabel(slope: 1, tStat: 1e6, tThreshold: 2).rawValue == "STRENGTHENING")
        #expect(TrendLabel.weakening.rawValue == "WEAKENING" && TrendLabel.stable.rawValue == "STABLE")
    }

    @Test func volatilityLabels() {
        #expect(VolatilityLabel(z: -1) == .normal)
        #expect(VolatilityLabel(z: (-1.0).nextDown) == .compressed)
        #expect(VolatilityLabel(z: 1) == .normal)
        #expect(VolatilityLabel(z: 1.0.nextUp) == .elevated)
        #expect(VolatilityLabel(z: 0) == .normal)
        #expect(VolatilityLabel(z: .nan) == .normal)
        #expect(VolatilityLabel.compressed.rawValue == "COMPRESSED" && VolatilityLabel.elevated.rawValue == "ELEVATED")
    }
}
