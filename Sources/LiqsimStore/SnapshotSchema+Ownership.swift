import Foundation
import LiqsimSQLite

extension SnapshotSchema {
    /// Refuses a file that is not a liqsim snapshot store before anything is written to it:
    /// a damaged database (`PRAGMA quick_check`), a schema version liqsim never wrote, a
    /// table that is not one of the store's four, or one of them with other columns. An
    /// empty database (a new file) passes. Returns the store tables present.
    static func checkOwnership(_ db: SQLiteDatabase) throws -> Set<String> {
        let objects = try db.query("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        let version = try migrator.check(db)
        guard !objects.isEmpty else {
            guard version == 0 else { throw db.error("not a liqsim snapshot store (schema version \(version) but no tables)") }
            return []
        }
        let check = try db.query("PRAGMA quick_check(1)").first?.first?.text ?? "no answer"
        guard check == "ok" else { throw db.error("damaged database (integrity check: \(check)); not touched") }
        let ours = Dictionary(uniqueKeysWithValues: SnapshotTable.allCases.map { ($0.rawValue, $0) })
        var present: Set<String> = []
        for object in objects {
            guard let type = object.first?.text, let name = object.dropFirst().first?.text else { continue }
            if type == "index", SnapshotTable.allCases.contains(where: { indexName($0) == name }) { continue }
            guard type == "table", let table = ours[name] else {
                throw db.error("not a liqsim snapshot store (it holds \(type) \(name)); not touched")
            }
            let found = try db.query("SELECT name FROM pragma_table_info(?1)", [.text(name)]).compactMap { $0.first?.text }
            let expected = columns[table]!.map { String($0.split(separator: " ")[0]).replacingOccurrences(of: "\"", with: "") }
            guard found == expected else {
                throw db.error("not a liqsim snapshot store (table \(name) has columns \(found.joined(separator: ", "))); not touched")
            }
            present.insert(name)
        }
        return present
    }
}
