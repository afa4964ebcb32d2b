import Foundation
import HadirRules

/// Absences and corrections: their writes (each followed at once by a recomputation of
/// the days they touch) and their reads.
extension WorkTimeStore {
    /// Records an absence on every date from `from` through `last`, replacing any other
    /// absence on those dates; returns the number of dates.
    @discardableResult
    public func recordAbsence(
        employeeID: Int64, kind: AbsenceKind, from: LocalDate, through last: LocalDate, note: String,
        recordedBy: Int64, at: Int64
    ) throws -> Int {
        var dates: Set<LocalDate> = []
        var date = from
        while date <= last { dates.insert(date); date = date.adding(days: 1) }
        try writeLocked { db in
            try db.transaction {
                let s = try db.cached(
                    """
                    INSERT OR REPLACE INTO absences
                        (employee_id, date, kind, note, recorded_by, recorded_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for date in dates.sorted() {
                    s.bind(1, employeeID)
                    s.bind(2, date.iso)
                    s.bind(3, Int64(kind.rawValue))
                    s.bind(4, note)
                    s.bind(5, recordedBy)
                    s.bind(6, at)
                    try s.run()
                }
            }
        }
        try recompute(employeeID: employeeID, dates: dates)
        return dates.count
    }

    /// Stores a new pending correction and the first line of its trail.
    ///
    /// - Throws: ``StoreError`` `.invalidArgument` naming `event_id` when a move or
    ///   removal names an event that is not the employee's.
    public func requestCorrection(
        employeeID: Int64, action: CorrectionRecord.Action, punchKind: HadirRules.PunchKind?, atMs: Int64,
        eventID: Int64, mode: Int32, reason: String, requestedBy: Int64, requestedAt: Int64
    ) throws -> CorrectionRecord {
        try writeLocked { db in
            var original: Int64 = 0
            if action != .add {
                guard let event = try rawEvents(db: db, employeeID: employeeID, eventID: eventID).first else {
                    throw StoreError(
                        .invalidArgument(
                            field: "event_id", reason: "no event \(eventID) of employee \(employeeID)"), "")
                }
                original = event.at
            }
            return try db.transaction {
                let s = try db.cached(
                    """
                    INSERT INTO corrections
                        (employee_id, action, punch_kind, at_ms, event_id, mode, original_at_ms,
                        reason, requested_by, requested_at_ms, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """)
                s.bind(1, employeeID)
                s.bind(2, Int64(action.rawValue))
                s.bind(3, Int64(punchKind?.rawValue ?? 0))
                s.bind(4, action == .remove ? 0 : atMs)
                s.bind(5, action == .add ? 0 : eventID)
                s.bind(6, Int64(mode))
                s.bind(7, original)
                s.bind(8, reason)
                s.bind(9, requestedBy)
                s.bind(10, requestedAt)
                try s.run()
                let id = db.lastInsertRowID
                try audit(
                    db: db, correctionID: id, action: "requested", actor: requestedBy, at: requestedAt,
                    text: reason)
                guard let record = try correctionRecord(db: db, id: id) else {
                    throw StoreError(.notFound, "correction \(id) vanished")
                }
                return record
            }
        }
    }

    /// Approves or rejects a pending correction, adds the decision to its trail, and
    /// recomputes the days it touches.
    ///
    /// - Throws: ``StoreError`` `.notFound` for an unknown id, `.failedPrecondition` when
    ///   already decided, `.invalidArgument` for a reviewer deciding their own request or
    ///   a rejection without a note.
    public func decideCorrection(
        id: Int64, approve: Bool, note: String, decidedBy: Int64, at: Int64
    ) throws -> CorrectionRecord {
        let record: CorrectionRecord = try writeLocked { db in
            try db.transaction {
                guard let record = try correctionRecord(db: db, id: id) else {
                    throw StoreError(.notFound, "id: no correction \(id)")
                }
                guard record.state == .pending else {
                    throw StoreError(.failedPrecondition, "id: correction \(id) was already decided")
                }
                guard let request = record.request else {
                    throw StoreError(.failedPrecondition, "id: unreadable correction")
                }
                do {
                    _ =
                        approve
                        ? try request.approved(by: decidedBy, at: at, note: note)
                        : try request.rejected(by: decidedBy, at: at, reason: note)
                } catch let error as CorrectionError {
                    switch error.code {
                    case .ownRequest:
                        throw StoreError(
                            .invalidArgument(field: "id", reason: "you cannot decide your own correction"), ""
                        )
                    case .emptyReason:
                        throw StoreError(.invalidArgument(field: "note", reason: "required to reject"), "")
                    default:
                        throw StoreError(.failedPrecondition, "id: correction \(id) was already decided")
                    }
                }
                let s = try db.cached(
                    """
                    UPDATE corrections SET state = ?, decided_by = ?, decided_at_ms = ?, decision_note = ?
                    WHERE id = ? AND state = 1
                    """)
                s.bind(
                    1,
                    Int64(
                        approve
                            ? CorrectionRecord.State.approved.rawValue
                            : CorrectionRecord.State.rejected.rawValue))
                s.bind(2, decidedBy)
                s.bind(3, at)
                s.bind(4, note)
                s.bind(5, id)
                try s.run()
                try audit(
                    db: db, correctionID: id, action: approve ? "approved" : "rejected", actor: decidedBy,
                    at: at, text: note)
                return try correctionRecord(db: db, id: id) ?? record
            }
        }
        if record.state == .approved, let zone = try zone(of: record.employeeID) {
            var dates: Set<LocalDate> = []
            for instant in [record.atMs, record.originalAtMs] where instant != 0 {
                dates.formUnion(affectedDates(instant, zone: zone))
            }
            try recompute(employeeID: record.employeeID, dates: dates)
        }
        return record
    }

    /// One correction, or nil.
    public func correction(id: Int64) throws -> CorrectionRecord? {
        try readLocked { try correctionRecord(db: $0, id: id) }
    }

    /// A correction's trail, oldest first.
    public func auditTrail(correctionID: Int64) throws -> [CorrectionAuditRecord] {
        try readLocked { db in
            let s = try db.cached(
                "SELECT correction_id, action, actor, at_ms, text FROM correction_audit"
                    + " WHERE correction_id = ? ORDER BY id"
            )
            defer { s.reset() }
            s.bind(1, correctionID)
            var out: [CorrectionAuditRecord] = []
            while try s.step() {
                out.append(
                    CorrectionAuditRecord(
                        correctionID: s.int64(0), action: s.string(1), actor: s.int64(2), atMs: s.int64(3),
                        text: s.string(4)))
            }
            return out
        }
    }

    /// The pending corrections of everyone below `supervisorID`, by id, after `afterID`.
    public func pendingCorrections(below supervisorID: Int64, afterID: Int64, limit: Int) throws
        -> [CorrectionRecord]
    {
        try readLocked { db in
            let s = try db.cached(
                """
                WITH RECURSIVE below(id) AS (
                    SELECT id FROM employees WHERE supervisor_id = ?1
                    UNION SELECT e.id FROM employees e JOIN below b ON e.supervisor_id = b.id
                )
                SELECT \(Self.correctionColumns) FROM corrections
                WHERE state = 1 AND employee_id IN (SELECT id FROM below) AND id > ?2 ORDER BY id LIMIT ?3
                """)
            defer { s.reset() }
            s.bind(1, supervisorID)
            s.bind(2, afterID)
            s.bind(3, Int64(limit))
            var out: [CorrectionRecord] = []
            while try s.step() { out.append(Self.correction(s)) }
            return out
        }
    }

    /// The absences of one employee between two dates ("YYYY-MM-DD"), inclusive.
    public func absences(employeeID: Int64, from: String, to: String) throws -> [AbsenceRecord] {
        try readLocked { try absenceRecords(db: $0, employeeID: employeeID, from: from, to: to) }
    }

    // MARK: - Internals

    func writeLocked<T>(_ body: (Database) throws -> T) throws -> T {
        try writeLockForExtensions.withLock { try body(writeDatabase) }
    }

    func readLocked<T>(_ body: (Database) throws -> T) throws -> T {
        try readLockForExtensions.withLock { try body(readDatabase) }
    }

    func audit(db: Database, correctionID: Int64, action: String, actor: Int64, at: Int64, text: String)
        throws
    {
        let s = try db.cached(
            "INSERT INTO correction_audit (correction_id, action, actor, at_ms, text) VALUES (?, ?, ?, ?, ?)")
        s.bind(1, correctionID)
        s.bind(2, action)
        s.bind(3, actor)
        s.bind(4, at)
        s.bind(5, text)
        try s.run()
    }

    static let correctionColumns = """
        id, employee_id, action, punch_kind, at_ms, event_id, mode, original_at_ms, reason, requested_by,
        requested_at_ms, state, decided_by, decided_at_ms, decision_note
        """

    static func correction(_ s: Statement) -> CorrectionRecord {
        CorrectionRecord(
            id: s.int64(0), employeeID: s.int64(1),
            action: CorrectionRecord.Action(rawValue: Int32(s.int64(2))) ?? .add,
            punchKind: HadirRules.PunchKind(rawValue: Int32(s.int64(3))), atMs: s.int64(4),
            eventID: s.int64(5),
            mode: Int32(truncatingIfNeeded: s.int64(6)), originalAtMs: s.int64(7), reason: s.string(8),
            requestedBy: s.int64(9), requestedAtMs: s.int64(10),
            state: CorrectionRecord.State(rawValue: Int32(s.int64(11))) ?? .pending,
            decidedBy: s.int64(12), decidedAtMs: s.int64(13), decisionNote: s.string(14))
    }

    func correctionRecord(db: Database, id: Int64) throws -> CorrectionRecord? {
        let s = try db.cached("SELECT \(Self.correctionColumns) FROM corrections WHERE id = ?")
        defer { s.reset() }
        s.bind(1, id)
        return try s.step() ? Self.correction(s) : nil
    }

    func correctionRecords(db: Database, employeeID: Int64, state: CorrectionRecord.State) throws
        -> [CorrectionRecord]
    {
        let s = try db.cached(
            "SELECT \(Self.correctionColumns) FROM corrections"
                + " WHERE employee_id = ? AND state = ? ORDER BY id"
        )
        defer { s.reset() }
        s.bind(1, employeeID)
        s.bind(2, Int64(state.rawValue))
        var out: [CorrectionRecord] = []
        while try s.step() { out.append(Self.correction(s)) }
        return out
    }

    func absenceRecords(db: Database, employeeID: Int64, from: String, to: String) throws -> [AbsenceRecord] {
        let s = try db.cached(
            """
            SELECT employee_id, date, kind, note, recorded_by, recorded_at_ms FROM absences
            WHERE employee_id = ? AND date >= ? AND date <= ? ORDER BY date
            """)
        defer { s.reset() }
        s.bind(1, employeeID)
        s.bind(2, from)
        s.bind(3, to)
        var out: [AbsenceRecord] = []
        while try s.step() {
            out.append(
                AbsenceRecord(
                    employeeID: s.int64(0), date: s.string(1),
                    kind: AbsenceKind(rawValue: Int32(s.int64(2))) ?? .cutiTahunan,
                    note: s.string(3), recordedBy: s.int64(4), recordedAtMs: s.int64(5)))
        }
        return out
    }
}
