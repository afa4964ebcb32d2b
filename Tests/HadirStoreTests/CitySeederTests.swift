import Foundation
import Testing
@testable import HadirStore

@Suite("CitySeeder")
struct CitySeederTests {
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data")

    @Test("40,000 employees: the city's units, valid unique NIPs, a sound hierarchy")
    func seedsCity() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        let tokens = dir.path("tokens.tsv")
        let summary = try CitySeeder(dataDirectory: Self.dataDirectory, employees: 40_000, seed: 42)
            .seed(into: path, tokensFile: tokens)
        #expect(summary.perangkatDaerah == 29)
        #expect(summary.kecamatan == 31)
        #expect(summary.kelurahan == 154)
        #expect((46...115).contains(summary.bidang))  // 23 dinas and badan, 2-5 bidang each
        #expect(summary.units == 29 + summary.bidang + 31 + 154)
        #expect(summary.employees == 40_000)
        #expect(summary.devices == 40_000)
        #expect(summary.holidays == 71)

        let db = try Database(path: path)
        #expect(try db.scalar("SELECT count(*) FROM units WHERE kind = 7") == 31)
        #expect(try db.scalar("SELECT count(*) FROM units WHERE kind = 8") == 154)
        #expect(try db.scalar("SELECT count(*) FROM units WHERE kind BETWEEN 1 AND 6") == 29)
        #expect(try db.scalar("SELECT count(*) FROM units WHERE time_zone <> 'Asia/Jakarta'") == 0)
        #expect(try db.scalar("SELECT count(*) FROM units WHERE kind = 8 AND length(postal_code) <> 5") == 0)
        #expect(try db.scalar("SELECT count(DISTINCT nip) FROM employees") == 40_000)
        #expect(try db.scalar("SELECT count(*) FROM devices") == 40_000)
        // Every unit has a head who sits in it and is marked as head.
        #expect(
            try db.scalar(
                """
                SELECT count(*) FROM units u JOIN employees e ON e.id = u.head_employee_id
                WHERE e.unit_code = u.code AND e.is_head = 1
                """) == Int64(summary.units))
        // Only the Sekda has no supervisor; every supervisor exists.
        #expect(try db.scalar("SELECT count(*) FROM employees WHERE supervisor_id IS NULL") == 1)
        #expect(
            try db.scalar(
                """
                SELECT count(*) FROM employees e LEFT JOIN employees s ON s.id = e.supervisor_id
                WHERE e.supervisor_id IS NOT NULL AND s.id IS NULL
                """) == 0)
        // Kelurahan hold 10-20 people each at this size, the lurah included.
        #expect(
            try db.scalar(
                """
                SELECT count(*) FROM (SELECT unit_code, count(*) n FROM employees
                WHERE unit_code LIKE 'KEL-%' GROUP BY unit_code) WHERE n < 10 OR n > 20
                """) == 0)
        // Dispendik, its bidang included, is the largest PD; Dinkes the second.
        let largest = try db.prepare(
            """
            SELECT CASE WHEN u.kind = 9 THEN u.parent_code ELSE u.code END AS pd, count(*) AS n
            FROM employees e JOIN units u ON u.code = e.unit_code GROUP BY pd ORDER BY n DESC LIMIT 2
            """)
        var ranking: [String] = []
        while try largest.step() { ranking.append(largest.string(0)) }
        #expect(ranking == ["DISPENDIK", "DINKES"])

        let reader = try StoreReader(path: path)
        let sekda = try #require(try reader.employee(id: 1))
        #expect(sekda.position == "Sekretaris Daerah")
        #expect(sekda.unitCode == "SETDA")
        #expect(sekda.supervisorID == 0)

        // Walk every employee up: the Sekda within 10 steps, never a cycle.
        var supervisor: [Int64: Int64] = [:]
        let all = try db.prepare("SELECT id, coalesce(supervisor_id, 0), nip FROM employees")
        var invalid: [String] = []
        while try all.step() {
            supervisor[all.int64(0)] = all.int64(1)
            if NIP.problem(in: all.string(2), now: WallClock.currentYearMonth()) != nil {
                invalid.append(all.string(2))
            }
        }
        #expect(invalid.isEmpty)
        var unreachable = 0
        for start in supervisor.keys {
            var id = start
            var steps = 0
            while id != 1 && steps <= 10 {
                id = supervisor[id] ?? -1
                steps += 1
            }
            if id != 1 { unreachable += 1 }
        }
        #expect(unreachable == 0)
    }

    @Test("the unit tree: codes, names, heads and who they report to")
    func unitTree() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try CitySeeder(dataDirectory: Self.dataDirectory, employees: 2_000, seed: 7)
            .seed(into: path, tokensFile: dir.path("tokens.tsv"))
        let reader = try StoreReader(path: path)
        let asemrowo = try #require(try reader.unit(code: "KEC-ASEMROWO"))
        #expect(asemrowo.name == "Kecamatan Asemrowo")
        let kelurahan = try reader.units(parentCode: "KEC-ASEMROWO")
        #expect(
            kelurahan.map(\.code) == [
                "KEL-ASEMROWO-ASEMROWO", "KEL-ASEMROWO-GENTINGKALIANAK",
                "KEL-ASEMROWO-TAMBAKSARIOSO",
            ])
        #expect(kelurahan.first?.postalCode == "60182")
        let lurah = try #require(try reader.employee(id: kelurahan[0].headEmployeeID))
        #expect(lurah.position == "Lurah Asem Rowo")
        #expect(lurah.supervisorID == asemrowo.headEmployeeID)
        let camat = try #require(try reader.employee(id: asemrowo.headEmployeeID))
        #expect(camat.supervisorID == 1)

        let bidang = try reader.units(parentCode: "DISKOMINFO")
        #expect((2...5).contains(bidang.count))
        #expect(bidang.first?.code == "DISKOMINFO-B1")
        #expect(bidang.allSatisfy { $0.name.hasPrefix("Bidang ") && $0.kind == 9 })
        let kepalaBidang = try #require(try reader.employee(id: bidang[0].headEmployeeID))
        let diskominfo = try #require(try reader.unit(code: "DISKOMINFO"))
        #expect(kepalaBidang.supervisorID == diskominfo.headEmployeeID)
        let top = try reader.units(parentCode: nil)
        #expect(top.count == 29 + 31)
        #expect(
            try reader.unit(code: "BAPPEDALITBANG")?.name
                == "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan")

        // Keyset paging over the Sekda's direct reports.
        let first = try reader.reports(supervisorID: 1, afterID: 0, limit: 10)
        let second = try reader.reports(supervisorID: 1, afterID: first.last!.id, limit: 10)
        #expect(first.count == 10)
        #expect(second.first!.id > first.last!.id)
        #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))

        let holidays = try reader.holidays(from: "2025-08-17", to: "2025-08-17")
        #expect(
            holidays == [
                HolidayRecord(
                    date: "2025-08-17", name: "Hari Kemerdekaan Republik Indonesia",
                    kind: "national")
            ])
    }

    @Test("the tokens file: mode 0600, a header, and tokens that find their device")
    func tokensFile() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        let tokensPath = dir.path("tokens.tsv")
        try CitySeeder(dataDirectory: Self.dataDirectory, employees: 500, seed: 1)
            .seed(into: path, tokensFile: tokensPath)
        let mode = try FileManager.default.attributesOfItem(atPath: tokensPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let lines = try String(contentsOfFile: tokensPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 501)
        #expect(lines[0] == "nip\temployee_id\tname\ttoken")
        let fields = lines[42].split(separator: "\t").map(String.init)
        #expect(fields[3].count == 43)
        #expect(fields[3].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        let reader = try StoreReader(path: path)
        let device = try #require(try reader.device(forToken: fields[3]))
        #expect(device.employeeID == Int64(fields[1]))
        #expect(try reader.employee(nip: fields[0])?.id == Int64(fields[1]))
        // The token itself is nowhere in the database.
        let db = try Database(path: path)
        let hash = try db.cached("SELECT token_hash FROM devices WHERE employee_id = ?")
        hash.bind(1, Int64(fields[1])!)
        #expect(try hash.step())
        #expect(hash.blob(0) == SHA256.hash(fields[3]))
    }

    @Test("same seed, same roster; an existing database is kept unless forced")
    func deterministicAndNoOverwrite() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let seeder = CitySeeder(dataDirectory: Self.dataDirectory, employees: 400, seed: 99)
        try seeder.seed(into: dir.path("a.sqlite"), tokensFile: dir.path("a.tsv"))
        try seeder.seed(into: dir.path("b.sqlite"), tokensFile: dir.path("b.tsv"))
        let a = try StoreReader(path: dir.path("a.sqlite"))
        let b = try StoreReader(path: dir.path("b.sqlite"))
        #expect(try a.employee(id: 400) == b.employee(id: 400))
        #expect(try a.employee(id: 400) != nil)
        #expect(throws: StoreError.self) {
            try seeder.seed(into: dir.path("a.sqlite"), tokensFile: dir.path("c.tsv"))
        }
        let forced = try seeder.seed(into: dir.path("a.sqlite"), tokensFile: dir.path("a.tsv"), force: true)
        #expect(forced.employees == 400)
        #expect(throws: StoreError.self) {
            try CitySeeder(dataDirectory: Self.dataDirectory, employees: 10, seed: 1)
                .seed(into: dir.path("small.sqlite"), tokensFile: dir.path("small.tsv"))
        }
    }

    @Test("base64url without padding")
    func base64URL() {
        #expect(TokenGenerator.base64URL(Array("f".utf8)) == "Zg")
        #expect(TokenGenerator.base64URL(Array("fo".utf8)) == "Zm8")
        #expect(TokenGenerator.base64URL(Array("foo".utf8)) == "Zm9v")
        #expect(TokenGenerator.base64URL([0xfb, 0xff, 0xfe]) == "-__-")
        #expect(TokenGenerator.make().count == 43)
    }
}
