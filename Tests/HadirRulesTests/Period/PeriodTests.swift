import Testing
@testable import HadirRules

@Suite("Weeks and months")
struct PeriodTests {
    let later = utc("2026-01-01T00:00:00Z")
    let flex = UnitPolicy.flex(.surabaya)

    /// Punches for a list of (date, in, out).
    func punches(_ spans: [(String, String, String)]) -> Punches {
        var punches = Punches()
        for (day, checkIn, checkOut) in spans {
            punches.checkIn(day, checkIn)
            punches.checkOut(day, checkOut)
        }
        return punches
    }

    @Test("a met 37.5 h week excuses its short Thursday and Friday")
    func metWeekExcuses() {
        let week = punches([
            ("2025-05-05", "07:00", "16:00"), ("2025-05-06", "07:00", "16:00"),
            ("2025-05-07", "07:00", "16:00"), ("2025-05-08", "08:00", "15:00"),
            ("2025-05-09", "08:00", "11:30"),
        ])
        let result = flex.workWeek(
            containing: date("2025-05-08"), events: week.events,
            zone: .wib, calendar: WorkCalendar(), now: later)
        #expect(result.start == date("2025-05-05"))
        #expect(result.workedSeconds == 135_000)
        #expect(result.requiredSeconds == 135_000)
        #expect(result.status == .met)
        #expect(result.excusedDates == [date("2025-05-08"), date("2025-05-09")])
        #expect(result.days[3].status == .short)
        #expect(result.effectiveStatus(of: result.days[3]) == .met)
    }

    @Test("one hour short of 37.5 h: the week is not met and nothing is excused")
    func shortWeek() {
        let week = punches([
            ("2025-05-05", "07:00", "16:00"), ("2025-05-06", "07:00", "16:00"),
            ("2025-05-07", "07:00", "16:00"), ("2025-05-08", "08:00", "15:00"),
            ("2025-05-09", "08:00", "10:30"),
        ])
        let result = flex.workWeek(
            containing: date("2025-05-05"), events: week.events,
            zone: .wib, calendar: WorkCalendar(), now: later)
        #expect(result.workedSeconds == 135_000 - 3600)
        #expect(result.status == .notMet)
        #expect(result.excusedDates.isEmpty)
        let running = flex.workWeek(
            containing: date("2025-05-05"), events: week.events,
            zone: .wib, calendar: WorkCalendar(), now: instant("2025-05-10", "09:00"))
        #expect(running.status == .open)
    }

    @Test("a holiday and a leave day each take a fifth off the week: 22.5 h needed")
    func holidayWeek() {
        let calendar = WorkCalendar(
            holidays: [date("2025-05-12"): "Hari Raya Waisak"],
            absences: [date("2025-05-13"): Absence(kind: .cutiTahunan)])
        let week = punches([
            ("2025-05-14", "08:00", "15:30"), ("2025-05-15", "08:00", "15:30"),
            ("2025-05-16", "08:00", "15:30"),
        ])
        let result = flex.workWeek(
            containing: date("2025-05-14"), events: week.events,
            zone: .wib, calendar: calendar, now: later)
        #expect(result.requiredSeconds == 81_000)
        #expect(result.workedSeconds == 81_000)
        #expect(result.status == .met)
        #expect(result.days[0].status == .nonWorking)
        #expect(result.days[0].holidayName == "Hari Raya Waisak")
        #expect(result.days[1].status == .leave)
        #expect(result.days[1].absence?.kind == .cutiTahunan)
    }

    @Test("June 2025: 9 weekend days, 2 weekday holidays, 19 days attended: 0 absences")
    func fullMonth() {
        var spans: [(String, String, String)] = []
        let calendar = WorkCalendar(holidays: [
            date("2025-06-01"): "Hari Lahir Pancasila", date("2025-06-06"): "Hari Raya Idul Adha",
            date("2025-06-27"): "Tahun Baru Islam",
        ])
        for offset in 0..<30 {
            let day = date("2025-06-01").adding(days: offset)
            if calendar.isWorkingDay(day) { spans.append((day.iso, "07:30", "15:00")) }
        }
        #expect(spans.count == 19)
        let month = flex.workMonth(
            year: 2025, month: 6, events: punches(spans).events,
            zone: .wib, calendar: calendar, now: later)!
        #expect(month.days.count == 30)
        #expect(month.metDays == 19)
        #expect(month.absentDays == 0)
        #expect(month.nonWorkingDays == 11)
        #expect(month.days.filter { $0.status == .nonWorking }.allSatisfy { $0.sessions.isEmpty })
        #expect(month.workedSeconds == 19 * 27_000)
        #expect(month.requiredSeconds == 19 * 27_000)
        #expect(month.deductionBasisPoints == 0)
        #expect(month.weeks.count == 6)  // 26 May - 6 July
    }

    @Test("fixed month: two absent days and one TL1 deduct 8.5%; a 5% cap holds it at 5%")
    func fixedDeductions() {
        var spans: [(String, String, String)] = []
        for offset in 0..<30 {
            let day = date("2025-06-01").adding(days: offset)
            guard (1...5).contains(day.weekday), day.day != 3, day.day != 4 else { continue }
            let checkIn = day.day == 10 ? "07:45" : "07:30"
            spans.append((day.iso, checkIn, day.weekday == 5 ? "16:30" : "16:00"))
        }
        let events = punches(spans).events
        let month = UnitPolicy.fixed(FixedSchedulePolicy()).workMonth(
            year: 2025, month: 6,
            events: events, zone: .wib, calendar: WorkCalendar(), now: later)!
        #expect(month.absentDays == 2)
        #expect(month.shortDays == 1)
        #expect(month.metDays == 18)
        #expect(month.deductionBasisPoints == 850)
        #expect(month.cappedDeductionBasisPoints == 850)
        let capped = UnitPolicy.fixed(
            FixedSchedulePolicy(
                discipline: DisciplinePolicy(monthlyCapBasisPoints: 500))
        )
        .workMonth(
            year: 2025, month: 6, events: events, zone: .wib,
            calendar: WorkCalendar(), now: later)!
        #expect(capped.cappedDeductionBasisPoints == 500)
        #expect(capped.deductionBasisPoints == 850)
    }

    @Test("the policy's window for a month runs from its first Monday to its last Sunday")
    func monthWindow() {
        let window = flex.eventWindow(
            from: date("2025-05-26"), through: date("2025-07-06"),
            zone: .wib)
        #expect(window.lowerBound == instant("2025-05-26", "00:00") - 16 * 3_600_000)
        #expect(window.upperBound == instant("2025-07-07", "00:00") + 16 * 3_600_000)
        #expect(
            flex.workMonth(
                year: 2025, month: 13, events: [], zone: .wib,
                calendar: WorkCalendar(), now: later) == nil)
    }
}
