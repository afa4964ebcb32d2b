import CSQLite

/// The store's numbered schema changes, applied in order at open and recorded in
/// `schema_migrations`. A migration, once shipped, is never edited: add a new one.
public enum Migrations {
    /// One schema change.
    public struct Migration: Sendable {
        /// Its number; applied in ascending order, each exactly once.
        public let version: Int64
        /// A short name for the log.
        public let name: String
        /// The SQL it runs.
        public let sql: String
    }

    /// Every migration, in order.
    public static let all: [Migration] = [
        Migration(
            version: 1, name: "core tables",
            sql: """
                CREATE TABLE units (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind INTEGER NOT NULL,
                    parent_code TEXT,
                    time_zone TEXT NOT NULL DEFAULT 'Asia/Jakarta',
                    postal_code TEXT,
                    head_employee_id INTEGER
                );
                CREATE INDEX units_parent ON units(parent_code);
                CREATE TABLE employees (
                    id INTEGER PRIMARY KEY,
                    nip TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    unit_code TEXT NOT NULL REFERENCES units(code),
                    supervisor_id INTEGER,
                    employment_type INTEGER NOT NULL DEFAULT 1,
                    position TEXT NOT NULL DEFAULT '',
                    is_head INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX employees_supervisor ON employees(supervisor_id, id);
                CREATE INDEX employees_unit ON employees(unit_code);
                CREATE TABLE devices (
                    id INTEGER PRIMARY KEY,
                    employee_id INTEGER NOT NULL REFERENCES employees(id),
                    token_hash BLOB NOT NULL UNIQUE,
                    label TEXT NOT NULL DEFAULT '',
                    enrolled_at_ms INTEGER NOT NULL,
                    last_event_seq INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX devices_employee ON devices(employee_id);
                CREATE TABLE attendance_events (
                    id INTEGER PRIMARY KEY,
                    employee_id INTEGER NOT NULL REFERENCES employees(id),
                    device_id INTEGER NOT NULL REFERENCES devices(id),
                    event_seq INTEGER NOT NULL,
                    kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
                    mode INTEGER NOT NULL DEFAULT 0,
                    captured_at_ms INTEGER NOT NULL DEFAULT 0,
                    recorded_at_ms INTEGER NOT NULL,
                    received_at_ms INTEGER NOT NULL,
                    clock_offset_ms INTEGER NOT NULL DEFAULT 0,
                    place_name TEXT NOT NULL DEFAULT '',
                    latitude REAL NOT NULL DEFAULT 0,
                    longitude REAL NOT NULL DEFAULT 0,
                    accuracy_m REAL NOT NULL DEFAULT 0,
                    UNIQUE (device_id, event_seq)
                );
                CREATE INDEX attendance_events_employee_time
                    ON attendance_events(employee_id, recorded_at_ms);
                CREATE TABLE holidays (
                    date TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL DEFAULT 'national'
                );
                """),
        Migration(
            version: 2, name: "policies",
            sql: """
                CREATE TABLE policies (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    model TEXT NOT NULL,
                    day_seconds INTEGER NOT NULL,
                    week_seconds INTEGER NOT NULL,
                    max_open_session_seconds INTEGER NOT NULL,
                    is_default INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (name, version)
                );
                INSERT INTO policies
                    (name, version, model, day_seconds, week_seconds, max_open_session_seconds, is_default)
                    VALUES ('surabaya-flex', 1, 'flex', 27000, 135000, 57600, 1);
                """),
        Migration(version: 3, name: "work time", sql: WorkTimeSchema.sql),
        // Which policy counts a unit's days: the city's flex policy, or the national fixed
        // schedule with its TL/PSW ladder. (Shift policies need rosters, not stored yet.)
        Migration(
            version: 4, name: "unit policy",
            sql: """
                ALTER TABLE units ADD COLUMN policy TEXT NOT NULL DEFAULT 'flex'
                    CHECK (policy IN ('flex', 'fixed'));
                """),
    ]

    /// Applies every migration not yet recorded, each in its own transaction.
    ///
    /// - Returns: The versions applied now (empty when the schema was current).
    /// - Throws: ``StoreError`` when a migration fails; that migration is rolled back.
    @discardableResult
    public static func apply(to db: Database) throws -> [Int64] {
        try db.exec(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at_ms INTEGER NOT NULL
            )
            """)
        var applied: [Int64] = []
        for migration in all {
            try db.transaction {
                let check = try db.cached("SELECT 1 FROM schema_migrations WHERE version = ?")
                check.bind(1, migration.version)
                let done = try check.step()
                check.reset()
                guard !done else { return }
                try db.exec(migration.sql)
                let record = try db.cached(
                    "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?, ?, ?)"
                )
                record.bind(1, migration.version)
                record.bind(2, migration.name)
                record.bind(3, WallClock.nowMs())
                try record.run()
                applied.append(migration.version)
            }
        }
        return applied
    }

    /// The highest version recorded in the database.
    public static func currentVersion(of db: Database) throws -> Int64 {
        try db.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations") ?? 0
    }
}
