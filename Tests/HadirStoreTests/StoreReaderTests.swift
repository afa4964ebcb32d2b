import Foundation
import Testing
@testable import HadirStore

@Suite("StoreReader")
struct StoreReaderTests {
    @Test("a reader open beside the running writer sees each event once it is acknowledged")
    func readsWhileWriterRuns() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 3)
        let writer = try AttendanceWriter(path: path)
        defer { writer.shutdown() }
        let reader = try StoreReader(path: path)
        #expect(try reader.events(employeeID: 3, fromMs: 0, toMs: .max).isEmpty)
        _ = try submitAndWait(writer, punch(employee: 3, seq: 9, .checkIn, at: mondayEightWIB)).get()
        let checkOut = punch(employee: 3, seq: 10, .checkOut, at: mondayEightWIB + 8 * hourMs)
        _ = try submitAndWait(writer, checkOut).get()
        let events = try reader.events(
            employeeID: 3, fromMs: mondayEightWIB, toMs: mondayEightWIB + 8 * hourMs)
        // The range is half open: the check-out at exactly `toMs` is left out.
        #expect(events.map(\.eventSeq) == [9])
        #expect(try reader.device(forToken: "token-3")?.lastEventSeq == 10)
        #expect(try reader.device(forToken: "token-4") == nil)
    }

    @Test("units carry their employee count; unknown lookups answer nil")
    func lookups() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 5)
        let reader = try StoreReader(path: path)
        #expect(try reader.unit(code: "U1")?.employeeCount == 5)
        #expect(try reader.units(parentCode: nil).map(\.code) == ["U1"])
        #expect(try reader.unit(code: "U2") == nil)
        #expect(try reader.employee(id: 6) == nil)
        #expect(try reader.employee(id: 2)?.supervisorID == 1)
        #expect(try reader.employee(id: 1)?.supervisorID == 0)
        #expect(try reader.reports(supervisorID: 1, afterID: 2, limit: 2).map(\.id) == [3, 4])
    }
}
