import Foundation
import LiqsimCapture
import LiqsimCore

/// The REST responses of a capture, served at their paths by `serve`: a request for
/// `/binance-usdm/fapi/v1/openInterest?symbol=BTCUSDT` gets the latest response recorded
/// for that path and query (parameters in any order) at or before the replay clock (the
/// first one while the clock is still before it); when no response with that exact query
/// exists, the same for the path alone.
struct RESTArchive {
    struct Response {
        var recv: Int64
        var status: UInt16
        var body: [UInt8]
    }

    /// [stream][path?sorted-query] and [stream][path], each in receive order.
    private var exact: [StreamID: [String: [Response]]] = [:]
    private var byPath: [StreamID: [String: [Response]]] = [:]
    private(set) var count = 0

    /// Reads every REST record of the captures (one pass, bodies kept in memory).
    init(paths: [String]) throws {
        let reader = try CaptureMerge(paths: paths)
        while let item = try reader.next() {
            let record = item.record
            guard record.kind == .rest, let stream = item.stream else { continue }
            let url = String(decoding: record.restURL, as: UTF8.self)
            let (path, query) = RESTArchive.split(url)
            let response = Response(recv: record.recv.rawValue, status: record.httpStatus, body: Array(record.body))
            exact[stream, default: [:]][path + "?" + query, default: []].append(response)
            byPath[stream, default: [:]][path, default: []].append(response)
            count += 1
        }
    }

    /// The response for a request path (after the stream prefix) and query.
    func lookup(_ stream: StreamID, path: String, query: String?, clock: Int64) -> Response? {
        let q = RESTArchive.sortedQuery(query ?? "")
        if let list = exact[stream]?[path + "?" + q], let r = RESTArchive.latest(list, atOrBefore: clock) { return r }
        if let list = byPath[stream]?[path] { return RESTArchive.latest(list, atOrBefore: clock) }
        return nil
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
}
