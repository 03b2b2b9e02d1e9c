import Foundation

/// One HAR-RV least-squares fit in logs (Corsi 2009; the log form of Andersen, Bollerslev
/// and Diebold 2007): ln RV_{t+1} = β₀ + β_d·ln RV_t + β_w·ln mean(RV_{t−4…t})
/// + β_m·ln mean(RV_{t−21…t}) + ε. Its forecast exp(x·β + s²/2) is positive by construction.
public struct HARFit: Sendable, Equatable {
    /// The refit bar: the fit uses the periods completed at or before it.
    public var bar: Int
    /// Completed periods at `bar` (RV_0 … RV_{periods−1}).
    public var periods: Int
    /// Regression rows: targets RV_22 … RV_{periods−1}, so `periods − 22` when every
    /// period is defined (rows touching an undefined period are skipped).
    public var samples: Int
    /// [β₀, β_d, β_w, β_m] of the log model.
    public var coefficients: [Double]
    /// Residual sum of squares of the fit (in logs).
    public var rss: Double

    /// s² = RSS ÷ (samples − 4): the residual variance of the log model.
    public var residualVariance: Double { rss / Double(samples - 4) }

    /// The log model applied to regressors `[1, ln RV_t, ln weekly mean, ln monthly mean]`.
    public func predictLog(_ regressors: [Double]) -> Double {
        var sum = 0.0
        for k in 0..<coefficients.count { sum += coefficients[k] * regressors[k] }
        return sum
    }

    /// The variance forecast: exp(x·β + s²/2), the mean of a log-normal with the fit's
    /// residual variance. Positive (or NaN for undefined regressors); never negative.
    public func predict(_ regressors: [Double]) -> Double {
        Foundation.exp(predictLog(regressors) + residualVariance / 2)
    }
}

/// HAR-RV over periods of `period` bars counted from bar 0 (docs/regimes.md, "HAR-RV").
/// Period d holds the returns of bars d·P+1 … (d+1)·P and is complete at bar (d+1)·P, so
/// at bar i the completed periods are 0 … ⌊i/P⌋−1.
public enum HARRV {
    /// Periods in the weekly and monthly regressor means.
    public static let weeklyPeriods = 5, monthlyPeriods = 22
    /// Completed periods needed before the first fit: 22 to form the first monthly mean
    /// (so the first target is RV_22) plus 5 targets, one more than the 4 coefficients,
    /// so the fit has a residual degree of freedom.
    public static let minimumPeriods = monthlyPeriods + 5

    /// RV_d = Σ r_j² over period d, for every period complete within the series.
    public static func periodVariances(squaredReturns sq: [Double], period: Int) -> [Double] {
        let complete = sq.isEmpty ? 0 : (sq.count - 1) / period
        return (0..<complete).map { d in
            var sum = 0.0
            for j in (d * period + 1)...((d + 1) * period) { sum += sq[j] }
            return sum
        }
    }

    /// [1, ln RV_t, ln mean(RV_{t−4…t}), ln mean(RV_{t−21…t})]; t ≥ 21. A period without
    /// any price change (RV = 0) has no logarithm: its value is −∞ and the row is undefined.
    public static func regressors(_ rv: [Double], at t: Int) -> [Double] {
        var weekly = 0.0, monthly = 0.0
        for d in (t - weeklyPeriods + 1)...t { weekly += rv[d] }
        for d in (t - monthlyPeriods + 1)...t { monthly += rv[d] }
        return [1, logVariance(rv[t]), logVariance(weekly / Double(weeklyPeriods)), logVariance(monthly / Double(monthlyPeriods))]
    }

    /// ln v for v > 0; −∞ for 0, NaN for NaN (so `isFinite` marks the rows to skip).
    static func logVariance(_ v: Double) -> Double { v > 0 ? Foundation.log(v) : (v == 0 ? -.infinity : .nan) }

    /// Fits on RV_0 … RV_{periods−1}: rows t = 21 … periods−2 regress ln RV_{t+1} on
    /// `regressors(rv, at: t)`, skipping rows with an undefined (non-finite) value, so one
    /// bad close or flat period costs the rows that touch it, not every later fit. Needs
    /// `periods ≥ minimumPeriods`; throws when fewer than 5 rows remain or the solver
    /// refuses the design.
    public static func fit(_ rv: [Double], periods: Int, bar: Int) throws -> HARFit {
        precondition(periods >= minimumPeriods && periods <= rv.count)
        var design = [Double](), y = [Double]()
        design.reserveCapacity((periods - monthlyPeriods) * 4)
        y.reserveCapacity(periods - monthlyPeriods)
        for t in (monthlyPeriods - 1)..<(periods - 1) {
            let x = regressors(rv, at: t), target = logVariance(rv[t + 1])
            guard target.isFinite, x.allSatisfy(\.isFinite) else { continue }
            design += x
            y.append(target)
        }
        guard y.count >= minimumPeriods - monthlyPeriods else {
            throw LeastSquaresError(problem: .shape, detail: "HAR-RV: \(y.count) complete rows, need \(minimumPeriods - monthlyPeriods)")
        }
        let solved = try LeastSquares.solve(design: design, rows: y.count, columns: 4, y: y)
        return HARFit(bar: bar, periods: periods, samples: y.count, coefficients: solved.beta, rss: solved.rss)
    }

    /// The forecast per bar: refits at bars k·refitEvery (k ≥ 1) once ≥ `minimumPeriods`
    /// periods are complete (expanding window: all completed periods); a refit the solver
    /// rejects (a rank-deficient design, e.g. a constant price) keeps the previous model.
    /// forecast[i] = latest model applied to regressors of period ⌊i/P⌋−1, i.e. the
    /// variance of period ⌊i/P⌋, the one in progress at bar i. NaN before the first fit
    /// (not enough data) and where those regressors are undefined; otherwise > 0.
    static func forecasts(squaredReturns sq: [Double], period: Int, refitEvery: Int) -> (forecast: [Double], fits: [HARFit]) {
        let n = sq.count
        var forecast = HugePages.doubles(repeating: .nan, count: n)
        var fits = [HARFit]()
        let rv = periodVariances(squaredReturns: sq, period: period)
        var model: HARFit?
        var cachedPeriods = -1, cachedRegressors = [Double]()
        for i in 0..<n {
            let completed = i / period
            if i > 0, i % refitEvery == 0, completed >= minimumPeriods,
               let refit = try? fit(rv, periods: completed, bar: i) {
                model = refit
                fits.append(refit)
            }
            guard let model else { continue }
            if completed != cachedPeriods {
                cachedRegressors = regressors(rv, at: completed - 1)
                cachedPeriods = completed
            }
            forecast[i] = model.predict(cachedRegressors)
        }
        return (forecast, fits)
    }
}
