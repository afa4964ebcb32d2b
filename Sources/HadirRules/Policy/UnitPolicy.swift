/// The policy a unit has chosen: one of the three models DOMAIN.md names.
///
/// ```swift
/// let policy = UnitPolicy.flex(.surabaya)
/// let window = policy.eventWindow(for: date, zone: .wib)
/// let day = policy.workDay(of: date, events: eventsIn(window), zone: .wib,
///                          calendar: calendar, now: now)
/// ```
public enum UnitPolicy: Sendable, Hashable {
    /// Hours arranged freely: 7.5 h a day or 37.5 h a week (Surabaya's default).
    case flex(FlexPolicy)
    /// Office hours per weekday with TL/PSW tiers.
    case fixed(FixedSchedulePolicy)
    /// Rostered shifts, including ones that cross midnight.
    case shift(ShiftPolicy)

    /// The longest session the policy allows.
    public var maxSessionSeconds: Int64 {
        switch self {
        case .flex(let policy): policy.maxSessionSeconds
        case .fixed(let policy): policy.maxSessionSeconds
        case .shift(let policy): policy.maxSessionSeconds
        }
    }

    /// The discipline numbers: the absent-day deduction, the cap, the ladders (unused
    /// by flex).
    public var discipline: DisciplinePolicy {
        switch self {
        case .flex(let policy): policy.discipline
        case .fixed(let policy): policy.discipline
        case .shift(let policy): policy.discipline
        }
    }

    /// The events (by corrected instant, ms) a caller must pass to compute `date`.
    public func eventWindow(for date: LocalDate, zone: WorkZone) -> Range<Int64> {
        eventWindow(from: date, through: date, zone: zone)
    }

    /// The events (by corrected instant, ms) a caller must pass to compute every date
    /// from `first` through `last`.
    public func eventWindow(from first: LocalDate, through last: LocalDate, zone: WorkZone)
        -> Range<Int64>
    {
        switch self {
        case .flex, .fixed:
            let lower = HadirRules.eventWindow(
                for: first, zone: zone,
                maxSessionSeconds: maxSessionSeconds)
            let upper = HadirRules.eventWindow(
                for: last, zone: zone,
                maxSessionSeconds: maxSessionSeconds)
            return lower.lowerBound..<upper.upperBound
        case .shift(let policy):
            let lower = HadirRules.eventWindow(for: first, zone: zone, policy: policy)
            let upper = HadirRules.eventWindow(for: last, zone: zone, policy: policy)
            return lower.lowerBound..<upper.upperBound
        }
    }

    /// Pairs the events once for many days.
    func sessions(_ events: [AttendanceEvent], now: Int64) -> [WorkSession] {
        let credit: Int64
        switch self {
        case .flex(let policy): credit = policy.incompleteCreditSeconds
        case .fixed(let policy): credit = policy.incompleteCreditSeconds
        case .shift(let policy): credit = policy.incompleteCreditSeconds
        }
        return pairSessions(
            events, maxSessionSeconds: maxSessionSeconds,
            incompleteCreditSeconds: credit, now: now)
    }

    func day(
        of date: LocalDate, sessions: [WorkSession], zone: WorkZone, calendar: WorkCalendar,
        now: Int64
    ) -> WorkDay {
        switch self {
        case .flex(let policy):
            flexDay(
                of: date, sessions: sessions, zone: zone, calendar: calendar,
                policy: policy, now: now)
        case .fixed(let policy):
            fixedDay(
                of: date, sessions: sessions, zone: zone, calendar: calendar,
                policy: policy, now: now)
        case .shift(let policy):
            shiftDay(
                of: date, sessions: sessions, zone: zone, calendar: calendar,
                policy: policy, now: now)
        }
    }

    /// Every day from `first` through `last`, pairing the events once for all of them:
    /// the same days as `workDay` one date at a time, for a fraction of the work.
    public func workDays(
        from first: LocalDate, through last: LocalDate, events: [AttendanceEvent], zone: WorkZone,
        calendar: WorkCalendar, now: Int64
    ) -> [WorkDay] {
        let paired = sessions(events, now: now)
        var days: [WorkDay] = []
        var date = first
        while date <= last {
            days.append(day(of: date, sessions: paired, zone: zone, calendar: calendar, now: now))
            date = date.adding(days: 1)
        }
        return days
    }

    /// One day under this policy; see the policy's own `workDay` for the rules.
    public func workDay(
        of date: LocalDate, events: [AttendanceEvent], zone: WorkZone, calendar: WorkCalendar,
        now: Int64
    ) -> WorkDay {
        day(
            of: date, sessions: sessions(events, now: now), zone: zone, calendar: calendar,
            now: now)
    }
}
