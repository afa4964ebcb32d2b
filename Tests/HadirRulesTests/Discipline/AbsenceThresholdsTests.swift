import Testing
@testable import HadirRules

@Suite("PP 94/2021 absence thresholds")
struct AbsenceThresholdsTests {
    let thresholds = AbsenceThresholds()

    @Test("2 days: nothing; 3: teguran lisan; 7: pernyataan tidak puas; 11: heavier")
    func ladder() {
        let start = date("2025-01-06")
        func standing(_ count: Int) -> AbsenceThresholds.Standing {
            // Every other day, so no long runs.
            thresholds.standing(
                absentDates: (0..<count).map { start.adding(days: 2 * $0) },
                calendar: WorkCalendar())
        }
        #expect(standing(2).threshold == nil)
        #expect(standing(3).threshold?.name == "teguran lisan")
        #expect(standing(6).threshold?.name == "teguran tertulis")
        #expect(standing(7).threshold?.fromDays == 7)
        #expect(standing(11).threshold?.fromDays == 11)
        #expect(standing(11).reachesDismissal == false)
    }

    @Test("10 working days in a row across a weekend and a holiday reach dismissal")
    func consecutive() {
        let calendar = WorkCalendar(holidays: [date("2025-05-12"): "Hari Raya Waisak"])
        // Mon 5 May ... Fri 16 May, without the Waisak Monday and the weekend: 9 days.
        var days = (0..<12).map { date("2025-05-05").adding(days: $0) }
            .filter { calendar.isWorkingDay($0) }
        #expect(days.count == 9)
        #expect(
            thresholds.standing(absentDates: days, calendar: calendar).reachesDismissal
                == false)
        days.append(date("2025-05-19"))
        let standing = thresholds.standing(absentDates: days.shuffled(), calendar: calendar)
        #expect(standing.longestRun == 10)
        #expect(standing.reachesDismissal)
        #expect(standing.absentDays == 10)
    }
}
