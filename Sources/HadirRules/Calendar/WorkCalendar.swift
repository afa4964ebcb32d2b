/// Which dates one person is expected to work: the unit's weekend and holidays, plus that
/// person's approved absences.
///
/// The caller builds one per person and period: the city's holiday list (national
/// holidays, collective leave days, local holidays) merged with the person's cuti,
/// dinas luar and training days.
public struct WorkCalendar: Sendable, Hashable {
    /// Holidays and collective leave days, with their names.
    public var holidays: [LocalDate: String]
    /// ISO weekdays off (1 Monday ... 7 Sunday); Saturday and Sunday by default.
    public var weekendDays: Set<Int>
    /// The person's approved absences.
    public var absences: [LocalDate: Absence]

    public init(
        holidays: [LocalDate: String] = [:],
        weekendDays: Set<Int> = [6, 7],
        absences: [LocalDate: Absence] = [:]
    ) {
        self.holidays = holidays
        self.weekendDays = weekendDays
        self.absences = absences
    }

    /// True on a weekday that is not a weekend day and not a holiday.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !weekendDays.contains(date.weekday) && holidays[date] == nil
    }

    /// The holiday's name, when `date` is one.
    public func holidayName(_ date: LocalDate) -> String? { holidays[date] }

    /// The approved absence on `date`, if any.
    public func absence(on date: LocalDate) -> Absence? { absences[date] }
}
