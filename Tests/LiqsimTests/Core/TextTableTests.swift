import Foundation
import Testing
import LiqsimCore

@Suite("Text table")
struct TextTableTests {
    static let table = TextTable(header: ["name", "rows", "note"], rows: [["BTCUSDT", "1,234", "★ best"], ["ETH", "5", ""]],
                                 alignments: [.left, .right, .left])

    @Test func paddedColumns() {
        #expect(Self.table.padded() == ["name      rows  note  ", "BTCUSDT  1,234  ★ best", "ETH          5        "])
        #expect(Self.table.padded(rule: true, trimTrailing: true) == ["name      rows  note", "-------  -----  ------", "BTCUSDT  1,234  ★ best", "ETH          5"])
        #expect(TextTable(header: ["a"], rows: []).padded(gap: " | ") == ["a"])
        #expect(Self.table.widths == [7, 5, 6])
    }

    @Test func rowsWithoutHeader() {
        let seconds = TextTable(header: [], rows: [["BTCUSDT", "7"], ["ETHUSDT", "1,042"], ["X", ""]], alignments: [.left, .right])
        #expect(seconds.widths == [7, 5])
        #expect(seconds.padded(rule: true) == ["BTCUSDT      7", "ETHUSDT  1,042", "X" + String(repeating: " ", count: 13)])
        #expect(TextTable(header: [], rows: []).padded() == [] && TextTable(header: [], rows: []).widths == [])
    }

    @Test func fixedWidths() {
        // A longer cell pushes its own line only; columns past the widths are not padded.
        let lines = TextTable(header: ["#", "side", "range"], rows: [["1", "long", "12 – 13"], ["10", "short", "1,234,567 – 1,234,577"]],
                              alignments: [.right, .left, .left]).padded(widths: [3, 5, 9])
        #expect(lines == ["  #  side   range    ", "  1  long   12 – 13  ", " 10  short  1,234,567 – 1,234,577"])
        #expect(TextTable(header: [], rows: [["a", "b", "c"]]).padded(gap: " ", widths: [2]) == ["a  b c"])
    }

    @Test func padAndFill() {
        #expect(TextTable.pad("ab", to: 4) == "ab  " && TextTable.pad("ab", to: 4, .right) == "  ab")
        #expect(TextTable.pad("abcdef", to: 4, .right) == "abcdef" && TextTable.pad("★", to: 2) == "★ ")
        #expect(TextTable.fill("abc", to: 5) == "  " && TextTable.fill("abc", to: 2) == "")
    }

    @Test func markdown() {
        #expect(Self.table.markdown() == ["| name | rows | note |", "|---|---|---|", "| BTCUSDT | 1,234 | ★ best |", "| ETH | 5 |  |"])
        #expect(Self.table.markdown(rule: "---:")[1] == "|---:|---:|---:|")
    }

    @Test func thousandsGrouping() {
        #expect(NumberText.grouped(0) == "0" && NumberText.grouped(999) == "999" && NumberText.grouped(1_000) == "1,000")
        #expect(NumberText.grouped(31_192_115) == "31,192,115" && NumberText.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberText.grouped(Int64.min) == "-9,223,372,036,854,775,808" && NumberText.grouped(Int.max) == "9,223,372,036,854,775,807")
        #expect(NumberText.grouped(-999) == "-999" && NumberText.grouped(-1_000) == "-1,000" && NumberText.grouped(100_000) == "100,000")
    }

    @Test func groupedDecimals() {
        #expect(NumberText.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberText.grouped(-1_234.5, decimals: 0) == "-1,235" && NumberText.grouped(999.999, decimals: 2) == "1,000.00")
        #expect(NumberText.grouped(-0.001, decimals: 2) == "0.00" && NumberText.grouped(-12.5, decimals: 1) == "-12.5")
        #expect(NumberText.grouped(0.000012345, decimals: 10) == "0.0000123450" && NumberText.grouped(69_420.5, decimals: 9) == "69,420.500000000")
        #expect(NumberText.grouped(.nan, decimals: 2) == nil && NumberText.grouped(-.infinity, decimals: 0) == nil)
    }

    /// `OutputBuffer.append(groupedCents:)` writes bytes on the hot path; its digits must follow
    /// `NumberText.grouped`'s rule at every length and sign.
    @Test func groupedCentsFollowsTheGroupingRule() {
        var values: [Int64] = [0, 1, 5, 99, -1, -99, -100, .max, .min, .max - 1, .min + 1]
        var power: Int64 = 1
        for _ in 0...18 {
            values += [power, power - 1, power + 1, -power, 1 - power, power &* 100 &- 1, 0 &- (power &* 100 &+ 7)]
            power = power.multipliedReportingOverflow(by: 10).overflow ? power : power * 10
        }
        for cents in values {
            let out = OutputBuffer(capacity: 64)
            out.append(groupedCents: cents)
            let fraction = cents.magnitude % 100
            let expected = (cents < 0 ? "-" : "") + NumberText.grouped(Int64(cents.magnitude / 100)) + "." + (fraction < 10 ? "0" : "") + String(fraction)
            #expect(out.string == expected, "cents \(cents)")
        }
    }

    @Test func jsonQuote() {
        #expect(JSONText.quote("BTCUSDT") == "\"BTCUSDT\"")
        #expect(JSONText.quote("a\"b\\c\nd\re\tf\u{01}\u{1F}") == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u001f\"")
        #expect(JSONText.quote("</script>&\u{2028}★") == "\"</script>&\u{2028}★\"")
        #expect(JSONText.quote("</script>&\u{2028}\u{2029}★", scriptSafe: true) == "\"\\u003c/script\\u003e\\u0026\\u2028\\u2029★\"")
    }

    @Test func markdownCellsCannotAddColumns() {
        let table = TextTable(header: ["symbol", "n"], rows: [["A|B", "1"], ["C\\|D\nE", "2"], ["牛来USDT", "3"]])
        let lines = table.markdown()
        #expect(lines == ["| symbol | n |", "|---|---|", "| A\\|B | 1 |", "| C\\\\\\|D E | 2 |", "| 牛来USDT | 3 |"])
        // Every line splits into exactly the header's cells at unescaped pipes.
        for line in lines.dropFirst(2) {
            let unescaped = line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\|", with: "")
            #expect(unescaped.filter { $0 == "|" }.count == 3, "\(line)")
        }
    }
}
