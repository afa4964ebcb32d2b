/// A lateness (TL) or early-leave (PSW) finding on one day, with the tier it falls in.
public struct DisciplineMark: Sendable, Hashable {
    public enum Kind: Int32, Sendable, Hashable {
        /// Terlambat: started after the scheduled start.
        case late = 1
        /// Pulang sebelum waktu: left before the scheduled end.
        case earlyLeave = 2
    }

    public var kind: Kind
    /// The tier's name from the policy's ladder, e.g. "TL2" or "PSW4".
    public var tier: String
    /// Whole minutes late or early; nil when there was no record (no check-in or check-out).
    public var minutes: Int64?
    /// The share of the month's TPP deducted, in basis points (0.5% = 50).
    public var deductionBasisPoints: Int64

    public init(kind: Kind, tier: String, minutes: Int64?, deductionBasisPoints: Int64) {
        self.kind = kind
        self.tier = tier
        self.minutes = minutes
        self.deductionBasisPoints = deductionBasisPoints
    }
}
