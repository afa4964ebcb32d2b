/// Judges a day against a scheduled start and end (fixed schedule or rostered shift).
///
/// Lateness is whole minutes from the scheduled start to the first check-in (07:30:59 is
/// on time, 07:31:00 one minute late); early leave is whole minutes from the last
/// check-out to the scheduled end. No check-in or no check-out falls in the last tier.
func judgeScheduledDay(
    _ day: inout WorkDay,
    tally: DayTally,
    start: Int64,
    end: Int64,
    discipline: DisciplinePolicy,
    now: Int64
) {
    guard !tally.sessions.isEmpty else {
        day.status = now >= end ? .absent : .pending
        return
    }
    var marks: [DisciplineMark] = []
    let firstIn = tally.sessions.compactMap(\.checkIn).min()
    let lateMinutes = firstIn.map { max(0, ($0 - start) / 60_000) }
    if let mark = discipline.mark(.late, minutes: lateMinutes) { marks.append(mark) }

    let last = tally.sessions[tally.sessions.count - 1]
    if last.state != .running {
        let lastOut = last.state == .missingCheckOut ? nil : last.checkOut
        let earlyMinutes = lastOut.map { max(0, (end - $0) / 60_000) }
        if lastOut != nil || now >= end,
            let mark = discipline.mark(.earlyLeave, minutes: earlyMinutes)
        {
            marks.append(mark)
        }
    }
    day.marks = marks

    if tally.hasRunning || now < end {
        day.status = .inProgress
    } else if tally.hasIncomplete {
        day.status = .incomplete
    } else if !marks.isEmpty || tally.workedMilliseconds < day.requiredSeconds * 1000 {
        day.status = .short
    } else {
        day.status = .met
    }
}
