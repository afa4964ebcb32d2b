import Foundation
import HadirClient
import HadirProto
import HadirRPC

/// The commands of WorkTimeService: months, a team's day, a unit's report, leave and
/// corrections.
enum WorkTimeCommands {
    static let names: Set<String> = [
        "month", "team-day", "unit-report", "absence", "correct", "corrections", "decide",
    ]

    static func run(_ command: String, _ options: Options) async {
        let connection = CallCommands.connect(options)
        do {
            _ = try await connection.hello()
            let client = WorkTimeServiceClient(connection)
            let words = options.positional
            switch command {
            case "month": try await month(words.first ?? "", client)
            case "team-day": try await teamDay(words.first ?? "", options, client)
            case "unit-report":
                guard words.count == 3 else { fail("unit-report needs UNIT FROM TO") }
                try await unitReport(words[0], words[1], words[2], client)
            case "absence":
                guard words.count == 4 else { fail("absence needs NIP KIND FROM TO") }
                try await absence(words, options, connection, client)
            case "correct": try await correct(words, client)
            case "corrections": try await corrections(client)
            default:
                guard words.count >= 2, let id = UInt64(words[0]), ["approve", "reject"].contains(words[1])
                else {
                    fail("decide needs ID approve|reject [NOTE]")
                }
                let decided = try await client.decideCorrection(
                    .with {
                        $0.id = id
                        $0.approve = words[1] == "approve"
                        $0.note = words.dropFirst(2).joined(separator: " ")
                    })
                print(line(decided))
            }
        } catch {
            fail("\(error)", code: 1)
        }
        connection.close()
    }

    static func month(_ month: String, _ client: WorkTimeServiceClient) async throws {
        let reply = try await client.getMonth(.with { $0.month = month })
        print("month \(reply.month)")
        for day in reply.days { print("  " + Format.dayLine(day)) }
        print("  worked \(Format.duration(reply.workedSeconds)) of \(Format.duration(reply.requiredSeconds))")
        print(
            "  met \(reply.metDays) (leave \(reply.leaveDays)), excused \(reply.excusedDays), "
                + "short \(reply.shortDays), absent \(reply.absentDays), "
                + "incomplete \(reply.incompleteDays), open \(reply.openDays)")
        print("  deduction \(Double(reply.deductionBasisPoints) / 100)% of TPP")
    }

    static func teamDay(_ date: String, _ options: Options, _ client: WorkTimeServiceClient) async throws {
        var token = ""
        var pages = 0
        repeat {
            let page = try await client.getTeamDay(
                .with {
                    $0.date = date
                    $0.supervisorID = UInt64(options["--supervisor"] ?? "0") ?? 0
                    $0.pageSize = 200
                    $0.pageToken = token
                })
            if pages == 0 { print("team day \(page.date)") }
            for member in page.members {
                print(
                    "  \(member.nip)  \(Format.column(member.name, 32))  "
                        + "\(Format.column(Format.status(member.status), 11))  "
                        + Format.duration(member.workedSeconds))
            }
            token = page.nextPageToken
            pages += 1
        } while !token.isEmpty && pages < 10_000
    }

    static func unitReport(_ unit: String, _ from: String, _ to: String, _ client: WorkTimeServiceClient)
        async throws
    {
        var token = ""
        var pages = 0
        print("unit \(unit), \(from) to \(to)")
        print("  NIP                 worked    met short absent incomplete leave")
        repeat {
            let page = try await client.getUnitReport(
                .with {
                    $0.unitCode = unit
                    $0.from = from
                    $0.to = to
                    $0.pageToken = token
                })
            for row in page.rows {
                print(
                    "  \(row.nip)  \(Format.column(Format.duration(row.workedSeconds), 8))  "
                        + "\(row.metDays) \(row.shortDays) \(row.absentDays) \(row.incompleteDays) "
                        + "\(row.leaveDays)"
                )
            }
            token = page.nextPageToken
            pages += 1
        } while !token.isEmpty && pages < 10_000
    }

    static let kinds: [String: AbsenceKind] = [
        "cuti-tahunan": .cutiTahunan, "cuti-sakit": .cutiSakit, "cuti-melahirkan": .cutiMelahirkan,
        "cuti-alasan-penting": .cutiAlasanPenting, "dinas-luar": .dinasLuar, "dl": .dinasLuar,
        "pelatihan": .pelatihan,
    ]

    static func absence(
        _ words: [String], _ options: Options, _ connection: HadirConnection, _ client: WorkTimeServiceClient
    ) async throws {
        guard let kind = kinds[words[1]] else {
            fail("absence: KIND is one of \(kinds.keys.sorted().joined(separator: ", "))")
        }
        let employee = try await DirectoryServiceClient(connection).getEmployee(
            .with { $0.key = .nip(words[0]) })
        let reply = try await client.recordAbsence(
            .with {
                $0.employeeID = employee.id
                $0.kind = kind
                $0.from = words[2]
                $0.to = words[3]
                $0.note = options["--note"] ?? ""
            })
        print("recorded \(words[1]) for \(employee.name) on \(reply.days) day(s)")
    }

    /// `correct add in|out TIME REASON...`, `correct move EVENT_ID TIME REASON...`,
    /// `correct remove EVENT_ID REASON...`; TIME is ISO 8601 with its offset.
    static func correct(_ words: [String], _ client: WorkTimeServiceClient) async throws {
        func instant(_ text: String) -> Int64 {
            guard let date = ISO8601DateFormatter().date(from: text) else {
                fail("correct: expected an ISO 8601 instant like 2026-12-04T16:00:00+07:00, got \"\(text)\"")
            }
            return Int64(date.timeIntervalSince1970 * 1000)
        }
        var request = RequestCorrectionRequest()
        switch words.first {
        case "add" where words.count >= 4 && ["in", "out"].contains(words[1]):
            request.action = .add
            request.punchKind = words[1] == "in" ? 1 : 2
            request.atMs = instant(words[2])
            request.mode = .wfo
            request.reason = words.dropFirst(3).joined(separator: " ")
        case "move" where words.count >= 4:
            request.action = .move
            request.eventID = UInt64(words[1]) ?? 0
            request.atMs = instant(words[2])
            request.reason = words.dropFirst(3).joined(separator: " ")
        case "remove" where words.count >= 3:
            request.action = .remove
            request.eventID = UInt64(words[1]) ?? 0
            request.reason = words.dropFirst(2).joined(separator: " ")
        default:
            fail("correct add in|out TIME REASON | move EVENT_ID TIME REASON | remove EVENT_ID REASON")
        }
        print(line(try await client.requestCorrection(request)))
    }

    static func corrections(_ client: WorkTimeServiceClient) async throws {
        var token = ""
        var pages = 0
        repeat {
            let page = try await client.listPendingCorrections(.with { $0.pageToken = token })
            for correction in page.corrections { print(line(correction)) }
            token = page.nextPageToken
            pages += 1
        } while !token.isEmpty && pages < 10_000
    }

    static func line(_ c: Correction) -> String {
        let when =
            c.atMs == 0
            ? ""
            : " at \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(c.atMs) / 1000)))"
        let event = c.eventID == 0 ? "" : " event \(c.eventID)"
        var text =
            "#\(c.id) employee \(c.employeeID): \(c.action)\(event)\(when)"
            + " — \"\(c.reason)\" (\(c.state); asked by \(c.requestedBy))"
        if c.decidedBy != 0 { text += ", decided by \(c.decidedBy): \"\(c.decisionNote)\"" }
        return text
    }
}
