/// Whether a file is this store before anything touches it: the snapshot store and
/// results.sqlite both refuse another application's database or a damaged one, and leave it
/// byte for byte as it was.
extension SQLiteMigrator {
    /// The tables (with their column names, in order), the views (with their SQL) and the
    /// indexes that the migrations up to `version` create: the schema read back from an
    /// in-memory database they built.
    public func schema(upTo version: Int) throws -> (tables: [String: [String]], views: [String: String], indexes: Set<String>) {
        let memory = try SQLiteDatabase(path: ":memory:")
        for m in migrations where m.version <= version { try memory.execute(m.sql) }
        var tables: [String: [String]] = [:], views: [String: String] = [:], indexes: Set<String> = []
        for row in try memory.query("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") {
            guard let type = row[0].text, let name = row[1].text else { continue }
            switch type {
            case "index": indexes.insert(name)
            case "view": views[name] = row[2].text ?? ""
            default: tables[name] = try Self.columns(memory, name)
            }
        }
        return (tables, views, indexes)
    }

    /// Refuses a file that is not this store before anything is written to it (each refusal
    /// ends "not touched"): a damaged database (`PRAGMA quick_check`), a schema version liqsim
    /// never wrote, an object the migrations do not create, one of their tables with other
    /// columns, or one of their views with another definition. `openTables` may hold any columns (results.sqlite's `runs` follows the
    /// scenario); `extraIndexes` are created outside the migrations. An empty database (a new
    /// file) passes. Returns the tables present.
    public func checkOwnership(_ db: SQLiteDatabase, openTables: Set<String> = [], extraIndexes: Set<String> = []) throws -> Set<String> {
        let objects = try db.query("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        let version = try check(db)
        guard !objects.isEmpty else {
            guard version == 0 else { throw db.error("not a liqsim \(name) (schema version \(version) but no tables); not touched") }
            return []
        }
        let integrity = try db.query("PRAGMA quick_check(1)").first?.first?.text ?? "no answer"
        guard integrity == "ok" else { throw db.error("damaged database (integrity check: \(integrity)); not touched") }
        // Files from before versions were recorded (0) hold version 1's tables.
        let expected = try schema(upTo: max(version, 1))
        var present: Set<String> = []
        for object in objects {
            guard let type = object[0].text, let table = object[1].text else { continue }
            if type == "index", expected.indexes.contains(table) || extraIndexes.contains(table) { continue }
            if type == "view", let sql = expected.views[table] {
                guard object[2].text == sql else { throw db.error("not a liqsim \(name) (view \(table) is defined otherwise); not touched") }
                present.insert(table)
                continue
            }
            guard type == "table", expected.tables[table] != nil || openTables.contains(table) else {
                throw db.error("not a liqsim \(name) (it holds \(type) \(table)); not touched")
            }
            let found = try Self.columns(db, table)
            if let columns = expected.tables[table], found != columns {
                throw db.error("not a liqsim \(name) (table \(table) has columns \(found.joined(separator: ", "))); not touched")
            }
            present.insert(table)
        }
        return present
    }

    static func columns(_ db: SQLiteDatabase, _ table: String) throws -> [String] {
        try db.query("SELECT name FROM pragma_table_info(?1)", [.text(table)]).compactMap { $0.first?.text }
    }
}
