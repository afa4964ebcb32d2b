import Foundation
import Testing
@testable import HadirStore

@Suite("Migrations and durability")
struct MigrationsTests {
    @Test("migrations apply once; reopening applies none and keeps the data")
    func idempotentOnReopen() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        let (first, applied) = try Connections.openWriter(path: path)
        #expect(applied == Migrations.all.map(\.version))
        try first.exec("INSERT INTO holidays (date, name) VALUES ('2025-08-17', 'Hari Kemerdekaan')")
        #expect(try Migrations.currentVersion(of: first) == Migrations.all.last!.version)
        let (second, again) = try Connections.openWriter(path: path)
        #expect(again.isEmpty)
        #expect(try second.scalar("SELECT count(*) FROM schema_migrations") == Int64(Migrations.all.count))
        #expect(try second.scalar("SELECT count(*) FROM holidays") == 1)
        #expect(try second.scalar("SELECT count(*) FROM policies") == 1)
    }

    @Test("the writer's connection runs WAL, synchronous FULL (2), foreign keys on")
    func pragmas() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let (db, _) = try Connections.openWriter(path: dir.path("hadir.sqlite"))
        let mode = try db.cached("PRAGMA journal_mode")
        #expect(try mode.step())
        #expect(mode.string(0) == "wal")
        mode.reset()
        #expect(try db.scalar("PRAGMA synchronous") == 2)
        #expect(try db.scalar("PRAGMA foreign_keys") == 1)
    }

    @Test("the default policy is data: 27,000 s a day, 135,000 s a week, 16 h open")
    func defaultPolicy() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 1)
        let policy = try StoreReader(path: path).defaultPolicy()
        #expect(policy.name == "surabaya-flex")
        #expect(policy.version == 1)
        #expect(policy.daySeconds == 27_000)
        #expect(policy.weekSeconds == 135_000)
        #expect(policy.maxOpenSessionSeconds == 57_600)
    }

    @Test("acknowledged events survive closing and reopening the writer")
    func durability() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 3)
        let writer = try AttendanceWriter(path: path)
        for employee in 1...Int64(3) {
            let checkIn = punch(employee: employee, seq: 1, .checkIn, at: mondayEightWIB)
            _ = try submitAndWait(writer, checkIn).get()
        }
        writer.shutdown()
        let reopened = try AttendanceWriter(path: path)
        let checkOut = punch(employee: 2, seq: 2, .checkOut, at: mondayEightWIB + hourMs)
        let out = try submitAndWait(reopened, checkOut).get()
        reopened.shutdown()
        #expect(out.eventID == 4)
        let reader = try StoreReader(path: path)
        let events = try reader.events(employeeID: 2, fromMs: 0, toMs: .max)
        #expect(events.map(\.kind) == [.checkIn, .checkOut])
        #expect(events.map(\.id) == [2, 4])
    }

    @Test("a reader on a missing file is refused with notFound")
    func readerNeedsFile() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        #expect(throws: StoreError.self) { try StoreReader(path: dir.path("none.sqlite")) }
    }
}
