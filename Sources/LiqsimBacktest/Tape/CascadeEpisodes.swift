import LiqsimCore
import LiqsimPipeline

/// Turns the pipeline's cascade detections into whole episodes for the tape, the report
/// and results.sqlite. The pipeline reports a cascade once, when its threshold is first
/// met (≥ 5 liquidations, ≥ $500k, ≥ 2 exchanges in 60 s): the demo's $100 M cascade
/// would read as a $0.5 M one. An episode starts with the detection's window and takes
/// every later liquidation of the symbol until one comes more than `window` after the
/// previous; a detection inside an open episode is the same cascade.
struct CascadeEpisodes {
    let window: Int64
    /// Per stream index: whether the stream's liquidations are capped (lower bounds).
    let capped: [Bool]
    private var recent: [(recv: Int64, slot: Int, long: Bool, usd: Double)] = []
    private var start = 0
    /// A detection whose triggering liquidation is observed next (signals come first).
    private var pendingDetection: Int64?
    private var open: CascadeMark?
    private var perExchange = [Int](repeating: 0, count: StreamID.allCases.count)
    private(set) var marks: [CascadeMark] = []

    init(window: Int64, capped: [Bool] = StreamID.allCases.map { PipelineConfig().cappedLiquidationStreams.contains($0) }) {
        self.window = window
        self.capped = capped
    }

    mutating func detected(at time: Int64) {
        if open == nil { pendingDetection = time }
    }

    mutating func liquidation(recv: Int64, slot: Int, long: Bool, usd: Double) {
        if let e = open, recv - e.endTime > window { close() }
        recent.append((recv, slot, long, usd))
        while start < recent.count, recent[start].recv <= recv - window { start += 1 }
        if start > 4_096 { recent.removeFirst(start); start = 0 }
        if open != nil {
            add(slot: slot, long: long, usd: usd, at: recv)
        } else if let time = pendingDetection {
            pendingDetection = nil
            open = CascadeMark(time: time, endTime: recv, liquidations: 0, longUSD: 0, shortUSD: 0, exchanges: "")
            perExchange = perExchange.map { _ in 0 }
            for l in recent[start...] { add(slot: l.slot, long: l.long, usd: l.usd, at: l.recv) }
        }
    }

    private mutating func add(slot: Int, long: Bool, usd: Double, at recv: Int64) {
        open!.liquidations += 1
        if long { open!.longUSD += usd } else { open!.shortUSD += usd }
        open!.endTime = max(open!.endTime, recv)
        perExchange[slot] += 1
    }

    /// Ends the open episode (at the end of the data, or when the liquidations stop).
    mutating func close() {
        guard var e = open else { return }
        e.exchanges = StreamID.allCases.indices.compactMap { i in perExchange[i] > 0 ? "\(StreamID.allCases[i].rawValue):\(perExchange[i])" : nil }
            .joined(separator: " ")
        e.lowerBound = perExchange.indices.contains { perExchange[$0] > 0 && capped[$0] }
        marks.append(e)
        open = nil
    }
}
