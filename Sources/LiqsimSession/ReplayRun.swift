#if canImport(Glibc)
import Glibc
#endif
import LiqsimCapture
import LiqsimCore
import LiqsimPipeline
import LiqsimReplay

/// `liqsim replay` and the other commands that read captures through the pipeline: the
/// engine, the analysis loop and the sinks the output format asks for. JSON lines are
/// always hashed, so the digest does not depend on the format; `extraSinks` (a progress
/// bar, a heatmap) see the same stream after the output sinks.
///
/// At `--speed max` the engine's thread only reads and normalizes: the pipeline, the JSON
/// lines and every sink run on an `AnalysisThread` (same output, byte for byte). Paced runs
/// keep one thread: a record's output must be written before the pacer sleeps.
public final class ReplayRun {
    public let paths: [String]
    public let options: ReplayOptions
    public let format: ReplayFormat
    /// The pipeline of the run (views, bars), when enabled; kept for the caller after `run()`.
    public let pipeline: Pipeline?
    private let database: String?
    private let output: Int32
    private let extraSinks: [AnalysisSink]
    /// The sinks run on an `AnalysisThread` (`analysisThread` asked for it and the run is not paced).
    public let usesAnalysisThread: Bool

    /// `analysisThread: false` runs the sinks on the engine's thread even at `--speed max`
    /// (`liqsim-bench --only replay --one-thread`; tests compare both).
    public init(paths: [String], options: ReplayOptions, format: ReplayFormat = .summary, pipeline config: PipelineConfig? = PipelineConfig(),
                database: String? = nil, output: Int32 = STDOUT_FILENO, extraSinks: [AnalysisSink] = [], analysisThread: Bool = true) {
        self.paths = paths
        self.options = options
        self.format = format
        pipeline = config.map { Pipeline(config: $0) }
        self.database = database
        self.output = output
        self.extraSinks = extraSinks
        usesAnalysisThread = analysisThread && options.speed == .max
    }

    /// Runs to the end (see `ReplayEngine.run`); the summary carries the digest, the
    /// signal counts and the snapshot store's figures.
    public func run() throws -> ReplaySummary {
        let json = JSONLinesSink(output: format == .jsonl ? output : nil)
        var sinks: [AnalysisSink] = []
        let store = try database.flatMap { path in try pipeline.map { try SnapshotStoreSink(path: path, pipeline: $0) } }
        if let store { sinks.append(store) }
        sinks += extraSinks
        sinks.append(json)
        if format == .log { sinks.append(LogSink(output: output)) }
        var dashboard: DashboardSink?
        if format == .dashboard, let pipeline {
            dashboard = DashboardSink(pipeline: pipeline, output: output, title: paths.joined(separator: " "), speed: options.speed.description)
            sinks.append(dashboard!)
        }
        let loop = AnalysisLoop(pipeline: pipeline, sinks: sinks)
        let started = SystemTime().monotonic()
        let engine = ReplayEngine(paths: paths, options: options)
        var summary: ReplaySummary
        if usesAnalysisThread {
            let thread = AnalysisThread(loop: loop)
            do { summary = try engine.run(into: thread) } catch {
                thread.finish()
                throw error
            }
            thread.finish()
            // The engine learns of a closed output a few batches late (or not at all when
            // it closed in the last ones): the count is the analysis thread's, as one thread's would be.
            if thread.isClosed { summary.stopByOutput(afterEvents: loop.itemEvents) }
        } else {
            summary = try engine.run(into: loop)
        }
        loop.flush()
        // The last lines are written here: a reader that went away while they were written
        // leaves the run as incomplete as one that went away earlier (exit 1, no digest).
        if loop.isClosed && !summary.stoppedByOutput { summary.stopByOutput(afterEvents: summary.eventsEmitted) }
        dashboard?.finish()
        summary.digest = json.finish()
        summary.signalCounts = loop.signalCounts
        summary.databaseBatches = store?.batches ?? 0
        summary.databaseError = store?.error
        summary.wallSeconds = SystemTime().monotonic().duration(since: started).inSeconds
        return summary
    }
}
