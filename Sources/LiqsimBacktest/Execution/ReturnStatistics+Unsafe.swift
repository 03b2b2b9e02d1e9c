import Foundation
import LiqsimResultFiles

/// ReturnStatistics over a borrowed equity curve (the sweep hands its buffer over without a copy).
extension ReturnStatistics {
    /// One pass over the curve after the bar walk: the per-bar division sat on the walk's
    /// critical path; here the divisions of successive bars are independent. It also sums
    /// r³ and r⁴ for the skewness and kurtosis of the returns.
    init(initialEquity: Double, curve: UnsafeBufferPointer<Double>) {
        var previous = initialEquity, peak = initialEquity
        var sum = 0.0, sumSquares = 0.0, downside = 0.0, maxDrawdown = 0.0, cubes = 0.0, fourth = 0.0
        for equity in curve {
            let r = previous > 0 ? equity / previous - 1 : 0
            previous = equity
            sum += r
            let r2 = r * r
            sumSquares += r2
            cubes += r2 * r
            fourth += r2 * r2
            downside += r < 0 ? r2 : 0
            // Divide only when the drawdown deepens, not on every bar below the peak.
            if equity > peak { peak = equity } else if peak > 0 && equity < peak * (1 - maxDrawdown) { maxDrawdown = (peak - equity) / peak }
        }
        count = curve.count
        self.sum = sum; self.sumSquares = sumSquares; downsideSquares = downside; self.maxDrawdown = maxDrawdown
        sumCubes = cubes; sumFourth = fourth
    }

    /// The statistics of an equity curve held in an array (walk-forward's stitched curve).
    init(initialEquity: Double, equity: [Double]) {
        self = equity.withUnsafeBufferPointer { ReturnStatistics(initialEquity: initialEquity, curve: $0) }
    }

    /// The bars, Σr and Σr² of the bar returns in each of `splits` consecutive blocks of the
    /// curve (block b: bars ⌊b·n/S⌋ ..< ⌊(b+1)·n/S⌋), interleaved: CSCV's per-block performance.
    static func blockSums(initialEquity: Double, curve: UnsafeBufferPointer<Double>, splits: Int) -> [Double] {
        var out = [Double](repeating: 0, count: 3 * splits)
        let n = curve.count
        var previous = initialEquity
        for b in 0..<splits {
            var sum = 0.0, squares = 0.0
            for j in (b * n / splits)..<((b + 1) * n / splits) {
                let r = previous > 0 ? curve[j] / previous - 1 : 0
                previous = curve[j]
                sum += r; squares += r * r
            }
            out[3 * b] = Double((b + 1) * n / splits - b * n / splits); out[3 * b + 1] = sum; out[3 * b + 2] = squares
        }
        return out
    }
}
