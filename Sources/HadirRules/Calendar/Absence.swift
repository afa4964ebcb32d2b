/// Why a person is away on a working day with the supervisor's leave: counts as a met day.
public enum AbsenceKind: Int32, Sendable, Hashable, CaseIterable {
    /// Cuti tahunan: annual leave.
    case cutiTahunan = 1
    /// Cuti sakit: sick leave.
    case cutiSakit = 2
    /// Cuti melahirkan: maternity leave.
    case cutiMelahirkan = 3
    /// Cuti karena alasan penting: leave for important reasons.
    case cutiAlasanPenting = 4
    /// Dinas luar: official duty away from the post.
    case dinasLuar = 5
    /// Training (diklat, pelatihan).
    case pelatihan = 6
}

/// An approved absence on one date.
public struct Absence: Sendable, Hashable {
    public var kind: AbsenceKind
    /// Free text: the letter number, the destination, the course.
    public var note: String

    public init(kind: AbsenceKind, note: String = "") {
        self.kind = kind
        self.note = note
    }
}
