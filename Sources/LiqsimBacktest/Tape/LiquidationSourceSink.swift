import LiqsimCapture
import LiqsimCore
import LiqsimReplay
import LiqsimSession

/// Merges `data.liquidations` captures into the shared pass: records of files from
/// `firstLiquidationFile` on pass only their liquidation events (and their gap records),
/// so a Tardis liquidation feed joins Binance Vision trades without doubling anything else.
final class LiquidationSourceSink: ReplaySink {
    let loop: any ReplaySink
    let firstLiquidationFile: Int
    private var kept: [MarketEvent] = []

    init(_ loop: any ReplaySink, firstLiquidationFile: Int) {
        self.loop = loop
        self.firstLiquidationFile = firstLiquidationFile
    }

    func replay(_ record: RawRecord, file: Int, stream: StreamID?, events: [MarketEvent]) {
        guard file >= firstLiquidationFile else { return loop.replay(record, file: file, stream: stream, events: events) }
        kept.removeAll(keepingCapacity: true)
        for e in events where e.kind == .liquidation { kept.append(e) }
        loop.replay(record, file: file, stream: stream, events: kept)
    }
}
