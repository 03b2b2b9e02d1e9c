import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimHeatmap
import LiqsimResultFiles

/// One `liqsim backtest`: the shard's grid points of a loaded scenario, through the shared
/// pass and the sweep, into a new result directory under `out`. The CLI parses its flags,
/// calls `run`, and prints what this holds.
public struct BacktestRun: Sendable {
    public var scenario: Scenario
    public var shard: SweepEngine.Shard
    public var jobs: Int
    public var tape: MarketTape
    /// The tape cache's key and whether the tape came from it (nil: no cache).
    public var tapeLookup: TapeCache.Lookup?
    public var shared: SharedPass
    public var results: [RunResult]
    /// Walk-forward folds and PBO, when the scenario asks for them (whole grids only).
    public var validation: ValidationResult
    public var written: ResultsWriter.Written
    /// What `page` returned (report.html's path), when it was given.
    public var page: String?
    /// The sweep alone, the result directory's files after it (`ResultsWriter.write`, with
    /// `page`), and everything after the result root was checked (tape, pass, sweep, files).
    public var sweepTime: Duration
    public var writeTime: Duration
    public var totalTime: Duration

    /// Runs `shard` of `scenario` on `jobs` threads and writes `<out>/<scenario>/<run-stamp>/`.
    /// nil when the shard holds no grid point (more shards than runs): nothing is written.
    /// `warning` receives the shared pass's warnings; `progress` (done, total) the sweep's.
    /// With `tapeCache` the tape is loaded from it when its inputs and settings were seen before.
    /// `page(report, directory, levelMaps)` draws report.html while results.sqlite is
    /// finishing (`ResultsWriter.write`) and returns its path; its time is in `writeTime`.
    public static func run(scenario: Scenario, out: String, jobs: Int, shard: SweepEngine.Shard = .whole, tapeCache: TapeCache? = nil,
                           warning: (String) -> Void = { _ in },
                           progress: (@Sendable (Int, Int) -> Void)? = nil,
                           page: ((ReportData, String, [Result<HeatmapGrid, HeatmapUnavailable>]) throws -> String)? = nil) throws(BacktestRunError) -> BacktestRun? {
        let points = shard.points(of: scenario.grid.count)
        guard !points.isEmpty else { return nil }
        let writer = ResultsWriter(root: out)   // its stamp is the start time
        do { try writer.checkRoot() } catch let error as ResultsWriterError { throw BacktestRunError(.input, error) } catch { throw BacktestRunError(.runtime, error) }
        let clock = ContinuousClock()
        let started = clock.now
        let tape: MarketTape
        var lookup: TapeCache.Lookup?
        do {
            if let tapeCache { (tape, lookup) = try tapeCache.tape(scenario) } else { tape = try MarketTape.build(scenario, levelMaps: true) }
        } catch let error as CaptureError { throw BacktestRunError(.input, error) } catch let error as MarketTapeError {
            throw BacktestRunError(.input, error)
        } catch { throw BacktestRunError(.runtime, error) }
        if let damaged = lookup?.damaged { warning(damaged) }
        let shared = SharedPass(scenario: scenario, tape: tape, points: points)
        for text in shared.warnings { warning(text) }

        let sweepStart = clock.now
        let whole = shard.count == 1
        let splits = whole ? scenario.validation.pboSplits ?? 0 : 0
        var results = SweepEngine.run(shared, points: points, jobs: jobs, splits: splits, progress: progress)
        let sweepTime = clock.now - sweepStart
        Self.deflate(&results, trials: scenario.grid.count)
        if !whole && (scenario.validation.walkForward != nil || scenario.validation.pboSplits != nil) {
            warning("validation: walk-forward and PBO need the whole grid; a shard (\(shard)) skips them")
        }
        var validation = ValidationResult()
        if whole, let w = scenario.validation.walkForward {
            validation.walkForward = WalkForward.run(shared, settings: w, jobs: jobs)
            if validation.walkForward == nil { warning("validation.walk_forward: train + test is longer than the data; no fold fits") }
        }
        if splits > 0 { validation.pbo = OverfittingProbability.estimate(blocks: results.map(\.blocks), splits: splits) }
        for text in Self.spanWarnings(tape) { warning(text) }
        let written: ResultsWriter.Written
        let writeStart = clock.now
        var drawn: String?
        let draw = page.map { page in { (report: ReportData, directory: String) throws in drawn = try page(report, directory, tape.levelMaps) } }
        do { written = try writer.write(shared: shared, results: results, validation: validation, shard: shard, jobs: jobs,
                                       captureDigests: lookup?.captureDigests, page: draw) } catch {
            throw BacktestRunError(.runtime, error)
        }
        return BacktestRun(scenario: scenario, shard: shard, jobs: jobs, tape: tape, tapeLookup: lookup, shared: shared, results: results, validation: validation,
                           written: written, page: drawn, sweepTime: sweepTime, writeTime: clock.now - writeStart, totalTime: clock.now - started)
    }

    /// Threads the sweep used: no more than there were points.
    public var threads: Int { min(jobs, results.count) }

    /// Bars simulated summed over the runs (each run walks its symbol's bars).
    public var barRuns: Int {
        results.reduce(0) { total, r in total + (tape.symbols.first { $0.symbol.description == r.point.text("symbol") }?.count ?? 0) }
    }

    /// Sets every run's deflated Sharpe ratio: `trials` runs (the grid's points), the variance
    /// of the per-bar Sharpes of `results` (docs/metrics.md, "Significance").
    static func deflate(_ results: inout [RunResult], trials: Int) {
        let variance = Significance.variance(results.map(\.metrics.barSharpe))
        for k in results.indices { results[k].metrics.deflate(trials: trials, variance: variance) }
    }

    /// A warning per symbol whose data spans less than `Significance.shortSpanDays`.
    static func spanWarnings(_ tape: MarketTape) -> [String] {
        tape.symbols.compactMap { t in
            guard let first = t.closeTime.first, let last = t.closeTime.last else { return nil }
            let days = Double(last - first + t.interval) / 86_400_000_000_000
            guard days < Significance.shortSpanDays else { return nil }
            return "\(t.symbol): the data spans \(NumberText.fixed(days, 2) ?? "?") days, under \(Int(Significance.shortSpanDays)): "
                + "its Sharpe ratios carry wide standard errors (see sharpe_se, psr and dsr in runs.csv)"
        }
    }

    /// The run with the highest Sharpe ratio; the lowest index among equals.
    public var bestBySharpe: RunResult? {
        results.max { ($0.metrics.sharpe, -$0.point.index) < ($1.metrics.sharpe, -$1.point.index) }
    }
}

/// What the scenario's `validation` section produced.
public struct ValidationResult: Sendable {
    public var walkForward: WalkForwardResult?
    public var pbo: OverfittingProbability?
    public init() {}
}

/// Why a backtest stopped: its inputs (captures, the tape, an unusable result root: exit 2)
/// or anything else, such as writing the result directory (exit 1). `description` is the
/// underlying error's text.
public struct BacktestRunError: Error, CustomStringConvertible {
    public enum Stage: Sendable { case input, runtime }
    public var stage: Stage
    public var description: String

    init(_ stage: Stage, _ error: any Error) {
        self.stage = stage
        description = (error as? CustomStringConvertible)?.description ?? "\(error)"
    }
}
