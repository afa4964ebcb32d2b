/// One day under a fixed schedule: sessions and worked time as for flex, plus TL and PSW
/// marks against the day's scheduled hours.
///
/// A day is met when there is no mark and the worked time reaches the hours' requirement;
/// short when marked (the marks carry the deductions) or under the requirement. Leave
/// days, holidays and days without hours carry no marks. Pass the events of
/// ``eventWindow(for:zone:maxSessionSeconds:)`` with the policy's `maxSessionSeconds`.
///
/// - Parameters: as ``workDay(of:events:zone:calendar:policy:now:)`` for flex.
/// - Returns: the day, with ``WorkDay/marks`` filled.
public func workDay(
    of date: LocalDate,
    events: [AttendanceEvent],
    zone: WorkZone,
    calendar: WorkCalendar,
    policy: FixedSchedulePolicy,
    now: Int64
) -> WorkDay {
    let sessions = pairSessions(
        events, maxSessionSeconds: policy.maxSessionSeconds,
        incompleteCreditSeconds: policy.incompleteCreditSeconds, now: now)
    return fixedDay(
        of: date, sessions: sessions, zone: zone, calendar: calendar,
        policy: policy, now: now)
}

func fixedDay(
    of date: LocalDate,
    sessions: [WorkSession],
    zone: WorkZone,
    calendar: WorkCalendar,
    policy: FixedSchedulePolicy,
    now: Int64
) -> WorkDay {
    let tally = DayTally(sessions.filter { zone.localDate(ofInstant: $0.anchor) == date })
    let hours = calendar.holidayName(date) == nil ? policy.hours(on: date) : nil
    let absence = hours != nil ? calendar.absence(on: date) : nil
    var day = WorkDay(
        date: date, status: .pending, sessions: tally.sessions,
        workedMilliseconds: tally.workedMilliseconds, breakMilliseconds: tally.breakMilliseconds,
        requiredSeconds: absence == nil ? hours?.requiredSeconds ?? 0 : 0,
        holidayName: calendar.holidayName(date), absence: absence)
    guard let hours else {
        day.status = .nonWorking
        return day
    }
    if absence != nil {
        day.status = .leave
        return day
    }
    judgeScheduledDay(
        &day, tally: tally,
        start: zone.instant(of: date, wallSeconds: hours.startSeconds),
        end: zone.instant(of: date, wallSeconds: hours.endSeconds),
        discipline: policy.discipline, now: now)
    return day
}
