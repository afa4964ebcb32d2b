import Testing
@testable import HadirRules

/// The hand-worked cases under the flex policy, in exact seconds.
@Suite("Flex day")
struct FlexDayTests {
    let calendar = WorkCalendar()
    let policy = FlexPolicy.surabaya
    /// Long after every test day, so every day is over.
    let later = utc("2026-01-01T00:00:00Z")

    func day(_ iso: String, _ punches: Punches, now: Int64? = nil) -> WorkDay {
        workDay(
            of: date(iso), events: punches.events, zone: punches.zone, calendar: calendar,
            policy: policy, now: now ?? later)
    }

    @Test("in 16:00, out 00:00 next day: 8h00m on the first day, nothing on the second")
    func crossesMidnight() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "16:00")
        punches.checkOut("2025-05-07", "00:00")
        let first = day("2025-05-06", punches)
        #expect(first.workedSeconds == 8 * hour)
        #expect(first.status == .met)
        #expect(first.sessions.count == 1)
        let second = day("2025-05-07", punches)
        #expect(second.workedSeconds == 0)
        #expect(second.sessions.isEmpty)
        #expect(second.status == .absent)
    }

    @Test("in 16:00, out 23:59:59: 7h59m59s")
    func justBeforeMidnight() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "16:00")
        punches.checkOut("2025-05-06", "23:59:59")
        #expect(day("2025-05-06", punches).workedSeconds == 7 * hour + 59 * minute + 59)
    }

    @Test("Asia/Jayapura in 07:30, out 12:30 (22:30Z to 03:30Z): 5h on the local day")
    func jayapura() {
        var punches = Punches(zone: .wit)
        punches.checkIn("2025-05-06", "07:30")
        punches.checkOut("2025-05-06", "12:30")
        #expect(punches.events[0].at == utc("2025-05-05T22:30:00Z"))
        #expect(punches.events[1].at == utc("2025-05-06T03:30:00Z"))
        let local = day("2025-05-06", punches)
        #expect(local.workedSeconds == 5 * hour)
        #expect(local.status == .short)
        let before = day("2025-05-05", punches)
        #expect(before.workedSeconds == 0)
        #expect(before.sessions.isEmpty)
    }

    @Test("out 12:00:00 and in 12:00:00 the same second: both kept, nothing lost")
    func sameSecond() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "08:00")
        punches.checkOut("2025-05-06", "12:00:00", place: "Kantor Kecamatan")
        punches.checkIn("2025-05-06", "12:00:00", place: "Balai RW 3")
        punches.checkOut("2025-05-06", "16:00")
        // Arrival order puts the check-in first: the rules must not care.
        punches.events.swapAt(1, 2)
        let result = day("2025-05-06", punches)
        #expect(result.sessions.count == 2)
        #expect(result.sessions.map(\.state) == [.complete, .complete])
        #expect(result.sessions[1].placeName == "Balai RW 3")
        #expect(result.workedSeconds == 8 * hour)
        #expect(result.breakSeconds == 0)
    }

    @Test("the same event repeated with its number counts once")
    func repeatedEvent() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "08:00")
        punches.checkOut("2025-05-06", "16:00")
        punches.events.append(punches.events[1])
        punches.events.append(punches.events[0])
        let result = day("2025-05-06", punches)
        #expect(result.sessions.count == 1)
        #expect(result.workedSeconds == 8 * hour)
    }

    @Test("offline day in Asia/Makassar, out arriving first: 8h10m, met")
    func offlineMakassar() {
        var punches = Punches(zone: .wita)
        punches.checkIn("2025-05-06", "07:55")
        punches.checkOut("2025-05-06", "16:05")
        let sent = instant("2025-05-06", "17:20", in: .wita)
        // Only the check-out has arrived yet: a lone check-out, marked incomplete.
        let outOnly = workDay(
            of: date("2025-05-06"), events: [punches.events[1]], zone: .wita,
            calendar: calendar, policy: policy, now: sent)
        #expect(outOnly.status == .incomplete)
        #expect(outOnly.sessions.map(\.state) == [.missingCheckIn])
        #expect(outOnly.workedSeconds == 0)
        // Then the check-in arrives: paired, 8h10m.
        let both = workDay(
            of: date("2025-05-06"), events: punches.events.reversed(),
            zone: .wita, calendar: calendar, policy: policy, now: sent)
        #expect(both.sessions.map(\.state) == [.complete])
        #expect(both.workedSeconds == 8 * hour + 10 * minute)
        #expect(both.status == .met)
    }

    @Test("a forgotten check-out: 0h and incomplete, never 24 h; the next day counts normally")
    func forgottenCheckOut() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "08:00")
        punches.checkIn("2025-05-07", "08:00")
        punches.checkOut("2025-05-07", "16:00")
        let first = day("2025-05-06", punches)
        #expect(first.status == .incomplete)
        #expect(first.workedSeconds == 0)
        #expect(first.sessions.map(\.state) == [.missingCheckOut])
        let second = day("2025-05-07", punches)
        #expect(second.status == .met)
        #expect(second.workedSeconds == 8 * hour)
    }

    @Test("a forgotten check-out with nothing after it turns incomplete after 16 h")
    func forgottenByTime() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "08:00")
        let running = day("2025-05-06", punches, now: instant("2025-05-06", "23:59"))
        // Still within 16 h: it counts, and 15h59m already meets the day.
        #expect(running.status == .met)
        #expect(running.workedSeconds == 15 * hour + 59 * minute)
        let morning = day("2025-05-06", punches, now: instant("2025-05-06", "10:00"))
        #expect(morning.status == .inProgress)
        #expect(morning.workedSeconds == 2 * hour)
        let stillRunning = day("2025-05-06", punches, now: instant("2025-05-07", "00:00"))
        #expect(stillRunning.workedSeconds == 16 * hour)
        let forgotten = day("2025-05-06", punches, now: instant("2025-05-07", "00:00:01"))
        #expect(forgotten.status == .incomplete)
        #expect(forgotten.workedSeconds == 0)
        // A check-out after the longest session is not paired: both sides are incomplete.
        punches.checkOut("2025-05-07", "08:00")
        let late = day("2025-05-06", punches)
        #expect(late.workedSeconds == 0)
        #expect(late.sessions.map(\.state) == [.missingCheckOut])
        #expect(day("2025-05-07", punches).sessions.map(\.state) == [.missingCheckIn])
    }

    @Test("the policy may credit a forgotten check-out")
    func forgottenCredit() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "08:00")
        let credited = workDay(
            of: date("2025-05-06"), events: punches.events, zone: .wib,
            calendar: calendar, policy: FlexPolicy(incompleteCreditSeconds: 4 * hour), now: later)
        #expect(credited.workedSeconds == 4 * hour)
        #expect(credited.status == .incomplete)
    }

    @Test("a lone check-out whose check-in never came: kept and incomplete")
    func loneCheckOut() {
        var punches = Punches()
        punches.checkOut("2025-05-06", "16:00")
        let result = day("2025-05-06", punches)
        #expect(result.status == .incomplete)
        #expect(result.sessions.count == 1)
        #expect(result.sessions[0].checkOut == instant("2025-05-06", "16:00"))
        #expect(result.sessions[0].checkIn == nil)
        #expect(result.workedSeconds == 0)
    }

    @Test("in 08:00, out 11:30, in 12:30, out 16:00: 7h worked, 1h break; 4h at 13:00")
    func runningTotal() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "08:00")
        punches.checkOut("2025-05-06", "11:30")
        punches.checkIn("2025-05-06", "12:30")
        punches.checkOut("2025-05-06", "16:00")
        let evening = day("2025-05-06", punches)
        #expect(evening.workedSeconds == 7 * hour)
        #expect(evening.breakSeconds == 1 * hour)
        #expect(evening.status == .short)
        #expect(evening.requiredSeconds == 27_000)
        let atOne = day("2025-05-06", punches, now: instant("2025-05-06", "13:00"))
        #expect(atOne.workedSeconds == 4 * hour)
        #expect(atOne.breakSeconds == 1 * hour)
        #expect(atOne.status == .inProgress)
        #expect(atOne.sessions.map(\.state) == [.complete, .running])
    }

    @Test("days: future pending, today empty pending, weekend and holiday non-working")
    func statuses() {
        let now = instant("2025-05-06", "09:00")
        let empty = Punches()
        #expect(day("2025-05-07", empty, now: now).status == .pending)
        #expect(day("2025-05-06", empty, now: now).status == .pending)
        #expect(day("2025-05-05", empty, now: now).status == .absent)
        #expect(day("2025-05-10", empty, now: now).status == .nonWorking)
        let holidays = WorkCalendar(holidays: [date("2025-05-12"): "Hari Raya Waisak"])
        let waisak = workDay(
            of: date("2025-05-12"), events: [], zone: .wib, calendar: holidays,
            policy: policy, now: later)
        #expect(waisak.status == .nonWorking)
        #expect(waisak.holidayName == "Hari Raya Waisak")
        #expect(waisak.requiredSeconds == 0)
    }

    @Test("the event window gives the same day as the whole history")
    func window() {
        let window = eventWindow(for: date("2025-05-06"), zone: .wib, maxSessionSeconds: 57_600)
        #expect(window.lowerBound == utc("2025-05-05T01:00:00Z"))
        #expect(window.upperBound == utc("2025-05-07T09:00:00Z"))
    }
}

@Suite("Flex day abroad")
struct FlexDayAbroadTests {
    @Test("Amsterdam night across the autumn change: 20:00 to 06:00 wall is 11 h lived")
    func autumnNight() {
        var punches = Punches(zone: WorkZone(identifier: "Europe/Amsterdam")!)
        punches.checkIn("2025-10-25", "20:00")
        punches.checkOut("2025-10-26", "06:00")
        let day = workDay(
            of: date("2025-10-25"), events: punches.events, zone: punches.zone,
            calendar: WorkCalendar(weekendDays: []), policy: .surabaya,
            now: utc("2026-01-01T00:00:00Z"))
        #expect(day.workedSeconds == 11 * hour)
        #expect(day.status == .met)
    }

    @Test("Amsterdam spring day: 08:00 to 16:00 wall is 8 h; 00:00 to 08:00 is 7 h")
    func springDay() {
        var punches = Punches(zone: WorkZone(identifier: "Europe/Amsterdam")!)
        punches.checkIn("2025-03-30", "00:00")
        punches.checkOut("2025-03-30", "08:00")
        punches.checkIn("2025-03-30", "08:00")
        punches.checkOut("2025-03-30", "16:00")
        let day = workDay(
            of: date("2025-03-30"), events: punches.events, zone: punches.zone,
            calendar: WorkCalendar(weekendDays: []), policy: .surabaya,
            now: utc("2026-01-01T00:00:00Z"))
        #expect(day.sessions.map(\.workedSeconds) == [7 * hour, 8 * hour])
        #expect(day.workedSeconds == 15 * hour)
    }
}
