/// The instants (ms) of events `workDay(of:…)` needs for `date`: from the day's start
/// minus the longest session to its end plus the longest session.
///
/// A session belongs to the local date of its check-in, and its check-out can come at most
/// `maxSessionSeconds` later; a check-out on the date pairs only with a check-in at most
/// that long before it. Within this window the result is exactly the one computed from
/// the person's whole history.
///
/// - Returns: a half-open range `[startOfDay - maxSession, endOfDay + maxSession)`.
public func eventWindow(
    for date: LocalDate, zone: WorkZone, maxSessionSeconds: Int64
) -> Range<Int64> {
    let margin = maxSessionSeconds * 1000
    return (zone.startOfDay(date) - margin)..<(zone.endOfDay(date) + margin)
}

/// One day under the flex policy: worked time from check-in/check-out pairs, met at
/// ``FlexPolicy/dailySeconds``.
///
/// ```swift
/// // in 08:00, out 11:30, in 12:30, out 16:00 in Surabaya:
/// let day = workDay(of: date, events: punches, zone: .wib, calendar: WorkCalendar(),
///                   policy: .surabaya, now: evening)
/// day.workedSeconds  // 25_200 (7 h)
/// day.breakSeconds   // 3_600
/// day.status         // .short: a met week may still excuse it
/// ```
///
/// - Parameters:
///   - date: the local date asked for.
///   - events: the person's punches in any order, covering at least
///     ``eventWindow(for:zone:maxSessionSeconds:)``; events outside it are harmless.
///   - zone: the unit's time zone.
///   - calendar: the person's weekends, holidays and absences.
///   - policy: the unit's flex numbers.
///   - now: the instant (ms) of the question; later events are ignored and a running
///     session counts up to it.
/// - Returns: the day's sessions, sums and status.
public func workDay(
    of date: LocalDate,
    events: [AttendanceEvent],
    zone: WorkZone,
    calendar: WorkCalendar,
    policy: FlexPolicy,
    now: Int64
) -> WorkDay {
    let sessions = pairSessions(
        events, maxSessionSeconds: policy.maxSessionSeconds,
        incompleteCreditSeconds: policy.incompleteCreditSeconds, now: now)
    return flexDay(
        of: date, sessions: sessions, zone: zone, calendar: calendar,
        policy: policy, now: now)
}

/// The flex day from sessions already paired (so a week pairs once, not once a day).
func flexDay(
    of date: LocalDate,
    sessions: [WorkSession],
    zone: WorkZone,
    calendar: WorkCalendar,
    policy: FlexPolicy,
    now: Int64
) -> WorkDay {
    let tally = DayTally(sessions.filter { zone.localDate(ofInstant: $0.anchor) == date })
    let working = calendar.isWorkingDay(date)
    let absence = working ? calendar.absence(on: date) : nil
    let required = working && absence == nil ? policy.dailySeconds : 0
    var day = WorkDay(
        date: date, status: .pending, sessions: tally.sessions,
        workedMilliseconds: tally.workedMilliseconds, breakMilliseconds: tally.breakMilliseconds,
        requiredSeconds: required, holidayName: calendar.holidayName(date), absence: absence)

    let today = zone.localDate(ofInstant: now)
    let over = now >= zone.endOfDay(date)
    if !working {
        day.status = .nonWorking
    } else if absence != nil {
        day.status = .leave
    } else if date > today {
        day.status = .pending
    } else if tally.workedMilliseconds >= policy.dailySeconds * 1000 {
        day.status = .met
    } else if tally.hasRunning {
        day.status = .inProgress
    } else if tally.hasIncomplete {
        day.status = .incomplete
    } else if !over {
        day.status = tally.sessions.isEmpty ? .pending : .inProgress
    } else {
        day.status = tally.sessions.isEmpty ? .absent : .short
    }
    return day
}
