/// The 18-digit NIP (Nomor Induk Pegawai) of an ASN:
/// birth date `yyyymmdd`, appointment month `yyyymm`, sex digit (1 male, 2 female), and a
/// 3-digit sequence (001-999).
///
/// ```swift
/// try NIP.validate("198503122010011004")   // born 12 Mar 1985, appointed Jan 2010, male, #004
/// ```
public enum NIP {
    /// What is wrong with a NIP.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// Not 18 characters; holds the count found.
        case length(Int)
        /// A character that is not an ASCII digit, at this 1-based position.
        case nonDigit(position: Int)
        /// The first 8 digits are not a real date in a plausible year.
        case birthDate
        /// Digits 9-14 are not a month `yyyymm`.
        case appointmentMonth
        /// The appointment month comes before the month of the 18th birthday.
        case appointmentBeforeEighteen
        /// The appointment month is after the current month.
        case appointmentInFuture
        /// Digit 15 is neither 1 nor 2.
        case sexDigit
        /// The last 3 digits are 000.
        case sequence

        public var description: String {
            switch self {
            case .length(let count): "must be 18 digits, has \(count) characters"
            case .nonDigit(let position): "character \(position) is not a digit"
            case .birthDate: "digits 1-8 are not a valid birth date yyyymmdd"
            case .appointmentMonth: "digits 9-14 are not a valid appointment month yyyymm"
            case .appointmentBeforeEighteen: "appointed before the 18th birthday"
            case .appointmentInFuture: "appointment month is in the future"
            case .sexDigit: "digit 15 must be 1 (male) or 2 (female)"
            case .sequence: "sequence (digits 16-18) must be 001-999"
            }
        }
    }

    /// Checks the shape and the dates of `nip`.
    ///
    /// - Parameters:
    ///   - nip: The candidate.
    ///   - now: The current year and month, for the "not in the future" check.
    /// - Throws: ``StoreError`` `.invalidArgument(field: "nip", ...)` naming the first problem.
    public static func validate(_ nip: String, now: (year: Int, month: Int)? = nil) throws {
        if let problem = problem(in: nip, now: now ?? WallClock.currentYearMonth()) {
            throw StoreError(
                .invalidArgument(field: "nip", reason: problem.description),
                "NIP \(nip): \(problem)")
        }
    }

    /// The first problem with `nip`, or `nil` when it is well formed.
    public static func problem(in nip: String, now: (year: Int, month: Int)) -> Problem? {
        let digits = Array(nip.utf8)
        guard digits.count == 18, nip.unicodeScalars.count == 18 else {
            return .length(nip.unicodeScalars.count)
        }
        for (offset, byte) in digits.enumerated() where !(48...57).contains(byte) {
            return .nonDigit(position: offset + 1)
        }
        func number(_ from: Int, _ count: Int) -> Int {
            digits[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        let (birthYear, birthMonth, birthDay) = (number(0, 4), number(4, 2), number(6, 2))
        guard (1900...now.year).contains(birthYear), (1...12).contains(birthMonth),
            (1...daysIn(month: birthMonth, year: birthYear)).contains(birthDay)
        else {
            return .birthDate
        }
        let (appointYear, appointMonth) = (number(8, 4), number(12, 2))
        guard (1900...9999).contains(appointYear), (1...12).contains(appointMonth) else {
            return .appointmentMonth
        }
        let appointed = appointYear * 12 + appointMonth
        if appointed < (birthYear + 18) * 12 + birthMonth { return .appointmentBeforeEighteen }
        if appointed > now.year * 12 + now.month { return .appointmentInFuture }
        if digits[14] != UInt8(ascii: "1") && digits[14] != UInt8(ascii: "2") { return .sexDigit }
        if number(15, 3) == 0 { return .sequence }
        return nil
    }

    /// Days in a Gregorian month.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
