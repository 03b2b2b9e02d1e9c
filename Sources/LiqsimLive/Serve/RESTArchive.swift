import Foundation
import LiqsimCapture
import LiqsimCore
import LiqsimExchanges

/// The REST responses of a capture, served at their paths by `serve`, and (`topics`) the
/// topic keys its frames carry (so serve can say which subscribed topics the capture lacks).
///
/// A request for `/binance-usdm/fapi/v1/openInterest?symbol=BTCUSDT` gets the latest
/// response recorded for that path and query (parameters in any order) at or before the
/// replay clock (the first one while the clock is still before it). Without an exact
/// match, a record whose parameters do not contradict the request's (equal but for
/// `limit` and `status=Trading`) answers; a list endpoint recorded per symbol answers a request without
/// `symbol` with the union of its records; anything else is unanswerable (the caller
/// gives the venue's empty list) — never another query's data.
struct RESTArchive {
    struct Response {
        var recv: Int64
        var status: UInt16
        var body: [UInt8]
    }

    /// What a lookup found.
    enum Answer {
        case recorded(Response)
        case union(status: UInt16, body: [UInt8])
        case none
    }

    /// [stream][path][sorted query] → responses in receive order.
    private var byQuery: [StreamID: [String: [String: [Response]]]] = [:]
    private(set) var count = 0

    /// Reads the captures' REST responses, kept in memory. Only the blocks flagged as holding
    /// state records are read (the index says which): a `--from` after every record makes
    /// `CaptureMerge` deliver exactly the REST, sent and connect records, as warm-up, in
    /// replay order — no frame is decompressed twice or routed.
    init(paths: [String]) throws {
        let reader = try CaptureMerge(paths: paths, from: UnixNanos(CaptureLayout.maxAbsRecv))
        while let item = try reader.next() {
            let record = item.record
            guard let stream = item.stream, record.kind == .rest else { continue }
            let (path, query) = RESTArchive.split(String(decoding: record.restURL, as: UTF8.self))
            let response = Response(recv: record.recv.rawValue, status: record.httpStatus, body: Array(record.body))
            byQuery[stream, default: [:]][path, default: [:]][query, default: []].append(response)
            count += 1
        }
    }

    /// The topic keys of each stream's data frames (serve's routing keys): every frame of the
    /// captures routed once. Seconds on a day's capture, so serve runs it off its event loop
    /// after it starts (`ServeHub.topicsLearned`).
    static func topics(paths: [String]) throws -> [StreamID: Set<String>] {
        let reader = try CaptureMerge(paths: paths, readAhead: true)
        var topics: [StreamID: Set<String>] = [:], keys: [String] = []
        while let item = try reader.next() {
            guard let stream = item.stream, item.record.kind == .text else { continue }
            keys.removeAll(keepingCapacity: true)
            let input = ExchangeInput(kind: .frame, recv: item.record.recv, payload: item.record.payload)
            if Exchanges.serveProtocol(stream).route(input, topics: &keys) == .data { topics[stream, default: []].formUnion(keys) }
        }
        reader.finish()
        return topics
    }

    /// The answer for a request path (after the stream prefix) and query.
    func lookup(_ stream: StreamID, path: String, query: String?, clock: Int64) -> Answer {
        guard let queries = byQuery[stream]?[path] else { return .none }
        let q = RESTArchive.sortedQuery(query ?? "")
        if let list = queries[q], let r = RESTArchive.latest(list, atOrBefore: clock) { return .recorded(r) }
        let wanted = RESTArchive.parameters(q)
        // Equal parameters but for `limit`: the same question.
        for key in queries.keys.sorted() where RESTArchive.same(RESTArchive.parameters(key), wanted) {
            if let r = RESTArchive.latest(queries[key]!, atOrBefore: clock) { return .recorded(r) }
        }
        // A per-symbol list asked for whole: the union of the latest record per symbol.
        guard wanted["symbol"] == nil, let (outer, inner) = Exchanges.serveProtocol(stream).perSymbolList(path: path) else { return .none }
        var bodies: [[UInt8]] = []
        for key in queries.keys.sorted() {
            var p = RESTArchive.parameters(key)
            guard p.removeValue(forKey: "symbol") != nil, RESTArchive.same(p, wanted),
                  let r = RESTArchive.latest(queries[key]!, atOrBefore: clock), r.status == 200 else { continue }
            bodies.append(r.body)
        }
        guard !bodies.isEmpty, let body = unionOfLists(bodies, outer: outer, inner: inner) else { return .none }
        return .union(status: 200, body: body)
    }

    /// Parameters equal except a page size (`limit`) and a filter for trading instruments
    /// (`status=Trading`, which every instruments list `record` fetches satisfies).
    static func same(_ a: [String: String], _ b: [String: String]) -> Bool {
        func question(_ p: [String: String]) -> [String: String] { p.filter { $0.key != "limit" && !($0.key == "status" && $0.value == "Trading") } }
        return question(a) == question(b)
    }

    /// The latest response at or before `clock`; before the first one, the first one (a
    /// client asking for instruments as it connects, before the clock reached the
    /// recorded response, still gets the market's metadata).
    static func latest(_ list: [Response], atOrBefore clock: Int64) -> Response? {
        list.last { $0.recv <= clock } ?? list.first
    }

    /// `https://host/a/b?x=1&y=2` → (`/a/b`, sorted query).
    static func split(_ url: String) -> (String, String) {
        guard let c = URLComponents(string: url) else { return (url, "") }
        return (c.path, sortedQuery(c.percentEncodedQuery ?? ""))
    }

    static func sortedQuery(_ query: String) -> String {
        query.split(separator: "&").filter { !$0.isEmpty }.sorted().joined(separator: "&")
    }

    /// `a=1&b=2` → [a: 1, b: 2] (percent-decoded; a repeated key keeps its last value).
    static func parameters(_ query: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            out[kv[0]] = kv.count > 1 ? kv[1] : ""
        }
        return out
    }
}
