import Foundation
import HadirClient
import HadirProto
import HadirRPC
import HadirStore
import Testing

/// Check-ins over real TCP through the generated client, and what survives a restart
/// or a SIGKILL.
@Suite("End to end: durability", .serialized)
struct DurabilityTests {
    @Test("acknowledged check-ins and check-outs survive a restart")
    func restartKeepsEveryRecord() async throws {
        let server = try ServerProcess(employees: 300)
        try server.start()
        let devices = Array(try server.devices().prefix(20))

        // Each of 20 employees checks in then out, 20 connections at once.
        let acknowledged = try await withThrowingTaskGroup(of: (Int64, [PunchReply]).self) { group in
            for device in devices {
                group.addTask {
                    let connection = HadirConnection(port: server.port, deviceToken: device.token)
                    defer { connection.close() }
                    let client = AttendanceServiceClient(connection)
                    let hello = try await connection.hello()
                    let checkIn = try await client.checkIn(
                        .with {
                            $0.eventSeq = hello.lastEventSeq + 1
                            $0.mode = .wfh
                            $0.place = .with { $0.name = "Balai RW 05" }
                        })
                    let checkOut = try await client.checkOut(.with { $0.eventSeq = hello.lastEventSeq + 2 })
                    return (device.employeeID, [checkIn, checkOut])
                }
            }
            var all: [Int64: [PunchReply]] = [:]
            for try await (employee, replies) in group { all[employee] = replies }
            return all
        }
        #expect(acknowledged.count == 20)
        #expect(server.stop(signal: SIGTERM) == 0)

        try server.start()
        defer { server.stop() }
        for device in devices {
            let connection = HadirConnection(port: server.port, deviceToken: device.token)
            defer { connection.close() }
            let hello = try await connection.hello()
            #expect(hello.lastEventSeq == 2, "the server remembers the device's last event number")
            let day = try await AttendanceServiceClient(connection).getDay()
            let replies = try #require(acknowledged[device.employeeID])
            #expect(day.sessions.count == 1)
            #expect(day.sessions.first?.checkInMs == replies[0].recordedAtMs)
            #expect(day.sessions.first?.checkOutMs == replies[1].recordedAtMs)
            #expect(day.sessions.first?.mode == .wfh)
            #expect(day.sessions.first?.placeName == "Balai RW 05")
            #expect(day.workedSeconds == (replies[1].recordedAtMs - replies[0].recordedAtMs) / 1000)
        }
        // And the rows themselves: exactly the acknowledged ids, each once.
        let reader = try StoreReader(path: server.databasePath)
        var stored: [Int64] = []
        for device in devices {
            stored += try reader.events(employeeID: device.employeeID, fromMs: 0, toMs: Int64.max).map(\.id)
        }
        let expected = acknowledged.values.flatMap { $0.map { Int64($0.eventID) } }
        #expect(stored.sorted() == expected.sorted())
    }

    @Test("SIGKILL in a burst: every acknowledged check-in is there exactly once")
    func crashKeepsAcknowledged() async throws {
        let server = try ServerProcess(employees: 400)
        try server.start()
        let devices = Array(try server.devices().prefix(200))
        let acks = AckLog()
        let killed = ManagedFlag()
        let rounds = 10

        // 8 connections, each working through its share of employees, check in and out
        // (many calls in flight each) until the server dies under them.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    let mine = devices.enumerated().filter { $0.offset % 8 == lane }.map(\.element)
                    for round in 0..<rounds {
                        await withTaskGroup(of: Void.self) { calls in
                            for device in mine {
                                calls.addTask {
                                    let connection = HadirConnection(
                                        port: server.port, deviceToken: device.token)
                                    defer { connection.close() }
                                    let seq = UInt32(round + 1)
                                    let punch = Punch.with {
                                        $0.eventSeq = seq; $0.mode = .wfo
                                    }
                                    let client = AttendanceServiceClient(connection)
                                    let reply =
                                        round % 2 == 0
                                        ? try? await client.checkIn(punch, timeout: .seconds(5))
                                        : try? await client.checkOut(punch, timeout: .seconds(5))
                                    if let reply { acks.add(device.employeeID, seq, Int64(reply.eventID)) }
                                }
                            }
                        }
                        if killed.isSet { return }
                    }
                }
            }
            group.addTask {
                // Kill once a good share has been acknowledged, mid-burst.
                let deadline = ContinuousClock.now + .seconds(30)
                while acks.count < 150, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(2))
                }
                server.stop(signal: SIGKILL)
                killed.set()
            }
            try await group.waitForAll()
        }
        #expect(acks.count >= 150)
        #expect(acks.count < devices.count * rounds, "the kill came in the middle of the burst")

        // Restart: recovery from the WAL, then compare row by row.
        try server.start()
        server.stop()
        let reader = try StoreReader(path: server.databasePath)
        var byKey: [String: [Int64]] = [:]
        for device in devices {
            for event in try reader.events(employeeID: device.employeeID, fromMs: 0, toMs: Int64.max) {
                byKey["\(device.employeeID)/\(event.eventSeq)", default: []].append(event.id)
            }
        }
        for (employee, seq, id) in acks.all {
            #expect(
                byKey["\(employee)/\(seq)"] == [id],
                "acknowledged event \(employee)/\(seq) stored once as \(id)")
        }
    }
}

/// Acknowledgements collected from many tasks.
final class AckLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(Int64, UInt32, Int64)] = []

    func add(_ employee: Int64, _ seq: UInt32, _ id: Int64) {
        lock.withLock { entries.append((employee, seq, id)) }
    }

    var count: Int { lock.withLock { entries.count } }
    var all: [(Int64, UInt32, Int64)] { lock.withLock { entries } }
}

final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
