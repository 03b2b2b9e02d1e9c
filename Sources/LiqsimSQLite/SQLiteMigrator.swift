/// Schema versions applied in order, the current one recorded in `PRAGMA user_version`
/// (after groue/GRDB.swift's `DatabaseMigrator`, with integer versions instead of names:
/// a liqsim file has one writer, so versions are a line, never a tree).
///
/// `migrate` brings a file up to `latest`, each version in its own transaction together with
/// its new `user_version`, so a failure leaves the file at the last version that completed.
/// A file at a version above `latest` was written by a newer liqsim and is refused.
public struct SQLiteMigrator: Sendable {
    public struct Migration: Sendable {
        public var version: Int
        public var sql: String
        public init(version: Int, sql: String) { self.version = version; self.sql = sql }
    }

    /// What the file is, for errors: "snapshot store", "results database".
    public let name: String
    public let migrations: [Migration]

    /// `migrations` must have versions 1, 2, 3… in order: a gap or repeat is a programming error.
    public init(name: String, migrations: [Migration]) {
        precondition(migrations.enumerated().allSatisfy { $0.element.version == $0.offset + 1 }, "\(name): migrations must be versions 1, 2, 3… in order")
        self.name = name
        self.migrations = migrations
    }

    public var latest: Int { migrations.last?.version ?? 0 }

    /// The file's version, checked: throws when a newer liqsim wrote it.
    @discardableResult
    public func check(_ db: SQLiteDatabase) throws -> Int {
        let version = try db.userVersion
        guard version <= latest else {
            throw db.error("\(name) schema version \(version) is newer than this liqsim understands (\(latest))")
        }
        guard version >= 0 else { throw db.error("\(name) schema version \(version) is not a liqsim version") }
        return version
    }

    /// Applies every migration above the file's version; returns the versions applied.
    @discardableResult
    public func migrate(_ db: SQLiteDatabase) throws -> [Int] {
        let from = try check(db)
        var applied: [Int] = []
        for m in migrations where m.version > from {
            try db.transaction {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(m.version)")
            }
            applied.append(m.version)
        }
        return applied
    }
}
