/// A calendar month of one person: its days, the ISO weeks that touch it, the counts a
/// compliance report shows and the month's discipline deductions.
public struct WorkMonth: Sendable, Hashable {
    public var year: Int
    public var month: Int
    /// The days of the month, first to last.
    public var days: [WorkDay]
    /// The ISO weeks overlapping the month, whole (a week's compliance needs all 7 days).
    public var weeks: [WorkWeek]
    /// Worked time on the month's days, in ms.
    public var workedMilliseconds: Int64
    /// The month's days' requirements, in seconds.
    public var requiredSeconds: Int64
    /// Days met outright or on leave.
    public var metDays: Int
    /// Short days excused by a met week (flex).
    public var excusedDays: Int
    /// Short days not excused.
    public var shortDays: Int
    /// Working days over with no punch and no leave: each deducts the absent-day share.
    public var absentDays: Int
    public var incompleteDays: Int
    public var leaveDays: Int
    public var nonWorkingDays: Int
    /// Days not over yet (pending or in progress).
    public var openDays: Int
    /// Every TL/PSW deduction plus absent days, in basis points of TPP, before the cap.
    public var deductionBasisPoints: Int64
    /// ``deductionBasisPoints`` capped at the discipline share.
    public var cappedDeductionBasisPoints: Int64

    public var workedSeconds: Int64 { workedMilliseconds / 1000 }
}

extension UnitPolicy {
    /// One calendar month.
    ///
    /// - Parameters:
    ///   - year, month: the month.
    ///   - events: punches covering `eventWindow(from:through:zone:)` from the Monday of the
    ///     month's first week to the Sunday of its last.
    ///   - zone, calendar, now: as for a day.
    /// - Returns: the month, or nil for an impossible month.
    public func workMonth(
        year: Int, month: Int, events: [AttendanceEvent], zone: WorkZone,
        calendar: WorkCalendar, now: Int64
    ) -> WorkMonth? {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        let last = first.adding(days: first.daysInMonth - 1)
        let sessions = sessions(events, now: now)
        var weeks: [WorkWeek] = []
        var monday = first.startOfWeek
        while monday <= last {
            weeks.append(
                week(
                    from: monday, sessions: sessions, zone: zone, calendar: calendar,
                    now: now))
            monday = monday.adding(days: 7)
        }
        let excused = Set(weeks.flatMap(\.excusedDates))
        let days = weeks.flatMap(\.days).filter { $0.date >= first && $0.date <= last }
        var result = WorkMonth(
            year: year, month: month, days: days,
            weeks: weeks, workedMilliseconds: days.reduce(0) { $0 + $1.workedMilliseconds },
            requiredSeconds: days.reduce(0) { $0 + $1.requiredSeconds }, metDays: 0,
            excusedDays: 0, shortDays: 0, absentDays: 0, incompleteDays: 0, leaveDays: 0,
            nonWorkingDays: 0, openDays: 0, deductionBasisPoints: 0, cappedDeductionBasisPoints: 0)
        var deduction: Int64 = 0
        for day in days {
            deduction += day.marks.reduce(0) { $0 + $1.deductionBasisPoints }
            switch day.status {
            case .met: result.metDays += 1
            case .leave: result.leaveDays += 1; result.metDays += 1
            case .short:
                if excused.contains(day.date) { result.excusedDays += 1 } else { result.shortDays += 1 }
            case .absent:
                result.absentDays += 1
                deduction += discipline.absentDayBasisPoints
            case .incomplete: result.incompleteDays += 1
            case .nonWorking: result.nonWorkingDays += 1
            case .pending, .inProgress: result.openDays += 1
            }
        }
        result.deductionBasisPoints = deduction
        result.cappedDeductionBasisPoints = min(deduction, discipline.monthlyCapBasisPoints)
        return result
    }
}
