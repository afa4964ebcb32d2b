import Foundation
import HadirRules
import Testing
@testable import HadirStore

/// The maintained day totals against a recomputation from raw events.
@Suite("Day totals")
struct DayTotalsTests {
    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let start = LocalDate(iso: "2025-05-05")!  // a Monday
    static let holidays = [LocalDate(iso: "2025-05-12")!: "Waisak"]
    static let now = WorkZone.wib.startOfDay(LocalDate(iso: "2025-05-25")!)

    @Test("maintained totals equal a recomputation from raw events, on random histories", arguments: 0..<12)
    func randomHistories(seed: UInt64) throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 4)
        let store = try WorkTimeStore(
            path: path, policy: .flex(.surabaya), holidays: Self.holidays, clock: { Self.now })
        var random = Random(state: seed &+ 1)
        let (db, _) = try Connections.openWriter(path: path)

        // Punches on 14 days, in a random arrival order, some at the same instant.
        var events: [(employee: Int64, kind: Int64, at: Int64)] = []
        for employee in Int64(2)...4 {
            for offset in 0..<14 where random.below(5) != 0 {
                let day = Self.start.adding(days: offset)
                var at = WorkZone.wib.startOfDay(day) + Int64(5 + random.below(6)) * hourMs
                for _ in 0..<random.below(5) {
                    let kind: Int64 = random.below(4) == 0 ? 1 : (events.last?.kind == 1 ? 2 : 1)
                    events.append((employee, kind, at))
                    at +=
                        Int64(random.below(6)) * hourMs + Int64(random.below(2)) * Int64(random.below(60_000))
                }
            }
        }
        for index in events.indices.reversed() {
            events.swapAt(index, random.below(index + 1))
        }
        let insert = try db.prepare(
            """
            INSERT INTO attendance_events
                (employee_id, device_id, event_seq, kind, recorded_at_ms, received_at_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (index, event) in events.enumerated() {
            insert.bind(1, event.employee)
            insert.bind(2, event.employee)
            insert.bind(3, Int64(index + 1))
            insert.bind(4, event.kind)
            insert.bind(5, event.at)
            insert.bind(6, event.at)
            try insert.run()
            insert.reset()
            if random.below(7) == 0 { try store.catchUp(limit: 1 + random.below(5)) }
        }

        // Some corrections, approved or rejected, and some leave.
        for employee in Int64(2)...4 where random.below(2) == 0 {
            let day = Self.start.adding(days: random.below(14))
            let at = WorkZone.wib.startOfDay(day) + 16 * hourMs
            let record = try store.requestCorrection(
                employeeID: employee, action: .add, punchKind: .checkOut, atMs: at, eventID: 0, mode: 1,
                reason: "lupa absen pulang", requestedBy: employee, requestedAt: Self.now - 1000)
            _ = try store.decideCorrection(
                id: record.id, approve: random.below(3) != 0, note: "ok", decidedBy: 1, at: Self.now - 500)
        }
        if random.below(2) == 0 {
            let from = Self.start.adding(days: random.below(14))
            try store.recordAbsence(
                employeeID: 3, kind: .cutiTahunan, from: from, through: from.adding(days: random.below(3)),
                note: "", recordedBy: 1, at: Self.now - 100)
        }
        while try store.catchUp() > 0 {}
        try store.sweep()

        // The recomputation: every event of the person, no window, the rules directly.
        let totals = Dictionary(
            uniqueKeysWithValues: try store.allDayTotals().map { ("\($0.employeeID) \($0.date)", $0) })
        for employee in Int64(2)...4 {
            let raw = try store.rawEvents(db: db, employeeID: employee, window: Int64.min..<Int64.max)
            let corrections = try store.correctionRecords(db: db, employeeID: employee, state: .approved)
            let effective = applyCorrections(corrections.compactMap(\.request), to: raw)
            let calendar = try store.calendar(
                db: db, employeeID: employee, from: Self.start.adding(days: -3),
                through: Self.start.adding(days: 20))
            for offset in -3..<20 {
                let date = Self.start.adding(days: offset)
                let day = UnitPolicy.flex(.surabaya).workDay(
                    of: date, events: effective, zone: .wib, calendar: calendar, now: Self.now)
                let row = totals["\(employee) \(date.iso)"]
                if day.sessions.isEmpty && day.absence == nil {
                    #expect(row == nil, "seed \(seed): \(employee) \(date) has a row and nothing recorded")
                } else {
                    #expect(row?.status == day.status, "seed \(seed): \(employee) \(date)")
                    #expect(row?.workedSeconds == day.workedSeconds, "seed \(seed): \(employee) \(date)")
                    #expect(row?.breakSeconds == day.breakSeconds, "seed \(seed): \(employee) \(date)")
                    #expect((row?.workedSeconds ?? -1) >= 0)
                }
            }
        }
    }

    @Test("a correction approved after the day: the trail keeps who and when, the total follows")
    func correctionTrail() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 3)
        let store = try WorkTimeStore(
            path: path, policy: .flex(.surabaya), holidays: [:], clock: { Self.now })
        let writer = try AttendanceWriter(path: path)
        defer { writer.shutdown() }
        let eight = WorkZone.wib.startOfDay(Self.start.adding(days: 1)) + 8 * hourMs
        _ = try submitAndWait(writer, punch(employee: 2, seq: 1, .checkIn, at: eight)).get()
        try store.catchUp()
        let date = Self.start.adding(days: 1).iso
        #expect(try store.dayTotals(employeeID: 2, from: date, to: date)[date]?.status == .incomplete)
        let asked = try store.requestCorrection(
            employeeID: 2, action: .add, punchKind: .checkOut, atMs: eight + 8 * hourMs, eventID: 0, mode: 1,
            reason: "lupa absen pulang", requestedBy: 2, requestedAt: eight + 24 * hourMs)
        #expect(throws: StoreError.self) {
            try store.decideCorrection(
                id: asked.id, approve: true, note: "", decidedBy: 2, at: eight + 25 * hourMs)
        }
        let decided = try store.decideCorrection(
            id: asked.id, approve: true, note: "", decidedBy: 1, at: eight + 25 * hourMs)
        #expect(decided.state == .approved)
        let row = try #require(try store.dayTotals(employeeID: 2, from: date, to: date)[date])
        #expect(row.status == .met)
        #expect(row.workedSeconds == 8 * 3600)
        let trail = try store.auditTrail(correctionID: asked.id)
        #expect(trail.map(\.action) == ["requested", "approved"])
        #expect(trail.map(\.actor) == [2, 1])
        #expect(trail.map(\.atMs) == [eight + 24 * hourMs, eight + 25 * hourMs])
        // The original event is untouched.
        #expect(
            try store.rawEvents(db: Connections.openReader(path: path), employeeID: 2, window: 0..<Int64.max)
                .count == 1)
    }
}

@Suite("Day totals: shutdown")
struct DayTotalsShutdownTests {
    @Test("a shutdown leaves the backlog to the next start, which counts it")
    func shutdownLeavesBacklog() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 2)
        let (db, _) = try Connections.openWriter(path: path)
        let at = WorkZone.wib.startOfDay(DayTotalsTests.start) + 8 * hourMs
        try db.exec(
            """
            INSERT INTO attendance_events
                (employee_id, device_id, event_seq, kind, recorded_at_ms, received_at_ms)
            VALUES (2, 2, 1, 1, \(at), \(at)), (2, 2, 2, 2, \(at + 8 * hourMs), \(at + 8 * hourMs))
            """)
        // Stopped at once: the follower counts nothing on its way out.
        let first = try WorkTimeStore(
            path: path, policy: .flex(.surabaya), holidays: [:], clock: { DayTotalsTests.now })
        first.startMaintaining(pollInterval: 60)
        first.shutdown()
        #expect(try db.scalar("SELECT last_event_id FROM day_totals_progress WHERE id = 1") == 0)
        #expect(try first.allDayTotals().isEmpty)
        // The next start picks up from the watermark.
        let second = try WorkTimeStore(
            path: path, policy: .flex(.surabaya), holidays: [:], clock: { DayTotalsTests.now })
        while try second.catchUp() > 0 {}
        let rows = try second.allDayTotals()
        #expect(rows.count == 1)
        #expect(rows.first?.workedSeconds == Int64(8 * 3600))
    }
}
