/// Where each bar's mark prices sit in a tape (the marks received after bar i − 1's close up
/// to bar i's close), and their lowest and highest, so the bar walk reads a bar's marks only
/// when they can liquidate. Computed once per symbol by the shared pass.
struct MarkIndex: Sendable {
    /// Per bar: the first mark's index into `tape.markTime`; `start[n]` = the count.
    let start: [Int]
    let low: [Double], high: [Double]

    init(_ tape: SymbolTape) {
        let n = tape.count
        var start = [Int](repeating: tape.markTime.count, count: n + 1)
        var low = [Double](repeating: .infinity, count: n), high = [Double](repeating: -.infinity, count: n)
        var k = 0
        for i in 0..<n {
            start[i] = k
            while k < tape.markTime.count, tape.markTime[k] <= tape.closeTime[i] {
                low[i] = Swift.min(low[i], tape.markPrice[k]); high[i] = Swift.max(high[i], tape.markPrice[k])
                k += 1
            }
        }
        self.start = start
        self.low = low
        self.high = high
    }

    private init(start: [Int], low: [Double], high: [Double]) { self.start = start; self.low = low; self.high = high }

    /// A copy sharing no storage (see `SweepPlan`).
    func privateCopy() -> MarkIndex { MarkIndex(start: start.privateCopy(), low: low.privateCopy(), high: high.privateCopy()) }
}
