import Testing
@testable import HadirRules

@Suite("Corrections")
struct CorrectionTests {
    let person: Int64 = 7
    let supervisor: Int64 = 3
    let asked = instant("2025-05-07", "08:00")

    func forgotten() -> Punches {
        var punches = Punches()
        punches.checkIn("2025-05-06", "08:00")
        return punches
    }

    @Test("a forgotten check-out, asked for and approved: the day counts, the original stays")
    func approveAddsPunch() throws {
        let original = forgotten().events
        let request = try CorrectionRequest(
            id: 11, employeeID: person, requestedBy: person, requestedAt: asked,
            reason: "lupa absen pulang",
            change: .addPunch(
                kind: .checkOut, at: instant("2025-05-06", "16:00"), mode: 1,
                placeName: ""))
        let approvedAt = instant("2025-05-07", "09:00")
        let approved = try request.approved(by: supervisor, at: approvedAt, note: "ok")
        let effective = applyCorrections([approved], to: original)
        #expect(original.count == 1)
        #expect(effective.count == 2)
        #expect(effective[1].id == -11)
        let day = workDay(
            of: date("2025-05-06"), events: effective, zone: .wib,
            calendar: WorkCalendar(), policy: .surabaya, now: approvedAt)
        #expect(day.workedSeconds == 8 * hour)
        #expect(day.status == .met)
        #expect(approved.auditTrail.map(\.action) == [.requested, .approved])
        #expect(approved.auditTrail.map(\.actor) == [person, supervisor])
        #expect(approved.auditTrail.map(\.at) == [asked, approvedAt])
    }

    @Test("rejected and pending requests change nothing")
    func rejectKeeps() throws {
        let request = try CorrectionRequest(
            id: 12, employeeID: person, requestedBy: person, requestedAt: asked, reason: "salah",
            change: .removePunch(eventID: 1))
        let rejected = try request.rejected(by: supervisor, at: asked + 1000, reason: "tidak ada bukti")
        #expect(
            applyCorrections([request, rejected], to: forgotten().events)
                == forgotten().events)
        #expect(rejected.auditTrail.last?.text == "tidak ada bukti")
    }

    @Test("move and remove act on the named punch")
    func moveAndRemove() throws {
        var punches = Punches()
        punches.checkIn("2025-05-06", "09:00")
        punches.checkOut("2025-05-06", "16:00")
        punches.checkIn("2025-05-06", "16:01")
        let move = try CorrectionRequest(
            id: 1, employeeID: person, requestedBy: person, requestedAt: asked,
            reason: "GPS lambat", change: .movePunch(eventID: 1, to: instant("2025-05-06", "08:00"))
        )
        .approved(by: supervisor, at: asked)
        let remove = try CorrectionRequest(
            id: 2, employeeID: person, requestedBy: person, requestedAt: asked,
            reason: "tertekan dua kali", change: .removePunch(eventID: 3)
        )
        .approved(by: supervisor, at: asked + 1)
        let effective = applyCorrections([remove, move], to: punches.events)
        #expect(effective.map(\.id) == [1, 2])
        #expect(effective[0].at == instant("2025-05-06", "08:00"))
        let day = workDay(
            of: date("2025-05-06"), events: effective, zone: .wib,
            calendar: WorkCalendar(), policy: .surabaya, now: asked)
        #expect(day.workedSeconds == 8 * hour)
    }

    @Test("refusals name their field")
    func refusals() throws {
        #expect(throws: CorrectionError(code: .emptyReason, field: "reason")) {
            try CorrectionRequest(
                id: 1, employeeID: person, requestedBy: person,
                requestedAt: asked, reason: "  ", change: .removePunch(eventID: 1))
        }
        #expect(throws: CorrectionError(code: .inFuture, field: "at")) {
            try CorrectionRequest(
                id: 1, employeeID: person, requestedBy: person,
                requestedAt: asked, reason: "x", change: .movePunch(eventID: 1, to: asked + 1))
        }
        let request = try CorrectionRequest(
            id: 1, employeeID: person, requestedBy: person,
            requestedAt: asked, reason: "x", change: .removePunch(eventID: 1))
        #expect(throws: CorrectionError(code: .ownRequest, field: "reviewer")) {
            try request.approved(by: person, at: asked)
        }
        let done = try request.approved(by: supervisor, at: asked)
        #expect(throws: CorrectionError(code: .notPending, field: "id")) {
            try done.rejected(by: supervisor, at: asked, reason: "late")
        }
        #expect(throws: CorrectionError(code: .emptyReason, field: "reason")) {
            try request.rejected(by: supervisor, at: asked, reason: "")
        }
    }
}
