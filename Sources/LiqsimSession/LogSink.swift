import LiqsimCore
import LiqsimPipeline

/// `--format log` (and `record --live`): one human line per liquidation and per
/// cascade, spike and sentiment signal.
public final class LogSink: AnalysisSink {
    private let buffer = OutputBuffer(capacity: 1 << 14)
    private let output: Int32
    public private(set) var isClosed = false

    public init(output: Int32) { self.output = output }

    public func event(_ event: MarketEvent) {
        if case .liquidation(let l) = event { buffer.appendLogLine(l) }
        if buffer.count >= 1 << 13 { flush() }
    }

    public func signals(_ signals: [PipelineSignal]) {
        for signal in signals { buffer.appendLogLine(signal) }
    }

    public func flush() {
        guard buffer.count > 0 else { return }
        if isClosed { buffer.removeAll(); return }
        if !buffer.write(to: output) { isClosed = true }
    }
}
