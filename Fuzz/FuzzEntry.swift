// libFuzzer entry point over every exchange decoder (see Fuzz/README.md).
//
// Input layout:
//   byte 0      selector: stream = b0 % n over `Exchanges.all` (n venues, in StreamID order),
//               kind = (b0 / n) % 2 (0 = WebSocket frame, 1 = REST body)
//   byte 1      REST only: URL = restURLs[b1 % (restURLs.count + 1)]; the extra last index
//               means "the URL is the payload up to its first newline" (fuzzes query parsing)
//   rest        the frame text / REST body
//
// One `Normalizer` persists across inputs (adapter state: Bybit tickers, OKX ctVal table and
// liquidation de-duplication, Binance last mark, ratio high-water marks), as in a replay.
// It is recreated every `resetEvery` inputs so the per-symbol dictionaries stay bounded.
// Every produced event is formatted with `OutputBuffer.appendJSONLine`, and the line is
// checked: it is one line, starts with `{`, ends with `}\n`, has no control bytes.
// Every input also goes to one adapter of its venue with the fast path and one without
// (`fastPath = false`), kept apart from the normalizer's: their events and diagnostics must
// agree (the fast paths accept only frames the general path decodes the same way).

import LiqsimCore
import LiqsimExchanges

let streams: [StreamID] = Exchanges.all.map { $0.stream }

// The REST URLs the adapters decode, in the order the committed reproducers (Fuzz/crashes)
// and make_corpus.py index them; a venue added later appends its URLs before the unknown one.
let restURLs: [StaticString] = [
    "https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT",
    "https://fapi.binance.com/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=5m",
    "https://api.bybit.com/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=5min",
    "https://www.okx.com/api/v5/public/instruments?instType=SWAP",
    "https://www.okx.com/api/v5/rubik/stat/contracts/long-short-account-ratio?ccy=BTC",
    "https://www.okx.com/api/v5/rubik/stat/contracts/long-short-account-ratio-contract?instId=BTC-USDT-SWAP&period=5m",
    "https://fapi.binance.com/fapi/v1/exchangeInfo",
    "https://api.bybit.com/v5/market/instruments-info?category=linear",
    "https://example.invalid/unknown",
]

let resetEvery = 20_000

nonisolated(unsafe) var normalizer = Normalizer()
nonisolated(unsafe) var events: [MarketEvent] = []
nonisolated(unsafe) let out = OutputBuffer(capacity: 1 << 12)
nonisolated(unsafe) var inputCount: Int64 = 0

/// One adapter with the fast path and one without, fed the same inputs.
struct FastPathPair<A: ExchangeAdapter> {
    var fast: A, general: A
    var fastDiagnostics = StreamDiagnostics(), generalDiagnostics = StreamDiagnostics()
    var fastEvents: [MarketEvent] = [], generalEvents: [MarketEvent] = []

    init(_ make: () -> A, disable: (inout A) -> Void) {
        fast = make()
        general = make()
        disable(&general)
    }

    mutating func check(_ input: ExchangeInput) {
        fastEvents.removeAll(keepingCapacity: true)
        generalEvents.removeAll(keepingCapacity: true)
        fast.decode(input, into: &fastEvents, diagnostics: &fastDiagnostics)
        general.decode(input, into: &generalEvents, diagnostics: &generalDiagnostics)
        precondition(fastEvents == generalEvents, "fast path events differ: \(fastEvents) vs \(generalEvents)")
        precondition(fastDiagnostics == generalDiagnostics, "fast path diagnostics differ")
    }
}

nonisolated(unsafe) var binancePair = FastPathPair(BinanceAdapter.init) { $0.fastPath = false }
nonisolated(unsafe) var bybitPair = FastPathPair(BybitAdapter.init) { $0.fastPath = false }
nonisolated(unsafe) var okxPair = FastPathPair(OKXAdapter.init) { $0.fastPath = false }

func checkFastPath(_ input: ExchangeInput, _ stream: StreamID) {
    switch stream {
    case .binanceUSDM: binancePair.check(input)
    case .bybitLinear: bybitPair.check(input)
    case .okxSwap: okxPair.check(input)
    }
}

@inline(never)
func checkLine(_ line: UnsafeRawBufferPointer, _ event: MarketEvent) {
    let n = line.count
    precondition(n >= 3 && line[0] == UInt8(ascii: "{") && line[n - 2] == UInt8(ascii: "}") && line[n - 1] == 0x0A,
                 "appendJSONLine produced a malformed line for \(event)")
    for i in 0..<(n - 1) where line[i] < 0x20 || line[i] == 0x7F {
        preconditionFailure("appendJSONLine produced a control byte 0x\(String(line[i], radix: 16)) at \(i) for \(event)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func liqsimFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 1 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let selector = Int(bytes[0])
    let stream = streams[selector % streams.count]
    let isREST = (selector / streams.count) % 2 == 1

    inputCount += 1
    if inputCount % Int64(resetEvery) == 0 {
        normalizer = Normalizer()
        binancePair = FastPathPair(BinanceAdapter.init) { $0.fastPath = false }
        bybitPair = FastPathPair(BybitAdapter.init) { $0.fastPath = false }
        okxPair = FastPathPair(OKXAdapter.init) { $0.fastPath = false }
    }
    let recv = UnixNanos(1_700_000_000_000_000_000 &+ inputCount &* 1_000_000)

    events.removeAll(keepingCapacity: true)
    if isREST {
        guard size >= 2 else { return 0 }
        let choice = Int(bytes[1]) % (restURLs.count + 1)
        var body = UnsafeRawBufferPointer(rebasing: bytes[2...])
        if choice < restURLs.count {
            let u = restURLs[choice]
            let url = UnsafeRawBufferPointer(start: u.utf8Start, count: u.utf8CodeUnitCount)
            normalizer.decode(ExchangeInput(kind: .rest, recv: recv, payload: body, url: url), stream: stream, into: &events)
            checkFastPath(ExchangeInput(kind: .rest, recv: recv, payload: body, url: url), stream)
        } else {
            // Custom URL: payload up to the first newline.
            var cut = body.count
            for i in 0..<body.count where body[i] == 0x0A { cut = i; break }
            let url = UnsafeRawBufferPointer(rebasing: body[0..<cut])
            body = UnsafeRawBufferPointer(rebasing: body[min(cut + 1, body.count)...])
            normalizer.decode(ExchangeInput(kind: .rest, recv: recv, payload: body, url: url), stream: stream, into: &events)
            checkFastPath(ExchangeInput(kind: .rest, recv: recv, payload: body, url: url), stream)
        }
    } else {
        let frame = UnsafeRawBufferPointer(rebasing: bytes[1...])
        normalizer.decode(ExchangeInput(kind: .frame, recv: recv, payload: frame), stream: stream, into: &events)
        checkFastPath(ExchangeInput(kind: .frame, recv: recv, payload: frame), stream)
    }

    for event in events {
        out.removeAll()
        out.appendJSONLine(event)
        checkLine(out.bytes, event)
    }
    // Diagnostics are part of the public surface a replay prints; touch them too.
    for (_, diag) in normalizer.streamDiagnostics {
        precondition(diag.samples.count <= 5)
        for sample in diag.samples { _ = sample.detail.utf8.count }
    }
    return 0
}
