import Testing
@testable import HadirRules

@Suite("LocalDate")
struct LocalDateTests {
    @Test("parses and prints ISO dates")
    func parsesISO() {
        let day = LocalDate(iso: "2024-02-29")
        #expect(day?.year == 2024)
        #expect(day?.month == 2)
        #expect(day?.day == 29)
        #expect(day?.iso == "2024-02-29")
        #expect(day?.description == "2024-02-29")
    }

    @Test(
        "rejects impossible dates and other shapes",
        arguments: [
            "2025-02-29", "2025-13-01", "2025-04-31", "2025-4-01", "2025/04/01",
            "20250401", "", "2025-04-01T00", "2025-0a-01", "0000-01-01",
        ])
    func rejects(_ text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test("day counts round-trip across centuries")
    func roundTrip() {
        #expect(date("1970-01-01").daysSinceEpoch == 0)
        #expect(date("2000-03-01").daysSinceEpoch == 11_017)
        #expect(date("1969-12-31").daysSinceEpoch == -1)
        for days in stride(from: -200_000, through: 200_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }

    @Test("adds days across months and leap years")
    func adding() {
        #expect(date("2024-02-28").adding(days: 1).iso == "2024-02-29")
        #expect(date("2025-02-28").adding(days: 1).iso == "2025-03-01")
        #expect(date("2025-12-31").adding(days: 1).iso == "2026-01-01")
        #expect(date("2025-01-01").adding(days: -1).iso == "2024-12-31")
        #expect(date("2025-04-01").days(to: date("2025-05-01")) == 30)
    }

    @Test("weekday is ISO, Monday 1 to Sunday 7")
    func weekday() {
        #expect(date("2025-04-21").weekday == 1)  // PermenPANRB 4/2025 in force: a Monday
        #expect(date("2025-02-17").weekday == 1)
        #expect(date("1970-01-01").weekday == 4)
        #expect(date("1969-12-28").weekday == 7)
        #expect(date("2025-04-27").weekday == 7)
        #expect(date("2025-04-24").startOfWeek.iso == "2025-04-21")
        #expect(date("2025-04-27").startOfWeek.iso == "2025-04-21")
    }

    @Test("orders by year, month, day")
    func ordering() {
        #expect(date("2024-12-31") < date("2025-01-01"))
        #expect(date("2025-01-31") < date("2025-02-01"))
        #expect(!(date("2025-02-01") < date("2025-02-01")))
    }
}
