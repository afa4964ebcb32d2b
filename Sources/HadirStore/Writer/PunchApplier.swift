import CSQLite

/// Applies a batch of punches inside one transaction on the write connection: the
/// idempotency check, the session rules, the inserts. Used only by the writer thread.
final class PunchApplier {
    private var db: Database?
    /// The highest event number stored for each device seen since the writer started,
    /// loaded from the (device_id, event_seq) index on first sight and kept up to date by
    /// every insert: only this writer inserts events, so it stays exact. An event numbered
    /// above it cannot be a repeat, which spares the replay probe; and devices.last_event_seq
    /// need not be rewritten every batch (one more random page per device to write and
    /// sync), since readers take the same maximum from the index.
    private var highestSeq: [Int64: Int64] = [:]
    /// Each employee's latest stored event by (recorded_at_ms, id), loaded on first sight and
    /// kept exact by every insert for the same reason; `kind` 0 when there is none. A punch at
    /// or after it is judged against it without the index seek; a backdated one still asks.
    private var latestByEmployee: [Int64: (kind: Int64, recordedAtMs: Int64)] = [:]
    // Compiled once, up front, so that a bad schema fails at open rather than at 8 a.m.,
    // and held directly so the hot path does no cache lookup.
    private let begin: Statement
    private let commit: Statement
    private let rollback: Statement
    private let findEvent: Statement
    private let findDevice: Statement
    private let latestEvent: Statement
    private let employeeLatest: Statement
    private let insertEvent: Statement
    private let deviceMaxSeq: Statement
    private let maxOpenSession: Statement

    init(db: Database) throws {
        self.db = db
        // The applier checks every reference an event row holds before inserting it: the
        // device is looked up, and its employee must be the command's (and devices.employee_id
        // is itself a checked foreign key). SQLite's own foreign-key checks on the insert
        // would probe employees and devices a second time for each event, so they are off on
        // this connection once the migrations, which run with them on, are done.
        try db.exec("PRAGMA foreign_keys=OFF")
        begin = try db.prepare("BEGIN IMMEDIATE")
        commit = try db.prepare("COMMIT")
        rollback = try db.prepare("ROLLBACK")
        findEvent = try db.prepare(Self.findEventSQL)
        findDevice = try db.prepare(Self.findDeviceSQL)
        latestEvent = try db.prepare(Self.latestEventSQL)
        employeeLatest = try db.prepare(Self.employeeLatestSQL)
        insertEvent = try db.prepare(Self.insertEventSQL)
        deviceMaxSeq = try db.prepare(Self.deviceMaxSeqSQL)
        maxOpenSession = try db.prepare(Self.maxOpenSessionSQL)
    }

    /// Gives up the connection; SQLite closes it once the statements, owned by this
    /// applier, are finalised with it.
    func close() { db = nil }

    /// Applies `batch`, writing one result per job into `results` (emptied first), and
    /// commits. Every result is final only once this returns.
    ///
    /// - Returns: How many commands failed.
    func apply(
        _ batch: [AttendanceWriter.Job], into results: inout [Result<PunchOutcome, StoreError>]
    ) -> Int {
        results.removeAll(keepingCapacity: true)
        guard let db else {
            let error = StoreError(.failedPrecondition, "the write connection is closed")
            results.append(contentsOf: repeatElement(.failure(error), count: batch.count))
            return batch.count
        }
        do {
            try begin.run()
            let maxOpenMs = try maxOpenSessionMs(db)
            var failed = 0
            for job in batch {
                let result = applyOne(job.command, maxOpenMs: maxOpenMs, db: db)
                if case .failure(let error) = result {
                    failed += 1
                    // An I/O or disk-full error may have rolled the whole transaction back.
                    if case .sqlite = error.code, !db.inTransaction { throw error }
                }
                results.append(result)
            }
            try commit.run()
            return failed
        } catch {
            if db.inTransaction { try? rollback.run() }
            // Numbers inserted by the rolled-back batch are gone: forget what may be stale.
            highestSeq.removeAll(keepingCapacity: true)
            latestByEmployee.removeAll(keepingCapacity: true)
            let storeError = error as? StoreError ?? StoreError(.sqlite(SQLITE_ERROR), "\(error)")
            results.removeAll(keepingCapacity: true)
            results.append(contentsOf: repeatElement(.failure(storeError), count: batch.count))
            return batch.count
        }
    }

    private func applyOne(
        _ cmd: PunchCommand, maxOpenMs: Int64, db: Database
    ) -> Result<PunchOutcome, StoreError> {
        do {
            // The device's owner and the highest event number stored for it: one lookup by
            // primary key. An event numbered above that cannot be a repeat, so the common
            // case — a new event — skips the (device_id, event_seq) index probe.
            let device = findDevice
            device.reset()
            device.bind(1, cmd.deviceID)
            let found = try device.step()
            let owner = found ? device.int64(0) : nil
            let enrolledSeq = found ? device.int64(1) : 0
            device.reset()
            let highest = found ? try highestStoredSeq(cmd.deviceID, enrolled: enrolledSeq) : 0

            // (a) A repeat of (device, seq) answers with the original. A number reused for
            // the other kind of punch is not a repeat but a client's mistake: refused, so
            // that a check-out is never silently taken for the check-in it collides with.
            if Int64(cmd.eventSeq) <= highest || owner == nil {
                let find = findEvent
                find.reset()
                find.bind(1, cmd.deviceID)
                find.bind(2, Int64(cmd.eventSeq))
                if try find.step() {
                    let outcome = PunchOutcome(
                        eventID: find.int64(0), recordedAtMs: find.int64(1), replayed: true)
                    let storedKind = PunchKind(rawValue: Int32(find.int64(2)))
                    find.reset()
                    guard storedKind == cmd.kind else {
                        return .failure(
                            StoreError(
                                .conflict,
                                "event_seq: \(cmd.eventSeq) was already used for a "
                                    + "\(storedKind?.name ?? "punch"); a new event needs a new number"))
                    }
                    return .success(outcome)
                }
                find.reset()
            }

            guard let owner else {
                return .failure(StoreError(.notFound, "device \(cmd.deviceID) is not enrolled"))
            }
            guard owner == cmd.employeeID else {
                return .failure(
                    StoreError(
                        .failedPrecondition,
                        "device \(cmd.deviceID) is not enrolled to employee \(cmd.employeeID)"))
            }

            // (b) Session rules against the employee's latest event at or before this one,
            // for events sent as they happen. An event that arrives late (captured offline)
            // is a fact about the past: it is stored as it is, and the rules pair it with
            // whatever else that day holds, marking the day incomplete if a half is missing.
            let late = cmd.receivedAtMs - cmd.recordedAtMs > PunchApplier.lateAfterMs
            if !late, let failure = try checkSession(cmd, maxOpenMs: maxOpenMs, db: db) {
                return .failure(failure)
            }

            let insert = insertEvent
            insert.bind(1, cmd.employeeID)
            insert.bind(2, cmd.deviceID)
            insert.bind(3, Int64(cmd.eventSeq))
            insert.bind(4, Int64(cmd.kind.rawValue))
            insert.bind(5, Int64(cmd.mode))
            insert.bind(6, cmd.capturedAtMs)
            insert.bind(7, cmd.recordedAtMs)
            insert.bind(8, cmd.receivedAtMs)
            insert.bind(9, cmd.clockOffsetMs)
            insert.bind(10, cmd.placeName)
            insert.bind(11, cmd.latitude)
            insert.bind(12, cmd.longitude)
            insert.bind(13, Double(cmd.accuracyM))
            try insert.run()
            if Int64(cmd.eventSeq) > highest { highestSeq[cmd.deviceID] = Int64(cmd.eventSeq) }
            // The new row has the highest id, so it is the latest unless it is backdated.
            if let known = latestByEmployee[cmd.employeeID], cmd.recordedAtMs >= known.recordedAtMs {
                latestByEmployee[cmd.employeeID] = (Int64(cmd.kind.rawValue), cmd.recordedAtMs)
            }
            return .success(
                PunchOutcome(
                    eventID: db.lastInsertRowID, recordedAtMs: cmd.recordedAtMs, replayed: false))
        } catch let error as StoreError {
            return .failure(error)
        } catch {
            return .failure(StoreError(.sqlite(SQLITE_ERROR), "\(error)"))
        }
    }

    /// The highest event number stored for `deviceID` (or recorded at enrolment).
    private func highestStoredSeq(_ deviceID: Int64, enrolled: Int64) throws -> Int64 {
        if let known = highestSeq[deviceID] { return max(known, enrolled) }
        let statement = deviceMaxSeq
        statement.reset()
        defer { statement.reset() }
        statement.bind(1, deviceID)
        let stored = try statement.step() ? statement.int64(0) : 0
        let highest = max(stored, enrolled)
        highestSeq[deviceID] = highest
        return highest
    }

    /// The employee's latest event at or before `cmd`'s instant: (kind, recorded_at_ms).
    private func latestEvent(before cmd: PunchCommand) throws -> (kind: Int64, recordedAtMs: Int64)? {
        let known: (kind: Int64, recordedAtMs: Int64)
        if let cached = latestByEmployee[cmd.employeeID] {
            known = cached
        } else {
            let statement = employeeLatest
            statement.reset()
            defer { statement.reset() }
            statement.bind(1, cmd.employeeID)
            known = try statement.step() ? (statement.int64(0), statement.int64(1)) : (0, Int64.min)
            latestByEmployee[cmd.employeeID] = known
        }
        if known.kind == 0 { return nil }
        if cmd.recordedAtMs >= known.recordedAtMs { return known }
        // A backdated (offline) event: the latest at or before it comes from the index.
        let latest = latestEvent
        latest.reset()
        defer { latest.reset() }
        latest.bind(1, cmd.employeeID)
        latest.bind(2, cmd.recordedAtMs)
        return try latest.step() ? (latest.int64(0), latest.int64(1)) : nil
    }

    private func checkSession(_ cmd: PunchCommand, maxOpenMs: Int64, db: Database) throws -> StoreError? {
        var openSince = try openSession(
            latest: latestEvent(before: cmd), at: cmd.recordedAtMs, maxOpenMs: maxOpenMs)
        let refusal: Bool
        switch (cmd.kind, openSince) {
        case (.checkIn, .some), (.checkOut, nil): refusal = true
        default: refusal = false
        }
        // The stored punches are not the whole story once a supervisor has approved a
        // correction (an added check-out, a removed check-in): judge again from the punches
        // with the corrections laid over them. Asked only on the way to a refusal.
        if refusal, try hasApprovedCorrection(near: cmd, withinMs: maxOpenMs, db: db) {
            let corrected = try correctedLatest(before: cmd, withinMs: maxOpenMs, db: db)
            openSince = openSession(latest: corrected, at: cmd.recordedAtMs, maxOpenMs: maxOpenMs)
        }
        switch (cmd.kind, openSince) {
        case (.checkIn, let openedAt?):
            return StoreError(
                .failedPrecondition,
                "check_in: a session opened at \(WallClock.iso(openedAt)) is still open; check out first")
        case (.checkOut, nil):
            return StoreError(
                .failedPrecondition,
                "check_out: no open check-in in the last \(Self.hours(maxOpenMs)) h")
        default:
            return nil
        }
    }

    /// When the session that `latest` leaves open started, if it is a check-in recent enough.
    private func openSession(
        latest: (kind: Int64, recordedAtMs: Int64)?, at: Int64, maxOpenMs: Int64
    ) -> Int64? {
        guard let latest, latest.kind == Int64(PunchKind.checkIn.rawValue) else { return nil }
        return at - latest.recordedAtMs < maxOpenMs ? latest.recordedAtMs : nil
    }

    /// The employee's latest punch at or before `cmd`, with approved corrections applied:
    /// removed and moved punches gone from where they were, added and moved ones in place.
    private func correctedLatest(
        before cmd: PunchCommand, withinMs: Int64, db: Database
    ) throws -> (kind: Int64, recordedAtMs: Int64)? {
        let from = cmd.recordedAtMs - withinMs
        var punches: [Int64: (kind: Int64, at: Int64)] = [:]
        let raw = try db.cached(
            """
            SELECT id, kind, recorded_at_ms FROM attendance_events
            WHERE employee_id = ?1 AND recorded_at_ms BETWEEN ?2 AND ?3
            """)
        defer { raw.reset() }
        raw.bind(1, cmd.employeeID)
        raw.bind(2, from)
        raw.bind(3, cmd.recordedAtMs)
        while try raw.step() { punches[raw.int64(0)] = (raw.int64(1), raw.int64(2)) }
        raw.reset()
        let corrections = try db.cached(
            """
            SELECT c.id, c.action, c.punch_kind, c.at_ms, c.event_id, coalesce(e.kind, 0)
            FROM corrections c LEFT JOIN attendance_events e ON e.id = c.event_id
            WHERE c.employee_id = ?1 AND c.state = 2 ORDER BY c.id
            """)
        defer { corrections.reset() }
        corrections.bind(1, cmd.employeeID)
        var added: [(kind: Int64, at: Int64)] = []
        while try corrections.step() {
            let action = corrections.int64(1)
            let eventID = corrections.int64(4)
            if action == 2 || action == 3 { punches[eventID] = nil }
            let at = corrections.int64(3)
            guard at >= from, at <= cmd.recordedAtMs else { continue }
            if action == 1 { added.append((corrections.int64(2), at)) }
            if action == 2 { added.append((corrections.int64(5), at)) }
        }
        let all = Array(punches.values) + added
        // The latest by time; at one instant a check-out comes before a check-in, as the rules pair them.
        guard let last = all.max(by: { ($0.at, -$0.kind) < ($1.at, -$1.kind) }) else { return nil }
        return (last.kind, last.at)
    }

    /// Whether an approved correction of the employee touches the `withinMs` before the punch.
    private func hasApprovedCorrection(near cmd: PunchCommand, withinMs: Int64, db: Database) throws -> Bool {
        let query = try db.cached(
            """
            SELECT 1 FROM corrections
            WHERE employee_id = ?1 AND state = 2
              AND ((at_ms BETWEEN ?2 AND ?3) OR (original_at_ms BETWEEN ?2 AND ?3))
            LIMIT 1
            """)
        defer { query.reset() }
        query.bind(1, cmd.employeeID)
        query.bind(2, cmd.recordedAtMs - withinMs)
        query.bind(3, cmd.recordedAtMs)
        return try query.step()
    }

    private func maxOpenSessionMs(_ db: Database) throws -> Int64 {
        let statement = maxOpenSession
        defer { statement.reset() }
        guard try statement.step() else {
            throw StoreError(.failedPrecondition, "no default policy in the policies table")
        }
        return statement.int64(0) * 1000
    }

    private static func hours(_ ms: Int64) -> String {
        ms % 3_600_000 == 0 ? String(ms / 3_600_000) : String(Double(ms) / 3_600_000)
    }

    static let findEventSQL =
        "SELECT id, recorded_at_ms, kind FROM attendance_events WHERE device_id = ? AND event_seq = ?"

    /// An event recorded more than this before it reached the server was captured
    /// offline: two minutes, beyond any retry of a live call.
    static let lateAfterMs: Int64 = 2 * 60 * 1000
    static let findDeviceSQL = "SELECT employee_id, last_event_seq FROM devices WHERE id = ?"
    static let employeeLatestSQL = """
        SELECT kind, recorded_at_ms FROM attendance_events
        WHERE employee_id = ? ORDER BY recorded_at_ms DESC, id DESC LIMIT 1
        """
    static let latestEventSQL = """
        SELECT kind, recorded_at_ms FROM attendance_events
        WHERE employee_id = ? AND recorded_at_ms <= ?
        ORDER BY recorded_at_ms DESC, id DESC LIMIT 1
        """
    static let insertEventSQL = """
        INSERT INTO attendance_events (employee_id, device_id, event_seq, kind, mode, captured_at_ms,
            recorded_at_ms, received_at_ms, clock_offset_ms, place_name, latitude, longitude, accuracy_m)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let deviceMaxSeqSQL =
        "SELECT coalesce(max(event_seq), 0) FROM attendance_events WHERE device_id = ?"
    static let maxOpenSessionSQL = """
        SELECT max_open_session_seconds FROM policies WHERE is_default = 1 ORDER BY version DESC LIMIT 1
        """
}
