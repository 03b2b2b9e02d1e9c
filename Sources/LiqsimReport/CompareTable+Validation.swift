import LiqsimCore
import LiqsimResultFiles

extension CompareTable {
    /// The directories with an out-of-sample evaluation (folds.csv or validation.csv).
    var validated: [ResultDirectory] { sources.filter { !$0.folds.isEmpty || $0.validation != nil } }

    /// Per validated directory: its folds in sample and out of sample side by side, the
    /// stitched out-of-sample result and PBO.
    func validationText(markdown: Bool) -> String {
        var out = ""
        for d in validated {
            out += "\n" + (markdown ? "### " : "") + "\(d.scenario): in sample (IS) vs out of sample (OOS), \(d.path)\n\n"
            if !d.folds.isEmpty {
                let header = ["fold", "test from", "test to", "run"] + FoldRow.metrics.flatMap { ["IS " + $0, "OOS " + $0] }
                let rows = d.folds.map { f in [String(f.fold), f.testFrom, f.testTo, String(f.run)] + Array(f.fields[7...]) }
                let table = TextTable(header: header, rows: rows, alignments: header.indices.map { $0 == 1 || $0 == 2 ? .left : .right })
                out += (markdown ? table.markdown(rule: "---:") : table.padded(rule: true)).joined(separator: "\n") + "\n"
            }
            if let v = d.validation {
                out += "\n" + Self.summaryLine(v) + "\n"
            }
        }
        return out
    }

    /// "walk-forward by sharpe, 6 folds: IS mean sharpe 3.1 → OOS sharpe −0.4 …; PBO 0.62 (16 blocks)".
    static func summaryLine(_ v: ValidationSummary) -> String {
        var parts: [String] = []
        if let folds = v["walk_forward_folds"] {
            parts.append("walk-forward by \(v["walk_forward_metric"] ?? "?"), \(folds) folds (\(v["walk_forward_mode"] ?? "?")): "
                         + "IS mean sharpe \(v["is_mean_sharpe"] ?? "") → stitched OOS sharpe \(v["oos_sharpe"] ?? "") ± \(v["oos_sharpe_se"] ?? ""), "
                         + "return \(v["oos_total_return_pct"] ?? "")%, psr \(v["oos_psr"] ?? ""), \(v["oos_liquidations"] ?? "0") liquidations")
        }
        if let pbo = v["pbo"] {
            parts.append("probability of backtest overfitting \(pbo) (CSCV, \(v["pbo_splits"] ?? "?") blocks, \(v["pbo_trials"] ?? "?") runs)")
        }
        return parts.joined(separator: "; ")
    }

    /// `[{"scenario", "path", "folds": [{column: value}], "summary": {key: value}}]`.
    func validationJSON() -> String {
        "[" + validated.map { d in
            let folds = d.folds.map { f in
                "{" + zip(FoldRow.header, f.fields).map { k, v in
                    JSONText.quote(k) + ": " + (Double(v) != nil && v != "inf" && v != "-inf" && !k.hasSuffix("_from") && !k.hasSuffix("_to") && k != "chosen_by" ? v : JSONText.quote(v))
                }.joined(separator: ", ") + "}"
            }
            let summary = (d.validation?.pairs ?? []).map { JSONText.quote($0.key) + ": " + JSONText.quote($0.value) }
            return "{\"scenario\": \(JSONText.quote(d.scenario)), \"path\": \(JSONText.quote(d.path)), \"folds\": [" + folds.joined(separator: ", ")
                + "], \"summary\": {" + summary.joined(separator: ", ") + "}}"
        }.joined(separator: ", ") + "]"
    }
}

extension CompareTable {
    /// The deflated Sharpe ratio of every merged row of one grid, computed again over the
    /// merged runs (docs/metrics.md, "Significance"): trials = the grid's points, V = the
    /// variance of the rows' per-bar Sharpes (runs.csv's sharpe ÷ √(bars per year), bars per
    /// year from the manifest's bar). Shards of a grid thus give the whole grid's figure.
    /// Rows stay as they are when a column or the bar is missing.
    static func redeflate(_ rows: inout [[String]], columns: [String], trials: Int, barSeconds: Int) {
        guard barSeconds > 0, !rows.isEmpty,
              let sharpe = columns.firstIndex(of: "sharpe"), let bars = columns.firstIndex(of: "bars"), let skew = columns.firstIndex(of: "skew"),
              let kurtosis = columns.firstIndex(of: "kurtosis"), let dsr = columns.firstIndex(of: "dsr") else { return }
        let scale = (365 * 86_400 / Double(barSeconds)).squareRoot()
        let perBar = rows.map { (ResultText.number($0[sharpe]) ?? .nan) / scale }
        let variance = Significance.variance(perBar.filter { $0.isFinite })
        for k in rows.indices {
            guard let n = Int(rows[k][bars]), let g3 = ResultText.number(rows[k][skew]), let g4 = ResultText.number(rows[k][kurtosis]) else { continue }
            let value = Significance.deflatedSharpe(sharpe: perBar[k], n: n, skew: g3, kurtosis: g4, trials: trials, variance: variance)
            rows[k][dsr] = RunColumns.text("dsr", value)
        }
    }
}
