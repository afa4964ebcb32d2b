import Foundation
import HadirProto
import HadirRules
import HadirStore
import HadirWire
import Testing

/// Issue 4's offline cases through the real server: a phone whose clock runs 15
/// minutes fast, online and offline, in Asia/Makassar, sending its check-out first.
@Suite("End to end: offline capture and device clocks", .serialized)
final class OfflineCaptureTests {
    let server: ServerProcess
    let devices: [(nip: String, employeeID: Int64, token: String)]
    let fifteenMinutes: Int64 = 15 * 60 * 1000

    init() throws {
        server = try ServerProcess(employees: 300)
        devices = try server.devices()
        // The unit of the last employee moves to WITA (UTC+8).
        let db = try Database(path: server.databasePath)
        try db.exec("""
            UPDATE units SET time_zone = 'Asia/Makassar'
            WHERE code = (SELECT unit_code FROM employees WHERE id = \(devices[299].employeeID))
            """)
        try server.start()
    }

    deinit { server.stop() }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// A connection whose Hello claims the device clock reads `skewMs` ahead.
    func connect(_ token: String, skewMs: Int64) throws -> RawConnection {
        let raw = try RawConnection(port: server.port)
        raw.send(RawConnection.frame(id: 1, method: 1, body: HelloRequest.with {
            $0.deviceToken = token
            $0.deviceTimeMs = Self.nowMs() + skewMs
        }.serializedBytes()))
        let reply = try HelloReply(serializedBytes: try raw.receive().body)
        #expect(abs(reply.clockOffsetMs - skewMs) < 1_000, "measured offset \(reply.clockOffsetMs)")
        return raw
    }

    func day(_ raw: RawConnection, _ date: String, id: UInt32) throws -> Day {
        raw.send(RawConnection.frame(id: id, method: 22, body: GetDayRequest.with { $0.date = date }.serializedBytes()))
        let reply = try raw.receive()
        #expect(reply.status == .ok, "\(reply.detail)")
        return try Day(serializedBytes: reply.body)
    }

    @Test("offline day in Makassar, clock 15 min fast, the out first: paired once the in arrives")
    func offlineMakassarDay() throws {
        let makassar = try #require(WorkZone(identifier: "Asia/Makassar"))
        let yesterday = makassar.localDate(ofInstant: Self.nowMs()).adding(days: -1)
        let inAt = makassar.instant(of: yesterday, wallSeconds: 7 * 3600 + 55 * 60)   // 07:55 WITA
        let outAt = makassar.instant(of: yesterday, wallSeconds: 16 * 3600 + 5 * 60)  // 16:05 WITA
        let device = devices[299]
        let raw = try connect(device.token, skewMs: fifteenMinutes)

        // The phone's own readings: 15 minutes ahead of the true instants.
        func punch(_ seq: UInt32, _ at: Int64) -> [UInt8] {
            Punch.with { $0.eventSeq = seq; $0.mode = .wfa; $0.capturedAtMs = at + fifteenMinutes }.serializedBytes()
        }
        raw.send(RawConnection.frame(id: 2, method: 21, body: punch(2, outAt)))
        #expect(try raw.receive().status == .ok)
        let half = try day(raw, yesterday.iso, id: 3)
        #expect(half.status == .incomplete)
        #expect(half.workedSeconds == 0)

        raw.send(RawConnection.frame(id: 4, method: 20, body: punch(1, inAt)))
        #expect(try raw.receive().status == .ok)
        let whole = try day(raw, yesterday.iso, id: 5)
        #expect(whole.sessions.count == 1)
        let session = try #require(whole.sessions.first)
        #expect(abs(session.checkInMs - inAt) < 1_000)
        #expect(abs(session.checkOutMs - outAt) < 1_000)
        // Both punches are corrected by the same measured offset: the span is exact.
        #expect(whole.workedSeconds == 8 * 3600 + 10 * 60)
        if yesterday.weekday <= 5, whole.holiday.isEmpty {
            #expect(whole.status == .met)
        }

        // The raw readings are kept beside the corrected instants.
        let events = try StoreReader(path: server.databasePath)
            .events(employeeID: device.employeeID, fromMs: inAt - 3_600_000, toMs: outAt + 3_600_000)
        #expect(events.map(\.capturedAtMs).sorted() == [inAt + fifteenMinutes, outAt + fifteenMinutes])
        for event in events {
            #expect(event.capturedAtMs - event.recordedAtMs == event.clockOffsetMs)
            #expect(abs(event.clockOffsetMs - fifteenMinutes) < 1_000)
        }
    }

    @Test("online with a clock 15 min fast: recorded at the true time")
    func onlineFastClock() throws {
        let raw = try connect(devices[298].token, skewMs: fifteenMinutes)
        let before = Self.nowMs()
        let punch = Punch.with { $0.eventSeq = 1; $0.mode = .wfo; $0.capturedAtMs = Self.nowMs() + fifteenMinutes }
        raw.send(RawConnection.frame(id: 2, method: 20, body: punch.serializedBytes()))
        let reply = try PunchReply(serializedBytes: try raw.receive().body)
        #expect(reply.recordedAtMs >= before - 1_000)
        #expect(reply.recordedAtMs <= Self.nowMs() + 1_000)
    }

    @Test("an event older than the policy allows is OUT_OF_RANGE naming captured_at_ms")
    func tooOld() throws {
        let raw = try connect(devices[297].token, skewMs: 0)
        let punch = Punch.with { $0.eventSeq = 1; $0.mode = .wfo; $0.capturedAtMs = Self.nowMs() - 73 * 3_600_000 }
        raw.send(RawConnection.frame(id: 2, method: 20, body: punch.serializedBytes()))
        let reply = try raw.receive()
        #expect(reply.status == .outOfRange)
        #expect(reply.detail.hasPrefix("captured_at_ms:"))
    }
}
