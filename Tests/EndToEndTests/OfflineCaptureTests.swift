import Foundation
import HadirClient
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
        try db.exec(
            """
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
        raw.send(
            RawConnection.frame(
                id: 1, method: 1,
                body: HelloRequest.with {
                    $0.deviceToken = token
                    $0.deviceTimeMs = Self.nowMs() + skewMs
                }.serializedBytes()))
        let reply = try HelloReply(serializedBytes: try raw.receive().body)
        #expect(abs(reply.clockOffsetMs - skewMs) < 1_000, "measured offset \(reply.clockOffsetMs)")
        return raw
    }

    func day(_ raw: RawConnection, _ date: String, id: UInt32) throws -> Day {
        raw.send(
            RawConnection.frame(
                id: id, method: 22, body: GetDayRequest.with { $0.date = date }.serializedBytes()))
        let reply = try raw.receive()
        #expect(reply.status == .ok, "\(reply.detail)")
        return try Day(serializedBytes: reply.body)
    }

    @Test("offline day in Makassar, clock 15 min fast, the out first: paired once the in arrives")
    func offlineMakassarDay() throws {
        let makassar = try #require(WorkZone(identifier: "Asia/Makassar"))
        let yesterday = makassar.localDate(ofInstant: Self.nowMs()).adding(days: -1)
        let inAt = makassar.instant(of: yesterday, wallSeconds: 7 * 3600 + 55 * 60)  // 07:55 WITA
        let outAt = makassar.instant(of: yesterday, wallSeconds: 16 * 3600 + 5 * 60)  // 16:05 WITA
        let device = devices[299]
        let raw = try connect(device.token, skewMs: fifteenMinutes)

        // The phone's own readings: 15 minutes ahead of the true instants.
        func punch(_ seq: UInt32, _ at: Int64) -> [UInt8] {
            Punch.with {
                $0.eventSeq = seq; $0.mode = .wfa; $0.capturedAtMs = at + fifteenMinutes
            }.serializedBytes()
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
        let punch = Punch.with {
            $0.eventSeq = 1; $0.mode = .wfo; $0.capturedAtMs = Self.nowMs() + fifteenMinutes
        }
        raw.send(RawConnection.frame(id: 2, method: 20, body: punch.serializedBytes()))
        let reply = try PunchReply(serializedBytes: try raw.receive().body)
        #expect(reply.recordedAtMs >= before - 1_000)
        #expect(reply.recordedAtMs <= Self.nowMs() + 1_000)
    }

    @Test("an event older than the policy allows is OUT_OF_RANGE naming captured_at_ms")
    func tooOld() throws {
        let raw = try connect(devices[297].token, skewMs: 0)
        let punch = Punch.with {
            $0.eventSeq = 1; $0.mode = .wfo; $0.capturedAtMs = Self.nowMs() - 73 * 3_600_000
        }
        raw.send(RawConnection.frame(id: 2, method: 20, body: punch.serializedBytes()))
        let reply = try raw.receive()
        #expect(reply.status == .outOfRange)
        #expect(reply.detail.hasPrefix("captured_at_ms:"))
    }
}

/// Two review findings, through the real server.
@Suite("End to end: punches after corrections and across links", .serialized)
final class PunchOrderTests {
    let server: ServerProcess
    let devices: [(nip: String, employeeID: Int64, token: String)]

    init() throws {
        server = try ServerProcess(employees: 300)
        try server.start()
        devices = try server.devices()
    }

    deinit { server.stop() }

    @Test("out 12:00:00 and in 12:00:00 from separate connections keep their order: 8h00m")
    func sameInstantAcrossConnections() async throws {
        let wib = try #require(WorkZone(identifier: "Asia/Jakarta"))
        let day = wib.localDate(ofInstant: OfflineCaptureTests.nowMs()).adding(days: -1)
        let at = { (hour: Int) in wib.instant(of: day, wallSeconds: hour * 3600) }
        let token = devices[290].token
        let punches: [(UInt32, Bool, Int64)] = [
            (1, true, at(8)), (2, false, at(12)), (3, true, at(12)), (4, false, at(16)),
        ]
        for (seq, isIn, instant) in punches {
            // A new connection for each, as separate runs of the CLI: each measures its own offset.
            let connection = HadirConnection(port: server.port, deviceToken: token)
            #expect(try await connection.hello().clockOffsetMs == 0)
            let punch = Punch.with {
                $0.eventSeq = seq; $0.mode = .wfh; $0.capturedAtMs = instant
            }
            let client = AttendanceServiceClient(connection)
            let reply = isIn ? try await client.checkIn(punch) : try await client.checkOut(punch)
            #expect(reply.recordedAtMs == instant)
            connection.close()
        }
        let result = try await AttendanceServiceClient(HadirConnection(port: server.port, deviceToken: token))
            .getDay(.with { $0.date = day.iso })
        #expect(result.sessions.count == 2)
        #expect(result.workedSeconds == 8 * 3600)
        #expect(result.breakSeconds == 0)
    }

    @Test("an approved added check-out lets the person check in again")
    func approvedCorrectionUnblocksCheckIn() async throws {
        // An employee at the end of the roster and their supervisor.
        let member = HadirConnection(port: server.port, deviceToken: devices[295].token)
        let me = try await DirectoryServiceClient(member).getEmployee()
        let boss = try #require(devices.first { $0.employeeID == Int64(me.supervisorID) })
        let attendance = AttendanceServiceClient(member)
        let hello = try await member.hello()
        let startedAt = OfflineCaptureTests.nowMs() - 600_000
        _ = try await attendance.checkIn(
            .with {
                $0.eventSeq = hello.lastEventSeq + 1
                $0.mode = .wfo
                $0.capturedAtMs = startedAt
            })
        // The check-out was forgotten; a correction adds it a minute ago, and it is approved.
        let asked = try await WorkTimeServiceClient(member).requestCorrection(
            .with {
                $0.action = .add
                $0.punchKind = 2
                $0.atMs = OfflineCaptureTests.nowMs() - 60_000
                $0.reason = "lupa absen pulang"
            })
        let reviewer = WorkTimeServiceClient(HadirConnection(port: server.port, deviceToken: boss.token))
        _ = try await reviewer.decideCorrection(
            .with {
                $0.id = asked.id; $0.approve = true
            })
        // The stored events alone still show the session open; the corrected day does not.
        let again = try await attendance.checkIn(
            .with {
                $0.eventSeq = hello.lastEventSeq + 2; $0.mode = .wfh
            })
        #expect(again.replayed == false)
        // The correction is no free pass: with that new session open, another check-in is refused.
        do {
            _ = try await attendance.checkIn(.with { $0.eventSeq = hello.lastEventSeq + 3; $0.mode = .wfh })
            Issue.record("a second check-in while a session is open was accepted")
        } catch {
            #expect(error.code == .failedPrecondition)
        }
        // Near midnight the two sessions fall on two local days: read both.
        let wib = try #require(WorkZone(identifier: hello.timeZone))
        let days = try await attendance.listDays(
            .with {
                $0.from = wib.localDate(ofInstant: startedAt).iso
                $0.to = wib.localDate(ofInstant: OfflineCaptureTests.nowMs()).iso
            })
        let sessions = days.days.flatMap(\.sessions)
        #expect(sessions.count == 2)
        #expect(sessions.first?.checkInMs == startedAt)
        #expect(sessions.first?.checkOutMs != 0)
        #expect(sessions.last?.checkOutMs == 0)
    }
}
