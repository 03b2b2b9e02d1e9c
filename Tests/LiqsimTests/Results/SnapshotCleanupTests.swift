import Foundation
import Testing
import LiqsimSQLite
import LiqsimStore

@Suite("Snapshot store retention")
struct SnapshotCleanupTests {
    static let day = Snap.day, t0 = Snap.t0
    /// Newest row: t0 + 30 days (a liquidation snapshot); keep 7 days → cutoff t0 + 23 days.
    static let layout = Snap.batch(
        market: [t0 + 20 * day, t0 + 23 * day - 1, t0 + 23 * day, t0 + 29 * day],
        exchange: [t0 + 20 * day, t0 + 25 * day],
        factor: [t0 + 29 * day],
        liquidation: [t0, t0 + 30 * day])

    @Test func keepsExactlyTheRowsWithinNDaysOfTheNewest() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let store = try SnapshotStore(path: tmp.path("snap.sqlite"))
        try store.insert(Self.layout)
        let report = try store.cleanupReport(keepDays: 7)
        #expect(report.newestNs == Self.t0 + 30 * Self.day)
        #expect(report.cutoffNs == Self.t0 + 23 * Self.day)
        #expect(report.deleted.map(\.table) == SnapshotTable.allCases)
        #expect(report.deleted.map(\.rows) == [2, 1, 0, 1])
        #expect(report.total == 4)
        let db = store.database
        #expect(try Snap.times(db, .marketSnapshots) == [Self.t0 + 23 * Self.day, Self.t0 + 29 * Self.day])
        #expect(try Snap.times(db, .exchangeSnapshots) == [Self.t0 + 25 * Self.day])
        #expect(try Snap.times(db, .sentimentFactors) == [Self.t0 + 29 * Self.day])
        #expect(try Snap.times(db, .liquidationSnapshots) == [Self.t0 + 30 * Self.day])
        // Nothing left to delete: the same retention again removes no row.
        #expect(try store.cleanup(keepDays: 7) == 0)
        #expect(try store.stats().totalRows == 5)
    }

    @Test func zeroDaysKeepsOnlyTheNewestTimeAndLargeValuesKeepAll() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let store = try SnapshotStore(path: tmp.path("snap.sqlite"))
        try store.insert(Self.layout)
        #expect(try store.cleanup(keepDays: 30) == 0)          // t0 is exactly 30 days before the newest: kept
        #expect(try store.cleanup(keepDays: Int.max) == 0)     // beyond Int64 nanoseconds: nothing is old enough
        #expect(try store.cleanupReport(keepDays: Int.max).cutoffNs == nil)
        #expect(try store.cleanup(keepDays: 29) == 1)          // only t0
        #expect(try store.cleanup(keepDays: 0) == 7)
        #expect(try store.stats().tables.map(\.rows) == [0, 0, 0, 1])
    }

    @Test func retentionIsRelativeToTheDataNotTheClock() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let store = try SnapshotStore(path: tmp.path("snap.sqlite"))
        // 2001: far older than any wall-clock retention would keep.
        let old: Int64 = 1_000_000_000_000_000_000
        try store.insert(Snap.batch(market: [old, old + 2 * Self.day], exchange: [], factor: [], liquidation: []))
        #expect(try store.cleanup(keepDays: 1) == 1)
        #expect(try Snap.times(store.database, .marketSnapshots) == [old + 2 * Self.day])
    }

    @Test func emptyStoreAndNegativeDays() throws {
        let tmp = try TempDir(); defer { withExtendedLifetime(tmp) {} }
        let path = tmp.path("snap.sqlite")
        let store = try SnapshotStore(path: path)
        let report = try store.cleanupReport(keepDays: 7)
        #expect(report.newestNs == nil && report.cutoffNs == nil)
        #expect(report.deleted.map(\.rows) == [0, 0, 0, 0])
        #expect(throws: SQLiteError(path: path, message: "keep-days must be 0 or more, got -1")) { try store.cleanup(keepDays: -1) }
    }
}
