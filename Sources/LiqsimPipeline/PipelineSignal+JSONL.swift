import LiqsimCore

/// `--format jsonl` objects of pipeline signals (README "JSON lines"). Ratios and factors
/// are printed with 4 decimals, USD with 2, so the text (and the digest) is stable.
extension OutputBuffer {
    public func appendJSONLine(_ signal: PipelineSignal) {
        switch signal {
        case .bar(let b):
            head("bar", b.closeTime, b.symbol)
            append(",\"exchange\":\""); if let e = b.exchange { append(e.jsonValue) } else { append("all") }
            append("\",\"interval\":\""); append(string: PipelineConfig.label(b.interval))
            append("\",\"open_ns\":"); append(int: b.openTime)
            append(",\"close_ns\":"); append(int: b.closeTime)
            for (key, value) in [(",\"open\":", b.open), (",\"high\":", b.high), (",\"low\":", b.low), (",\"close\":", b.close)] {
                append(string: key)
                if let v = value { append(UInt8(ascii: "\"")); append(v); append(UInt8(ascii: "\"")) } else { append("null") }
            }
            append(",\"volume\":\""); append(b.volume)
            append("\",\"volume_usd\":"); append(cents: b.volumeCents)
            append(",\"buy_usd\":"); append(cents: b.buyCents)
            append(",\"sell_usd\":"); append(cents: b.sellCents)
            append(",\"long_liq_usd\":"); append(cents: b.longLiquidationCents)
            append(",\"short_liq_usd\":"); append(cents: b.shortLiquidationCents)
            append(",\"trades\":"); append(int: Int64(b.trades))
            append(",\"liquidations\":"); append(int: Int64(b.liquidations))
            append("}\n")
        case .sentiment(let s):
            head("sentiment", s.time, s.symbol)
            append(",\"composite\":"); append(ratio: s.composite)
            append(",\"label\":\""); append(string: s.label)
            append("\",\"factors\":{")
            for (i, name) in SentimentSnapshot.factorNames.enumerated() {
                if i > 0 { append(UInt8(ascii: ",")) }
                append(UInt8(ascii: "\"")); append(string: name); append("\":"); append(ratio: s.factors[i])
            }
            append("}}\n")
        case .cascadeRisk(let r):
            head("cascade_risk", r.time, r.symbol)
            append(",\"window\":\""); append(string: PipelineConfig.label(r.window))
            append("\","); appendRisk(r)
            append("}\n")
        case .cascade(let c):
            head("cascade", c.time, c.symbol)
            append(","); appendRisk(c.risk)
            append(",\"liquidations\":"); append(int: Int64(c.liquidations))
            append(",\"usd\":"); append(cents: c.totalCents)
            append(",\"long_pct\":"); append(ratio: c.totalCents > 0 ? Double(c.longCents) / Double(c.totalCents) * 100 : 0)
            append(",\"exchanges\":"); append(int: Int64(c.perExchange.count))
            append(",\"per_exchange\":{")
            for (i, (id, n)) in c.perExchange.enumerated() {
                if i > 0 { append(UInt8(ascii: ",")) }
                append(UInt8(ascii: "\"")); append(id.jsonValue); append("\":"); append(int: Int64(n))
            }
            append("}}\n")
        case .spike(let s):
            head("spike", s.time, s.symbol)
            append(",\"window\":\""); append(string: PipelineConfig.label(s.window))
            append("\",\"usd\":"); append(cents: s.cents)
            append(",\"previous_usd\":"); append(cents: s.previousCents)
            append(",\"ratio\":"); append(ratio: s.ratio)
            append("}\n")
        }
    }

    private func head(_ type: StaticString, _ time: Int64, _ symbol: Symbol) {
        append("{\"type\":\""); append(type)
        append("\",\"recv_ns\":"); append(int: time)
        append(",\"symbol\":\""); append(symbol); append("\"")
    }

    private func appendRisk(_ r: CascadeRisk) {
        append("\"risk\":"); append(ratio: r.risk)
        append(",\"level\":\""); append(string: r.level)
        append("\",\"liq_usd\":"); append(cents: r.liquidationCents)
        append(",\"traded_usd\":"); append(cents: r.tradedCents)
        append(",\"long_usd\":"); append(cents: r.longCents)
        append(",\"short_usd\":"); append(cents: r.shortCents)
        append(",\"factors\":{\"liq_volume\":"); append(ratio: r.volumeFactor)
        append(",\"imbalance\":"); append(ratio: r.imbalanceFactor)
        append(",\"size\":"); append(ratio: r.sizeFactor)
        append("}")
    }

    /// A number with 4 decimals (half away from zero); `null` when not finite.
    public func append(ratio value: Double) {
        guard value.isFinite else { append("null"); return }
        append(FixedDecimal(mantissa: Int64((value * 10_000).rounded()), scale: 4))
    }

    /// `--format log` lines of the signals worth a human's attention (cascades, spikes, sentiment).
    public func appendLogLine(_ signal: PipelineSignal) {
        switch signal {
        case .cascade(let c):
            logHead(c.time, c.symbol)
            append("CROSS-EXCHANGE CASCADE: "); append(int: Int64(c.liquidations))
            append(" liquidations | $"); append(groupedCents: c.totalCents)
            let long = c.totalCents > 0 ? Int((Double(c.longCents) / Double(c.totalCents) * 100).rounded()) : 0
            if long >= 50 { append(" | LONG "); append(int: Int64(long)) } else { append(" | SHORT "); append(int: Int64(100 - long)) }
            append("% | ")
            for (i, (id, n)) in c.perExchange.enumerated() {
                if i > 0 { append(", ") }
                append(string: id.exchangeName); append(UInt8(ascii: " ")); append(int: Int64(n))
            }
            append(" | risk "); append(ratio: c.risk.risk); append(UInt8(ascii: " ")); append(string: c.risk.level)
            append(UInt8(ascii: "\n"))
        case .spike(let s):
            logHead(s.time, s.symbol)
            append("LIQUIDATION SPIKE: $"); append(groupedCents: s.cents)
            append(" in "); append(string: PipelineConfig.label(s.window))
            append(" | "); append(ratio: s.ratio); append("x the previous "); append(string: PipelineConfig.label(s.window))
            append(" ($"); append(groupedCents: s.previousCents); append(")\n")
        case .sentiment(let s):
            logHead(s.time, s.symbol)
            append("SENTIMENT "); append(ratio: s.composite); append(UInt8(ascii: " ")); append(string: s.label); append(UInt8(ascii: "\n"))
        case .bar, .cascadeRisk:
            break
        }
    }

    private func logHead(_ time: Int64, _ symbol: Symbol) {
        let t = UTCDateTime(UnixNanos(time))
        append(int: t.year, width: 4); append(int: t.month, width: 2); append(int: t.day, width: 2)
        append(" | ")
        append(int: t.hour, width: 2); append(UInt8(ascii: ":")); append(int: t.minute, width: 2); append(UInt8(ascii: ":")); append(int: t.second, width: 2)
        append(" UTC | "); append(symbol); append(" | ")
    }
}
