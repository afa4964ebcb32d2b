/// One rung of a lateness (TL) or early-leave (PSW) ladder.
public struct DeductionTier: Sendable, Hashable {
    /// "TL1", "PSW3", ...
    public var name: String
    /// The first whole minute this tier covers; it reaches up to the next tier's start.
    public var fromMinutes: Int64
    /// The share of the month's TPP each occurrence deducts, in basis points (0.5% = 50).
    public var basisPoints: Int64

    public init(name: String, fromMinutes: Int64, basisPoints: Int64) {
        self.name = name
        self.fromMinutes = fromMinutes
        self.basisPoints = basisPoints
    }
}

/// The discipline numbers: TL/PSW ladders, the absent-day deduction, the monthly cap.
///
/// The ladders are data: the default is DOMAIN.md's common ladder (1-30 min 0.5%,
/// 31-60 1%, 61-90 1.25%, 91 or more or no record 1.5%); other institutions' ladders
/// (0.5/1/1.5/2%, or two tiers) are other values of the same struct.
public struct DisciplinePolicy: Sendable, Hashable {
    /// Lateness tiers, ascending by `fromMinutes`. The last also covers "no check-in".
    public var lateness: [DeductionTier]
    /// Early-leave tiers, ascending by `fromMinutes`. The last also covers "no check-out".
    public var earlyLeave: [DeductionTier]
    /// Minutes late or early that are tolerated before the first tier applies: 0.
    public var graceMinutes: Int64
    /// Deduction for an unexcused absent working day, in basis points: 4%.
    public var absentDayBasisPoints: Int64
    /// The most a month's discipline deductions may take, in basis points of TPP: the
    /// discipline share, 40%.
    public var monthlyCapBasisPoints: Int64

    public init(
        lateness: [DeductionTier] = DisciplinePolicy.ladder(prefix: "TL"),
        earlyLeave: [DeductionTier] = DisciplinePolicy.ladder(prefix: "PSW"),
        graceMinutes: Int64 = 0,
        absentDayBasisPoints: Int64 = 400,
        monthlyCapBasisPoints: Int64 = 4000
    ) {
        self.lateness = lateness.sorted { $0.fromMinutes < $1.fromMinutes }
        self.earlyLeave = earlyLeave.sorted { $0.fromMinutes < $1.fromMinutes }
        self.graceMinutes = graceMinutes
        self.absentDayBasisPoints = absentDayBasisPoints
        self.monthlyCapBasisPoints = monthlyCapBasisPoints
    }

    /// DOMAIN.md's common ladder under a prefix ("TL" or "PSW").
    public static func ladder(prefix: String) -> [DeductionTier] {
        [
            DeductionTier(name: "\(prefix)1", fromMinutes: 1, basisPoints: 50),
            DeductionTier(name: "\(prefix)2", fromMinutes: 31, basisPoints: 100),
            DeductionTier(name: "\(prefix)3", fromMinutes: 61, basisPoints: 125),
            DeductionTier(name: "\(prefix)4", fromMinutes: 91, basisPoints: 150),
        ]
    }

    /// The mark for `minutes` late or early, nil when within grace or below the first tier.
    /// `minutes == nil` means no record, which falls in the last tier.
    func mark(_ kind: DisciplineMark.Kind, minutes: Int64?) -> DisciplineMark? {
        let tiers = kind == .late ? lateness : earlyLeave
        guard let last = tiers.last else { return nil }
        guard let minutes else {
            return DisciplineMark(
                kind: kind, tier: last.name, minutes: nil, deductionBasisPoints: last.basisPoints)
        }
        guard minutes > graceMinutes,
            let tier = tiers.last(where: { $0.fromMinutes <= minutes })
        else { return nil }
        return DisciplineMark(
            kind: kind, tier: tier.name, minutes: minutes, deductionBasisPoints: tier.basisPoints)
    }
}
