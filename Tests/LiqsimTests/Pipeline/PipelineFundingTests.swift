import Foundation
import Testing
import LiqsimCore
import LiqsimPipeline

/// The funding factor is centred on each exchange's baseline and normalised to its funding
/// interval (docs/pipeline.md, "Sentiment").
@Suite("Pipeline funding factor")
struct PipelineFundingTests {
    static let none = [Int64?](repeating: nil, count: StreamID.allCases.count)
    static let noOI = [Double?](repeating: nil, count: StreamID.allCases.count)

    static func factor(_ rates: [Double?], intervals: [Int64?] = none, oi: [Double?] = noOI, config: PipelineConfig = PipelineConfig()) -> Double {
        Pipeline.fundingFactor(rates, intervals: intervals, openInterestUSD: oi, config: config)
    }

    /// Every exchange at its 0.01%/8 h baseline: exactly 0 (it was tanh(1) = +0.76), alone,
    /// together and open-interest weighted.
    @Test func zeroAtEachExchangesBaseline() {
        for k in StreamID.allCases.indices {
            var rates = [Double?](repeating: nil, count: StreamID.allCases.count)
            rates[k] = 0.0001
            #expect(Self.factor(rates) == 0)
        }
        #expect(Self.factor([0.0001, 0.0001, 0.0001]) == 0)
        #expect(Self.factor([0.0001, 0.0001, 0.0001], oi: [3e6, 1e6, 2e6]) == 0)
        // An exchange with another baseline is 0 at its own.
        var config = PipelineConfig()
        config.fundingBaseline8h = [0.0001, 0.0002, 0.00005]
        #expect(Self.factor([0.0001, 0.0002, 0.00005], oi: [1e6, 1e6, 1e6], config: config) == 0)
    }

    /// Symmetric around the baseline: baseline ± d give factors of opposite sign and equal size.
    @Test func symmetricAroundTheBaseline() {
        for d in [1e-6, 5e-5, 1e-4, 3e-4, 7.5e-3] {
            let up = Self.factor([0.0001 + d, nil, nil]), down = Self.factor([0.0001 - d, nil, nil])
            #expect(up > 0 && down < 0 && abs(up + down) < 1e-12, "d \(d): \(up) \(down)")
            #expect(abs(up - tanh(d / 0.0001)) < 1e-12)
        }
        let up = Self.factor([0.0003, 0.0001, 0.0002], oi: [1e6, 2e6, 1e6])
        let down = Self.factor([-0.0001, 0.0001, 0.0000], oi: [1e6, 2e6, 1e6])
        #expect(abs(up + down) < 1e-12 && abs(up - tanh(0.75)) < 1e-12)   // (2e-4·1 + 0 + 1e-4·1) / 4 = 7.5e-5
    }

    /// A 4-hour exchange paying 0.005% per interval is at the 0.01%/8 h baseline; 0.01% per
    /// 4 h is 0.02%/8 h, the same factor as an 8-hour exchange paying 0.02%.
    @Test func normalisedToTheFundingInterval() {
        let four: Int64 = 240 * PipelineConfig.minute
        #expect(Self.factor([0.00005, nil, nil], intervals: [four, nil, nil]) == 0)
        #expect(Self.factor([0.0001, nil, nil], intervals: [four, nil, nil]) == Self.factor([0.0002, nil, nil]))
    }

    /// Through the pipeline: the interval is the step between two announced next funding
    /// times. Binance announces 04:00 then 08:00 (a 4-hour interval) and pays 0.00005: the
    /// sentiment's funding factor is 0.
    @Test func intervalSeenInTheData() {
        func mark(_ t: Int64, next: Int64, rate: String) -> MarketEvent {
            .mark(MarkFunding(recv: UnixNanos(t), ts: UnixNanos(t), stream: .binanceUSDM, symbol: PK.btc, rawSymbol: PK.btc,
                              mark: nil, fundingRate: PK.d(rate), nextFunding: UnixNanos(next)))
        }
        let hour = 60 * PK.minute
        let (_, signals) = PK.run([
            PK.trade(PK.at(0, 1), .binanceUSDM, .buy, "100", "1"),
            mark(PK.at(0, 2), next: PK.t0 + 4 * hour, rate: "0.00005"),
            mark(PK.at(0, 3), next: PK.t0 + 8 * hour, rate: "0.00005"),
            PK.tick(PK.at(1)),
        ], config: PK.config { $0.sentimentInterval = PK.minute })
        let s = signals.compactMap(\.sentiment)
        #expect(s.count == 1 && s.first?.factors[0] == 0)
    }
}
