import Foundation
import HadirClient
import HadirProto
import HadirRPC
import HadirWire
import Testing

/// Inputs a hostile or broken client may send: each gets a status naming the field,
/// and the server stays up for everyone else.
@Suite("End to end: validation", .serialized)
final class ValidationTests {
    let server: ServerProcess
    let devices: [(nip: String, employeeID: Int64, token: String)]

    init() throws {
        server = try ServerProcess(employees: 300)
        try server.start()
        devices = try server.devices()
    }

    deinit { server.stop() }

    private func status<T>(_ body: () async throws -> T) async -> (StatusCode, String)? {
        do {
            _ = try await body()
            return nil
        } catch let error as RPCError {
            return (error.code, error.message)
        } catch {
            return (.unknown, "\(error)")
        }
    }

    @Test("extreme clock values are refused, not overflowed", arguments: [Int64.min, Int64.max, 1])
    func extremeDeviceClock(deviceTime: Int64) throws {
        let raw = try RawConnection(port: server.port)
        let hello = HelloRequest.with {
            $0.deviceToken = devices[20].token; $0.deviceTimeMs = deviceTime
        }
        raw.send(RawConnection.frame(id: 1, method: 1, body: hello.serializedBytes()))
        let reply = try raw.receive()
        #expect(reply.status == .invalidArgument)
        #expect(reply.detail.hasPrefix("device_time_ms:"))
        // Refused Hello: no session.
        raw.send(RawConnection.frame(id: 2, method: 22, body: nil))
        #expect(try raw.receive().status == .unauthenticated)
    }

    @Test("a capture time at Int64.max is OUT_OF_RANGE and the server lives on")
    func extremeCaptureTime() async throws {
        let raw = try RawConnection(port: server.port)
        let yearAgo = Int64(Date().timeIntervalSince1970 * 1000) - 365 * 86_400_000
        raw.send(
            RawConnection.frame(
                id: 1, method: 1,
                body: HelloRequest.with {
                    $0.deviceToken = devices[21].token
                    $0.deviceTimeMs = yearAgo
                }.serializedBytes()))
        #expect(try raw.receive().status == .ok)
        for captured in [Int64.max, Int64.max - 1, 1] {
            let punch = Punch.with {
                $0.eventSeq = 1; $0.mode = .wfo; $0.capturedAtMs = captured
            }
            raw.send(RawConnection.frame(id: 2, method: 20, body: punch.serializedBytes()))
            let reply = try raw.receive()
            #expect(reply.status == .outOfRange)
            #expect(reply.detail.hasPrefix("captured_at_ms:"))
        }
        let day = try await AttendanceServiceClient(
            HadirConnection(port: server.port, deviceToken: devices[22].token)
        ).getDay()
        #expect(day.date.count == 10)
    }

    @Test("a failed Hello ends the session the connection had")
    func failedHelloEndsSession() throws {
        let raw = try RawConnection(port: server.port)
        try raw.hello(devices[23].token)
        raw.send(
            RawConnection.frame(
                id: 2, method: 1, body: HelloRequest.with { $0.deviceToken = "forged" }.serializedBytes()))
        #expect(try raw.receive().status == .unauthenticated)
        raw.send(RawConnection.frame(id: 3, method: 22, body: nil))
        #expect(try raw.receive().status == .unauthenticated)
    }

    @Test("dates: wrong shape and impossible dates are told apart; ranges hold 366 days at most")
    func dates() async throws {
        let client = AttendanceServiceClient(
            HadirConnection(port: server.port, deviceToken: devices[24].token))
        let impossible = await status { try await client.getDay(.with { $0.date = "2026-02-30" }) }
        #expect(impossible?.0 == .invalidArgument)
        #expect(impossible?.1 == "date: 2026-02-30 is not a date of the calendar")
        let shape = await status { try await client.getDay(.with { $0.date = "2026-1-1" }) }
        #expect(shape?.1 == "date: expected YYYY-MM-DD, got \"2026-1-1\"")
        let leapYear = try await client.listDays(
            .with {
                $0.from = "2024-01-01"; $0.to = "2024-12-31"
            })
        #expect(leapYear.days.count == 366)
        let tooLong = await status {
            try await client.listDays(
                .with {
                    $0.from = "2024-01-01"; $0.to = "2025-01-01"
                })
        }
        #expect(tooLong?.1 == "to: a range holds at most 366 days, this one 367")
        let reversed = await status {
            try await client.listDays(
                .with {
                    $0.from = "2024-02-01"; $0.to = "2024-01-01"
                })
        }
        #expect(reversed?.1 == "to: before from")
    }

    @Test("the directory shows a record only within the reporting chain")
    func directoryPermissions() async throws {
        // Two staff members at the end of the roster (the seed is fixed): neither is above
        // the other.
        let connection = HadirConnection(port: server.port, deviceToken: devices[299].token)
        let directory = DirectoryServiceClient(connection)
        let me = try await directory.getEmployee()
        let other = try #require(devices.reversed().first { $0.employeeID != me.id && $0.employeeID > 290 })
        let lookup = await status {
            try await directory.getEmployee(.with { $0.key = .id(UInt64(other.employeeID)) })
        }
        #expect(lookup?.0 == .permissionDenied)
        #expect(lookup?.1 == "id: not in your reporting chain")
        // One's own supervisor is visible.
        let boss = try await directory.getEmployee(.with { $0.key = .id(me.supervisorID) })
        #expect(boss.id == me.supervisorID)
        // The Sekda (id 1) sees anyone, and may list anyone's reports.
        let sekda = DirectoryServiceClient(HadirConnection(port: server.port, deviceToken: devices[0].token))
        #expect(
            try await sekda.getEmployee(.with { $0.key = .id(UInt64(other.employeeID)) }).id
                == UInt64(other.employeeID))
        let reports = await status { try await directory.listReports(.with { $0.supervisorID = 1 }) }
        #expect(reports?.0 == .permissionDenied)
    }
}

@Suite("End to end: the Swift client's limits")
struct ClientLimitTests {
    @Test("a request over the frame limit is refused by the client, and the link lives on")
    func oversizedRequest() async throws {
        let server = try ServerProcess(employees: 300)
        try server.start()
        defer { server.stop() }
        let connection = HadirConnection(port: server.port, deviceToken: try server.devices()[30].token)
        let attendance = AttendanceServiceClient(connection)
        let punch = Punch.with {
            $0.eventSeq = 1
            $0.mode = .wfo
            $0.place = .with { $0.name = String(repeating: "x", count: 70_000) }
        }
        do {
            _ = try await attendance.checkIn(punch)
            Issue.record("an oversized request was sent")
        } catch {
            #expect(error.code == .resourceExhausted)
            #expect(error.message.hasSuffix("frame limit; not sent"))
        }
        #expect(try await attendance.getDay().date.count == 10)
    }
}
