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
    }

    @Test func markdown() {
        #expect(Self.table.markdown() == ["| name | rows | note |", "|---|---|---|", "| BTCUSDT | 1,234 | ★ best |", "| ETH | 5 |  |"])
        #expect(Self.table.markdown(rule: "---:")[1] == "|---:|---:|---:|")
    }

    @Test func thousandsGrouping() {
        #expect(NumberText.grouped(0) == "0" && NumberText.grouped(999) == "999" && NumberText.grouped(1_000) == "1,000")
        #expect(NumberText.grouped(31_192_115) == "31,192,115" && NumberText.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberText.grouped(.min) == "-9,223,372,036,854,775,808")
    }
}
