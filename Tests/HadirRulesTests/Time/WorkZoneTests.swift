import Testing
@testable import HadirRules

@Suite("WorkZone")
struct WorkZoneTests {
    @Test("Indonesian zones start the day at 17:00, 16:00 and 15:00 UTC the day before")
    func indonesianMidnights() {
        let day = date("2025-05-06")
        #expect(WorkZone.wib.startOfDay(day) == utc("2025-05-05T17:00:00Z"))
        #expect(WorkZone.wita.startOfDay(day) == utc("2025-05-05T16:00:00Z"))
        #expect(WorkZone.wit.startOfDay(day) == utc("2025-05-05T15:00:00Z"))
        #expect(WorkZone.wib.endOfDay(day) - WorkZone.wib.startOfDay(day) == 86_400_000)
    }

    @Test("an instant's local date depends on the zone")
    func localDates() {
        let instant = utc("2025-05-05T22:30:00Z")
        #expect(WorkZone.wib.localDate(ofInstant: instant).iso == "2025-05-06")
        #expect(WorkZone.wit.localDate(ofInstant: instant).iso == "2025-05-06")
        #expect(
            WorkZone(identifier: "Europe/London")!.localDate(ofInstant: instant).iso
                == "2025-05-05")
        #expect(WorkZone.wit.secondsOfDay(ofInstant: instant) == 7 * 3600 + 30 * 60)
    }

    @Test("unknown zone identifiers are refused")
    func unknown() {
        #expect(WorkZone(identifier: "Asia/Surabaya") == nil)
        #expect(WorkZone(identifier: "Europe/Amsterdam") != nil)
    }

    @Test("daylight-saving days abroad last 23 and 25 hours")
    func dstDays() {
        let amsterdam = WorkZone(identifier: "Europe/Amsterdam")!
        let spring = date("2025-03-30")
        let autumn = date("2025-10-26")
        #expect(amsterdam.startOfDay(spring) == utc("2025-03-29T23:00:00Z"))
        #expect(amsterdam.endOfDay(spring) - amsterdam.startOfDay(spring) == 23 * 3_600_000)
        #expect(amsterdam.endOfDay(autumn) - amsterdam.startOfDay(autumn) == 25 * 3_600_000)
        // 02:30 does not exist on the spring day: it maps to the transition, 01:00Z.
        #expect(amsterdam.instant(of: spring, wallSeconds: 9000) == utc("2025-03-30T01:00:00Z"))
    }

    @Test("a zone whose midnight is skipped starts the day at the transition")
    func skippedMidnight() {
        // Chile springs forward at 24:00 on the first Saturday of September: 2024-09-07
        // 24:00 -04 becomes 2024-09-08 01:00 -03, so 2024-09-08 starts at 04:00Z.
        let santiago = WorkZone(identifier: "America/Santiago")!
        let day = date("2024-09-08")
        #expect(santiago.startOfDay(day) == utc("2024-09-08T04:00:00Z"))
        #expect(santiago.localDate(ofInstant: santiago.startOfDay(day)) == day)
        #expect(santiago.localDate(ofInstant: santiago.startOfDay(day) - 1) == date("2024-09-07"))
    }
}
