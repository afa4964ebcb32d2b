import Foundation
import HadirClient
import HadirProto
import HadirRPC
import HadirRules

/// The commands that call the server as a phone would.
enum CallCommands {
    static func run(_ command: String, _ options: Options) async {
        let connection = connect(options)
        do {
            switch command {
            case "checkin", "checkout": try await punch(command, options, connection)
            case "today": try await showDay("", connection)
            case "day":
                guard let date = options.positional.first else { fail("day needs a date YYYY-MM-DD") }
                try await showDay(date, connection)
            case "week": try await showWeek(options.positional.first, connection)
            case "whoami": try await whoami(connection)
            case "units": try await units(options.positional.first ?? "", connection)
            default: try await team(options, connection)
            }
        } catch {
            fail("\(error)", code: 1)
        }
        connection.close()
    }

    static func connect(_ options: Options) -> HadirConnection {
        let server = options["--server"] ?? "127.0.0.1:7420"
        let parts = server.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else {
            fail("--server: expected HOST:PORT, got \"\(server)\"")
        }
        let token: String
        if let given = options["--token"] {
            token = given
        } else {
            do {
                token = try EnrolledDevice.load(
                    path: options["--tokens"] ?? "var/tokens.tsv", nip: options["--nip"]
                ).token
            } catch {
                fail("\(error)")
            }
        }
        return HadirConnection(
            host: String(parts[0]), port: port, deviceToken: token, clientName: "hadir-cli/0.1")
    }

    static func punch(_ command: String, _ options: Options, _ connection: HadirConnection) async throws {
        let session = try await connection.hello()
        var request = Punch()
        // The server tells each device the last event number it stored.
        guard session.lastEventSeq < UInt32.max else {
            fail("this device has used every event number; enrol a new device", code: 1)
        }
        request.eventSeq = session.lastEventSeq + 1
        if let text = options["--mode"] {
            request.mode = try mode(text)
        } else if command == "checkin" {
            request.mode = .wfo
        }
        if let place = options["--place"] { request.place = .with { $0.name = place } }
        if let at = options["--at"] {
            guard let date = ISO8601DateFormatter().date(from: at) else {
                fail("--at: expected an ISO 8601 instant like 2026-12-04T07:30:00+07:00, got \"\(at)\"")
            }
            request.capturedAtMs = Int64(date.timeIntervalSince1970 * 1000)
        }
        let client = AttendanceServiceClient(connection)
        let reply =
            command == "checkin"
            ? try await client.checkIn(request, timeout: .seconds(15))
            : try await client.checkOut(request, timeout: .seconds(15))
        let verb = command == "checkin" ? "checked in" : "checked out"
        let at = Format.time(reply.recordedAtMs, session.timeZone)
        let mode = request.mode == .unspecified ? "" : Format.mode(request.mode) + " "
        let replayed = reply.replayed ? " (already stored)" : ""
        print(
            "\(session.name) (\(session.nip)) \(verb) at \(at) \(mode)"
                + "event id \(reply.eventID) (device event \(request.eventSeq))\(replayed)"
        )
        try await showDay("", connection)
    }

    static func mode(_ text: String) throws -> WorkMode {
        switch text.lowercased() {
        case "wfo", "office": .wfo
        case "wfa", "anywhere": .wfa
        case "wfh", "home": .wfh
        case "dl", "dinas-luar", "dinas_luar": .dinasLuar
        default: fail("--mode: expected wfo, wfa, wfh or dl, got \"\(text)\"")
        }
    }

    static func showDay(_ date: String, _ connection: HadirConnection) async throws {
        let session = try await connection.hello()
        let day = try await AttendanceServiceClient(connection).getDay(.with { $0.date = date })
        print(Format.day(day, zone: session.timeZone, name: "\(session.name) (\(session.nip))"))
    }

    static func showWeek(_ date: String?, _ connection: HadirConnection) async throws {
        let session = try await connection.hello()
        let anchor = date ?? Format.today(session.timeZone)
        guard let day = LocalDate(iso: anchor) else {
            fail("week: expected a date YYYY-MM-DD, got \"\(anchor)\"")
        }
        let monday = day.startOfWeek
        let reply = try await AttendanceServiceClient(connection).listDays(
            .with {
                $0.from = monday.iso
                $0.to = monday.adding(days: 6).iso
            })
        print("\(session.name) (\(session.nip)), week of \(monday.iso)")
        for day in reply.days {
            print("  " + Format.dayLine(day))
        }
        let required = reply.days.reduce(Int64(0)) { $0 + $1.requiredSeconds }
        print("  total \(Format.duration(reply.workedSeconds)) of \(Format.duration(required))")
    }

    static func whoami(_ connection: HadirConnection) async throws {
        let session = try await connection.hello()
        let offset = (session.clockOffsetMs >= 0 ? "+" : "") + String(session.clockOffsetMs)
        print(
            """
            \(session.name)
            NIP        \(session.nip)
            employee   \(session.employeeID)
            unit       \(session.unitCode) (\(session.timeZone))
            last event \(session.lastEventSeq)
            clock      device \(offset) ms from the server
            """)
    }

    static func units(_ parent: String, _ connection: HadirConnection) async throws {
        let reply = try await DirectoryServiceClient(connection).listUnits(.with { $0.parentCode = parent })
        print("\(Format.column("code", 34)) \(Format.column("staff", 6)) name")
        for unit in reply.units {
            let staff = Format.column(String(unit.employeeCount), 6)
            print("\(Format.column(unit.code, 34)) \(staff) \(unit.name)")
        }
    }

    static func team(_ options: Options, _ connection: HadirConnection) async throws {
        let supervisor = UInt64(options["--supervisor"] ?? "0") ?? 0
        let reply = try await DirectoryServiceClient(connection).listReports(
            .with {
                $0.supervisorID = supervisor
                $0.pageToken = options["--page-token"] ?? ""
            })
        print("id\tnip\tunit\tname")
        for employee in reply.employees {
            print("\(employee.id)\t\(employee.nip)\t\(employee.unitCode)\t\(employee.name)")
        }
        if !reply.nextPageToken.isEmpty { print("(more: hadir team --page-token \(reply.nextPageToken))") }
    }
}
