/// The replay's ratios in one run: against the `zstd -dc` floor, jsonl against summary,
/// and against a Python orjson reader of the same frames.
extension Report {
    static let targetJSONLRatio = 1.3

    func printPeers(_ r: Bench.Results, capture c: CaptureBuilder.Built, orjson: ChildRun?) {
        guard let summary = r.summary.best else { return }
        let fps = { (run: ChildRun) in grouped(Int(Double(c.records) / run.seconds)) }
        if let jsonl = r.jsonl.best {
            let ratio = jsonl.seconds / summary.seconds
            print("  jsonl ÷ summary (formatting is always done for the digest; jsonl adds the writes): \(fixed(ratio, 2))× wall"
                  + " — target ≤ \(fixed(Self.targetJSONLRatio, 1))×: \(verdict(ratio <= Self.targetJSONLRatio))")
        }
        guard let orjson else { return }
        print("  peer: zstd -dc | python3 orjson reader (field extraction only) \(fixed(orjson.seconds, 3)) s wall,"
              + " \(fixed(orjson.userSeconds + orjson.systemSeconds, 2)) s CPU = \(fps(orjson)) frames/s;"
              + " liqsim replay --format summary (pipeline on) is \(fixed(orjson.seconds / summary.seconds, 1))× as fast")
    }
}
