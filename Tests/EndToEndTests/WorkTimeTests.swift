import Foundation
import HadirClient
import HadirProto
import HadirRPC
import HadirStore
import Testing

/// WorkTimeService over real TCP against a seeded city.
@Suite("End to end: work time", .serialized)
struct WorkTimeTests {
    /// A supervisor two levels up from someone, and a person outside their subtree.
    struct Chain {
        var head: Int64
        var middle: Int64
        var member: Int64
        var outsider: Int64
        var subtree: Set<Int64>
    }

    static func chain(_ server: ServerProcess) throws -> Chain {
        let reader = try StoreReader(path: server.databasePath)
        let devices = try server.devices()
        var below: [Int64: [Int64]] = [:]
        var supervisorOf: [Int64: Int64] = [:]
        for device in devices {
            if let employee = try reader.employee(id: device.employeeID), employee.supervisorID != 0 {
                below[employee.supervisorID, default: []].append(employee.id)
                supervisorOf[employee.id] = employee.supervisorID
            }
        }
        func subtree(_ id: Int64) -> Set<Int64> {
            var out: Set<Int64> = []
            var stack = below[id] ?? []
            while let next = stack.popLast(), out.count < 100_000 {
                if out.insert(next).inserted { stack += below[next] ?? [] }
            }
            return out
        }
        for (member, middle) in supervisorOf.sorted(by: { $0.key < $1.key }) {
            guard let head = supervisorOf[middle] else { continue }
            let tree = subtree(head)
            var above: Set<Int64> = [head]
            var cursor = head
            while let up = supervisorOf[cursor], above.insert(up).inserted { cursor = up }
            guard
                let outsider = devices.map(\.employeeID).first(where: {
                    !tree.contains($0) && !above.contains($0)
                })
            else { continue }
            return Chain(head: head, middle: middle, member: member, outsider: outsider, subtree: tree)
        }
        throw ServerError("no three-level chain in the seeded city")
    }

    static func connect(_ server: ServerProcess, _ employee: Int64) async throws -> HadirConnection {
        let token = try #require(try server.devices().first { $0.employeeID == employee }?.token)
        let connection = HadirConnection(port: server.port, deviceToken: token)
        _ = try await connection.hello()
        return connection
    }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    @Test("a head reads their whole subtree's day, paged, and is refused someone outside")
    func teamDay() async throws {
        let server = try ServerProcess(employees: 300)
        try server.start()
        defer { server.stop() }
        let chain = try Self.chain(server)

        // The member works a little; the total is maintained, not recomputed on read.
        let member = try await Self.connect(server, chain.member)
        defer { member.close() }
        let attendance = AttendanceServiceClient(member)
        let hello = try await member.hello()
        let checkIn = try await attendance.checkIn(
            .with {
                $0.eventSeq = hello.lastEventSeq + 1
                $0.mode = .wfo
                $0.capturedAtMs = Self.nowMs() - 2 * 3_600_000
            })
        let checkOut = try await attendance.checkOut(.with { $0.eventSeq = hello.lastEventSeq + 2 })
        let worked = (checkOut.recordedAtMs - checkIn.recordedAtMs) / 1000
        let date = try await WorkTimeServiceClient(member).getWeek().days
            .first { $0.sessions.contains { $0.checkInMs == checkIn.recordedAtMs } }?.date
        let day = try #require(date)

        let head = try await Self.connect(server, chain.head)
        defer { head.close() }
        let client = WorkTimeServiceClient(head)
        var seen: [UInt64: TeamMember] = [:]
        var token = ""
        var pages = 0
        repeat {
            let page = try await client.getTeamDay(
                .with {
                    $0.date = day
                    $0.pageSize = 7
                    $0.pageToken = token
                })
            #expect(page.members.count <= 7)
            for row in page.members { seen[row.employeeID] = row }
            token = page.nextPageToken
            pages += 1
        } while !token.isEmpty && pages < 1000
        #expect(Set(seen.keys.map { Int64($0) }) == chain.subtree)

        // The maintained total catches up with the commit within a bounded wait.
        var row = seen[UInt64(chain.member)]
        for _ in 0..<100 where row?.workedSeconds != worked {
            try await Task.sleep(for: .milliseconds(50))
            row = try await client.getTeamDay(
                .with {
                    $0.date = day
                    $0.supervisorID = UInt64(chain.middle)
                }
            ).members.first { $0.employeeID == UInt64(chain.member) }
        }
        #expect(row?.workedSeconds == worked)
        #expect((row?.updatedAtMs ?? 0) > 0)

        // Someone outside the subtree: refused, naming the field.
        do {
            _ = try await client.getWeek(.with { $0.employeeID = UInt64(chain.outsider) })
            Issue.record("an outsider's week was served")
        } catch {
            #expect(error.code == .permissionDenied)
            #expect(error.message.contains("employee_id"))
        }
        do {
            _ = try await client.getTeamDay(.with { $0.date = "2025-13-01" })
            Issue.record("a bad date was accepted")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("date"))
        }
        // The member may not read the head's team.
        do {
            _ = try await WorkTimeServiceClient(member).getTeamDay(
                .with { $0.supervisorID = UInt64(chain.head) })
            Issue.record("a member read their head's team")
        } catch {
            #expect(error.code == .permissionDenied)
        }
    }

    @Test("a correction is requested, approved by the supervisor, and changes the day; leave shows as LEAVE")
    func correctionAndLeave() async throws {
        let server = try ServerProcess(employees: 300)
        try server.start()
        defer { server.stop() }
        let chain = try Self.chain(server)

        // A forgotten check-out three hours ago.
        let member = try await Self.connect(server, chain.member)
        defer { member.close() }
        let hello = try await member.hello()
        let checkIn = try await AttendanceServiceClient(member).checkIn(
            .with {
                $0.eventSeq = hello.lastEventSeq + 1
                $0.mode = .wfh
                $0.capturedAtMs = Self.nowMs() - 3 * 3_600_000
            })
        let outAt = checkIn.recordedAtMs + 2 * 3_600_000
        let asked = try await WorkTimeServiceClient(member).requestCorrection(
            .with {
                $0.action = .add
                $0.punchKind = 2
                $0.atMs = outAt
                $0.reason = "lupa absen pulang"
            })
        #expect(asked.state == .pending)
        #expect(asked.requestedBy == UInt64(chain.member))
        do {
            _ = try await WorkTimeServiceClient(member).requestCorrection(
                .with {
                    $0.action = .add; $0.punchKind = 2; $0.atMs = outAt
                })
            Issue.record("a correction without a reason was accepted")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("reason"))
        }

        let supervisor = try await Self.connect(server, chain.middle)
        defer { supervisor.close() }
        let reviewer = WorkTimeServiceClient(supervisor)
        let pending = try await reviewer.listPendingCorrections()
        #expect(pending.corrections.contains { $0.id == asked.id })
        // The outsider may not decide it.
        let outsider = try await Self.connect(server, chain.outsider)
        defer { outsider.close() }
        do {
            _ = try await WorkTimeServiceClient(outsider).decideCorrection(
                .with {
                    $0.id = asked.id; $0.approve = true
                })
            Issue.record("an outsider decided a correction")
        } catch {
            #expect(error.code == .permissionDenied)
        }
        let before = Self.nowMs()
        let decided = try await reviewer.decideCorrection(
            .with {
                $0.id = asked.id
                $0.approve = true
                $0.note = "disetujui"
            })
        #expect(decided.state == .approved)
        #expect(decided.decidedBy == UInt64(chain.middle))
        #expect(decided.decidedAtMs >= before - 1000)
        #expect(decided.requestedBy == UInt64(chain.member))
        #expect(decided.reason == "lupa absen pulang")
        do {
            _ = try await reviewer.decideCorrection(
                .with {
                    $0.id = asked.id; $0.approve = false; $0.note = "x"
                })
            Issue.record("a correction was decided twice")
        } catch {
            #expect(error.code == .failedPrecondition)
        }

        // The day now pairs the check-in with the added check-out: 2 h, in the week and
        // in the maintained total the supervisor reads.
        let week = try await WorkTimeServiceClient(member).getWeek(
            .with {
                $0.date = ""
            })
        let session = week.days.flatMap(\.sessions).first { $0.checkInMs == checkIn.recordedAtMs }
        #expect(session?.checkOutMs == outAt)
        let day = try #require(
            week.days.first { $0.sessions.contains { $0.checkInMs == checkIn.recordedAtMs } })
        #expect(day.workedSeconds == 7200)
        let team = try await reviewer.getTeamDay(.with { $0.date = day.date })
        #expect(team.members.first { $0.employeeID == UInt64(chain.member) }?.workedSeconds == 7200)

        // Leave for the whole of last week, entered by the head.
        let head = try await Self.connect(server, chain.head)
        defer { head.close() }
        let lastWeek = try await WorkTimeServiceClient(head).getWeek(
            .with { $0.employeeID = UInt64(chain.member) })
        let monday = try #require(lastWeek.days.first?.date)
        let previousMonday = Self.shift(monday, days: -7)
        let recorded = try await WorkTimeServiceClient(head).recordAbsence(
            .with {
                $0.employeeID = UInt64(chain.member)
                $0.kind = .cutiTahunan
                $0.from = previousMonday
                $0.to = Self.shift(previousMonday, days: 4)
                $0.note = "cuti tahunan"
            })
        #expect(recorded.days == 5)
        let leaveWeek = try await WorkTimeServiceClient(member).getWeek(.with { $0.date = previousMonday })
        let weekdays = leaveWeek.days.prefix(5)
        #expect(weekdays.contains { $0.status == .leave })
        #expect(weekdays.allSatisfy { $0.status == .leave || $0.status == .nonWorking })
        let teamLeave = try await WorkTimeServiceClient(head).getTeamDay(.with { $0.date = previousMonday })
        let leaveRow = teamLeave.members.first { $0.employeeID == UInt64(chain.member) }
        #expect(leaveRow?.status == leaveWeek.days[0].status)
        // The member cannot give themselves leave.
        do {
            _ = try await WorkTimeServiceClient(member).recordAbsence(
                .with {
                    $0.employeeID = UInt64(chain.member); $0.kind = .cutiSakit; $0.from = monday;
                    $0.to = monday
                })
            Issue.record("self-granted leave")
        } catch {
            #expect(error.code == .permissionDenied)
        }
    }

    static func shift(_ iso: String, days: Int) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let date = formatter.date(from: iso)!.addingTimeInterval(TimeInterval(days * 86_400))
        return formatter.string(from: date)
    }
}
