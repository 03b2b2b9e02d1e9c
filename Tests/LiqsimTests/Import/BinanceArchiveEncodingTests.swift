import LiqsimCore
import LiqsimExchanges
import Testing

/// The two shapes `import binance-vision` adds to the Binance encoder: a mark without
/// funding (`"r":""`, `"T":0`, as delivery contracts send) and the `openInterestHist` body.
@Suite struct BinanceArchiveEncodingTests {
    static let btc = sym("BTCUSDT")

    @Test func aMarkWithoutFundingRoundTrips() {
        var enc = BinanceEncoder(), h = NormalizerHarness()
        let t = UnixNanos(millis: 1_704_067_259_999)
        let mark = MarketEvent.mark(MarkFunding(recv: t, ts: t, stream: .binanceUSDM, symbol: Self.btc, rawSymbol: Self.btc,
                                                mark: d("42295.5"), fundingRate: nil, nextFunding: nil))
        let out = OutputBuffer()
        let written = enc.encodeFrame(mark, into: out)
        #expect(written)
        #expect(out.string == #"{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1704067259999,"s":"BTCUSDT","p":"42295.5","ap":"42295.5","P":"42295.5","i":"42295.5","r":"","T":0,"st":1}}"#)
        #expect(h.decode(frame: out.string, stream: .binanceUSDM, recv: t.rawValue) == [mark])
    }

    @Test func openInterestHistoryRoundTripsToTheCent() {
        let enc = BinanceEncoder()
        var h = NormalizerHarness()
        let t = UnixNanos(millis: 1_704_067_500_000)
        let oi = OpenInterest(recv: t, ts: t, stream: .binanceUSDM, symbol: Self.btc, rawSymbol: Self.btc, oi: d("70123.456"), oiUSDCents: 296_543_210_012)
        let out = OutputBuffer()
        #expect(enc.openInterestHistBody(oi, into: out))
        #expect(out.string == #"[{"symbol":"BTCUSDT","sumOpenInterest":"70123.456","sumOpenInterestValue":"2965432100.12","timestamp":"1704067500000"}]"#)
        #expect(BinanceEncoder.openInterestHistURL(Self.btc) == "https://fapi.binance.com/futures/data/openInterestHist?symbol=BTCUSDT&period=5m&limit=1")
        #expect(h.decode(rest: out.string, url: BinanceEncoder.openInterestHistURL(Self.btc), stream: .binanceUSDM, recv: t.rawValue) == [.openInterest(oi)])
        // The documented example body, as Binance serves it.
        let real = #"[{"symbol":"BTCUSDT","sumOpenInterest":"20403.63700000","sumOpenInterestValue":"150570784.07809979","timestamp":"1583127900000"}]"#
        #expect(h.decode(rest: real, url: BinanceEncoder.openInterestHistURL(Self.btc), stream: .binanceUSDM, recv: 0) == [
            .openInterest(OpenInterest(recv: .zero, ts: UnixNanos(millis: 1_583_127_900_000), stream: .binanceUSDM, symbol: Self.btc, rawSymbol: Self.btc,
                                       oi: d("20403.63700000"), oiUSDCents: 15_057_078_408)),
        ])
        var noUSD = oi
        noUSD.oiUSDCents = nil
        #expect(!enc.openInterestHistBody(noUSD, into: OutputBuffer()))
    }
}
