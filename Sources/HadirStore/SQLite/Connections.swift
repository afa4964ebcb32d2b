import CSQLite

/// How the store opens its connections: pragmas for the one writer and for readers.
enum Connections {
    /// Opens the write connection: WAL, `synchronous=FULL` so a commit survives a power
    /// cut, foreign keys on, migrations applied.
    static func openWriter(path: String, busyTimeoutMs: Int32 = 5_000) throws -> (Database, [Int64]) {
        let db = try Database(path: path)
        sqlite3_busy_timeout(db.handle, busyTimeoutMs)
        try db.exec("PRAGMA journal_mode=WAL")
        try db.exec("PRAGMA synchronous=FULL")
        try db.exec("PRAGMA foreign_keys=ON")
        let applied = try Migrations.apply(to: db)
        return (db, applied)
    }

    /// Opens a read connection on an existing database: `query_only`, so it never
    /// writes, and a busy timeout for the moments a checkpoint holds a lock.
    static func openReader(path: String, busyTimeoutMs: Int32 = 5_000) throws -> Database {
        // Read-write open with query_only: a pure read-only open of a WAL database
        // fails when the -shm file has to be created.
        let db = try Database(path: path)
        sqlite3_busy_timeout(db.handle, busyTimeoutMs)
        try db.exec("PRAGMA query_only=1")
        return db
    }
}
