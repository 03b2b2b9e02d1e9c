import LiqsimCore

extension ValidationReport {
    /// The human report: what was read, the thresholds, one aligned row per stream,
    /// symbol and finding with up to three examples below it, Binance liquidation
    /// seconds, and a last line `OK: no problems found` or `PROBLEMS: …`.
    public func renderTable() -> String {
        var lines: [String] = []
        var head = "validated \(files.count) file\(files.count == 1 ? "" : "s"): \(records) records, \(events) events"
        if let a = firstRecv, let b = lastRecv { head += ", \(a) → \(b)" }
        lines.append(head)
        lines.append("thresholds: gap \(ValidationFormat.duration(options.gap.rawValue)), stale \(ValidationFormat.duration(options.stale.rawValue)), "
                     + "outlier \(ValidationFormat.number(options.outlierPercent))%, duplicates within the last \(options.duplicateWindow) frames of a stream")
        let rows = sortedFindings
        if !rows.isEmpty {
            let table = TextTable(header: ["STREAM", "SYMBOL", "FINDING", "COUNT"],
                                  rows: rows.map { [$0.0.stream, $0.0.symbol, $0.1.rawValue, String($0.2.count)] },
                                  alignments: [.left, .left, .left, .right]).padded()
            lines.append("")
            lines.append(table[0])
            // Each finding's examples sit under its row, so the rows go out one at a time.
            for (i, (_, _, finding)) in rows.enumerated() {
                lines.append(table[i + 1])
                for e in finding.examples {
                    lines.append("    \(e.recv)  \(e.file) #\(e.seq)  \(e.detail)")
                }
            }
        }
        if !binanceLiquidationSeconds.isEmpty {
            lines.append("")
            lines.append("Binance liquidation seconds per symbol (lower bounds: Binance pushes at most one liquidation per symbol per second):")
            let seconds = binanceLiquidationSeconds.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] }
            lines += TextTable(header: [], rows: seconds, alignments: [.left, .right]).padded().map { "  " + $0 }
        }
        lines.append("")
        if isClean {
            lines.append("OK: no problems found")
        } else {
            let kinds = totalsByKind.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
            lines.append("PROBLEMS: \(problemCount) found (\(kinds))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
