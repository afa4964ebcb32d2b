/// How a day stands.
public enum DayStatus: Int32, Sendable, Hashable {
    /// Worked at least the day's requirement (or, under a fixed schedule, on time).
    case met = 1
    /// Worked, but less than required (or late / left early under a fixed schedule).
    case short = 2
    /// A working day that is over with no punch at all.
    case absent = 3
    /// A weekend day, holiday or collective leave day (or an unrostered day for shifts).
    case nonWorking = 4
    /// A punch is missing (forgotten check-out, lone check-out) and the day is not met.
    case incomplete = 5
    /// The day (or a session that started on it) is still running.
    case inProgress = 6
    /// Not started yet, or today with nothing recorded so far.
    case pending = 7
    /// Approved absence: cuti, dinas luar or training. Counts as a met day.
    case leave = 8

    /// True for the statuses that satisfy the day's requirement.
    public var countsAsMet: Bool { self == .met || self == .leave }
}

/// One person's local date as the rules count it.
public struct WorkDay: Sendable, Hashable {
    public var date: LocalDate
    public var status: DayStatus
    /// The sessions that belong to this date (by their check-in's local date), in order.
    public var sessions: [WorkSession]
    /// Sum of the sessions' time, in ms (from instants, never from wall clocks).
    public var workedMilliseconds: Int64
    /// Gaps between this day's consecutive sessions, in ms.
    public var breakMilliseconds: Int64
    /// What the policy asks of this date, in seconds: 0 on non-working and leave days.
    public var requiredSeconds: Int64
    /// The holiday's name when the date is one.
    public var holidayName: String?
    /// The approved absence, when there is one.
    public var absence: Absence?
    /// Lateness and early-leave findings (fixed-schedule and shift policies only).
    public var marks: [DisciplineMark]

    /// ``workedMilliseconds`` in whole seconds.
    public var workedSeconds: Int64 { workedMilliseconds / 1000 }
    /// ``breakMilliseconds`` in whole seconds.
    public var breakSeconds: Int64 { breakMilliseconds / 1000 }

    public init(
        date: LocalDate, status: DayStatus, sessions: [WorkSession] = [],
        workedMilliseconds: Int64 = 0, breakMilliseconds: Int64 = 0, requiredSeconds: Int64 = 0,
        holidayName: String? = nil, absence: Absence? = nil, marks: [DisciplineMark] = []
    ) {
        self.date = date
        self.status = status
        self.sessions = sessions
        self.workedMilliseconds = workedMilliseconds
        self.breakMilliseconds = breakMilliseconds
        self.requiredSeconds = requiredSeconds
        self.holidayName = holidayName
        self.absence = absence
        self.marks = marks
    }
}
