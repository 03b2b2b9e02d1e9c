import LiqsimCore
import LiqsimYAML

extension SpecReader {
    /// The top level's keys (docs/synth.md, "Scenario fields").
    static let topKeys = ["name", "seed", "start", "duration", "step", "symbols", "exchanges", "traders", "leverage", "impact_bps_per_million",
                          "cadence", "cascades", "regimes", "shocks"]

    /// The whole scenario, validated.
    func spec(_ root: YAMLNode) throws -> SynthSpec {
        let m = try map(root, "", allowed: Self.topKeys)
        let name = try string(m, "name", "")
        let seedText = try string(m, "seed", "")
        guard let seed = UInt64(seedText) else { throw fail(child(m, "seed"), "seed", "expected a non-negative integer") }
        let startText = try string(m, "start", "")
        guard let start = TimeArgument.parse(startText) else {
            throw fail(child(m, "start"), "start", "expected a UTC time like 2026-01-01T00:00:00Z")
        }
        let duration = try self.duration(m, "duration", "")
        guard duration > 0, duration <= 366 * 86_400_000_000_000 else {
            throw fail(child(m, "duration"), "duration", "must be positive and at most 366d")
        }

        var symbols: [SymbolSpec] = []
        for (i, node) in try list(m, "symbols", "").enumerated() {
            symbols.append(try symbol(node, "symbols[\(i)]."))
        }
        guard !symbols.isEmpty else { throw fail(child(m, "symbols"), "symbols", "at least one symbol is required") }
        if let dup = Dictionary(grouping: symbols, by: \.symbol).first(where: { $0.value.count > 1 })?.key {
            throw fail(child(m, "symbols"), "symbols", "\(dup) is listed twice")
        }

        var exchanges: [ExchangeSpec] = []
        if let node = child(m, "exchanges") {
            let em = try map(node, "exchanges")
            for (key, value) in em {
                guard let id = key.string, let stream = StreamID(rawValue: id), SynthEmitter.Encoders.simulated.contains(stream) else {
                    let simulated = StreamID.allCases.filter(SynthEmitter.Encoders.simulated.contains).map(\.rawValue).joined(separator: ", ")
                    throw fail(key, "exchanges", "unknown stream id \(key.string ?? "?") (expected \(simulated))")
                }
                let x = try map(value, "exchanges.\(id)", allowed: ["share", "basis_bps", "latency"])
                exchanges.append(ExchangeSpec(stream: stream, share: try double(x, "share", "exchanges.\(id).", positive: true),
                                              basisBps: try double(x, "basis_bps", "exchanges.\(id).", default: 0),
                                              latency: try self.duration(x, "latency", "exchanges.\(id).", default: 30_000_000)))
            }
        } else {
            exchanges = [ExchangeSpec(stream: .binanceUSDM, share: 0.5, basisBps: 0, latency: 20_000_000),
                         ExchangeSpec(stream: .bybitLinear, share: 0.3, basisBps: 1.5, latency: 35_000_000),
                         ExchangeSpec(stream: .okxSwap, share: 0.2, basisBps: -1, latency: 50_000_000)]
        }
        guard !exchanges.isEmpty else { throw fail(child(m, "exchanges"), "exchanges", "at least one exchange is required") }
        exchanges.sort { $0.stream.index < $1.stream.index }

        var spec = SynthSpec(name: name, seed: seed, start: start, duration: duration, symbols: symbols, exchanges: exchanges)
        spec.step = try self.duration(m, "step", "", default: spec.step)
        // Steps divide a second, so Binance's one-liquidation-per-second rule sees whole seconds in order.
        guard spec.step >= 1_000_000, 1_000_000_000 % spec.step == 0 else {
            throw fail(child(m, "step"), "step", "must divide one second (e.g. 10ms, 50ms, 100ms, 250ms, 1s)")
        }
        spec.impactBpsPerMillion = try double(m, "impact_bps_per_million", "", default: spec.impactBpsPerMillion)
        if let t = child(m, "traders") { spec.traders = try traders(t) }
        if let l = child(m, "leverage") { spec.leverage = try leverage(l) }
        if let c = child(m, "cadence") { spec.cadence = try cadence(c) }
        if let c = child(m, "cascades") {
            let cm = try map(c, "cascades", allowed: ["gap", "min_usd"])
            spec.cascadeGap = try self.duration(cm, "gap", "cascades.", default: spec.cascadeGap)
            spec.cascadeMinUSD = try double(cm, "min_usd", "cascades.", default: spec.cascadeMinUSD)
        }
        for (key, cadence) in [("mark", spec.cadence.mark), ("open_interest", spec.cadence.openInterest), ("funding", spec.cadence.funding), ("rest", spec.cadence.rest)]
            where cadence % spec.step != 0 {
            throw fail(child(m, "cadence"), "cadence." + key, "must be a multiple of step")
        }
        let known = Set(symbols.map(\.symbol))
        for (i, node) in try list(m, "regimes", "").enumerated() { spec.regimes.append(try regime(node, "regimes[\(i)].", known)) }
        for (i, node) in try list(m, "shocks", "").enumerated() { spec.shocks.append(try shock(node, "shocks[\(i)].", known)) }
        return spec
    }

    func symbol(_ node: YAMLNode, _ path: String) throws -> SymbolSpec {
        let m = try map(node, String(path.dropLast()), allowed: ["symbol", "price", "volatility", "tick", "lot", "okx_ct_val", "activity"])
        let name = try string(m, "symbol", path)
        guard name.hasSuffix("USDT"), name.count > 4, name.allSatisfy({ $0.isUppercase || $0.isNumber }) else {
            throw fail(child(m, "symbol"), path + "symbol", "expected a linear USDT perpetual like BTCUSDT")
        }
        let defaults: [String: (String, String, String)] = ["BTC": ("0.1", "0.001", "0.01"), "ETH": ("0.01", "0.01", "0.1"), "SOL": ("0.01", "0.1", "1")]
        let d = defaults[String(name.dropLast(4))] ?? ("0.01", "0.01", "1")
        let price = try double(m, "price", path, positive: true)
        guard price <= 1e9 else { throw fail(child(m, "price"), path + "price", "must be at most 1e9") }
        var s = SymbolSpec(symbol: name, price: price,
                           volatility: try double(m, "volatility", path, default: 0.6, positive: true),
                           tick: try string(m, "tick", path, default: d.0), lot: try string(m, "lot", path, default: d.1),
                           okxContractValue: try string(m, "okx_ct_val", path, default: d.2))
        s.activity = try double(m, "activity", path, default: 1, positive: true)
        for (key, text) in [("tick", s.tick), ("lot", s.lot), ("okx_ct_val", s.okxContractValue)] {
            guard let v = FixedDecimal(text), v.isPositive else { throw fail(child(m, key), path + key, "expected a positive decimal") }
        }
        guard price >= 100 * FixedDecimal(s.tick)!.doubleValue else {
            throw fail(child(m, "price"), path + "price", "must be at least 100 ticks (tick \(s.tick))")
        }
        return s
    }

    func traders(_ node: YAMLNode) throws -> TraderSpec {
        let m = try map(node, "traders", allowed: ["trade_rate", "open_rate", "median_notional_usd", "size_sigma", "median_trade_usd", "holding_mean", "initial_positions"])
        var t = TraderSpec()
        t.tradeRate = try double(m, "trade_rate", "traders.", default: t.tradeRate, positive: true)
        t.openRate = try double(m, "open_rate", "traders.", default: t.openRate, positive: true)
        t.medianNotional = try double(m, "median_notional_usd", "traders.", default: t.medianNotional, positive: true)
        t.sizeSigma = try double(m, "size_sigma", "traders.", default: t.sizeSigma, positive: true)
        t.medianTrade = try double(m, "median_trade_usd", "traders.", default: t.medianTrade, positive: true)
        t.holdingMean = try duration(m, "holding_mean", "traders.", default: t.holdingMean)
        let initial = try double(m, "initial_positions", "traders.", default: Double(t.initialPositions))
        guard initial >= 0, initial <= 1_000_000 else { throw fail(child(m, "initial_positions"), "traders.initial_positions", "must be between 0 and 1000000") }
        t.initialPositions = Int(initial)
        return t
    }

    func leverage(_ node: YAMLNode) throws -> LeverageSpec {
        let m = try map(node, "leverage", allowed: ["tiers", "weights", "maintenance_margin"])
        var l = LeverageSpec()
        let tiers = try list(m, "tiers", "leverage.")
        let weights = try list(m, "weights", "leverage.")
        if !tiers.isEmpty {
            l.tiers = try tiers.map { n in
                guard let v = n.scalar.flatMap({ Double($0.string) }), v >= 1 else { throw fail(n, "leverage.tiers", "expected numbers ≥ 1") }
                return v
            }
            l.weights = weights.isEmpty ? Array(repeating: 1, count: l.tiers.count) : try weights.map { n in
                guard let v = n.scalar.flatMap({ Double($0.string) }), v >= 0 else { throw fail(n, "leverage.weights", "expected non-negative numbers") }
                return v
            }
            guard l.weights.count == l.tiers.count else { throw fail(child(m, "weights"), "leverage.weights", "needs one weight per tier") }
        }
        l.maintenanceMargin = try double(m, "maintenance_margin", "leverage.", default: l.maintenanceMargin, positive: true)
        return l
    }

    func cadence(_ node: YAMLNode) throws -> CadenceSpec {
        let m = try map(node, "cadence", allowed: ["mark", "open_interest", "funding", "rest"])
        var c = CadenceSpec()
        c.mark = try duration(m, "mark", "cadence.", default: c.mark)
        c.openInterest = try duration(m, "open_interest", "cadence.", default: c.openInterest)
        c.funding = try duration(m, "funding", "cadence.", default: c.funding)
        c.rest = try duration(m, "rest", "cadence.", default: c.rest)
        for (key, v) in [("mark", c.mark), ("open_interest", c.openInterest), ("funding", c.funding), ("rest", c.rest)] where v < 1_000_000_000 {
            throw fail(child(m, key), "cadence." + key, "must be at least 1s")
        }
        return c
    }

    func regime(_ node: YAMLNode, _ path: String, _ known: Set<String>) throws -> RegimeSpec {
        let m = try map(node, String(path.dropLast()), allowed: ["at", "duration", "kind", "strength", "volatility", "symbols"])
        let kindText = try string(m, "kind", path)
        guard let kind = RegimeSpec.Kind(rawValue: kindText) else {
            throw fail(child(m, "kind"), path + "kind", "expected one of \(RegimeSpec.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let defaultStrength: Double = kind == .range ? 0.5 : (kind == .volatilityBurst ? 0 : 0.004)
        let symbols = try list(m, "symbols", path).map { n -> String in
            guard let s = n.string, known.contains(s) else { throw fail(n, path + "symbols", "unknown symbol") }
            return s
        }
        return RegimeSpec(at: try duration(m, "at", path), duration: try duration(m, "duration", path), kind: kind,
                          strength: try double(m, "strength", path, default: defaultStrength),
                          volatility: try double(m, "volatility", path, default: kind == .volatilityBurst ? 3 : 1, positive: true),
                          symbols: symbols)
    }

    func shock(_ node: YAMLNode, _ path: String, _ known: Set<String>) throws -> ShockSpec {
        let m = try map(node, String(path.dropLast()), allowed: ["at", "symbol", "direction", "size_usd", "duration"])
        let symbol = try string(m, "symbol", path)
        guard known.contains(symbol) else { throw fail(child(m, "symbol"), path + "symbol", "not one of the scenario's symbols") }
        let dirText = try string(m, "direction", path)
        guard let direction = ShockSpec.Direction(rawValue: dirText) else { throw fail(child(m, "direction"), path + "direction", "expected down or up") }
        let size = try double(m, "size_usd", path, positive: true)
        guard size <= 1e12 else { throw fail(child(m, "size_usd"), path + "size_usd", "must be at most 1e12") }
        let length = try duration(m, "duration", path, default: 60_000_000_000)
        guard length > 0 else { throw fail(child(m, "duration"), path + "duration", "must be positive") }
        return ShockSpec(at: try duration(m, "at", path), symbol: symbol, direction: direction, sizeUSD: size, duration: length)
    }
}
