import Foundation
import LiqsimCore
import LiqsimReport
import LiqsimResultFiles

/// Issue 17: report.html linear in the number of runs. Renders, in this process, the page
/// of a generated result set (a day of 1m bars; per run an equity curve of 1,440 rows
/// thinned as `ReportData.load` thins it, and 68 trades) for N and 4N runs, in the same
/// run. Linear: the time per run stays flat (target: 4N costs ≤ 5× N).
enum ReportBench {
    static func run(runs: Int = 2_500) -> Bool {
        var rendered: [(runs: Int, seconds: Double, bytes: Int)] = []
        for n in [runs, runs * 4] {
            let data = Self.data(runs: n)
            // CPU time (one thread): the machine's load moves wall time, not this.
            let start = SweepBench.processCPUSeconds()
            let page = ReportPage.render(data)
            rendered.append((n, SweepBench.processCPUSeconds() - start, page.utf8.count))
        }
        print("report.html rendered in process (1,440 bars, 68 trades and 1,440 equity rows per run, thinned for the page):")
        for r in rendered {
            print("  \(grouped(r.runs)) runs  \(fixed(r.seconds, 3)) CPU-s, \(fixed(r.seconds / Double(r.runs) * 1e6, 1)) µs per run, \(fixed(Double(r.bytes) / 1_048_576, 1)) MiB")
        }
        let ratio = rendered[1].seconds / max(rendered[0].seconds, 1e-9)
        print("  4× the runs took \(fixed(ratio, 2))× the CPU time (linear: 4; target ≤ 5): \(verdict(ratio <= 5))")
        return true
    }

    /// A deterministic result set of `runs` runs over one symbol.
    static func data(runs: Int) -> ReportData {
        var data = ReportData()
        let bars = 1_440, t0: Int64 = 1_767_225_600_000
        var b = ReportData.Bars(symbol: "BTCUSDT")
        var price = 87_000.0
        for i in 0..<bars {
            let step = sin(Double(i) / 37) * 40
            b.closeMs.append(t0 + Int64(i + 1) * 60_000)
            b.open.append(price); b.close.append(price + step)
            b.high.append(max(price, price + step) + 5); b.low.append(min(price, price + step) - 5)
            b.volumeUSD.append(1e6 + Double(i % 17) * 1e4); b.longLiquidationUSD.append(Double(i % 29) * 1e3); b.shortLiquidationUSD.append(Double(i % 31) * 1e3)
            b.trend.append(i % 300 < 100 ? "STRENGTHENING" : "STABLE"); b.volatility.append("NORMAL")
            price += step
        }
        data.bars = [b]
        let metricCount = RunColumns.metrics.count
        let budget = ReportData.Equity.budget(runs: runs)
        var rows: [RunRow] = []
        for r in 0..<runs {
            let params = ["BTCUSDT", String(Double(r % 10) / 10), String(Double(r / 10 % 10) / 10), String(Double(r / 100) / 100)]
            rows.append(RunRow(run: r, parameters: params, metrics: (0..<metricCount).map { Double((r * 7 + $0 * 13) % 1000) / 37 }))
            var e = ReportData.Equity()
            var equity = 100_000.0, peak = 100_000.0
            for i in 0..<bars {
                equity += sin(Double(i * (r % 7 + 1)) / 53) * 30
                peak = max(peak, equity)
                e.timeMs.append(b.closeMs[i]); e.equityUSD.append(equity); e.drawdownPct.append((peak - equity) / peak * 100)
                e.rows += 1
            }
            data.equity[r] = e.thinned(to: budget)
            data.trades[r] = (0..<68).map { k in
                let entry = b.closeMs[k * 20], exit = b.closeMs[k * 20 + 10]
                return ReportData.Trade(side: k % 2 == 0 ? "long" : "short", reason: "trend", entryMs: entry, exitMs: exit,
                                        entryPrice: 87_000.123456 + Double(k), exitPrice: 87_010.5 + Double(k), pnlUSD: Double(k) - 30.5, openAtEnd: false)
            }
        }
        data.runs = RunsTable(parameterNames: ["symbol", "trend.weight", "range.weight", "cascade.weight"], rows: rows)
        return data
    }
}
