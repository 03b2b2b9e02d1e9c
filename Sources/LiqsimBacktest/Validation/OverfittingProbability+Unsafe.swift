extension OverfittingProbability {
    /// Every trial's Sharpe ratio over the blocks in `mask`. First its sums, ascending: `count[t]`, `sum[t]` and
    /// `squares[t]` are 0 plus block after block of `columns[3k][t]`, `columns[3k + 1][t]`,
    /// `columns[3k + 2][t]` — each trial's chain of additions is the one
    /// `sharpe(_:mask:splits:)` makes, so the doubles are the same. Through pointers, one
    /// column at a time, so the additions of different trials vectorize (with a bounds check
    /// on every element they did not; PBO was ~5% of a cached demo backtest's CPU).
    ///
    /// Then `sharpes[t]` = `sharpe(count:sum:squares:)` of trial t's sums.
    static func sharpes(_ columns: [[Double]], mask: Int, splits s: Int, count: inout [Double], sum: inout [Double],
                        squares: inout [Double], into sharpes: inout [Double]) {
        let n = count.count
        precondition(sum.count == n && squares.count == n && sharpes.count == n && columns.count == 3 * s
                     && columns.allSatisfy { $0.count == n })
        func add(_ column: [Double], into total: UnsafeMutablePointer<Double>) {
            column.withUnsafeBufferPointer { a in
                let a = a.baseAddress!
                for t in 0..<n { total[t] += a[t] }
            }
        }
        count.withUnsafeMutableBufferPointer { cp in
            sum.withUnsafeMutableBufferPointer { sp in
                squares.withUnsafeMutableBufferPointer { qp in
                    guard n > 0 else { return }
                    let c = cp.baseAddress!, r = sp.baseAddress!, q = qp.baseAddress!
                    c.update(repeating: 0, count: n); r.update(repeating: 0, count: n); q.update(repeating: 0, count: n)
                    for k in 0..<s where mask & (1 << k) != 0 {
                        add(columns[3 * k], into: c)
                        add(columns[3 * k + 1], into: r)
                        add(columns[3 * k + 2], into: q)
                    }
                    sharpes.withUnsafeMutableBufferPointer { out in
                        let out = out.baseAddress!
                        for t in 0..<n { out[t] = sharpe(count: c[t], sum: r[t], squares: q[t]) }
                    }
                }
            }
        }
    }
}
