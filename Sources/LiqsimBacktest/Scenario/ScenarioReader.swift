import Foundation
import LiqsimCore
import LiqsimCapture
import LiqsimReplay
import LiqsimYAML

extension Scenario {
    /// Reads and validates a scenario file (errors name file, line, column and field).
    /// `rules`: the rules its `strategies` section may configure.
    public static func load(path: String, rules: [any StrategyRule.Type] = StrategyRules.all) throws -> Scenario {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScenarioError(file: path, field: "-", message: "cannot read the file; check the path")
        }
        return try parse(text, file: path, rules: rules)
    }

    public static func parse(_ text: String, file: String = "<scenario>", rules: [any StrategyRule.Type] = StrategyRules.all) throws -> Scenario {
        let root = try YAMLDocument.root(text, file: file, empty: "the file is empty; see scenarios/cascade.yaml for an example")
        return try ScenarioReader(file: file, rules: rules).scenario(root, source: text)
    }
}

/// Walks the YAML node tree against `ScenarioSchema` and the rules' parameters; every error
/// points at a node's mark.
struct ScenarioReader {
    let file: String
    let rules: [any StrategyRule.Type]
    static let topKeys = ["name", "data", "bar", "account", "execution", "strategies", "regimes", "pipeline", "margin", "validation"]

    func fail(_ node: YAMLNode?, _ field: String, _ message: String) -> ScenarioError {
        ScenarioError(file: file, node: node, field: field, message: message)
    }

    func scenario(_ root: YAMLNode, source: String) throws -> Scenario {
        let top = try mapping(root, "", allowed: Self.topKeys)
        guard let nameNode = top["name"] else { throw fail(root, "name", "missing: give the scenario a name (it names results/<name>/)") }
        let name = try word(nameNode, "name")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }), !name.hasPrefix("."), !name.hasPrefix("-") else {
            throw fail(nameNode, "name", "use letters, digits, '-', '_' or '.', not first '.' or '-' (it becomes a directory name)")
        }
        guard name.utf8.count <= 100 else {
            throw fail(nameNode, "name", "\(name.utf8.count) bytes long; use at most 100 (it becomes a directory name)")
        }
        guard let dataNode = top["data"] else { throw fail(root, "data", "missing: say which captures and symbols to test on") }
        let data = try mapping(dataNode, "data", allowed: ["captures", "symbols", "from", "to", "liquidations"])
        let (arguments, files) = try captures(data["captures"], parent: dataNode)
        var liquidations: ([String], [String]) = ([], [])
        if data["liquidations"] != nil { liquidations = try captures(data["liquidations"], parent: dataNode, field: "data.liquidations") }
        let (symbols, symbolPositions) = try symbolList(data["symbols"], parent: dataNode)
        let from = try time(data["from"], "data.from"), to = try time(data["to"], "data.to")
        if let from, let to, from >= to { throw fail(data["to"], "data.to", "must be after data.from") }

        let bar = try duration(top["bar"], "bar", default: PipelineSettingsDefaults.bar, minimum: 1_000_000_000)
        guard bar % 1_000_000_000 == 0, 86_400_000_000_000 % bar == 0 else {
            throw fail(top["bar"], "bar", "must be whole seconds dividing a day (1s … 1d), e.g. 1m, 5m, 1h")
        }
        let pipeline = try pipelineSettings(top["pipeline"], bar: bar)
        let regimes = try regimeSettings(top["regimes"], bar: bar)

        var grid = ParameterGrid()
        grid.append(GridAxis(name: "symbol", values: symbols.map { .text($0.description) }))
        try section(top["account"], "account", ScenarioSchema.account, into: &grid)
        try section(top["execution"], "execution", ScenarioSchema.execution, into: &grid)
        let names = rules.map { $0.name }
        precondition(Set(names).count == names.count, "two rules named alike in \(names)")
        guard let strategiesNode = top["strategies"] else {
            throw fail(root, "strategies", "missing: configure at least one of \(names.joined(separator: ", "))")
        }
        let strategies = try mapping(strategiesNode, "strategies", allowed: names)
        var present: [any StrategyRule.Type] = []
        for rule in rules {
            guard let node = strategies[rule.name] else { continue }
            present.append(rule)
            try section(node, "strategies." + rule.name, ScenarioSchema.strategy(rule), into: &grid, prefix: rule.name)
        }
        guard !present.isEmpty else { throw fail(strategiesNode, "strategies", "empty: configure at least one of \(names.joined(separator: ", "))") }
        // The target is Σ weight · signal: with every weight 0 no run could ever trade.
        let weights = present.flatMap { grid.axisIndex($0.name + ".weight").map { grid.axes[$0].values } ?? [] }
        guard weights.contains(where: { $0 != .number(0) }) else {
            throw fail(strategiesNode, "strategies", "every rule's weight is 0, so no run could trade; give one rule a weight other than 0")
        }
        var scenario = Scenario(name: name, file: file, source: source, captureArguments: arguments, captureFiles: files, symbols: symbols,
                                symbolPositions: symbolPositions, from: from, to: to, bar: bar, pipeline: pipeline, regimes: regimes, rules: present, grid: grid)
        scenario.marginTiers = try marginTiers(top["margin"], symbols: symbols)
        scenario.validation = try validation(top["validation"], bar: bar)
        (scenario.liquidationArguments, scenario.liquidationFiles) = liquidations
        return scenario
    }

    // MARK: sections

    /// A grid section: every schema key becomes an axis (its default when absent).
    private func section(_ node: YAMLNode?, _ field: String, _ schema: [ParameterSpec], into grid: inout ParameterGrid, prefix: String? = nil) throws {
        let m = try node.map { try mapping($0, field, allowed: schema.map(\.key)) } ?? [:]
        for spec in schema {
            let path = field + "." + spec.key
            var values = [spec.defaultValue]
            if let n = m[spec.key] {
                let items: [YAMLNode]
                if let seq = n.sequence {
                    guard !seq.isEmpty else { throw fail(n, path, "empty list: a grid axis needs at least one value") }
                    items = Array(seq)
                } else {
                    items = [n]
                }
                values = try items.map { item in
                    let value = try self.value(item, path)
                    if let problem = spec.problem(with: value) { throw fail(item, path, problem) }
                    return value
                }
                if Set(values).count != values.count { throw fail(n, path, "lists a value twice") }
            }
            guard grid.count <= ParameterGrid.maximumPoints / values.count else {
                throw fail(m[spec.key], path, "makes the grid larger than \(ParameterGrid.maximumPoints) runs; use fewer values or split the scenario")
            }
            grid.append(GridAxis(name: (prefix ?? field) + "." + spec.key, values: values))
        }
    }

    private func pipelineSettings(_ node: YAMLNode?, bar: Int64) throws -> PipelineSettings {
        let m = try node.map { try mapping($0, "pipeline", allowed: ["sentiment_interval", "risk_window"]) } ?? [:]
        let minute: Int64 = 60_000_000_000
        // Default: the bar rounded up to whole minutes (sentiment windows are whole minutes).
        let sentiment = try duration(m["sentiment_interval"], "pipeline.sentiment_interval", default: (bar + minute - 1) / minute * minute, minimum: minute)
        let risk = try duration(m["risk_window"], "pipeline.risk_window", default: 5 * minute, minimum: minute)
        for (key, value) in [("sentiment_interval", sentiment), ("risk_window", risk)] where value % minute != 0 {
            throw fail(m[key], "pipeline." + key, "must be whole minutes")
        }
        return PipelineSettings(sentimentInterval: sentiment, riskWindow: risk)
    }

    private func regimeSettings(_ node: YAMLNode?, bar: Int64) throws -> RegimeSettings {
        let m = try node.map { try mapping($0, "regimes", allowed: ["volatility_window", "z_lookback", "min_samples", "har_period", "refit"]) } ?? [:]
        func bars(_ key: String, _ value: Int64) throws -> Int {
            let d = try duration(m[key], "regimes." + key, default: value, minimum: bar)
            guard d % bar == 0 else { throw fail(m[key], "regimes." + key, "must be a whole number of bars (\(bar / 1_000_000_000) s each)") }
            return Int(d / bar)
        }
        let day: Int64 = 86_400_000_000_000
        let volatility = try bars("volatility_window", 60 * bar)
        guard volatility >= 2 else { throw fail(m["volatility_window"], "regimes.volatility_window", "must span at least 2 bars") }
        let zLookback = try bars("z_lookback", 7 * day)
        guard zLookback >= 2 else { throw fail(m["z_lookback"], "regimes.z_lookback", "must span at least 2 bars") }
        let samples: Int
        if let n = m["min_samples"] {
            guard case .number(let v) = try value(n, "regimes.min_samples"), v == v.rounded(), v >= 2, v <= Double(zLookback) else {
                throw fail(n, "regimes.min_samples", "must be a whole number from 2 to the bars of z_lookback (\(zLookback))")
            }
            samples = Int(v)
        } else {
            samples = min(2 * volatility, zLookback)
        }
        return RegimeSettings(volatilityWindow: volatility, zLookback: zLookback, minSamples: samples,
                              harPeriod: try bars("har_period", day), refitEvery: try bars("refit", day))
    }

    private func captures(_ node: YAMLNode?, parent: YAMLNode, field: String = "data.captures") throws -> ([String], [String]) {
        guard let node else { throw fail(parent, field, "missing: list capture files, directories or globs") }
        let items = node.sequence.map(Array.init) ?? [node]
        guard !items.isEmpty else { throw fail(node, field, "empty list: name at least one capture") }
        var arguments: [String] = [], files: [String] = [], named: [String: String] = [:]
        for item in items {
            let argument = try word(item, field)
            guard !argument.isEmpty else { throw fail(item, field, "an empty path; name a capture file, directory or glob") }
            guard !arguments.contains(argument) else { throw fail(item, field, "lists \(argument) twice (its records would be read twice)") }
            let found: [String]
            do {
                found = try CaptureInputs.resolve([resolvedPath(argument)])
            } catch {
                throw fail(item, field, "\(argument): \(Self.reason(error)) (paths are relative to the current directory; `make demo` generates captures/demo)")
            }
            // One file reached twice (a directory and a file in it, two globs): read once or refused, never twice.
            for f in found {
                let real = (f as NSString).resolvingSymlinksInPath
                if let earlier = named[real] { throw fail(item, field, "\(argument) names \(f) again (already named by \(earlier)); its records would be read twice") }
                named[real] = argument
            }
            files += found
            arguments.append(argument)
        }
        return (arguments, files)
    }

    /// Relative paths are taken from the current directory, else from the scenario's directory.
    private func resolvedPath(_ argument: String) -> String {
        if argument.hasPrefix("/") || FileManager.default.fileExists(atPath: argument) || argument.contains(where: { "*?[".contains($0) }) { return argument }
        let directory = (file as NSString).deletingLastPathComponent
        let beside = (directory.isEmpty ? "." : directory) + "/" + argument
        return FileManager.default.fileExists(atPath: beside) ? beside : argument
    }

    private func symbolList(_ node: YAMLNode?, parent: YAMLNode) throws -> ([Symbol], [Symbol: SourcePosition]) {
        guard let node else { throw fail(parent, "data.symbols", "missing: list the symbols to trade, e.g. [BTCUSDT]") }
        let items = node.sequence.map(Array.init) ?? [node]
        guard !items.isEmpty else { throw fail(node, "data.symbols", "empty list: name at least one symbol") }
        var out: [Symbol] = [], positions: [Symbol: SourcePosition] = [:]
        for item in items {
            let text = try word(item, "data.symbols").uppercased()   // unified symbols are upper case
            // Letters (any script: Binance lists 牛来USDT), digits, '_' and '-': no '/', '.', control characters or NUL.
            guard let symbol = Symbol(text), text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw fail(item, "data.symbols", "'\(text)' is not a symbol (letters, digits, '_' and '-', at most \(Symbol.capacity) bytes)")
            }
            guard !out.contains(symbol) else { throw fail(item, "data.symbols", "lists \(text) twice") }
            out.append(symbol)
            positions[symbol] = item.mark
        }
        return (out, positions)
    }

    static func reason(_ error: Error) -> String {
        let text = "\(error)"
        return text.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? text
    }
}

enum PipelineSettingsDefaults {
    static let bar: Int64 = 60_000_000_000
}
