import Testing
@testable import HadirRules

/// Random punch histories: totals never negative, never more than the wall time covered,
/// independent of arrival order, and the same from the documented window as from all.
@Suite("Properties over random histories")
struct PairingPropertyTests {
    static let zones = [
        WorkZone.wib, WorkZone.wit,
        WorkZone(identifier: "Europe/Amsterdam")!, WorkZone(identifier: "America/Santiago")!,
    ]
    /// Days around both of Amsterdam's 2025 changes, and a plain week in May.
    static let firstDays = ["2025-03-27", "2025-05-05", "2025-10-23", "2024-09-05"]

    struct History {
        var zone: WorkZone
        var first: LocalDate
        var dayCount: Int
        var events: [AttendanceEvent]
        var now: Int64
        var roster: [LocalDate: Shift]
    }

    static func history(seed: UInt64) -> History {
        var rng = SeededGenerator(seed: seed)
        let zone = zones.randomElement(using: &rng)!
        let first = date(firstDays.randomElement(using: &rng)!)
        let dayCount = Int.random(in: 2...6, using: &rng)
        let start = zone.startOfDay(first)
        let span = zone.endOfDay(first.adding(days: dayCount - 1)) - start
        // A coarse grid (15 min) makes same-instant punches common.
        let grid: Int64 = Bool.random(using: &rng) ? 900_000 : 1000
        var events: [AttendanceEvent] = []
        var kind = PunchKind.checkIn
        for id in 1...Int64.random(in: 0...24, using: &rng) + 1 {
            let at = start + Int64.random(in: 0..<span, using: &rng) / grid * grid
            // Mostly alternate, sometimes repeat a kind (forgotten punches).
            if Int.random(in: 0..<5, using: &rng) > 0 { kind = kind == .checkIn ? .checkOut : .checkIn }
            events.append(
                AttendanceEvent(
                    id: id, kind: kind, at: at,
                    mode: Int32.random(in: 1...4, using: &rng)))
        }
        if let repeated = events.randomElement(using: &rng) { events.append(repeated) }
        let now =
            Bool.random(using: &rng)
            ? start + span + 2 * 86_400_000
            : start + Int64.random(in: 0..<span, using: &rng)
        var roster: [LocalDate: Shift] = [:]
        let shifts = [
            Shift(name: "pagi", from: "06:00", to: "14:00")!,
            Shift(name: "malam", from: "22:00", to: "06:00")!,
            Shift(name: "siang", from: "14:00", to: "22:00")!,
        ]
        for offset in 0..<dayCount where Bool.random(using: &rng) {
            roster[first.adding(days: offset)] = shifts.randomElement(using: &rng)!
        }
        return History(
            zone: zone, first: first, dayCount: dayCount, events: events, now: now,
            roster: roster)
    }

    static let seeds: [UInt64] = Array(1...300)

    @Test("sessions are disjoint, non-negative, within the longest session", arguments: seeds)
    func sessionsAreSane(seed: UInt64) {
        let history = Self.history(seed: seed)
        let sessions = pairSessions(history.events, maxSessionSeconds: 57_600, now: history.now)
        var lastEnd = Int64.min
        for session in sessions {
            #expect(session.workedMilliseconds >= 0, "seed \(seed)")
            #expect(session.workedMilliseconds <= 57_600_000, "seed \(seed)")
            if let checkIn = session.checkIn, let checkOut = session.checkOut {
                #expect(checkOut >= checkIn, "seed \(seed)")
            }
            if let start = session.checkIn { #expect(start >= lastEnd, "seed \(seed)") }
            lastEnd = session.checkOut ?? session.checkIn ?? lastEnd
        }
        // Every distinct punch up to now is in exactly one session.
        let visible = Set(history.events.filter { $0.at <= history.now }.map(\.id))
        let used = sessions.flatMap { [$0.checkInID, $0.checkOutID].compactMap { $0 } }
        #expect(used.count == visible.count, "seed \(seed)")
        #expect(Set(used) == visible, "seed \(seed)")
    }

    @Test("day totals: never negative, sum to the sessions, within wall time", arguments: seeds)
    func totals(seed: UInt64) {
        let history = Self.history(seed: seed)
        let policy = FlexPolicy.surabaya
        let sessions = pairSessions(
            history.events, maxSessionSeconds: policy.maxSessionSeconds,
            now: history.now)
        var total: Int64 = 0
        for offset in -1...history.dayCount {
            let day = workDay(
                of: history.first.adding(days: offset), events: history.events,
                zone: history.zone, calendar: WorkCalendar(), policy: policy, now: history.now)
            #expect(day.workedMilliseconds >= 0, "seed \(seed)")
            #expect(day.breakMilliseconds >= 0, "seed \(seed)")
            let span = history.zone.endOfDay(day.date) - history.zone.startOfDay(day.date)
            #expect(
                day.workedMilliseconds + day.breakMilliseconds
                    <= span + policy.maxSessionSeconds * 1000, "seed \(seed)")
            total += day.workedMilliseconds
        }
        #expect(total == sessions.reduce(0) { $0 + $1.workedMilliseconds }, "seed \(seed)")
        let visible = history.events.filter { $0.at <= history.now }.map(\.at)
        if let firstAt = visible.min(), let lastAt = visible.max() {
            let running = sessions.contains { $0.state == .running }
            #expect(total <= (running ? history.now : lastAt) - firstAt, "seed \(seed)")
        } else {
            #expect(total == 0, "seed \(seed)")
        }
    }

    @Test(
        "every policy's days ignore arrival order and need only their window",
        arguments: seeds)
    func orderAndWindow(seed: UInt64) {
        let history = Self.history(seed: seed)
        var rng = SeededGenerator(seed: seed ^ 0xDEAD_BEEF)
        let shuffled = history.events.shuffled(using: &rng)
        let policies: [UnitPolicy] = [
            .flex(.surabaya), .fixed(FixedSchedulePolicy()),
            .shift(ShiftPolicy(roster: history.roster)),
        ]
        let calendar = WorkCalendar(holidays: [history.first.adding(days: 1): "libur"])
        for policy in policies {
            for offset in 0..<history.dayCount {
                let date = history.first.adding(days: offset)
                let window = policy.eventWindow(for: date, zone: history.zone)
                let all = policy.workDay(
                    of: date, events: history.events, zone: history.zone,
                    calendar: calendar, now: history.now)
                let reordered = policy.workDay(
                    of: date, events: shuffled, zone: history.zone,
                    calendar: calendar, now: history.now)
                let windowed = policy.workDay(
                    of: date,
                    events: shuffled.filter { window.contains($0.at) }, zone: history.zone,
                    calendar: calendar, now: history.now)
                #expect(all == reordered, "seed \(seed) \(policy) \(date)")
                #expect(all == windowed, "seed \(seed) \(policy) \(date)")
            }
        }
    }

    @Test("a week's worked time is the sum of its days, each counted once", arguments: seeds)
    func weekSums(seed: UInt64) {
        let history = Self.history(seed: seed)
        let policy = UnitPolicy.flex(.surabaya)
        let week = policy.workWeek(
            containing: history.first, events: history.events,
            zone: history.zone, calendar: WorkCalendar(), now: history.now)
        let days = (0..<7).map {
            policy.workDay(
                of: week.start.adding(days: $0), events: history.events,
                zone: history.zone, calendar: WorkCalendar(), now: history.now)
        }
        #expect(week.days == days, "seed \(seed)")
        #expect(week.workedMilliseconds == days.reduce(0) { $0 + $1.workedMilliseconds })
        #expect(week.excusedDates.allSatisfy { d in days.first { $0.date == d }?.status == .short })
    }

    @Test(
        "days paired once for a run equal days computed one at a time, for every policy",
        arguments: seeds)
    func runEqualsSingleDays(seed: UInt64) {
        let history = Self.history(seed: seed)
        let calendar = WorkCalendar(holidays: [history.first.adding(days: 1): "libur"])
        let last = history.first.adding(days: history.dayCount - 1)
        for policy in [
            UnitPolicy.flex(.surabaya), .fixed(FixedSchedulePolicy()),
            .shift(ShiftPolicy(roster: history.roster)),
        ] {
            let run = policy.workDays(
                from: history.first, through: last, events: history.events,
                zone: history.zone, calendar: calendar, now: history.now)
            let single = (0..<history.dayCount).map {
                policy.workDay(
                    of: history.first.adding(days: $0), events: history.events,
                    zone: history.zone, calendar: calendar, now: history.now)
            }
            #expect(run == single, "seed \(seed) \(policy)")
        }
    }
}
