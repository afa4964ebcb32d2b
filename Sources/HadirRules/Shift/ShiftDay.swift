/// The instants (ms) of events the shift rules need for `date`: the shifts of the two
/// days either side decide which sessions are claimed, so the window spans from two days
/// before's start minus the longest session to two days after's end plus it.
public func eventWindow(for date: LocalDate, zone: WorkZone, policy: ShiftPolicy) -> Range<Int64> {
    let margin = policy.maxSessionSeconds * 1000
    return (zone.startOfDay(date.adding(days: -2)) - margin)..<(zone.endOfDay(date.adding(days: 2)) + margin)
}

/// One rostered date under the shift policy: the sessions claimed by its shift, judged
/// against the shift's start and end with the TL/PSW ladder.
///
/// ```swift
/// // night shift 22:00-06:00 on 6 May; in 21:55, out 06:02 on 7 May:
/// day.workedSeconds  // 29_220 (8 h 7 min), on 6 May; day.status == .met
/// ```
///
/// - Parameters: as the flex day; pass ``eventWindow(for:zone:policy:)``'s events.
/// - Returns: the day, with ``WorkDay/marks`` filled. Dates off the roster are
///   `nonWorking` but still show work done on them.
public func workDay(
    of date: LocalDate,
    events: [AttendanceEvent],
    zone: WorkZone,
    calendar: WorkCalendar,
    policy: ShiftPolicy,
    now: Int64
) -> WorkDay {
    let sessions = pairSessions(
        events, maxSessionSeconds: policy.maxSessionSeconds,
        incompleteCreditSeconds: policy.incompleteCreditSeconds, now: now)
    return shiftDay(
        of: date, sessions: sessions, zone: zone, calendar: calendar,
        policy: policy, now: now)
}

func shiftDay(
    of date: LocalDate,
    sessions: [WorkSession],
    zone: WorkZone,
    calendar: WorkCalendar,
    policy: ShiftPolicy,
    now: Int64
) -> WorkDay {
    // Each session goes to the shift whose window holds its check-in and whose start is
    // nearest (the earlier on a tie); with none, to its check-in's local date.
    let nearby = (-2...2).compactMap { offset -> (LocalDate, Int64, Range<Int64>)? in
        let day = date.adding(days: offset)
        guard let shift = policy.roster[day] else { return nil }
        let start = zone.instant(of: day, wallSeconds: shift.startSeconds)
        let end = zone.instant(of: day, wallSeconds: shift.endSeconds)
        return (day, start, (start - policy.checkInLeadSeconds * 1000)..<max(end, start + 1))
    }
    let mine = sessions.filter { session in
        let anchor = session.anchor
        let owner = nearby.filter { $0.2.contains(anchor) }
            .min { abs(anchor - $0.1) < abs(anchor - $1.1) }
        guard let owner else { return zone.localDate(ofInstant: anchor) == date }
        return owner.0 == date
    }
    let tally = DayTally(mine)
    let shift = policy.roster[date]
    let absence = shift != nil ? calendar.absence(on: date) : nil
    var day = WorkDay(
        date: date, status: .nonWorking, sessions: tally.sessions,
        workedMilliseconds: tally.workedMilliseconds, breakMilliseconds: tally.breakMilliseconds,
        requiredSeconds: absence == nil ? shift?.requiredSeconds ?? 0 : 0,
        holidayName: calendar.holidayName(date), absence: absence)
    guard let shift else { return day }
    if absence != nil {
        day.status = .leave
        return day
    }
    // A rostered shift is worked on holidays too: services that run shifts do not close.
    judgeScheduledDay(
        &day, tally: tally,
        start: zone.instant(of: date, wallSeconds: shift.startSeconds),
        end: zone.instant(of: date, wallSeconds: shift.endSeconds),
        discipline: policy.discipline, now: now)
    return day
}
