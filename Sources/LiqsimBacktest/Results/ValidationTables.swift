import LiqsimCore
import LiqsimPipeline
import LiqsimResultFiles

/// The result files of `validation` (docs/metrics.md, "Out of sample"): folds.csv,
/// oos_equity.csv and validation.csv, and their section of summary.md.
struct ValidationTables {
    let validation: ValidationResult

    /// The files to write (and to digest), in order; none without a validation section.
    var files: [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        if let w = validation.walkForward {
            out.append(("folds.csv", Array(FoldRow.csv(foldRows(w)).utf8)))
            out.append(("oos_equity.csv", Array(equityCSV(w).utf8)))
        }
        if !summary.pairs.isEmpty { out.append(("validation.csv", Array(summary.csv.utf8))) }
        return out
    }

    func foldRows(_ w: WalkForwardResult) -> [FoldRow] {
        w.folds.map { f in
            FoldRow(fold: f.fold, trainFrom: ResultText.time(f.trainFrom), trainTo: ResultText.time(f.trainTo), testFrom: ResultText.time(f.testFrom),
                    testTo: ResultText.time(f.testTo), run: f.run, chosenBy: w.settings.metric,
                    inSample: Self.shown(f.inSample), outOfSample: Self.shown(f.outOfSample))
        }
    }

    /// `FoldRow.metrics` of a run's metrics.
    static func shown(_ m: RunMetrics) -> [Double] {
        FoldRow.metrics.map { m.values[RunColumns.metrics.firstIndex(of: $0)!] }
    }

    /// The stitched out-of-sample equity: time, fold, run, equity_usd at every test bar close.
    func equityCSV(_ w: WalkForwardResult) -> String {
        var out = CSVFields.line(["time", "fold", "run", "equity_usd"]) + "\n"
        for f in w.folds {
            for (t, e) in zip(f.time, f.equity) { out += "\(ResultText.time(t)),\(f.fold),\(f.run),\(ResultText.fixed(e, 2))\n" }
        }
        return out
    }

    var summary: ValidationSummary {
        var pairs: [(key: String, value: String)] = []
        if let w = validation.walkForward {
            let s = w.settings
            pairs += [("walk_forward_folds", String(w.folds.count)), ("walk_forward_mode", s.anchored ? "anchored" : "rolling"),
                      ("walk_forward_train", PipelineConfig.label(s.train)), ("walk_forward_test", PipelineConfig.label(s.test)),
                      ("walk_forward_step", PipelineConfig.label(s.step)), ("walk_forward_metric", s.metric)]
            let m = w.outOfSample
            for name in ["total_return_pct", "sharpe", "max_drawdown_pct", "trades", "liquidations", "bars", "days", "sharpe_se", "psr"] {
                pairs.append(("oos_" + name, RunColumns.text(name, m.values[RunColumns.metrics.firstIndex(of: name)!])))
            }
            let isSharpe = w.folds.map { $0.inSample.sharpe }
            pairs.append(("is_mean_sharpe", RunColumns.text("sharpe", isSharpe.isEmpty ? .nan : isSharpe.reduce(0, +) / Double(isSharpe.count))))
        }
        if let p = validation.pbo {
            pairs += [("pbo", RunColumns.text("pbo", p.pbo)), ("pbo_splits", String(p.splits)), ("pbo_combinations", String(p.combinations)),
                      ("pbo_trials", String(p.trials))]
        }
        return ValidationSummary(pairs: pairs)
    }

    /// summary.md's section: the folds in and out of sample, the stitched result, PBO.
    var markdown: String {
        var out = ""
        if let w = validation.walkForward {
            let s = w.settings
            out += "\n## Walk-forward (out of sample)\n\n"
            out += "\(w.folds.count) folds, \(s.anchored ? "anchored" : "rolling"): train \(PipelineConfig.label(s.train)), test \(PipelineConfig.label(s.test)), "
                + "step \(PipelineConfig.label(s.step)); each train window picks the run with the best \(s.metric), which trades the test window from flat.\n\n"
            let header = ["fold", "test from", "test to", "run"] + FoldRow.metrics.flatMap { ["IS " + $0, "OOS " + $0] }
            let rows = foldRows(w).map { r in [String(r.fold), r.testFrom, r.testTo, String(r.run)] + Array(r.fields[7...]) }
            out += TextTable(header: header, rows: rows).markdown(rule: "---:").joined(separator: "\n") + "\n\n"
            let m = w.outOfSample
            out += "Stitched out of sample: return \(RunColumns.text("total_return_pct", m.totalReturnPct))%, sharpe \(RunColumns.text("sharpe", m.sharpe)) "
                + "± \(RunColumns.text("sharpe_se", m.sharpeSE)), psr \(RunColumns.text("psr", m.psr)), max drawdown \(RunColumns.text("max_drawdown_pct", m.maxDrawdownPct))%, "
                + "\(m.trades) trades, \(m.liquidations) liquidations over \(m.bars) bars.\n"
        }
        if let p = validation.pbo {
            out += "\n## Probability of backtest overfitting\n\n"
            out += "PBO \(RunColumns.text("pbo", p.pbo)) by CSCV over \(p.splits) blocks (\(p.combinations) combinations of \(p.trials) runs, by per-bar Sharpe): "
                + "the share of splits whose in-sample best ranks at or below the median out of sample (0.5: choosing is no better than chance).\n"
        }
        return out
    }
}
