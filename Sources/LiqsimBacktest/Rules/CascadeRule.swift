import Foundation

/// cascade (SPEC §6; docs/strategies.md). Over the last `lookback` bars L, six conditions:
/// 1. extreme funding: |funding rate| ≥ `fundingExtreme`;
/// 2. open-interest drop: OI fell by ≥ `oiDropPct` % since L bars ago;
/// 3. price move: |ln(close / close L bars ago)| > `kSigma` · σ · √L, σ = the per-bar
///    volatility of the `volatilityWindow` bars before the move;
/// 4. volume spike: mean bar volume of the L bars > `volumeSpike` × the mean of the
///    `volatilityWindow` bars before them;
/// 5. liquidations > `liqVolumePct` % of the L bars' traded volume;
/// 6. cascade risk > `risk`.
/// The cascade "fires" when at least `minConditions` hold and the L bars had liquidations;
/// its side is the larger liquidated side (LONG liquidations = a falling cascade).
/// Confidence = conditions ÷ 6, × 1.2 (capped at 1) when both liquidation conditions (5, 6)
/// hold.
/// `fade` stands aside while it fires and, from the first bar it no longer fires
/// (exhaustion), takes the other side for `hold` bars at the episode's highest confidence.
/// `follow` trades with it from each firing bar through `hold` bars after the last one.
public struct CascadeRule: StrategyRule {
    public enum Mode: String, Sendable, CaseIterable { case fade, follow }

    public static let name = "cascade"
    public static let readsLiquidations = true
    public static let parameters: [ParameterSpec] = [
        .choice("mode", Mode.allCases.map(\.rawValue), default: Mode.fade.rawValue),
        .lookback("lookback", 5, min: 1, max: 10_000),
        .number("k_sigma", 3, min: 0, max: 100, above: true),
        .number("funding_extreme", 0.0003, max: 1),
        .number("oi_drop_pct", 1, max: 100),
        .number("volume_spike", 3, min: 0, max: 1_000, above: true),
        .number("liq_volume_pct", 2, max: 100),
        .number("risk", 0.6, max: 1),
        .integer("min_conditions", 3, min: 1, max: 6),
        .integer("hold", 30, min: 1, max: 100_000),
    ]

    public var mode: Mode
    public var lookback: Int
    public var kSigma: Double
    public var fundingExtreme: Double
    public var oiDropPct: Double
    public var volumeSpike: Double
    public var liqVolumePct: Double
    public var risk: Double
    public var minConditions: Int
    public var hold: Int
    public var volatilityWindow: Int

    public init(mode: Mode, lookback: Int, kSigma: Double, fundingExtreme: Double, oiDropPct: Double, volumeSpike: Double,
                liqVolumePct: Double, risk: Double, minConditions: Int, hold: Int, volatilityWindow: Int) {
        self.mode = mode; self.lookback = lookback; self.kSigma = kSigma; self.fundingExtreme = fundingExtreme
        self.oiDropPct = oiDropPct; self.volumeSpike = volumeSpike; self.liqVolumePct = liqVolumePct; self.risk = risk
        self.minConditions = minConditions; self.hold = hold; self.volatilityWindow = volatilityWindow
    }

    /// σ and the volume baseline use the scenario's volatility window (`regimes.volatility_window`).
    public init(point: RulePoint, scenario: Scenario) {
        guard let mode = Mode(rawValue: point.text("mode")) else { preconditionFailure("cascade.mode \(point.text("mode")): the schema admits fade, follow") }
        self.init(mode: mode, lookback: point.integer("lookback"), kSigma: point.number("k_sigma"),
                  fundingExtreme: point.number("funding_extreme"), oiDropPct: point.number("oi_drop_pct"),
                  volumeSpike: point.number("volume_spike"), liqVolumePct: point.number("liq_volume_pct"), risk: point.number("risk"),
                  minConditions: point.integer("min_conditions"), hold: point.integer("hold"),
                  volatilityWindow: scenario.regimes.volatilityWindow)
    }

    /// The six conditions at bar i, and the cascade side (+1 = SHORT liquidations, a rising
    /// squeeze; −1 = LONG liquidations, a falling cascade; 0 = no liquidations).
    public struct Reading: Sendable, Equatable {
        public var conditions: [Bool]
        public var side: Double
        public var met: Int { conditions.reduce(0) { $0 + ($1 ? 1 : 0) } }
    }

    public func readings(_ tape: SymbolTape) -> [Reading] {
        let n = tape.count, L = lookback, V = volatilityWindow
        // Prefix sums: squared log returns, volume, liquidations (index k = sum of bars < k).
        var r2 = [Double](repeating: 0, count: n + 1), volume = r2, long = r2, short = r2
        for i in 0..<n {
            let r = i > 0 && tape.close[i - 1] > 0 ? Foundation.log(tape.close[i] / tape.close[i - 1]) : 0
            r2[i + 1] = r2[i] + r * r
            volume[i + 1] = volume[i] + tape.volumeUSD[i]
            long[i + 1] = long[i] + tape.longLiquidationUSD[i]
            short[i + 1] = short[i] + tape.shortLiquidationUSD[i]
        }
        var out: [Reading] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            var c = [Bool](repeating: false, count: 6)
            let start = i - L + 1   // first bar of the lookback
            guard start >= 1 else { out.append(Reading(conditions: c, side: 0)); continue }
            let liqLong = long[i + 1] - long[start], liqShort = short[i + 1] - short[start]
            let traded = volume[i + 1] - volume[start]
            c[0] = abs(tape.funding[i]) >= fundingExtreme
            let oiBefore = tape.openInterestUSD[start - 1], oiNow = tape.openInterestUSD[i]
            c[1] = oiBefore > 0 && oiNow.isFinite && (oiNow - oiBefore) / oiBefore * 100 <= -oiDropPct
            let before = max(1, start - V)   // returns r_k for k in [before, start): the window before the move
            if start - before >= 2 {
                let sigma = ((r2[start] - r2[before]) / Double(start - before)).squareRoot()
                let move = abs(Foundation.log(tape.close[i] / tape.close[start - 1]))
                c[2] = sigma > 0 && move > kSigma * sigma * Double(L).squareRoot()
                let baseline = (volume[start] - volume[before]) / Double(start - before)
                c[3] = baseline > 0 && traded / Double(L) > volumeSpike * baseline
            }
            c[4] = traded > 0 && (liqLong + liqShort) / traded * 100 > liqVolumePct
            c[5] = tape.risk[i] > risk
            let side: Double = liqLong + liqShort == 0 ? 0 : (liqLong >= liqShort ? -1 : 1)
            out.append(Reading(conditions: c, side: side))
        }
        return out
    }

    public func signals(_ tape: SymbolTape, _ inputs: RuleInputs) -> RuleSignal { signals(tape) }

    public func signals(_ tape: SymbolTape) -> RuleSignal {
        let readings = readings(tape)
        var out = RuleSignal(count: tape.count)
        var holdLeft = 0, heldSignal = 0.0, heldConfidence = 0.0
        var episodeSide = 0.0, episodeConfidence = 0.0, inEpisode = false
        for (i, reading) in readings.enumerated() {
            let fires = reading.side != 0 && reading.met >= minConditions
            var confidence = Double(reading.met) / 6
            if reading.conditions[4] && reading.conditions[5] { confidence = min(1, confidence * 1.2) }
            switch mode {
            case .follow:
                if fires {
                    // Trade with the cascade: a LONG liquidation cascade (side −1) is a fall → sell.
                    heldSignal = reading.side; heldConfidence = confidence
                    holdLeft = hold + 1   // this bar and `hold` bars after the last firing one
                }
            case .fade:
                if fires {
                    if !inEpisode || reading.side != episodeSide { episodeConfidence = 0 }
                    inEpisode = true; episodeSide = reading.side
                    episodeConfidence = max(episodeConfidence, confidence)
                    holdLeft = 0   // stand aside while it runs
                } else if inEpisode {
                    // Exhausted: take the other side of the cascade (buy after LONG liquidations).
                    inEpisode = false
                    heldSignal = -episodeSide; heldConfidence = episodeConfidence; holdLeft = hold
                }
            }
            if holdLeft > 0 {
                out.signal[i] = heldSignal
                out.confidence[i] = heldConfidence
                holdLeft -= 1
            }
        }
        return out
    }
}
