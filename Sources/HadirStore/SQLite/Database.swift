import CSQLite
import Foundation

/// One SQLite connection. Not thread safe: the owner uses it from one thread at a time.
///
/// ```swift
/// let db = try Database(path: "/var/lib/hadir/hadir.sqlite")
/// try db.exec("PRAGMA journal_mode=WAL")
/// let count = try db.cached("SELECT count(*) FROM units")
/// ```
public final class Database {
    /// The raw connection handle.
    let handle: OpaquePointer
    /// The file this connection opened.
    public let path: String
    private var statements: [String: Statement] = [:]

    /// Opens (and creates, unless `readOnly`) the database file at `path`.
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - readOnly: Opens without write access and refuses to create the file.
    /// - Throws: ``StoreError`` with an `.sqlite` code when the file cannot be opened.
    public init(path: String, readOnly: Bool = false) throws {
        var raw: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        let result = sqlite3_open_v2(path, &raw, flags, nil)
        guard result == SQLITE_OK, let raw else {
            let error = StoreError.sqlite(result, raw, "open \(path)")
            sqlite3_close_v2(raw)
            throw error
        }
        sqlite3_extended_result_codes(raw, 1)
        self.handle = raw
        self.path = path
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that return no rows.
    ///
    /// - Throws: ``StoreError`` with the SQLite result code.
    public func exec(_ sql: String) throws {
        let result = sqlite3_exec(handle, sql, nil, nil, nil)
        guard result == SQLITE_OK else { throw StoreError.sqlite(result, handle, "exec") }
    }

    /// Compiles one statement, owned by the caller.
    ///
    /// - Throws: ``StoreError`` when the SQL does not compile.
    public func prepare(_ sql: String) throws -> Statement {
        var raw: OpaquePointer?
        let result = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard result == SQLITE_OK, let raw else {
            throw StoreError.sqlite(result, handle, "prepare \(sql.prefix(60))")
        }
        return Statement(handle: raw, database: handle)
    }

    /// A statement compiled once and kept for the life of the connection, reset and
    /// with cleared bindings, ready to bind.
    public func cached(_ sql: String) throws -> Statement {
        if let statement = statements[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` inside `BEGIN IMMEDIATE ... COMMIT`, rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try cached("BEGIN IMMEDIATE").run()
        do {
            let value = try body()
            try cached("COMMIT").run()
            return value
        } catch {
            try? cached("ROLLBACK").run()
            throw error
        }
    }

    /// The rowid of the last successful insert on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Whether a transaction is open on this connection.
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The first column of the first row of `sql`, as an integer.
    public func scalar(_ sql: String) throws -> Int64? {
        let statement = try cached(sql)
        defer { statement.reset() }
        return try statement.step() ? statement.int64(0) : nil
    }
}
