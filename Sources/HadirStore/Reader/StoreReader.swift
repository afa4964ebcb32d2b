import Foundation

/// Read queries on a connection of its own, one per event loop. In WAL mode readers
/// never wait for the writer and see the last committed state.
///
/// Calls are serialised by an internal lock, uncontended when each loop keeps its own
/// reader.
///
/// ```swift
/// let reader = try StoreReader(path: "hadir.sqlite")
/// if let device = try reader.device(forToken: token) { ... }
/// ```
public final class StoreReader: @unchecked Sendable {
    private let db: Database
    private let lock = NSLock()

    /// Opens a read connection on an existing, migrated database.
    ///
    /// - Throws: ``StoreError`` `.notFound` when the file does not exist.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "no database at \(path); run `hadir init` first")
        }
        db = try Connections.openReader(path: path)
    }

    private func read<T>(_ sql: String, _ body: (Statement) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let statement = try db.cached(sql)
        defer { statement.reset() }
        return try body(statement)
    }

    /// The device enrolled with `token`, found by the token's SHA-256.
    public func device(forToken token: String) throws -> DeviceRecord? {
        let digest = SHA256.hash(token)
        // The writer does not rewrite devices.last_event_seq on every batch: the last event
        // number is the (device_id, event_seq) index's maximum, or the enrolment value.
        let sql = """
            SELECT id, employee_id, max(last_event_seq, coalesce(
                (SELECT max(event_seq) FROM attendance_events WHERE device_id = devices.id), 0)), label
            FROM devices WHERE token_hash = ?
            """
        return try read(sql) { s in
            s.bind(1, blob: digest)
            guard try s.step() else { return nil }
            return DeviceRecord(
                id: s.int64(0), employeeID: s.int64(1),
                lastEventSeq: UInt32(clamping: s.int64(2)), label: s.string(3))
        }
    }

    /// The employee with `id`, or `nil`.
    public func employee(id: Int64) throws -> EmployeeRecord? {
        try read("SELECT \(Self.employeeColumns) FROM employees WHERE id = ?") { s in
            s.bind(1, id)
            return try s.step() ? Self.employee(s) : nil
        }
    }

    /// The employee with `nip`, or `nil`.
    public func employee(nip: String) throws -> EmployeeRecord? {
        try read("SELECT \(Self.employeeColumns) FROM employees WHERE nip = ?") { s in
            s.bind(1, nip)
            return try s.step() ? Self.employee(s) : nil
        }
    }

    /// The direct reports of `supervisorID` with id above `afterID`, by id, at most
    /// `limit`: pass the last id of one page as `afterID` of the next.
    public func reports(
        supervisorID: Int64, afterID: Int64 = 0, limit: Int = 100
    ) throws -> [EmployeeRecord] {
        let sql = """
            SELECT \(Self.employeeColumns) FROM employees
            WHERE supervisor_id = ? AND id > ? ORDER BY id LIMIT ?
            """
        return try read(sql) { s in
            s.bind(1, supervisorID)
            s.bind(2, afterID)
            s.bind(3, Int64(max(0, limit)))
            var out: [EmployeeRecord] = []
            while try s.step() { out.append(Self.employee(s)) }
            return out
        }
    }

    /// The unit with `code`, with its employee count, or `nil`.
    public func unit(code: String) throws -> UnitRecord? {
        try read("SELECT \(Self.unitColumns) FROM units u WHERE u.code = ?") { s in
            s.bind(1, code)
            return try s.step() ? Self.unit(s) : nil
        }
    }

    /// The units under `parentCode`, by code; `nil` lists the top-level units.
    public func units(parentCode: String?) throws -> [UnitRecord] {
        let filter = parentCode == nil ? "u.parent_code IS NULL" : "u.parent_code = ?"
        return try read("SELECT \(Self.unitColumns) FROM units u WHERE \(filter) ORDER BY u.code") { s in
            if let parentCode { s.bind(1, parentCode) }
            var out: [UnitRecord] = []
            while try s.step() { out.append(Self.unit(s)) }
            return out
        }
    }

    /// The employee's events with `fromMs <= recorded_at_ms < toMs`, in time order.
    public func events(employeeID: Int64, fromMs: Int64, toMs: Int64) throws -> [EventRecord] {
        let sql = """
            SELECT id, employee_id, device_id, event_seq, kind, mode, captured_at_ms, recorded_at_ms,
                received_at_ms, clock_offset_ms, place_name, latitude, longitude, accuracy_m
            FROM attendance_events WHERE employee_id = ? AND recorded_at_ms >= ? AND recorded_at_ms < ?
            ORDER BY recorded_at_ms, id
            """
        return try read(sql) { s in
            s.bind(1, employeeID)
            s.bind(2, fromMs)
            s.bind(3, toMs)
            var out: [EventRecord] = []
            while try s.step() {
                out.append(
                    EventRecord(
                        id: s.int64(0), employeeID: s.int64(1), deviceID: s.int64(2),
                        eventSeq: UInt32(clamping: s.int64(3)),
                        kind: PunchKind(rawValue: Int32(s.int64(4))) ?? .checkIn,
                        mode: Int32(truncatingIfNeeded: s.int64(5)), capturedAtMs: s.int64(6),
                        recordedAtMs: s.int64(7),
                        receivedAtMs: s.int64(8), clockOffsetMs: s.int64(9), placeName: s.string(10),
                        latitude: s.double(11), longitude: s.double(12), accuracyM: Float(s.double(13))))
            }
            return out
        }
    }

    /// Holidays with `from <= date <= to` (dates as `yyyy-mm-dd`), by date.
    public func holidays(from: String, to: String) throws -> [HolidayRecord] {
        try read("SELECT date, name, kind FROM holidays WHERE date >= ? AND date <= ? ORDER BY date") { s in
            s.bind(1, from)
            s.bind(2, to)
            var out: [HolidayRecord] = []
            while try s.step() {
                out.append(HolidayRecord(date: s.string(0), name: s.string(1), kind: s.string(2)))
            }
            return out
        }
    }

    /// The newest version of the default policy.
    ///
    /// - Throws: ``StoreError`` `.notFound` when there is none.
    public func defaultPolicy() throws -> PolicyRecord {
        let sql = """
            SELECT id, name, version, model, day_seconds, week_seconds, max_open_session_seconds
            FROM policies WHERE is_default = 1 ORDER BY version DESC LIMIT 1
            """
        return try read(sql) { s in
            guard try s.step() else { throw StoreError(.notFound, "no default policy") }
            return PolicyRecord(
                id: s.int64(0), name: s.string(1), version: s.int64(2), model: s.string(3),
                daySeconds: s.int64(4), weekSeconds: s.int64(5), maxOpenSessionSeconds: s.int64(6))
        }
    }

    private static let employeeColumns =
        "id, nip, name, unit_code, coalesce(supervisor_id, 0), employment_type, position, is_head"

    private static func employee(_ s: Statement) -> EmployeeRecord {
        EmployeeRecord(
            id: s.int64(0), nip: s.string(1), name: s.string(2), unitCode: s.string(3),
            supervisorID: s.int64(4), employmentType: Int32(truncatingIfNeeded: s.int64(5)),
            position: s.string(6), isHead: s.int64(7) != 0)
    }

    private static let unitColumns = """
        u.code, u.name, u.kind, coalesce(u.parent_code, ''), u.time_zone, coalesce(u.postal_code, ''),
        coalesce(u.head_employee_id, 0), (SELECT count(*) FROM employees e WHERE e.unit_code = u.code)
        """

    private static func unit(_ s: Statement) -> UnitRecord {
        UnitRecord(
            code: s.string(0), name: s.string(1), kind: Int32(truncatingIfNeeded: s.int64(2)),
            parentCode: s.string(3), timeZone: s.string(4), postalCode: s.string(5),
            headEmployeeID: s.int64(6), employeeCount: Int(s.int64(7)))
    }
}
