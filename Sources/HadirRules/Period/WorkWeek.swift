/// Whether a week or month has met its requirement.
public enum PeriodStatus: Int32, Sendable, Hashable {
    /// Worked time reached the requirement.
    case met = 1
    /// The period is over and worked time fell short.
    case notMet = 2
    /// The period is not over and the requirement is not reached yet.
    case open = 3
}

/// An ISO week (Monday to Sunday) of one person.
public struct WorkWeek: Sendable, Hashable {
    /// The Monday.
    public var start: LocalDate
    /// Monday to Sunday.
    public var days: [WorkDay]
    /// All worked time of the seven days, weekends included, in ms.
    public var workedMilliseconds: Int64
    /// Flex: the week's share of ``FlexPolicy/weeklySeconds`` for its working days without
    /// leave (37.5 h for five, 30 h for four). Fixed and shift: the sum of the days' hours.
    public var requiredSeconds: Int64
    public var status: PeriodStatus
    /// Flex only: the short days a met week excuses.
    public var excusedDates: [LocalDate]

    public var workedSeconds: Int64 { workedMilliseconds / 1000 }

    /// A day's status once the week is taken into account: an excused short day is met.
    public func effectiveStatus(of day: WorkDay) -> DayStatus {
        excusedDates.contains(day.date) ? .met : day.status
    }
}

extension UnitPolicy {
    /// The ISO week holding `date`.
    ///
    /// - Parameters:
    ///   - date: any day of the week.
    ///   - events: punches covering `eventWindow(from: monday, through: sunday, zone:)`.
    ///   - zone: the unit's zone.
    ///   - calendar: the person's calendar.
    ///   - now: the instant (ms) of the question.
    /// - Returns: the seven days and the week's compliance.
    public func workWeek(
        containing date: LocalDate, events: [AttendanceEvent], zone: WorkZone,
        calendar: WorkCalendar, now: Int64
    ) -> WorkWeek {
        week(
            from: date.startOfWeek, sessions: sessions(events, now: now), zone: zone,
            calendar: calendar, now: now)
    }

    func week(
        from monday: LocalDate, sessions: [WorkSession], zone: WorkZone,
        calendar: WorkCalendar, now: Int64
    ) -> WorkWeek {
        let days = (0..<7).map {
            day(
                of: monday.adding(days: $0), sessions: sessions, zone: zone, calendar: calendar,
                now: now)
        }
        let worked = days.reduce(0) { $0 + $1.workedMilliseconds }
        var required = days.reduce(0) { $0 + $1.requiredSeconds }
        if case .flex(let policy) = self, policy.workingDaysPerWeek > 0 {
            let counted = Int64(days.filter { $0.requiredSeconds > 0 }.count)
            required = policy.weeklySeconds * counted / policy.workingDaysPerWeek
        }
        let status: PeriodStatus
        if worked >= required * 1000 {
            status = .met
        } else if now < zone.endOfDay(monday.adding(days: 6)) {
            status = .open
        } else {
            status = .notMet
        }
        var excused: [LocalDate] = []
        if case .flex = self, status == .met {
            excused = days.filter { $0.status == .short }.map(\.date)
        }
        return WorkWeek(
            start: monday, days: days, workedMilliseconds: worked, requiredSeconds: required,
            status: status, excusedDates: excused)
    }
}
