import LiqsimCore

/// One run of text of a dashboard line, with an optional SGR style (`"1"`, `"31"`, `"1;31"`).
/// Styles become escape sequences only when color is on; widths count visible characters.
struct DashSegment {
    var text: String
    var style: String?
}

/// A dashboard line: styled segments, truncated to the screen width on output.
struct DashLine {
    var segments: [DashSegment] = []

    init() {}
    init(_ text: String, style: String? = nil) { add(text, style) }

    mutating func add(_ text: String, _ style: String? = nil) {
        guard !text.isEmpty else { return }
        segments.append(DashSegment(text: text, style: style))
    }

    var visibleCount: Int { segments.reduce(0) { $0 + $1.text.count } }

    /// The line cut to `width` visible characters, trailing spaces removed, styled when `color`.
    func rendered(color: Bool, width: Int) -> String {
        var out = "", left = width
        var pieces: [DashSegment] = []
        for s in segments where left > 0 {
            let text = s.text.count > left ? String(s.text.prefix(left)) : s.text
            left -= text.count
            pieces.append(DashSegment(text: text, style: s.style))
        }
        // Trailing blanks would only pad the line: drop them (and empty runs they leave).
        while let last = pieces.last {
            var text = last.text
            while text.last == " " { text.removeLast() }
            if text.isEmpty { pieces.removeLast(); continue }
            pieces[pieces.count - 1].text = text
            break
        }
        for p in pieces {
            if color, let style = p.style { out += "\u{1B}[" + style + "m" + p.text + "\u{1B}[0m" } else { out += p.text }
        }
        return out
    }
}

/// SGR codes used by the dashboard.
enum DashStyle {
    static let bold = "1", red = "31", green = "32", yellow = "33", boldRed = "1;31", dim = "2"

    /// LOW green, MODERATE yellow, HIGH red, CRITICAL bold red.
    static func riskLevel(_ level: String) -> String {
        switch level {
        case "LOW": green
        case "MODERATE": yellow
        case "HIGH": red
        default: boldRed
        }
    }

    /// Bullish labels green, bearish red, neutral plain.
    static func sentiment(_ label: String) -> String? {
        label.hasSuffix("BULLISH") ? green : label.hasSuffix("BEARISH") ? red : nil
    }

    /// Longs liquidated red (forced selling), shorts green.
    static func side(_ side: LiquidatedSide) -> String { side == .long ? red : green }
}

/// A table cell: its text, style and alignment within the column.
struct DashCell {
    var text: String
    var style: String?
    var right: Bool

    init(_ text: String, style: String? = nil, right: Bool = true) {
        self.text = text; self.style = style; self.right = right
    }
}

enum DashTable {
    /// Aligned columns joined by `separator`; widths fit the widest cell of each column
    /// (`TextTable`'s rule). Padding stays unstyled, so color never runs into the gaps.
    static func lines(header: [DashCell], rows: [[DashCell]], separator: String = "  ") -> [DashLine] {
        let widths = TextTable(header: header.map(\.text), rows: rows.map { $0.map(\.text) }).widths
        return ([header] + rows).map { cells in
            var line = DashLine()
            for (c, cell) in cells.enumerated() where c < header.count {
                if c > 0 { line.add(separator) }
                let pad = TextTable.fill(cell.text, to: widths[c])
                if cell.right { line.add(pad); line.add(cell.text, cell.style) } else { line.add(cell.text, cell.style); line.add(pad) }
            }
            return line
        }
    }
}

/// Number formats of the dashboard: whole dollars with separators, exact percent shares.
enum DashFormat {
    /// `$160,000` (cents rounded half up to whole dollars).
    static func dollars(_ cents: Int64) -> String {
        let whole = (cents.magnitude + 50) / 100
        return (cents < 0 ? "-$" : "$") + NumberText.grouped(Int64(whole))
    }

    /// `part ÷ whole` in percent with one decimal, rounded half up in integers: `81.8%`; `-` when whole is 0.
    static func share(_ part: Int64, _ whole: Int64) -> String {
        guard whole > 0, part >= 0 else { return "-" }
        let tenths = (part &* 2_000 &+ whole) / (whole &* 2)   // exact below ~$46 trillion
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `[#######---]`: `cells` characters, `#` for the long share, `-` for the short share.
    static func bar(long: Int64, total: Int64, cells: Int = 10) -> (long: String, short: String) {
        guard total > 0 else { return ("", String(repeating: ".", count: cells)) }
        let filled = Int((long &* Int64(cells) &* 2 &+ total) / (total &* 2))
        return (String(repeating: "#", count: filled), String(repeating: "-", count: cells - filled))
    }

    /// A signed value with `decimals` digits, rounded half away from zero: `+0.194`, `-0.600`.
    static func signed(_ value: Double, decimals: Int) -> String {
        let text = fixed(value.magnitude, decimals: decimals)
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return (value < 0 && !isZero ? "-" : "+") + text
    }

    /// A non-negative value with `decimals` digits: `0.59`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        guard value.isFinite, (value * scale).magnitude < 9e18 else { return "-" }
        let units = Int64((value * scale).rounded(.toNearestOrAwayFromZero))
        let whole = units / Int64(scale), frac = units % Int64(scale)
        guard decimals > 0 else { return "\(whole)" }
        let digits = String(frac)
        return "\(whole)." + String(repeating: "0", count: decimals - digits.count) + digits
    }

    /// A funding rate in percent with four decimals: 0.0001 → `+0.0100%`.
    static func funding(_ rate: Double?) -> String {
        rate.map { signed($0 * 100, decimals: 4) + "%" } ?? "-"
    }

    /// Compact USD: `$80.0M`, `$1.25B`, `$950.0K`, `$512`.
    static func compactUSD(_ usd: Double?) -> String {
        guard let usd, usd.isFinite else { return "-" }
        let a = usd.magnitude, sign = usd < 0 ? "-" : ""
        if a >= 1e9 { return sign + "$" + fixed(a / 1e9, decimals: 2) + "B" }
        if a >= 1e6 { return sign + "$" + fixed(a / 1e6, decimals: 1) + "M" }
        if a >= 1e3 { return sign + "$" + fixed(a / 1e3, decimals: 1) + "K" }
        return sign + "$" + fixed(a, decimals: 0)
    }

    /// `2026-03-01 00:05:01 UTC`.
    static func clock(_ t: UnixNanos) -> String {
        let d = UTCDateTime(t)
        let iso = d.iso8601Millis
        return String(iso.prefix(10)) + " " + d.clock + " UTC"
    }

    /// `20260301 00:00:30`.
    static func compact(_ t: UnixNanos) -> String {
        let d = UTCDateTime(t)
        return d.compactDate + " " + d.clock
    }

    /// Printable text only: control characters (ESC among them) become `?`.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) ? "?" : Character($0) })
    }
}
