import Foundation
import HadirRules

/// The lookups a team's day and a unit's report are read from.
extension WorkTimeStore {
    /// An employee with their unit's time zone.
    public struct Member: Sendable, Hashable {
        public var employee: EmployeeRecord
        public var zone: WorkZone
    }

    /// True when `supervisorID` is above `employeeID` in the reporting chain, directly
    /// or not.
    public func isAbove(_ supervisorID: Int64, _ employeeID: Int64) throws -> Bool {
        try readLocked { db in
            let s = try db.cached(
                """
                WITH RECURSIVE up(id, depth) AS (
                    SELECT supervisor_id, 1 FROM employees WHERE id = ?1
                    UNION SELECT e.supervisor_id, up.depth + 1 FROM employees e JOIN up ON e.id = up.id
                    WHERE up.depth < 64
                )
                SELECT 1 FROM up WHERE id = ?2 LIMIT 1
                """)
            defer { s.reset() }
            s.bind(1, employeeID)
            s.bind(2, supervisorID)
            return try s.step()
        }
    }

    /// Everyone below `supervisorID`, directly or not, by id, after `afterID`.
    public func members(below supervisorID: Int64, afterID: Int64, limit: Int) throws -> [Member] {
        try memberQuery(
            """
            WITH RECURSIVE below(id) AS (
                SELECT id FROM employees WHERE supervisor_id = ?1
                UNION SELECT e.id FROM employees e JOIN below b ON e.supervisor_id = b.id
            )
            SELECT \(Self.memberColumns) FROM employees e JOIN units u ON u.code = e.unit_code
            WHERE e.id IN (SELECT id FROM below) AND e.id > ?2 ORDER BY e.id LIMIT ?3
            """, supervisorID, afterID, limit)
    }

    /// The employees of one unit (not of its sub-units), by id, after `afterID`.
    public func members(ofUnit code: String, afterID: Int64, limit: Int) throws -> [Member] {
        try readLocked { db in
            let s = try db.cached(
                """
                SELECT \(Self.memberColumns) FROM employees e JOIN units u ON u.code = e.unit_code
                WHERE e.unit_code = ?1 AND e.id > ?2 ORDER BY e.id LIMIT ?3
                """)
            defer { s.reset() }
            s.bind(1, code)
            s.bind(2, afterID)
            s.bind(3, Int64(limit))
            var out: [Member] = []
            while try s.step() { out.append(Self.member(s)) }
            return out
        }
    }

    /// The maintained totals of one employee from `from` through `to` ("YYYY-MM-DD"),
    /// by date. A date without a row has nothing recorded.
    public func dayTotals(employeeID: Int64, from: String, to: String) throws -> [String: DayTotalRecord] {
        try readLocked { db in
            let s = try db.cached(
                """
                SELECT employee_id, date, status, worked_seconds, break_seconds, updated_at_ms, settles_at_ms
                FROM day_totals WHERE employee_id = ? AND date >= ? AND date <= ?
                """)
            defer { s.reset() }
            s.bind(1, employeeID)
            s.bind(2, from)
            s.bind(3, to)
            var out: [String: DayTotalRecord] = [:]
            while try s.step() {
                let record = DayTotalRecord(
                    employeeID: s.int64(0), date: s.string(1),
                    status: DayStatus(rawValue: Int32(s.int64(2))) ?? .pending, workedSeconds: s.int64(3),
                    breakSeconds: s.int64(4), updatedAtMs: s.int64(5), settlesAtMs: s.int64(6))
                out[record.date] = record
            }
            return out
        }
    }

    /// Every maintained total, for checks.
    public func allDayTotals() throws -> [DayTotalRecord] {
        try readLocked { db in
            let s = try db.cached(
                """
                SELECT employee_id, date, status, worked_seconds, break_seconds, updated_at_ms, settles_at_ms
                FROM day_totals ORDER BY employee_id, date
                """)
            defer { s.reset() }
            var out: [DayTotalRecord] = []
            while try s.step() {
                out.append(
                    DayTotalRecord(
                        employeeID: s.int64(0), date: s.string(1),
                        status: DayStatus(rawValue: Int32(s.int64(2))) ?? .pending, workedSeconds: s.int64(3),
                        breakSeconds: s.int64(4), updatedAtMs: s.int64(5), settlesAtMs: s.int64(6)))
            }
            return out
        }
    }

    private static let memberColumns = """
        e.id, e.nip, e.name, e.unit_code, coalesce(e.supervisor_id, 0), e.employment_type,
        e.position, e.is_head,
        u.time_zone
        """

    private static func member(_ s: Statement) -> Member {
        Member(
            employee: EmployeeRecord(
                id: s.int64(0), nip: s.string(1), name: s.string(2), unitCode: s.string(3),
                supervisorID: s.int64(4), employmentType: Int32(truncatingIfNeeded: s.int64(5)),
                position: s.string(6), isHead: s.int64(7) != 0),
            zone: WorkZone(identifier: s.string(8)) ?? .wib)
    }

    private func memberQuery(_ sql: String, _ id: Int64, _ afterID: Int64, _ limit: Int) throws -> [Member] {
        try readLocked { db in
            let s = try db.cached(sql)
            defer { s.reset() }
            s.bind(1, id)
            s.bind(2, afterID)
            s.bind(3, Int64(limit))
            var out: [Member] = []
            while try s.step() { out.append(Self.member(s)) }
            return out
        }
    }
}
