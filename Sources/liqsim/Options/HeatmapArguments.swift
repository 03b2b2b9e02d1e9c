import ArgumentParser
import LiqsimCLI
import LiqsimCore
import LiqsimHeatmap

/// `heatmap --bucket`: a positive USD width (`50`, `0.5`, at most 8 decimals) or `auto`.
struct BucketWidth: ExpressibleByArgument, Equatable {
    /// nil for `auto` (chosen from the first trade price).
    var width: FixedDecimal?

    static let auto = BucketWidth(width: nil)

    private init(width: FixedDecimal?) { self.width = width }

    init?(argument: String) {
        if argument == "auto" { width = nil; return }
        guard let width = FixedDecimal(argument), width.isPositive, width.scale <= 8 else { return nil }
        self.width = width
    }

    var defaultValueDescription: String { width.map { "\($0)" } ?? "auto" }
}

/// `heatmap --tiers`: leverage:weight pairs, leverage above 1, weights positive.
struct LeverageTiers: TypedArgument {
    var tiers: [HeatmapParameters.Tier]
    var text: String

    init?(argument: String) {
        guard let tiers = HeatmapParameters.parseTiers(argument) else { return nil }
        self.tiers = tiers
        text = argument
    }
}
