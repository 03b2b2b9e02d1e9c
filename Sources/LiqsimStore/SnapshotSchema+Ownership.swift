import LiqsimSQLite

extension SnapshotSchema {
    /// Refuses a file that is not a liqsim snapshot store before anything is written to it:
    /// a damaged database, a schema version liqsim never wrote, a table that is not one of
    /// the store's four, or one of them with other columns (`SQLiteMigrator.checkOwnership`,
    /// shared with results.sqlite). An empty database (a new file) passes. Returns the store
    /// tables present.
    static func checkOwnership(_ db: SQLiteDatabase) throws -> Set<String> {
        try migrator.checkOwnership(db)
    }
}
