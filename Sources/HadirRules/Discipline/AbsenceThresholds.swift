/// One step of PP 94/2021's ladder for unexcused absent days in a calendar year.
public struct AbsenceThreshold: Sendable, Hashable {
    /// The sanction the step leads to, as the regulation names it.
    public var name: String
    /// Absent days in the year from which the step applies.
    public var fromDays: Int

    public init(name: String, fromDays: Int) {
        self.name = name
        self.fromDays = fromDays
    }
}

/// PP 94/2021's thresholds as data. The system reports who crosses one; it decides nothing.
public struct AbsenceThresholds: Sendable, Hashable {
    /// Ascending by `fromDays`.
    public var ladder: [AbsenceThreshold]
    /// Consecutive absent working days that reach the dismissal threshold: 10.
    public var consecutiveDaysForDismissal: Int

    public init(
        ladder: [AbsenceThreshold] = [
            AbsenceThreshold(name: "teguran lisan", fromDays: 3),
            AbsenceThreshold(name: "teguran tertulis", fromDays: 4),
            AbsenceThreshold(name: "pernyataan tidak puas secara tertulis", fromDays: 7),
            AbsenceThreshold(name: "hukuman disiplin sedang atau berat", fromDays: 11),
        ],
        consecutiveDaysForDismissal: Int = 10
    ) {
        self.ladder = ladder.sorted { $0.fromDays < $1.fromDays }
        self.consecutiveDaysForDismissal = consecutiveDaysForDismissal
    }

    /// Where a person stands after a year's unexcused absent days.
    public struct Standing: Sendable, Hashable {
        public var absentDays: Int
        /// The highest step reached, nil below the first.
        public var threshold: AbsenceThreshold?
        /// The longest run of absent working days with no working day between them.
        public var longestRun: Int
        public var reachesDismissal: Bool
    }

    /// The standing for the given absent dates (any order; duplicates count once).
    /// Two absent dates are consecutive when no working day of `calendar` lies between.
    public func standing(absentDates: [LocalDate], calendar: WorkCalendar) -> Standing {
        let dates = Set(absentDates).sorted()
        var longest = 0
        var run = 0
        var previous: LocalDate?
        for day in dates {
            if let previous, !hasWorkingDay(after: previous, before: day, calendar: calendar) {
                run += 1
            } else {
                run = 1
            }
            longest = max(longest, run)
            previous = day
        }
        return Standing(
            absentDays: dates.count,
            threshold: ladder.last { $0.fromDays <= dates.count },
            longestRun: longest,
            reachesDismissal: longest >= consecutiveDaysForDismissal)
    }

    private func hasWorkingDay(after a: LocalDate, before b: LocalDate, calendar: WorkCalendar)
        -> Bool
    {
        var day = a.adding(days: 1)
        while day < b {
            if calendar.isWorkingDay(day) { return true }
            day = day.adding(days: 1)
        }
        return false
    }
}
