/// One rostered shift on a date, as wall-clock seconds after that date's local midnight.
/// The end may pass midnight: a night shift 22:00-06:00 ends at 108 000 (30 h).
public struct Shift: Sendable, Hashable {
    /// The roster's name for it ("pagi", "siang", "malam").
    public var name: String
    public var startSeconds: Int
    public var endSeconds: Int
    /// The break inside the shift, not counted as work.
    public var breakSeconds: Int64

    public init(name: String, startSeconds: Int, endSeconds: Int, breakSeconds: Int64 = 0) {
        self.name = name
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.breakSeconds = breakSeconds
    }

    /// A shift from "HH:MM" to "HH:MM"; an end at or before the start is on the next day.
    public init?(name: String, from start: String, to end: String, breakMinutes: Int64 = 0) {
        guard let s = WorkHours.seconds(start), var e = WorkHours.seconds(end), s < 86_400 else {
            return nil
        }
        if e <= s { e += 86_400 }
        self.init(name: name, startSeconds: s, endSeconds: e, breakSeconds: breakMinutes * 60)
    }

    /// Work the shift asks for, in wall-clock seconds minus the break. On a night with a
    /// daylight-saving change abroad the lived length differs; the day counts instants.
    public var requiredSeconds: Int64 {
        max(0, Int64(endSeconds - startSeconds) - breakSeconds)
    }
}

/// Rostered shifts (PermenPANRB 4/2025's "shift" flexibility), including ones that cross
/// midnight. A date without a shift in the roster is a day off.
///
/// A session belongs to the shift whose window holds its check-in: from
/// `checkInLeadSeconds` before the shift's start to the shift's end. Sessions outside
/// every shift's window belong to their check-in's local date, as under flex.
public struct ShiftPolicy: Sendable, Hashable {
    /// The person's roster: the shift starting on each date.
    public var roster: [LocalDate: Shift]
    /// How early a check-in may come and still open its shift: 2 h.
    public var checkInLeadSeconds: Int64
    /// The TL/PSW ladders and deductions, measured against the shift's start and end.
    public var discipline: DisciplinePolicy
    /// The longest a session may last before its check-out counts as forgotten: 16 h.
    public var maxSessionSeconds: Int64
    /// Time credited for a session whose check-out was forgotten: 0.
    public var incompleteCreditSeconds: Int64

    public init(
        roster: [LocalDate: Shift] = [:],
        checkInLeadSeconds: Int64 = 2 * 3600,
        discipline: DisciplinePolicy = DisciplinePolicy(),
        maxSessionSeconds: Int64 = 16 * 3600,
        incompleteCreditSeconds: Int64 = 0
    ) {
        self.roster = roster
        self.checkInLeadSeconds = checkInLeadSeconds
        self.discipline = discipline
        self.maxSessionSeconds = maxSessionSeconds
        self.incompleteCreditSeconds = incompleteCreditSeconds
    }
}
