import LiqsimCore
import LiqsimYAML

/// The `margin` and `validation` sections (docs/scenarios.md): one value each, they do not
/// make grid axes.
extension ScenarioReader {
    /// `margin: {tiers: {BTCUSDT: [[50000, 0.004], [250000, 0.005], …]}}`: per symbol,
    /// [notional up to (USD), maintenance rate] bands in ascending order.
    func marginTiers(_ node: YAMLNode?, symbols traded: [Symbol]) throws -> [Symbol: MarginTiers] {
        guard let node else { return [:] }
        let m = try mapping(node, "margin", allowed: ["tiers"])
        guard let tiersNode = m["tiers"] else { return [:] }
        guard let symbols = tiersNode.mapping else { throw fail(tiersNode, "margin.tiers", "expected a mapping of symbols to tier lists") }
        var out: [Symbol: MarginTiers] = [:]
        for (key, list) in symbols {
            let written = try word(key, "margin.tiers"), text = written.uppercased()
            let field = "margin.tiers." + written
            guard let symbol = Symbol(text), !text.isEmpty else { throw fail(key, "margin.tiers", "'\(text)' is not a symbol") }
            guard traded.contains(symbol) else {
                throw fail(key, field, "\(text) is not one of data.symbols (\(traded.map(\.description).joined(separator: ", "))); tiers apply to traded symbols")
            }
            guard let items = list.sequence, !items.isEmpty else {
                throw fail(list, field, "expected a list of [notional up to, maintenance rate] pairs, e.g. [[50000, 0.004], [250000, 0.005]]")
            }
            var bands: [(upTo: Double, rate: Double)] = []
            for item in items {
                guard let pair = item.sequence, pair.count == 2, case .number(let upTo) = try value(pair[0], field),
                      case .number(let rate) = try value(pair[1], field) else {
                    throw fail(item, field, "expected [notional up to, maintenance rate], e.g. [50000, 0.004]")
                }
                guard upTo.isFinite, rate.isFinite else { throw fail(item, field, "notional bounds and rates must be finite numbers") }
                guard upTo > (bands.last?.upTo ?? 0) else { throw fail(item, field, "notional bounds must be positive and increase") }
                guard rate > 0, rate < 1, rate >= (bands.last?.rate ?? 0) else {
                    throw fail(item, field, "maintenance rates must lie in (0, 1) and not decrease from band to band")
                }
                bands.append((upTo, rate))
            }
            out[symbol] = MarginTiers(bands: bands)
        }
        return out
    }

    /// `validation: {walk_forward: {train, test, step, mode, metric}, pbo: {splits}}`.
    func validation(_ node: YAMLNode?, bar: Int64) throws -> ValidationSettings {
        guard let node else { return ValidationSettings() }
        let m = try mapping(node, "validation", allowed: ["walk_forward", "pbo"])
        var out = ValidationSettings()
        if let wf = m["walk_forward"] {
            let w = try mapping(wf, "validation.walk_forward", allowed: ["train", "test", "step", "mode", "metric"])
            func span(_ key: String, default value: Int64?) throws -> Int64 {
                let field = "validation.walk_forward." + key
                guard w[key] != nil || value != nil else { throw fail(wf, field, "missing: give a duration like 6h") }
                let d = try duration(w[key], field, default: value ?? 0, minimum: bar)
                guard d % bar == 0 else { throw fail(w[key], field, "must be a whole number of bars (\(bar / 1_000_000_000) s each)") }
                return d
            }
            let train = try span("train", default: nil), test = try span("test", default: nil)
            let step = try span("step", default: test)
            var anchored = false
            if let mode = w["mode"] {
                let text = try word(mode, "validation.walk_forward.mode")
                guard text == "rolling" || text == "anchored" else { throw fail(mode, "validation.walk_forward.mode", "must be rolling or anchored") }
                anchored = text == "anchored"
            }
            var metric = "sharpe"
            if let node = w["metric"] {
                metric = try word(node, "validation.walk_forward.metric")
                guard ValidationSettings.metrics.contains(metric) else {
                    throw fail(node, "validation.walk_forward.metric", "must be one of \(ValidationSettings.metrics.joined(separator: ", "))")
                }
            }
            out.walkForward = .init(train: train, test: test, step: step, anchored: anchored, metric: metric)
        }
        if let pbo = m["pbo"] {
            let p = try mapping(pbo, "validation.pbo", allowed: ["splits"])
            var splits = 16
            if let n = p["splits"] {
                guard case .number(let v) = try value(n, "validation.pbo.splits"), v == v.rounded(), v >= 2, v <= 20, Int(v) % 2 == 0 else {
                    throw fail(n, "validation.pbo.splits", "must be an even whole number from 2 to 20 (the blocks CSCV splits the bars into)")
                }
                splits = Int(v)
            }
            out.pboSplits = splits
        }
        return out
    }
}
