import Testing
@testable import HadirStore

@Suite("NIP")
struct NIPTests {
    let now = (year: 2025, month: 4)

    @Test("a well-formed NIP passes")
    func valid() throws {
        // Born 12 Mar 1985, appointed Jan 2010, male, sequence 004.
        #expect(NIP.problem(in: "198503122010011004", now: now) == nil)
        // Born 29 Feb 2000 (leap year), appointed exactly at 18 (Feb 2018), female.
        #expect(NIP.problem(in: "200002292018022001", now: now) == nil)
        try NIP.validate("198503122010011004")
    }

    @Test(
        "each problem is named",
        arguments: [
            ("19850312201001100", NIP.Problem.length(17)),
            ("1985031220100110045", .length(19)),
            ("19850312201001100a", .nonDigit(position: 18)),
            ("198502302010011004", .birthDate),  // 30 February
            ("190002292010011004", .birthDate),  // 1900 was not a leap year
            ("198513122010011004", .birthDate),  // month 13
            ("198503122010131004", .appointmentMonth),  // month 13
            ("198503122003021004", .appointmentBeforeEighteen),  // Feb 2003, before Mar 2003
            ("198503122025051004", .appointmentInFuture),  // May 2025 after Apr 2025
            ("198503122010013004", .sexDigit),
            ("198503122010011000", .sequence),
        ])
    func problems(nip: String, problem: NIP.Problem) {
        #expect(NIP.problem(in: nip, now: now) == problem)
    }

    @Test("validate throws invalidArgument on the nip field")
    func throwsInvalidArgument() {
        do {
            try NIP.validate("198503122010013004", now: now)
            Issue.record("expected a throw")
        } catch let error as StoreError {
            let reason = "digit 15 must be 1 (male) or 2 (female)"
            #expect(error.code == .invalidArgument(field: "nip", reason: reason))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
