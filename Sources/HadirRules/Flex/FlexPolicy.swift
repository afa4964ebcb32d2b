/// Surabaya's default policy: hours arranged freely, 7.5 h a day or 37.5 h a week.
///
/// Every number is data: the defaults are DOMAIN.md's, and a unit's stored policy
/// overrides them.
public struct FlexPolicy: Sendable, Hashable {
    /// Worked time that makes a day met: 7 h 30 min.
    public var dailySeconds: Int64
    /// Worked time that makes a week of `workingDaysPerWeek` working days met: 37 h 30 min.
    /// A week with fewer working days (holidays, leave) needs its share of this.
    public var weeklySeconds: Int64
    /// The working days a full week has, to share `weeklySeconds` out: 5.
    public var workingDaysPerWeek: Int64
    /// The longest a session may last: a check-in with no check-out within this is a
    /// forgotten check-out, never a 24-hour session. 16 h.
    public var maxSessionSeconds: Int64
    /// Time credited for a session whose check-out was forgotten: 0.
    public var incompleteCreditSeconds: Int64
    /// The absent-day deduction and the monthly cap (the TL/PSW ladders are unused).
    public var discipline: DisciplinePolicy

    public init(
        dailySeconds: Int64 = 27_000,
        weeklySeconds: Int64 = 135_000,
        workingDaysPerWeek: Int64 = 5,
        maxSessionSeconds: Int64 = 16 * 3600,
        incompleteCreditSeconds: Int64 = 0,
        discipline: DisciplinePolicy = DisciplinePolicy()
    ) {
        self.dailySeconds = dailySeconds
        self.weeklySeconds = weeklySeconds
        self.workingDaysPerWeek = workingDaysPerWeek
        self.maxSessionSeconds = maxSessionSeconds
        self.incompleteCreditSeconds = incompleteCreditSeconds
        self.discipline = discipline
    }

    /// DOMAIN.md's defaults.
    public static let surabaya = FlexPolicy()
}
