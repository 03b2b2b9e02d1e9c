import LiqsimCore

/// Text from data (symbols, scenario names, paths, exchange names) placed into report.html.
/// Everything that did not come from liqsim's own source passes through here.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities: safe in element text and in quoted attributes.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A JSON string literal that is also safe inside `<script type="application/json">`:
    /// `<`, `>` and `&` are written as \u escapes, so a name holding `</script>` cannot end
    /// the element, and U+2028/2029 cannot end a JavaScript line.
    public static func jsonString(_ s: String) -> String { JSONText.quote(s, scriptSafe: true) }

    /// A number for the page's JSON: `decimals` fixed places (half away from zero), no
    /// "-0", `null` for NaN and infinities (JSON has none).
    public static func number(_ value: Double, _ decimals: Int) -> String { NumberText.fixed(value, decimals) ?? "null" }

    /// A fill price (slippage makes long binary fractions): 9 significant digits, at most 8
    /// decimals — finer than any tick, and a third of the bytes on big grids.
    public static func price(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        var digits = 0, a = abs(value)
        while a >= 1 { a /= 10; digits += 1 }
        return exact(Double(number(value, min(8, max(0, 9 - digits))))!)
    }

    /// A price: shortest round-trip text (exact for prices parsed from decimals).
    public static func exact(_ value: Double) -> String {
        NumberText.shortest(value) ?? "null"
    }
}
