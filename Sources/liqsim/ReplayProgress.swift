import LiqsimCLI
import LiqsimCapture
import LiqsimCore
import LiqsimSession

/// The progress bar of a long replay on a terminal: the share of the captures' receive-time
/// span replayed so far. The span comes from the files' block indexes (read from their
/// footers, no decompression); without a footer (a capture still being written or cut
/// short) there is no bar rather than a scan of the whole file first.
final class ReplayProgress: AnalysisSink {
    private let bar: ProgressBar
    private let start: Int64
    private let span: Double
    private var lastPercent = -1

    init?(files: [String], from: UnixNanos?, to: UnixNanos?) {
        guard let bar = ProgressBar(label: "replay") else { return nil }
        var low = Int64.max, high = Int64.min
        for file in files {
            guard let reader = try? CaptureReader(path: file), reader.footer != nil, let index = try? reader.index(),
                  let first = index.firstRecv, let last = index.lastRecv else { return nil }
            low = min(low, first); high = max(high, last)
        }
        if let from { low = max(low, from.rawValue) }
        if let to { high = min(high, to.rawValue) }
        guard high > low else { return nil }
        self.bar = bar
        start = low
        span = Double(high - low)
    }

    func event(_ event: MarketEvent) {
        // Whole percents only: the bar's lock is taken at most 101 times per replay.
        let percent = Int(Double(event.recv.rawValue - start) / span * 100)
        guard percent != lastPercent, percent >= 0 else { return }
        lastPercent = percent
        bar.update(Double(min(percent, 100)) / 100)
    }

    func finish() { bar.finish() }
}
