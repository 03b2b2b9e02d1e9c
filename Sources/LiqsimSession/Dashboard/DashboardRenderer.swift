import LiqsimCore
import LiqsimExchanges
import LiqsimPipeline

/// The terminal dashboard of `replay --format dashboard`: what the old aggregator's
/// snapshot monitor showed (last 60 minutes: totals, LONG vs SHORT, exchange shares, latest
/// liquidations), plus sentiment and cascade risk per symbol and the replay clock.
///
/// `render` is a pure function of the frame and the pipeline's state (no wall clock): the
/// same state gives the same text. With `color: false` the text holds no escape byte at
/// all; `redraw` (escape sequences) is for a TTY only. Every line fits `width` columns.
public final class DashboardRenderer {
    public let color: Bool
    public let width: Int

    public init(color: Bool, width: Int = 120) {
        self.color = color
        self.width = max(40, width)
    }

    /// The full screen as text, one `\n` after every line.
    public func render(_ frame: DashboardFrame, pipeline: Pipeline) -> String {
        pipeline.refreshSnapshot()
        let views = pipeline.views, states = pipeline.marketStates
        let exchanges = Self.exchanges(views: views, states: states)
        var lines = header(frame)
        lines.append(DashLine())
        lines += snapshot(views, config: pipeline.config, exchanges: exchanges)
        lines.append(DashLine())
        lines += market(states, config: pipeline.config, exchanges: exchanges)
        lines.append(DashLine())
        lines += latest(views.latest, count: pipeline.config.latestCount)
        return lines.map { $0.rendered(color: color, width: width) + "\n" }.joined()
    }

    /// Redraws in place: cursor home, every line cleared before it is written (no leftovers
    /// from a longer previous frame), then clear to the end of the screen. The cursor stays
    /// at the end of the last line; print `\n` after the final frame to leave it on screen.
    public func redraw(_ screen: String) -> String {
        var body = Substring(screen)
        if body.last == "\n" { body.removeLast() }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        return "\u{1B}[H" + lines.map { "\u{1B}[2K" + $0 }.joined(separator: "\n") + "\u{1B}[J"
    }

    // MARK: Sections

    private func header(_ frame: DashboardFrame) -> [DashLine] {
        let clock = DashFormat.clock(frame.clock)
        let first = DashLine("LIQSIM REPLAY | \(clock) | speed \(DashFormat.printable(frame.speed)) | records "
            + "\(NumberText.grouped(frame.records)) | events \(NumberText.grouped(frame.events))", style: DashStyle.bold)
        var title = DashFormat.printable(frame.title)
        if title.count > width { title = "..." + title.suffix(width - 3) }   // keep the file names, not the directories
        return [first, DashLine(title, style: DashStyle.dim)]
    }

    private func snapshot(_ views: LiquidationViews, config: PipelineConfig, exchanges: [Int]) -> [DashLine] {
        let s = views.snapshot
        let window = (config.snapshotWindow / PipelineConfig.minute).description
        var title = DashLine("SNAPSHOT  last \(window) min", style: DashStyle.bold)
        if let first = s.first, let last = s.last {
            title.add("  (\(DashFormat.compact(first)) -> \(DashFormat.compact(last)) UTC)")
        }
        var lines = [title]
        guard s.events > 0 else {
            lines.append(DashLine("no liquidations in the last \(window) min"))
            lines.append(accumulated(views.accumulated))
            return lines
        }
        var total = DashLine("Total: \(s.events) events | \(DashFormat.dollars(s.cents)) | >= $100k: \(s.institutional)")
        if let l = s.largest {
            total.add(" | largest \(DashFormat.dollars(l.usdCents)) \(l.symbol) ")
            total.add(l.side.label, DashStyle.side(l.side))
            total.add(" \(l.stream.exchangeName)")
        }
        lines.append(total)
        let bar = DashFormat.bar(long: s.longCents, total: s.cents, cells: 20)
        let sides: [(LiquidatedSide, Int, Int64)] = [(.long, s.longEvents, s.longCents), (.short, s.shortEvents, s.shortCents)]
        // `N events | $X | Y%`, each number right-aligned against the other side's.
        let counts = TextTable(header: [], rows: sides.map { [String($1), "events |", DashFormat.dollars($2), "|", DashFormat.share($2, s.cents)] },
                               alignments: Array(repeating: .right, count: 5)).padded(gap: " ")
        for (k, (side, _, _)) in sides.enumerated() {
            var line = DashLine()
            line.add(side.label + ":", DashStyle.side(side))
            line.add(TextTable.fill(side.label, to: 6) + counts[k])
            if k == 0 {
                line.add("  [")
                line.add(bar.long, DashStyle.red)
                line.add(bar.short, DashStyle.green)
                line.add("]")
            }
            lines.append(line)
        }
        var exchangeLine = DashLine("Exchanges:")
        for (n, i) in exchanges.enumerated() where s.exchangeEvents[i] > 0 {
            let id = StreamID.allCases[i]
            exchangeLine.add((n == 0 ? " " : " | ") + id.exchangeName + (Exchanges.venue(id).facts.liquidationsAreLowerBound ? "*" : "")
                + " \(s.exchangeEvents[i]) events \(DashFormat.dollars(s.exchangeCents[i])) \(DashFormat.share(s.exchangeCents[i], s.cents))")
        }
        lines.append(exchangeLine)

        var header = ["symbol", "events", "USD", "LONG", "long/short", "SHORT"].enumerated().map { DashCell($1, right: $0 != 0 && $0 != 4) }
        header += exchanges.map { DashCell(Self.exchangeHeader($0)) }
        header += [DashCell(">= $100k"), DashCell("largest", right: false)]
        let rows = views.snapshotBySymbol.filter { $0.1.events > 0 }.map { symbol, t -> [DashCell] in
            let b = DashFormat.bar(long: t.longCents, total: t.cents)
            var row = [DashCell(symbol.description, right: false), DashCell("\(t.events)"), DashCell(DashFormat.dollars(t.cents)),
                       DashCell(DashFormat.share(t.longCents, t.cents)), DashCell("[" + b.long + b.short + "]", right: false),
                       DashCell(DashFormat.share(t.shortCents, t.cents))]
            row += exchanges.map { DashCell(DashFormat.share(t.exchangeCents[$0], t.cents)) }
            row.append(DashCell("\(t.institutional)"))
            row.append(DashCell(t.largest.map { "\(DashFormat.dollars($0.usdCents)) \($0.side.label) \($0.stream.exchangeName)" } ?? "-", right: false))
            return row
        }
        lines += DashTable.lines(header: header, rows: rows)
        if exchanges.contains(0) {
            lines.append(DashLine("* binance counts are lower bounds (at most 1 liquidation per symbol per second is published)", style: DashStyle.dim))
        }
        lines.append(accumulated(views.accumulated))
        return lines
    }

    private func accumulated(_ a: LiquidationTotals) -> DashLine {
        guard let first = a.first else { return DashLine("ACCUMULATED: no liquidations yet", style: DashStyle.dim) }
        return DashLine("ACCUMULATED since \(DashFormat.compact(first)) UTC: \(a.events) events | \(DashFormat.dollars(a.cents)) | LONG "
            + "\(DashFormat.share(a.longCents, a.cents)) | SHORT \(DashFormat.share(a.shortCents, a.cents)) | >= $100k: \(a.institutional)")
    }

    private func market(_ states: [Pipeline.MarketState], config: PipelineConfig, exchanges: [Int]) -> [DashLine] {
        let lines = [DashLine("MARKET", style: DashStyle.bold)]
        guard !states.isEmpty else { return lines + [DashLine("no market data yet")] }
        let names = exchanges.map { StreamID.allCases[$0].exchangeName }
        let header = [DashCell("symbol", right: false), DashCell("last price"),
                      DashCell("sentiment (\(PipelineConfig.label(config.sentimentInterval)))", right: false),
                      DashCell("cascade risk (\(PipelineConfig.label(config.riskWindow)))", right: false),
                      DashCell("funding " + names.joined(separator: " / "), right: false), DashCell("OI (USD)")]
        let rows = states.map { st -> [DashCell] in
            let sentiment = st.sentiment.map {
                DashCell(DashFormat.signed($0.composite, decimals: 3) + " " + $0.label, style: DashStyle.sentiment($0.label), right: false)
            } ?? DashCell("-", right: false)
            // The trailing window up to this redraw (`refreshSnapshot`), not the last bar close.
            let risk = st.riskNow.map {
                DashCell(DashFormat.fixed($0.risk, decimals: 2) + " " + $0.level, style: DashStyle.riskLevel($0.level), right: false)
            } ?? DashCell("-", right: false)
            let funding = exchanges.map { TextTable.pad(DashFormat.funding(st.funding[$0]), to: 8, .right) }
            let known = st.openInterestUSD.compactMap { $0 }
            return [DashCell(st.symbol.description, right: false), DashCell(st.lastPrice?.description ?? "-"), sentiment, risk,
                    DashCell(funding.joined(separator: " / "), right: false), DashCell(DashFormat.compactUSD(known.isEmpty ? nil : known.reduce(0, +)))]
        }
        return lines + DashTable.lines(header: header, rows: rows)
    }

    private func latest(_ latest: [Liquidation], count: Int) -> [DashLine] {
        var title = DashLine("LATEST \(count) LIQUIDATIONS", style: DashStyle.bold)
        title.add("  (* = institutional, >= $100,000)")
        guard !latest.isEmpty else { return [title, DashLine("no liquidations yet")] }
        let header = ["date", "time (UTC)", "exchange", "symbol", "side"].map { DashCell($0, right: false) } + [DashCell("qty"), DashCell("USD")]
        let rows = latest.reversed().map { l -> [DashCell] in
            let t = UTCDateTime(l.ts)
            return [DashCell(t.compactDate, right: false), DashCell(t.clock + " UTC", right: false),
                    DashCell(l.stream.exchangeName.uppercased(), right: false), DashCell(l.symbol.description, right: false),
                    DashCell(l.side.label, style: DashStyle.side(l.side), right: false), DashCell(l.qty.description),
                    DashCell(DashFormat.dollars(l.usdCents) + (l.isInstitutional ? " *" : "  "), style: l.isInstitutional ? DashStyle.yellow : nil)]
        }
        return [title] + DashTable.lines(header: header, rows: rows, separator: " | ")
    }

    // MARK: Helpers

    /// Exchanges (stream order) that liquidated or sent funding/open interest so far.
    static func exchanges(views: LiquidationViews, states: [Pipeline.MarketState]) -> [Int] {
        StreamID.allCases.indices.filter { i in
            views.accumulated.exchangeEvents[i] > 0
                || states.contains { i < $0.funding.count && ($0.funding[i] != nil || $0.openInterestUSD[i] != nil) }
        }
    }

    static func exchangeHeader(_ i: Int) -> String {
        let id = StreamID.allCases[i]
        return id.exchangeName + (Exchanges.venue(id).facts.liquidationsAreLowerBound ? "*" : "")
    }
}
