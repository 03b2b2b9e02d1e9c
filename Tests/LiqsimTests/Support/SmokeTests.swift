import Testing
import LiqsimCore

@Suite struct SmokeTests {
    @Test func fixturesLoad() throws {
        let lines = try Fixtures.lines("liquidations-2026.jsonl")
        #expect(lines.count == 8)
    }
}
