import Testing
import LiqsimCore
import LiqsimExchanges

// Inputs found by `make fuzz` work (Fuzz/crashes/*.bin): each used to trap on Int128
// overflow in FixedDecimal and kill the replay. Each must now be one malformed frame.
@Suite struct ExchangesFuzzRegressionTests {
    @Test func okxInverseTradeWithAbsurdPriceIsMalformed() {
        var h = NormalizerHarness()
        let frame = #"{"arg":{"channel":"trades"},"data":[{"instId":"BTC-USD-SWAP","px":"0.000000000000000001","sz":"1000000000000","side":"buy","ts":"1"}]}"#
        #expect(h.decode(frame: frame, stream: .okxSwap).isEmpty)
        #expect(h.diagnostics(.okxSwap).malformed == 1)
    }

    @Test func okxLinearTradeWithAbsurdNotionalIsMalformed() {
        var h = NormalizerHarness()
        let frame = #"{"arg":{"channel":"trades"},"data":[{"instId":"DOGE-USDT-SWAP","px":"999999999999999999","sz":"9000000000000000","side":"buy","ts":"1"}]}"#
        #expect(h.decode(frame: frame, stream: .okxSwap).isEmpty)
        #expect(h.diagnostics(.okxSwap).malformed == 1)
    }

    @Test func bybitAccountRatioWithAbsurdQuotientIsMalformed() {
        var h = NormalizerHarness()
        let body = #"{"result":{"list":[{"symbol":"BTCUSDT","buyRatio":"20000000000000000","sellRatio":"0.000000000000000001","timestamp":"1"}]}}"#
        #expect(h.decode(rest: body, url: "https://api.bybit.com/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=1h", stream: .bybitLinear).isEmpty)
        #expect(h.diagnostics(.bybitLinear).malformed == 1)
    }

    @Test func liquidationsWithAbsurdNotionalAreMalformed() {
        var h = NormalizerHarness()
        let binance = #"{"e":"forceOrder","E":1,"o":{"s":"BTCUSDT","S":"SELL","ap":"999999999999999999","z":"900000000000000000","T":1}}"#
        #expect(h.decode(frame: binance, stream: .binanceUSDM).isEmpty)
        #expect(h.diagnostics(.binanceUSDM).malformed == 1)
        let bybit = #"{"topic":"allLiquidation.BTCUSDT","ts":1,"data":[{"T":1,"s":"BTCUSDT","S":"Buy","v":"900000000000000000","p":"999999999999999999"}]}"#
        #expect(h.decode(frame: bybit, stream: .bybitLinear).isEmpty)
        #expect(h.diagnostics(.bybitLinear).malformed == 1)
    }
}
