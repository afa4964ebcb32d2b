/// Office hours on one weekday, as wall-clock seconds after local midnight.
public struct WorkHours: Sendable, Hashable {
    /// Scheduled start, e.g. 27 000 for 07:30.
    public var startSeconds: Int
    /// Scheduled end, e.g. 57 600 for 16:00 (may pass 86 400 for a time on the next day).
    public var endSeconds: Int
    /// The break inside the hours, not counted as work: 60 min, 90 min on Friday.
    public var breakSeconds: Int64

    public init(startSeconds: Int, endSeconds: Int, breakSeconds: Int64) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.breakSeconds = breakSeconds
    }

    /// Hours from "HH:MM" to "HH:MM" with a break in minutes; nil for a malformed time.
    public init?(from start: String, to end: String, breakMinutes: Int64) {
        guard let s = WorkHours.seconds(start), let e = WorkHours.seconds(end), e > s else {
            return nil
        }
        self.init(startSeconds: s, endSeconds: e, breakSeconds: breakMinutes * 60)
    }

    /// Work the hours ask for: end minus start minus break, in seconds.
    public var requiredSeconds: Int64 {
        max(0, Int64(endSeconds - startSeconds) - breakSeconds)
    }

    static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0...47).contains(h), (0...59).contains(m)
        else { return nil }
        return h * 3600 + m * 60
    }
}

/// Other hours for a stretch of dates (Ramadan, for instance).
public struct SchedulePeriod: Sendable, Hashable {
    public var from: LocalDate
    public var through: LocalDate
    /// Hours per ISO weekday during the period; a missing weekday is a day off.
    public var hours: [Int: WorkHours]

    public init(from: LocalDate, through: LocalDate, hours: [Int: WorkHours]) {
        self.from = from
        self.through = through
        self.hours = hours
    }
}

/// A fixed office schedule with lateness (TL) and early-leave (PSW) tiers.
///
/// Defaults are Perpres 21/2023's: Monday to Thursday 07:30-16:00 with a 60-minute
/// break, Friday 07:30-16:30 with a 90-minute break: 37 h 30 min a week.
public struct FixedSchedulePolicy: Sendable, Hashable {
    /// Hours per ISO weekday (1 Monday ... 7 Sunday); a missing weekday is a day off.
    public var hours: [Int: WorkHours]
    /// Stretches of dates with other hours; the first that covers a date wins.
    public var periods: [SchedulePeriod]
    /// The TL/PSW ladders and deductions.
    public var discipline: DisciplinePolicy
    /// The longest a session may last before its check-out counts as forgotten: 16 h.
    public var maxSessionSeconds: Int64
    /// Time credited for a session whose check-out was forgotten: 0.
    public var incompleteCreditSeconds: Int64

    public init(
        hours: [Int: WorkHours] = FixedSchedulePolicy.nationalHours,
        periods: [SchedulePeriod] = [],
        discipline: DisciplinePolicy = DisciplinePolicy(),
        maxSessionSeconds: Int64 = 16 * 3600,
        incompleteCreditSeconds: Int64 = 0
    ) {
        self.hours = hours
        self.periods = periods
        self.discipline = discipline
        self.maxSessionSeconds = maxSessionSeconds
        self.incompleteCreditSeconds = incompleteCreditSeconds
    }

    /// Perpres 21/2023: 07:30 start, 60-minute break, 90 on Friday; 37.5 h a week.
    public static let nationalHours: [Int: WorkHours] = [
        1: WorkHours(from: "07:30", to: "16:00", breakMinutes: 60)!,
        2: WorkHours(from: "07:30", to: "16:00", breakMinutes: 60)!,
        3: WorkHours(from: "07:30", to: "16:00", breakMinutes: 60)!,
        4: WorkHours(from: "07:30", to: "16:00", breakMinutes: 60)!,
        5: WorkHours(from: "07:30", to: "16:30", breakMinutes: 90)!,
    ]

    /// Ramadan under Perpres 21/2023: 08:00 start, 32.5 h a week.
    public static let ramadanHours: [Int: WorkHours] = [
        1: WorkHours(from: "08:00", to: "15:00", breakMinutes: 30)!,
        2: WorkHours(from: "08:00", to: "15:00", breakMinutes: 30)!,
        3: WorkHours(from: "08:00", to: "15:00", breakMinutes: 30)!,
        4: WorkHours(from: "08:00", to: "15:00", breakMinutes: 30)!,
        5: WorkHours(from: "08:00", to: "15:30", breakMinutes: 60)!,
    ]

    /// The hours that apply on `date`, nil on a day off.
    public func hours(on date: LocalDate) -> WorkHours? {
        if let period = periods.first(where: { $0.from <= date && date <= $0.through }) {
            return period.hours[date.weekday]
        }
        return hours[date.weekday]
    }
}
