import Foundation

/// How far a Sharpe ratio can be trusted (docs/metrics.md, "Significance"). Sharpe ratios
/// here are per bar (mean ÷ σ of bar returns, not annualised) unless a name says otherwise.
///
/// - Standard error: Lo (2002) for normal returns, generalised to any skew γ₃ and
///   (non-excess) kurtosis γ₄ by Mertens (2002): SE(ŝ) = √((1 − γ₃ŝ + (γ₄ − 1)/4 · ŝ²) ÷ (n − 1)).
/// - Probabilistic Sharpe ratio (Bailey and López de Prado 2012): PSR(s*) = Φ((ŝ − s*) ÷ SE(ŝ)).
/// - Deflated Sharpe ratio (Bailey and López de Prado 2014): PSR(s₀) with s₀ the expected
///   largest of N zero-skill trials whose Sharpes vary by V:
///   s₀ = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))), γ Euler–Mascheroni.
public enum Significance {
    public static let eulerMascheroni = 0.577_215_664_901_532_9

    /// The standard normal distribution function Φ.
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Φ⁻¹(p) for 0 < p < 1 (−∞ at 0, +∞ at 1): Acklam's rational approximation (relative
    /// error 1.15e-9) refined by one Halley step on Φ, which brings it to double precision.
    public static func normalQuantile(_ p: Double) -> Double {
        guard p > 0 else { return -.infinity }
        guard p < 1 else { return .infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low || p > 1 - low {
            let q = (-2 * log(p < low ? p : 1 - p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
            if p > 1 - low { x = -x }
        } else {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        let e = normalCDF(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }

    /// SE of a per-bar Sharpe ratio `sharpe` estimated from `n` bars whose returns have
    /// skewness `skew` and kurtosis `kurtosis` (3 for normal returns). NaN below 2 bars or
    /// where the variance term is not positive.
    public static func sharpeStandardError(sharpe: Double, n: Int, skew: Double, kurtosis: Double) -> Double {
        let term = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe
        guard n > 1, term > 0, term.isFinite else { return .nan }
        return (term / Double(n - 1)).squareRoot()
    }

    /// PSR: the probability that the true per-bar Sharpe exceeds `benchmark`.
    public static func probabilisticSharpe(sharpe: Double, benchmark: Double = 0, n: Int, skew: Double, kurtosis: Double) -> Double {
        let se = sharpeStandardError(sharpe: sharpe, n: n, skew: skew, kurtosis: kurtosis)
        guard se.isFinite, se > 0 else { return .nan }
        return normalCDF((sharpe - benchmark) / se)
    }

    /// s₀: the expected largest per-bar Sharpe of `trials` independent zero-skill trials whose
    /// Sharpes have variance `variance`; 0 for a single trial.
    public static func expectedMaximumSharpe(trials: Int, variance: Double) -> Double {
        guard trials > 1, variance > 0 else { return 0 }
        let n = Double(trials), g = eulerMascheroni
        return variance.squareRoot() * ((1 - g) * normalQuantile(1 - 1 / n) + g * normalQuantile(1 - 1 / (n * M_E)))
    }

    /// DSR: PSR against the expected maximum Sharpe of `trials` trials with Sharpe variance `variance`.
    public static func deflatedSharpe(sharpe: Double, n: Int, skew: Double, kurtosis: Double, trials: Int, variance: Double) -> Double {
        probabilisticSharpe(sharpe: sharpe, benchmark: expectedMaximumSharpe(trials: trials, variance: variance), n: n, skew: skew, kurtosis: kurtosis)
    }

    /// The population variance of `values` (0 for fewer than two).
    public static func variance(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    }

    /// Spans shorter than this many days get a warning next to their ratios.
    public static let shortSpanDays = 30.0
}
