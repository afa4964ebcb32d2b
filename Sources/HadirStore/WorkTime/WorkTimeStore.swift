import Dispatch
import Foundation
import HadirLog
import HadirRules

/// Work time in the store: absences, corrections and the maintained day totals.
///
/// ## Day totals and their consistency model
///
/// `day_totals` holds, per (employee, local date) that has a punch, an absence or a
/// correction, the rules' day (status, worked and break seconds) as it stood at
/// `updated_at_ms`. A day with no row has nothing recorded: its status comes from the
/// calendar alone (``derivedDay(_:zone:now:)``).
///
/// Rows are recomputed from raw events (with approved corrections laid over them, and
/// the absences) by the same rules that answer a single person's day:
///
/// - after the ``AttendanceWriter`` commits: the maintenance thread follows
///   `attendance_events` by id past a watermark (`day_totals_progress`), and
///   recomputes every date an event can touch, in a transaction of its own that also
///   moves the watermark. Check-in replies never wait for this; a total lags the
///   commit by at most one poll interval (100 ms by default) plus its computation.
///   Restarting resumes from the watermark, so nothing is missed after a crash;
/// - at once after a correction is decided or an absence recorded;
/// - by a sweep, for rows whose day could still change with time alone (a running
///   session, a day not over): each such row is refreshed every sweep until
///   `settles_at_ms` (the end of the day plus the policy's longest session) has passed.
///
/// Every recomputation starts after the change it follows has committed, and
/// recomputations run one at a time, so the last one of a day has seen every change:
/// the totals are eventually exact, and equal ``computeDays(employeeID:from:through:now:)``
/// at `updated_at_ms`.
public final class WorkTimeStore: @unchecked Sendable {
    public let policy: UnitPolicy
    public let holidays: [LocalDate: String]
    public let weekendDays: Set<Int>
    private let clock: @Sendable () -> Int64
    private let logger: Logger

    // The write connection and every recomputation, one at a time.
    private let writeDB: Database
    private let writeLock = NSLock()
    // A read connection for lookups.
    private let readDB: Database
    private let readLock = NSLock()

    // For the extensions in other files.
    var writeLockForExtensions: NSLock { writeLock }
    var writeDatabase: Database { writeDB }
    var readLockForExtensions: NSLock { readLock }
    var readDatabase: Database { readDB }

    // The maintenance thread.
    private let condition = NSCondition()
    private var stopping = false
    private var started = false
    private let finished = DispatchSemaphore(value: 0)

    /// Opens a write and a read connection on a database (applying migrations).
    public init(
        path: String, policy: UnitPolicy, holidays: [LocalDate: String], weekendDays: Set<Int> = [6, 7],
        logger: Logger = .disabled, clock: (@Sendable () -> Int64)? = nil
    ) throws {
        self.policy = policy
        self.holidays = holidays
        self.weekendDays = weekendDays
        self.logger = logger
        self.clock = clock ?? { WallClock.nowMs() }
        (writeDB, _) = try Connections.openWriter(path: path)
        readDB = try Connections.openReader(path: path)
    }

    // MARK: - Maintenance

    /// Starts the thread that keeps `day_totals` current.
    public func startMaintaining(pollInterval: TimeInterval = 0.1, sweepInterval: TimeInterval = 30) {
        condition.lock()
        guard !started else { condition.unlock(); return }
        started = true
        condition.unlock()
        let thread = Thread { [self] in
            var lastSweep = Date.distantPast
            while true {
                condition.lock()
                if !stopping { _ = condition.wait(until: Date().addingTimeInterval(pollInterval)) }
                let stop = stopping
                condition.unlock()
                // Totals are derived: on shutdown they are left where they are, and the next
                // start resumes from the watermark. Waiting for a backlog would hold a
                // SIGTERM for as long as the backlog takes.
                if stop { break }
                do {
                    var rounds = 0
                    while try catchUp() == Self.catchUpLimit, rounds < 100, !isStopping { rounds += 1 }
                    if !isStopping, Date().timeIntervalSince(lastSweep) >= sweepInterval {
                        try sweep()
                        lastSweep = Date()
                    }
                } catch {
                    logger.error("day totals", [("error", "\(error)")])
                }
            }
            finished.signal()
        }
        thread.name = "hadir-totals"
        thread.start()
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// Stops the maintenance thread once its current step is done; what it had not yet
    /// counted is counted after the next start. Safe to call more than once.
    public func shutdown() {
        condition.lock()
        let wasStarted = started
        stopping = true
        condition.signal()
        condition.unlock()
        guard wasStarted else { return }
        finished.wait()
        finished.signal()
    }

    public static let catchUpLimit = 2000

    /// Recomputes the days touched by events committed since the watermark, at most
    /// `limit` events; returns how many were taken.
    @discardableResult
    public func catchUp(limit: Int = WorkTimeStore.catchUpLimit) throws -> Int {
        try writeLock.withLock {
            let db = writeDB
            let last = try db.scalar("SELECT last_event_id FROM day_totals_progress WHERE id = 1") ?? 0
            let select = try db.cached(
                "SELECT id, employee_id, recorded_at_ms FROM attendance_events"
                    + " WHERE id > ? ORDER BY id LIMIT ?"
            )
            defer { select.reset() }
            select.bind(1, last)
            select.bind(2, Int64(limit))
            var touched: [Int64: [Int64]] = [:]
            var highest = last
            var count = 0
            while try select.step() {
                highest = select.int64(0)
                touched[select.int64(1), default: []].append(select.int64(2))
                count += 1
            }
            select.reset()
            guard count > 0 else { return 0 }
            var dates: [Int64: Set<LocalDate>] = [:]
            var placements: [Int64: (zone: WorkZone, policy: UnitPolicy)] = [:]
            for (employee, instants) in touched {
                guard let placement = try placement(of: employee, db: db) else { continue }
                placements[employee] = placement
                for instant in instants {
                    dates[employee, default: []].formUnion(affectedDates(instant, zone: placement.zone))
                }
            }
            try recomputeLocked(dates, placements: placements) {
                let move = try db.cached("UPDATE day_totals_progress SET last_event_id = ? WHERE id = 1")
                move.bind(1, highest)
                try move.run()
            }
            return count
        }
    }

    /// Refreshes the rows whose day may still change with time alone.
    public func sweep(refreshAfterMs: Int64 = 60_000) throws {
        try writeLock.withLock {
            let db = writeDB
            let now = clock()
            let select = try db.cached(
                """
                SELECT employee_id, date FROM day_totals
                WHERE updated_at_ms < settles_at_ms AND (settles_at_ms <= ? OR updated_at_ms <= ?)
                LIMIT 5000
                """)
            defer { select.reset() }
            select.bind(1, now)
            select.bind(2, now - refreshAfterMs)
            var dates: [Int64: Set<LocalDate>] = [:]
            while try select.step() {
                if let date = LocalDate(iso: select.string(1)) {
                    dates[select.int64(0), default: []].insert(date)
                }
            }
            select.reset()
            try recomputeLocked(dates) {}
        }
    }

    /// Recomputes the given days now.
    public func recompute(employeeID: Int64, dates: Set<LocalDate>) throws {
        try writeLock.withLock { try recomputeLocked([employeeID: dates]) {} }
    }

    /// The local dates whose day an event at `instant` may change.
    func affectedDates(_ instant: Int64, zone: WorkZone) -> Set<LocalDate> {
        let span = policy.maxSessionSeconds * 1000
        var first = zone.localDate(ofInstant: instant - span)
        var last = zone.localDate(ofInstant: instant + span)
        if case .shift = policy {
            first = first.adding(days: -2)
            last = last.adding(days: 2)
        }
        var out: Set<LocalDate> = []
        var date = first
        while date <= last { out.insert(date); date = date.adding(days: 1) }
        return out
    }

    private func recomputeLocked(
        _ dates: [Int64: Set<LocalDate>],
        placements known: [Int64: (zone: WorkZone, policy: UnitPolicy)] = [:],
        also: () throws -> Void
    ) throws {
        let db = writeDB
        let now = clock()
        var results: [(Int64, WorkZone, UnitPolicy, [WorkDay])] = []
        for (employee, set) in dates where !set.isEmpty {
            guard let (zone, policy) = try known[employee] ?? placement(of: employee, db: db) else {
                continue
            }
            for run in Self.runs(of: set) {
                let days = try computeDays(
                    db: db, employeeID: employee, zone: zone, policy: policy, from: run.0, through: run.1,
                    now: now)
                results.append((employee, zone, policy, days.filter { set.contains($0.date) }))
            }
        }
        try db.transaction {
            let upsert = try db.cached(
                """
                INSERT INTO day_totals
                    (employee_id, date, status, worked_seconds, break_seconds, updated_at_ms, settles_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (employee_id, date) DO UPDATE SET status = excluded.status,
                    worked_seconds = excluded.worked_seconds, break_seconds = excluded.break_seconds,
                    updated_at_ms = excluded.updated_at_ms, settles_at_ms = excluded.settles_at_ms
                """)
            let delete = try db.cached("DELETE FROM day_totals WHERE employee_id = ? AND date = ?")
            for (employee, zone, policy, days) in results {
                for day in days {
                    if day.sessions.isEmpty && day.absence == nil {
                        delete.bind(1, employee)
                        delete.bind(2, day.date.iso)
                        try delete.run()
                    } else {
                        upsert.bind(1, employee)
                        upsert.bind(2, day.date.iso)
                        upsert.bind(3, Int64(day.status.rawValue))
                        upsert.bind(4, day.workedSeconds)
                        upsert.bind(5, day.breakSeconds)
                        upsert.bind(6, now)
                        upsert.bind(7, policy.eventWindow(for: day.date, zone: zone).upperBound)
                        try upsert.run()
                    }
                }
            }
            try also()
        }
    }

    /// Consecutive runs of dates, split where a gap of more than 3 days lies.
    static func runs(of dates: Set<LocalDate>) -> [(LocalDate, LocalDate)] {
        var out: [(LocalDate, LocalDate)] = []
        for date in dates.sorted() {
            if let last = out.last, last.1.days(to: date) <= 3 {
                out[out.count - 1].1 = date
            } else {
                out.append((date, date))
            }
        }
        return out
    }

    // MARK: - Computing days from raw events

    /// The days `from` through `last` of one employee, computed now from the raw events,
    /// the approved corrections and the absences. Empty when there is no such employee.
    public func computeDays(employeeID: Int64, from: LocalDate, through last: LocalDate, now: Int64) throws
        -> [WorkDay]
    {
        try readLock.withLock {
            guard let (zone, policy) = try placement(of: employeeID, db: readDB) else { return [] }
            return try computeDays(
                db: readDB, employeeID: employeeID, zone: zone, policy: policy, from: from, through: last,
                now: now)
        }
    }

    /// The punches that count for one employee in `window`: stored events with the
    /// approved corrections laid over them.
    public func effectiveEvents(employeeID: Int64, window: Range<Int64>) throws -> [AttendanceEvent] {
        try readLock.withLock { try effectiveEvents(db: readDB, employeeID: employeeID, window: window) }
    }

    /// The calendar of one employee over a period: holidays, weekends, absences.
    func calendar(db: Database, employeeID: Int64, from: LocalDate, through last: LocalDate) throws
        -> WorkCalendar
    {
        var absences: [LocalDate: Absence] = [:]
        for record in try absenceRecords(db: db, employeeID: employeeID, from: from.iso, to: last.iso) {
            if let date = LocalDate(iso: record.date) {
                absences[date] = Absence(kind: record.kind, note: record.note)
            }
        }
        return WorkCalendar(holidays: holidays, weekendDays: weekendDays, absences: absences)
    }

    func computeDays(
        db: Database, employeeID: Int64, zone: WorkZone, policy: UnitPolicy, from: LocalDate,
        through last: LocalDate,
        now: Int64
    ) throws -> [WorkDay] {
        let window = policy.eventWindow(from: from, through: last, zone: zone)
        let events = try effectiveEvents(db: db, employeeID: employeeID, window: window)
        let calendar = try calendar(db: db, employeeID: employeeID, from: from, through: last)
        // The events are paired once for the whole run of days.
        let out = policy.workDays(
            from: from, through: last, events: events, zone: zone, calendar: calendar, now: now)
        return out
    }

    func effectiveEvents(db: Database, employeeID: Int64, window: Range<Int64>) throws -> [AttendanceEvent] {
        let corrections = try correctionRecords(db: db, employeeID: employeeID, state: .approved)
        var events = try rawEvents(db: db, employeeID: employeeID, window: window)
        let have = Set(events.map(\.id))
        for correction in corrections where correction.action != .add && !have.contains(correction.eventID) {
            events += try rawEvents(db: db, employeeID: employeeID, eventID: correction.eventID)
        }
        let effective = applyCorrections(corrections.compactMap(\.request), to: events)
        return effective.filter { window.contains($0.at) }
    }

    private static let eventColumns = "id, kind, recorded_at_ms, mode, place_name"

    private func event(_ s: Statement) -> AttendanceEvent {
        AttendanceEvent(
            id: s.int64(0), kind: HadirRules.PunchKind(rawValue: Int32(s.int64(1))) ?? .checkIn,
            at: s.int64(2), mode: Int32(truncatingIfNeeded: s.int64(3)), placeName: s.string(4))
    }

    func rawEvents(db: Database, employeeID: Int64, window: Range<Int64>) throws -> [AttendanceEvent] {
        let s = try db.cached(
            """
            SELECT \(Self.eventColumns) FROM attendance_events
            WHERE employee_id = ? AND recorded_at_ms >= ? AND recorded_at_ms < ? ORDER BY recorded_at_ms, id
            """)
        defer { s.reset() }
        s.bind(1, employeeID)
        s.bind(2, window.lowerBound)
        s.bind(3, window.upperBound)
        var out: [AttendanceEvent] = []
        while try s.step() { out.append(event(s)) }
        return out
    }

    func rawEvents(db: Database, employeeID: Int64, eventID: Int64) throws -> [AttendanceEvent] {
        let s = try db.cached(
            "SELECT \(Self.eventColumns) FROM attendance_events WHERE id = ? AND employee_id = ?")
        defer { s.reset() }
        s.bind(1, eventID)
        s.bind(2, employeeID)
        return try s.step() ? [event(s)] : []
    }

    /// Where an employee's days are counted: their unit's zone and policy (the city's
    /// policy unless the unit chose the fixed schedule). Nil when there is no such employee.
    func placement(of employeeID: Int64, db: Database) throws -> (zone: WorkZone, policy: UnitPolicy)? {
        let s = try db.cached(
            "SELECT u.time_zone, u.policy FROM employees e"
                + " JOIN units u ON u.code = e.unit_code WHERE e.id = ?"
        )
        defer { s.reset() }
        s.bind(1, employeeID)
        guard try s.step() else { return nil }
        let zone = WorkZone(identifier: s.string(0)) ?? .wib
        guard s.string(1) == "fixed" else { return (zone, policy) }
        return (zone, .fixed(FixedSchedulePolicy(maxSessionSeconds: policy.maxSessionSeconds)))
    }

    func policy(of employeeID: Int64, db: Database) throws -> UnitPolicy {
        try placement(of: employeeID, db: db)?.policy ?? policy
    }

    /// The policy of an employee's unit.
    public func policy(of employeeID: Int64) throws -> UnitPolicy {
        try readLock.withLock { try policy(of: employeeID, db: readDB) }
    }

    func zone(of employeeID: Int64, db: Database) throws -> WorkZone? {
        let s = try db.cached(
            "SELECT u.time_zone FROM employees e JOIN units u ON u.code = e.unit_code WHERE e.id = ?")
        defer { s.reset() }
        s.bind(1, employeeID)
        guard try s.step() else { return nil }
        return WorkZone(identifier: s.string(0)) ?? .wib
    }

    /// The time zone of an employee's unit; nil when there is no such employee.
    public func zone(of employeeID: Int64) throws -> WorkZone? {
        try readLock.withLock { try zone(of: employeeID, db: readDB) }
    }

    /// A day with nothing recorded: its status from the calendar alone.
    public func derivedDay(
        _ date: LocalDate, zone: WorkZone, policy: UnitPolicy? = nil, now: Int64
    ) -> WorkDay {
        (policy ?? self.policy).workDay(
            of: date, events: [], zone: zone,
            calendar: WorkCalendar(holidays: holidays, weekendDays: weekendDays), now: now)
    }
}
