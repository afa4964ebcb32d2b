import Foundation
import HadirClient
import HadirProto
import HadirRules
import HadirStore
import Testing

/// A unit on the fixed schedule and a unit on flexible hours, the same punches.
@Suite("End to end: policies chosen per unit", .serialized)
final class UnitPolicyTests {
    let server: ServerProcess
    let fixed: (nip: String, employeeID: Int64, token: String)
    let flex: (nip: String, employeeID: Int64, token: String)
    /// Tuesday 17 November 2026, 08:10 to 16:00 WIB: 40 minutes late on a 07:30 schedule.
    let date = LocalDate(year: 2026, month: 11, day: 17)!

    init() throws {
        server = try ServerProcess(employees: 300)
        let devices = try server.devices()
        fixed = devices[299]
        flex = devices[298]
        let db = try Database(path: server.databasePath)
        try db.exec(
            """
            UPDATE units SET policy = 'fixed'
            WHERE code = (SELECT unit_code FROM employees WHERE id = \(fixed.employeeID));
            UPDATE units SET policy = 'flex'
            WHERE code = (SELECT unit_code FROM employees WHERE id = \(flex.employeeID));
            """)
        // Both punched the same day, weeks ago: stored directly, as past events are.
        let writer = try AttendanceWriter(path: server.databasePath)
        let reader = try StoreReader(path: server.databasePath)
        let wib = WorkZone(identifier: "Asia/Jakarta")!
        for person in [fixed, flex] {
            let device = try #require(try reader.device(forToken: person.token))
            for (seq, kind, wall) in [
                (UInt32(1), HadirStore.PunchKind.checkIn, 8 * 3600 + 600),
                (2, HadirStore.PunchKind.checkOut, 16 * 3600),
            ] {
                let at = wib.instant(of: date, wallSeconds: wall)
                let command = PunchCommand(
                    employeeID: person.employeeID, deviceID: device.id, eventSeq: seq, kind: kind, mode: 1,
                    capturedAtMs: at, recordedAtMs: at, receivedAtMs: at, placeName: "",
                    latitude: 0, longitude: 0, accuracyM: 0)
                let done = DispatchSemaphore(value: 0)
                writer.submit(command) { _ in done.signal() }
                done.wait()
            }
        }
        writer.shutdown()
        try server.start()
    }

    deinit { server.stop() }

    @Test("the fixed unit's day is late (TL2); the flex unit's is met with no marks")
    func samePunchesTwoPolicies() async throws {
        let late = try await AttendanceServiceClient(
            HadirConnection(port: server.port, deviceToken: fixed.token)
        )
        .getDay(.with { $0.date = date.iso })
        #expect(late.sessions.count == 1)
        #expect(late.marks.map(\.tier) == ["TL2"])
        #expect(late.marks.first?.minutes == 40)
        #expect(late.marks.first?.deductionBasisPoints == 100)
        #expect(late.status == .short)

        let met = try await AttendanceServiceClient(
            HadirConnection(port: server.port, deviceToken: flex.token)
        )
        .getDay(.with { $0.date = date.iso })
        #expect(met.workedSeconds == 7 * 3600 + 50 * 60)
        #expect(met.marks.isEmpty)
        #expect(met.status == .met)
    }
}
