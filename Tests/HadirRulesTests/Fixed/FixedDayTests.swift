import Testing
@testable import HadirRules

@Suite("Fixed schedule day")
struct FixedDayTests {
    let policy = FixedSchedulePolicy()
    let later = utc("2026-01-01T00:00:00Z")
    let tuesday = "2025-05-06"

    func day(_ iso: String, _ punches: Punches, policy: FixedSchedulePolicy? = nil) -> WorkDay {
        workDay(
            of: date(iso), events: punches.events, zone: punches.zone,
            calendar: WorkCalendar(), policy: policy ?? self.policy, now: later)
    }

    func punches(in checkIn: String?, out checkOut: String?, on iso: String = "2025-05-06")
        -> Punches
    {
        var punches = Punches()
        if let checkIn { punches.checkIn(iso, checkIn) }
        if let checkOut { punches.checkOut(iso, checkOut) }
        return punches
    }

    @Test("07:30 to 16:00 on a Tuesday: met, 8h30m, no marks, 7h30m required")
    func onTime() {
        let result = day(tuesday, punches(in: "07:30", out: "16:00"))
        #expect(result.status == .met)
        #expect(result.marks.isEmpty)
        #expect(result.workedSeconds == 8 * hour + 30 * minute)
        #expect(result.requiredSeconds == 27_000)
    }

    @Test(
        "lateness tiers by whole minutes",
        arguments: [
            ("07:30:59", nil, nil), ("07:31:00", "TL1", 50), ("08:00:00", "TL1", 50),
            ("08:01:00", "TL2", 100), ("08:30:59", "TL2", 100), ("08:31:00", "TL3", 125),
            ("09:00:00", "TL3", 125), ("09:01:00", "TL4", 150), ("13:00:00", "TL4", 150),
        ] as [(String, String?, Int64?)])
    func lateness(_ checkIn: String, _ tier: String?, _ basisPoints: Int64?) {
        let result = day(tuesday, punches(in: checkIn, out: "16:00"))
        #expect(result.marks.first?.tier == tier)
        #expect(result.marks.first?.deductionBasisPoints == basisPoints)
        #expect(result.status == (tier == nil ? .met : .short))
    }

    @Test("early leave: out 15:00 is PSW2 (60 min); Friday out 16:00 is PSW1 (30 min)")
    func earlyLeave() {
        let tuesdayResult = day(tuesday, punches(in: "07:30", out: "15:00"))
        #expect(
            tuesdayResult.marks == [
                DisciplineMark(kind: .earlyLeave, tier: "PSW2", minutes: 60, deductionBasisPoints: 100)
            ])
        let friday = day("2025-05-09", punches(in: "07:30", out: "16:00", on: "2025-05-09"))
        #expect(
            friday.marks == [
                DisciplineMark(kind: .earlyLeave, tier: "PSW1", minutes: 30, deductionBasisPoints: 50)
            ])
        #expect(friday.requiredSeconds == 7 * hour + 30 * minute)
    }

    @Test("late and early on one day: both marks, 35 min TL2 and 45 min PSW2")
    func lateAndEarly() {
        let result = day(tuesday, punches(in: "08:05", out: "15:15"))
        #expect(result.marks.map(\.tier) == ["TL2", "PSW2"])
        #expect(result.marks.map(\.minutes) == [35, 45])
        #expect(result.marks.reduce(0) { $0 + $1.deductionBasisPoints } == 200)
    }

    @Test("no check-out: incomplete, PSW4 for no record; no check-in: TL4")
    func noRecord() {
        let forgotten = day(tuesday, punches(in: "07:25", out: nil))
        #expect(forgotten.status == .incomplete)
        #expect(forgotten.workedSeconds == 0)
        #expect(
            forgotten.marks == [
                DisciplineMark(kind: .earlyLeave, tier: "PSW4", minutes: nil, deductionBasisPoints: 150)
            ])
        let lone = day(tuesday, punches(in: nil, out: "16:00"))
        #expect(lone.status == .incomplete)
        #expect(
            lone.marks == [
                DisciplineMark(kind: .late, tier: "TL4", minutes: nil, deductionBasisPoints: 150)
            ])
    }

    @Test("no punch on a working day: absent, no marks; Saturday non-working")
    func absentAndWeekend() {
        #expect(day(tuesday, Punches()).status == .absent)
        #expect(day(tuesday, Punches()).marks.isEmpty)
        #expect(day("2025-05-10", Punches()).status == .nonWorking)
        #expect(day("2025-05-10", Punches()).requiredSeconds == 0)
    }

    @Test("another ladder is data: two tiers, 1-60 min 0.5%, 61+ 2%")
    func otherLadder() {
        let twoTiers = DisciplinePolicy(
            lateness: [
                DeductionTier(name: "T1", fromMinutes: 1, basisPoints: 50),
                DeductionTier(name: "T2", fromMinutes: 61, basisPoints: 200),
            ],
            graceMinutes: 5)
        let custom = FixedSchedulePolicy(discipline: twoTiers)
        #expect(day(tuesday, punches(in: "07:35", out: "16:00"), policy: custom).marks.isEmpty)
        #expect(
            day(tuesday, punches(in: "07:36", out: "16:00"), policy: custom).marks.map(\.tier)
                == ["T1"])
        #expect(
            day(tuesday, punches(in: "09:00", out: "16:00"), policy: custom).marks.map(\.tier)
                == ["T2"])
    }

    @Test("Ramadan period: 08:00 start, in 08:10 is TL1, hours 6h30m")
    func ramadan() {
        let ramadan = FixedSchedulePolicy(periods: [
            SchedulePeriod(
                from: date("2025-03-01"), through: date("2025-03-30"),
                hours: FixedSchedulePolicy.ramadanHours)
        ])
        let result = day(
            "2025-03-11", punches(in: "08:10", out: "15:00", on: "2025-03-11"),
            policy: ramadan)
        #expect(result.marks.map(\.minutes) == [10])
        #expect(result.requiredSeconds == 6 * hour + 30 * minute)
        let weekly = (1...5).reduce(Int64(0)) {
            $0 + FixedSchedulePolicy.ramadanHours[$1]!.requiredSeconds
        }
        #expect(weekly == 32 * hour + 30 * minute)
    }

    @Test("offline Makassar day under an 08:00 schedule: in 07:55, out 16:05, not late")
    func makassarNotLate() {
        let eight = WorkHours(from: "08:00", to: "16:00", breakMinutes: 30)!
        let custom = FixedSchedulePolicy(hours: [1: eight, 2: eight, 3: eight, 4: eight, 5: eight])
        var punches = Punches(zone: .wita)
        punches.checkOut(tuesday, "16:05")
        punches.checkIn(tuesday, "07:55")
        let result = day(tuesday, punches, policy: custom)
        #expect(result.marks.isEmpty)
        #expect(result.status == .met)
        #expect(result.workedSeconds == 8 * hour + 10 * minute)
    }

    @Test("leave and holidays carry no marks")
    func leave() {
        let calendar = WorkCalendar(
            holidays: [date("2025-05-12"): "Hari Raya Waisak"],
            absences: [date(tuesday): Absence(kind: .cutiSakit)])
        let sick = workDay(
            of: date(tuesday), events: [], zone: .wib, calendar: calendar,
            policy: policy, now: later)
        #expect(sick.status == .leave)
        #expect(sick.requiredSeconds == 0)
        #expect(sick.status.countsAsMet)
        let waisak = workDay(
            of: date("2025-05-12"), events: [], zone: .wib, calendar: calendar,
            policy: policy, now: later)
        #expect(waisak.status == .nonWorking)
        #expect(waisak.marks.isEmpty)
    }
}
