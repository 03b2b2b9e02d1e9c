import ArgumentParser
import Foundation
import LiqsimCore

/// A comma-separated option value (`BTCUSDT,ETHUSDT`, `1m,5m,1h`): at least one entry, each
/// parsed as `Element` after trimming spaces. Empty entries (`a,,b`) are skipped, as before.
package struct CommaList<Element: ExpressibleByArgument>: ExpressibleByArgument {
    package var elements: [Element]
    /// As typed: help shows defaults this way and messages quote it.
    package var text: String

    package init?(argument: String) {
        var elements: [Element] = []
        for part in argument.split(separator: ",") {
            guard let element = Element(argument: part.trimmingCharacters(in: .whitespaces)) else { return nil }
            elements.append(element)
        }
        guard !elements.isEmpty else { return nil }
        self.elements = elements
        text = argument
    }

    package var defaultValueDescription: String { text }
}

extension CommaList: ExpressibleByStringLiteral {
    /// Literal defaults must parse: a bad one traps at the first parse.
    package init(stringLiteral value: String) {
        guard let parsed = CommaList(argument: value) else { preconditionFailure("bad list literal '\(value)'") }
        self = parsed
    }
}

/// `--symbols`: unified (`BTCUSDT`) or raw (`BTC-USDT-SWAP`) names, upper-cased.
package typealias SymbolList = CommaList<Symbol>

/// `--exchanges`: exchange names (`binance`) or stream ids (`binance-usdm`).
package typealias StreamList = CommaList<StreamID>

extension CommaList where Element: Hashable {
    /// The entries in order with repeats dropped.
    package var distinct: [Element] {
        var seen = Set<Element>()
        return elements.filter { seen.insert($0).inserted }
    }
}
