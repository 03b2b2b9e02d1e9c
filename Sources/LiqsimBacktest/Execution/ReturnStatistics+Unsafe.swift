import Foundation
import LiqsimResultFiles

/// ReturnStatistics over a borrowed equity curve (the sweep hands its buffer over without a copy).
extension ReturnStatistics {
    /// One pass over the curve after the bar walk: the per-bar division sat on the walk's
    /// critical path; here the divisions of successive bars are independent.
    init(initialEquity: Double, curve: UnsafeBufferPointer<Double>) {
        var previous = initialEquity, peak = initialEquity
        var sum = 0.0, sumSquares = 0.0, downside = 0.0, maxDrawdown = 0.0
        for equity in curve {
            let r = previous > 0 ? equity / previous - 1 : 0
            previous = equity
            sum += r
            sumSquares += r * r
            downside += r < 0 ? r * r : 0
            // Divide only when the drawdown deepens, not on every bar below the peak.
            if equity > peak { peak = equity } else if peak > 0 && equity < peak * (1 - maxDrawdown) { maxDrawdown = (peak - equity) / peak }
        }
        count = curve.count
        self.sum = sum; self.sumSquares = sumSquares; downsideSquares = downside; self.maxDrawdown = maxDrawdown
    }
}
