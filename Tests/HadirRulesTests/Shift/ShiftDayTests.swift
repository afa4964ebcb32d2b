import Testing
@testable import HadirRules

@Suite("Shift day")
struct ShiftDayTests {
    let later = utc("2026-01-01T00:00:00Z")
    let night = Shift(name: "malam", from: "22:00", to: "06:00")!
    let morning = Shift(name: "pagi", from: "06:00", to: "14:00", breakMinutes: 30)!

    func day(_ iso: String, _ punches: Punches, roster: [LocalDate: Shift]) -> WorkDay {
        workDay(
            of: date(iso), events: punches.events, zone: punches.zone,
            calendar: WorkCalendar(), policy: ShiftPolicy(roster: roster), now: later)
    }

    @Test("a night shift 22:00-06:00 ends on the next date and needs 8 h")
    func nightShape() {
        #expect(night.endSeconds == 30 * 3600)
        #expect(night.requiredSeconds == 8 * hour)
        #expect(Shift(name: "x", from: "25:00", to: "06:00") == nil)
    }

    @Test("night shift in 21:55, out 06:02 next day: 8h07m on the shift's date, met")
    func nightShift() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "21:55")
        punches.checkOut("2025-05-07", "06:02")
        let roster = [date("2025-05-06"): night]
        let shiftDay = day("2025-05-06", punches, roster: roster)
        #expect(shiftDay.workedSeconds == 8 * hour + 7 * minute)
        #expect(shiftDay.status == .met)
        #expect(shiftDay.marks.isEmpty)
        let next = day("2025-05-07", punches, roster: roster)
        #expect(next.status == .nonWorking)
        #expect(next.sessions.isEmpty)
    }

    @Test("a check-in just after midnight still opens the night shift of the day before")
    func lateAfterMidnight() {
        var punches = Punches()
        punches.checkIn("2025-05-07", "00:10")
        punches.checkOut("2025-05-07", "05:00")
        let roster = [date("2025-05-06"): night]
        let shiftDay = day("2025-05-06", punches, roster: roster)
        #expect(shiftDay.workedSeconds == 4 * hour + 50 * minute)
        #expect(shiftDay.marks.map(\.tier) == ["TL4", "PSW2"])
        #expect(shiftDay.marks.map(\.minutes) == [130, 60])
        #expect(day("2025-05-07", punches, roster: roster).sessions.isEmpty)
    }

    @Test("night then morning shift: a 05:50 check-in goes to the nearer start, the morning")
    func overlappingWindows() {
        var punches = Punches()
        punches.checkIn("2025-05-06", "22:00")
        punches.checkOut("2025-05-07", "05:45")
        punches.checkIn("2025-05-07", "05:50")
        punches.checkOut("2025-05-07", "14:00")
        let roster = [date("2025-05-06"): night, date("2025-05-07"): morning]
        let first = day("2025-05-06", punches, roster: roster)
        #expect(first.workedSeconds == 7 * hour + 45 * minute)
        #expect(first.marks.map(\.tier) == ["PSW1"])
        let second = day("2025-05-07", punches, roster: roster)
        #expect(second.workedSeconds == 8 * hour + 10 * minute)
        #expect(second.status == .met)
    }

    @Test("work on an unrostered date shows, as non-working")
    func offDay() {
        var punches = Punches()
        punches.checkIn("2025-05-08", "08:00")
        punches.checkOut("2025-05-08", "12:00")
        let result = day("2025-05-08", punches, roster: [date("2025-05-06"): night])
        #expect(result.status == .nonWorking)
        #expect(result.workedSeconds == 4 * hour)
    }

    @Test("a rostered shift with no punch is absent once it has ended")
    func absent() {
        let roster = [date("2025-05-06"): night]
        #expect(day("2025-05-06", Punches(), roster: roster).status == .absent)
        let during = workDay(
            of: date("2025-05-06"), events: [], zone: .wib,
            calendar: WorkCalendar(), policy: ShiftPolicy(roster: roster),
            now: instant("2025-05-07", "05:00"))
        #expect(during.status == .pending)
    }
}
