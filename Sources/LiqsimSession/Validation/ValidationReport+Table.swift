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
            let header = ["STREAM", "SYMBOL", "FINDING", "COUNT"]
            let cells = rows.map { [$0.0.stream, $0.0.symbol, $0.1.rawValue, String($0.2.count)] }
            let widths = (0..<4).map { c in ([header] + cells).map { $0[c].count }.max()! }
            func row(_ v: [String]) -> String {
                pad(v[0], widths[0]) + "  " + pad(v[1], widths[1]) + "  " + pad(v[2], widths[2]) + "  " + pad(v[3], widths[3], right: true)
            }
            lines.append("")
            lines.append(row(header))
            for (i, (_, _, finding)) in rows.enumerated() {
                lines.append(row(cells[i]))
                for e in finding.examples {
                    lines.append("    \(e.recv)  \(e.file) #\(e.seq)  \(e.detail)")
                }
            }
        }
        if !binanceLiquidationSeconds.isEmpty {
            lines.append("")
            lines.append("Binance liquidation seconds per symbol (lower bounds: Binance pushes at most one liquidation per symbol per second):")
            let symbols = binanceLiquidationSeconds.keys.sorted()
            let w = symbols.map(\.count).max()!
            let n = symbols.map { String(binanceLiquidationSeconds[$0]!).count }.max()!
            for s in symbols { lines.append("  " + pad(s, w) + "  " + pad(String(binanceLiquidationSeconds[s]!), n, right: true)) }
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

    private func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
