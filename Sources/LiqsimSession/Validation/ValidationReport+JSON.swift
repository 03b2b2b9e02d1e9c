import LiqsimCore

/// A JSON value written with sorted keys and no insignificant whitespace, so equal
/// reports give equal bytes.
indirect enum ReportJSON {
    case object([String: ReportJSON])
    case array([ReportJSON])
    case string(String)
    case int(Int64)
    /// A number already formatted.
    case number(String)
    case bool(Bool)
    case null

    func write(to out: inout String) {
        switch self {
        case .object(let fields):
            out += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                out += JSONText.quote(key)
                out += ":"
                fields[key]!.write(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .string(let s): out += JSONText.quote(s)
        case .int(let v): out += String(v)
        case .number(let v): out += v
        case .bool(let v): out += v ? "true" : "false"
        case .null: out += "null"
        }
    }
}

extension ValidationReport {
    /// The report as one JSON document (keys sorted, one line, newline-terminated):
    ///
    ///     {"binance_liquidation_seconds":{"BTCUSDT":2},"entries":[{"findings":{"receive_gap":{"count":1,
    ///      "examples":[{"detail":"…","file":"a.lqc.zst","recv":"2026-…Z","recv_ns":…,"seq":3}]}},
    ///      "stream":"binance-usdm","symbol":"-"}],"events":…,"files":[…],"first_recv":…,"first_recv_ns":…,
    ///      "last_recv":…,"last_recv_ns":…,"ok":false,"problems":1,"records":…,"thresholds":{…},"totals":{"receive_gap":1}}
    public func renderJSON() -> String {
        let entries: [ReportJSON] = findings.keys.sorted().map { key in
            let kinds = findings[key]!
            var byKind: [String: ReportJSON] = [:]
            for (kind, finding) in kinds {
                byKind[kind.rawValue] = .object([
                    "count": .int(Int64(finding.count)),
                    "examples": .array(finding.examples.map { e in
                        .object(["recv": .string(e.recv.description), "recv_ns": .int(e.recv.rawValue), "file": .string(e.file),
                                 "seq": .int(Int64(e.seq)), "detail": .string(e.detail)])
                    }),
                ])
            }
            return .object(["stream": .string(key.stream), "symbol": .string(key.symbol), "findings": .object(byKind)])
        }
        var totals: [String: ReportJSON] = [:]
        for (kind, n) in totalsByKind { totals[kind.rawValue] = .int(Int64(n)) }
        let doc = ReportJSON.object([
            "files": .array(files.map { .string($0) }),
            "records": .int(Int64(records)),
            "events": .int(Int64(events)),
            "first_recv": firstRecv.map { .string($0.description) } ?? .null,
            "first_recv_ns": firstRecv.map { .int($0.rawValue) } ?? .null,
            "last_recv": lastRecv.map { .string($0.description) } ?? .null,
            "last_recv_ns": lastRecv.map { .int($0.rawValue) } ?? .null,
            "thresholds": .object([
                "gap_ns": .int(options.gap.rawValue), "stale_ns": .int(options.stale.rawValue),
                "outlier_pct": .number(ValidationFormat.number(options.outlierPercent)),
                "duplicate_window": .int(Int64(options.duplicateWindow)),
            ]),
            "binance_liquidation_seconds": .object(binanceLiquidationSeconds.mapValues { .int(Int64($0)) }),
            "entries": .array(entries),
            "totals": .object(totals),
            "problems": .int(Int64(problemCount)),
            "ok": .bool(isClean),
        ])
        var out = ""
        doc.write(to: &out)
        return out + "\n"
    }
}
