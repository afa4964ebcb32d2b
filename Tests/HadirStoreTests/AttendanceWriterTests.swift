import Foundation
import Testing
@testable import HadirStore

@Suite("AttendanceWriter")
struct AttendanceWriterTests {
    @Test("a check-in is stored with every field and read back")
    func storesCheckIn() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 2)
        let writer = try AttendanceWriter(path: path)
        let outcome = try submitAndWait(
            writer,
            punch(
                employee: 2, seq: 7, .checkIn, at: mondayEightWIB,
                place: "Balai RW 05 Ketintang")
        ).get()
        writer.shutdown()
        #expect(outcome == PunchOutcome(eventID: 1, recordedAtMs: mondayEightWIB, replayed: false))

        let reader = try StoreReader(path: path)
        let events = try reader.events(employeeID: 2, fromMs: mondayEightWIB, toMs: mondayEightWIB + 1)
        #expect(events.count == 1)
        #expect(events.first?.eventSeq == 7)
        #expect(events.first?.placeName == "Balai RW 05 Ketintang")
        #expect(events.first?.receivedAtMs == mondayEightWIB + 150)
        #expect(events.first?.accuracyM == 12.5)
        #expect(try reader.device(forToken: "token-2")?.lastEventSeq == 7)
    }

    @Test("the same (device, seq) twice in one batch: one row, the repeat replayed")
    func idempotentWithinBatch() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 2)
        let writer = try AttendanceWriter(path: path)
        let first = ResultBox()
        let second = ResultBox()
        let gate = holdWriter(writer)
        // Queued while the writer is held: both land in the next batch. The repeat
        // carries a different time and place.
        writer.submit(punch(seq: 1, .checkIn, at: mondayEightWIB)) { first.set($0) }
        writer.submit(punch(seq: 1, .checkIn, at: mondayEightWIB + 60_000, place: "lain")) { second.set($0) }
        gate.signal()
        let a = try first.wait().get()
        let b = try second.wait().get()
        #expect(writer.statistics.largestBatch == 2)
        writer.shutdown()
        // Event 1 is the holding check-in.
        #expect(a == PunchOutcome(eventID: 2, recordedAtMs: mondayEightWIB, replayed: false))
        #expect(b == PunchOutcome(eventID: 2, recordedAtMs: mondayEightWIB, replayed: true))
        // One event for employee 1, plus the holding check-in of employee 2.
        #expect(try countEvents(path) == 2)
    }

    @Test("a repeat in a later batch and after reopening answers the original")
    func idempotentAcrossBatches() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 1)
        var writer = try AttendanceWriter(path: path)
        let original = try submitAndWait(writer, punch(seq: 5, .checkIn, at: mondayEightWIB)).get()
        // The same check-in again, a little later: the original.
        let again = try submitAndWait(writer, punch(seq: 5, .checkIn, at: mondayEightWIB + 60_000)).get()
        // A check-out reusing the number is refused, never taken for the check-in.
        let reused = submitAndWait(writer, punch(seq: 5, .checkOut, at: mondayEightWIB + hourMs))
        writer.shutdown()
        writer = try AttendanceWriter(path: path)
        let afterReopen = try submitAndWait(writer, punch(seq: 5, .checkIn, at: mondayEightWIB)).get()
        writer.shutdown()
        #expect(original.replayed == false)
        #expect(
            again
                == PunchOutcome(
                    eventID: original.eventID, recordedAtMs: mondayEightWIB, replayed: true))
        #expect(afterReopen == again)
        guard case .failure(let error) = reused else {
            Issue.record("a reused event number for a check-out was accepted")
            return
        }
        #expect(error.code == .conflict)
        #expect(
            error.message == "event_seq: 5 was already used for a check_in; a new event needs a new number")
        #expect(try countEvents(path) == 1)
    }

    @Test("check-in while a session is open fails, naming when it opened")
    func checkInWhileOpen() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 1)
        let writer = try AttendanceWriter(path: path)
        defer { writer.shutdown() }
        _ = try submitAndWait(writer, punch(seq: 1, .checkIn, at: mondayEightWIB)).get()
        let result = submitAndWait(writer, punch(seq: 2, .checkIn, at: mondayEightWIB + 2 * hourMs))
        #expect(
            result
                == .failure(
                    StoreError(
                        .failedPrecondition,
                        "check_in: a session opened at 2025-05-05T01:00:00Z is still open; check out first")))
        // 16 h later the session counts as abandoned: a new check-in is accepted.
        let later = try submitAndWait(writer, punch(seq: 3, .checkIn, at: mondayEightWIB + 16 * hourMs)).get()
        #expect(later.eventID == 2)
        #expect(try countEvents(path) == 2)
    }

    @Test("check-out without an open check-in fails; after a check-out too")
    func checkOutWithoutCheckIn() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 1)
        let writer = try AttendanceWriter(path: path)
        defer { writer.shutdown() }
        let expected = Result<PunchOutcome, StoreError>.failure(
            StoreError(.failedPrecondition, "check_out: no open check-in in the last 16 h"))
        #expect(submitAndWait(writer, punch(seq: 1, .checkOut, at: mondayEightWIB)) == expected)
        _ = try submitAndWait(writer, punch(seq: 2, .checkIn, at: mondayEightWIB)).get()
        let out = try submitAndWait(writer, punch(seq: 3, .checkOut, at: mondayEightWIB + 8 * hourMs)).get()
        #expect(out == PunchOutcome(eventID: 2, recordedAtMs: mondayEightWIB + 8 * hourMs, replayed: false))
        #expect(submitAndWait(writer, punch(seq: 4, .checkOut, at: mondayEightWIB + 9 * hourMs)) == expected)
        // A check-in 16 h 1 ms old no longer opens a session.
        _ = try submitAndWait(writer, punch(seq: 5, .checkIn, at: mondayEightWIB + 24 * hourMs)).get()
        let stale = punch(seq: 6, .checkOut, at: mondayEightWIB + 40 * hourMs + 1)
        #expect(submitAndWait(writer, stale) == expected)
        #expect(try countEvents(path) == 3)
    }

    @Test("a backdated (offline) event is judged against the events before it, not the latest")
    func backdatedEvents() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 1)
        let writer = try AttendanceWriter(path: path)
        defer { writer.shutdown() }
        _ = try submitAndWait(writer, punch(seq: 1, .checkIn, at: mondayEightWIB)).get()
        _ = try submitAndWait(writer, punch(seq: 2, .checkOut, at: mondayEightWIB + 4 * hourMs)).get()
        // Sent late: at 10:00 the 08:00 session was still open, so this check-out is accepted
        // although the latest event, 12:00, is a check-out.
        _ = try submitAndWait(writer, punch(seq: 3, .checkOut, at: mondayEightWIB + 2 * hourMs)).get()
        // At 07:00 nothing was open: a check-in is accepted; a check-out is not.
        _ = try submitAndWait(writer, punch(seq: 4, .checkIn, at: mondayEightWIB - hourMs)).get()
        #expect(
            submitAndWait(writer, punch(seq: 5, .checkOut, at: mondayEightWIB - 2 * hourMs))
                == .failure(
                    StoreError(.failedPrecondition, "check_out: no open check-in in the last 16 h")))
        // After all that the latest is still the 12:00 check-out: a new check-in at 13:00 is fine.
        _ = try submitAndWait(writer, punch(seq: 6, .checkIn, at: mondayEightWIB + 5 * hourMs)).get()
        #expect(
            submitAndWait(writer, punch(seq: 7, .checkIn, at: mondayEightWIB + 6 * hourMs))
                == .failure(
                    StoreError(
                        .failedPrecondition,
                        "check_in: a session opened at 2025-05-05T06:00:00Z is still open; check out first")))
        #expect(try countEvents(path) == 5)
    }

    @Test("a failed command in a batch leaves the rest of the batch alone")
    func failureIsolatedInBatch() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 3)
        let writer = try AttendanceWriter(path: path)
        let boxes = (0..<4).map { _ in ResultBox() }
        let commands = [
            punch(employee: 1, seq: 1, .checkIn, at: mondayEightWIB),
            punch(employee: 1, seq: 2, .checkIn, at: mondayEightWIB + 1),  // open: fails
            punch(employee: 2, seq: 1, .checkOut, at: mondayEightWIB),  // none open: fails
            punch(employee: 1, seq: 3, .checkOut, at: mondayEightWIB + hourMs),  // closes seq 1
        ]
        let gate = holdWriter(writer, employee: 3)
        for (command, box) in zip(commands, boxes) {
            writer.submit(command) { box.set($0) }
        }
        gate.signal()
        let results = boxes.map { $0.wait() }
        #expect(writer.statistics.largestBatch == 4)
        writer.shutdown()
        // Event 1 is the holding check-in.
        #expect(try results[0].get().eventID == 2)
        #expect(results[1].failureCode == .failedPrecondition)
        #expect(results[2].failureCode == .failedPrecondition)
        #expect(
            try results[3].get()
                == PunchOutcome(
                    eventID: 3, recordedAtMs: mondayEightWIB + hourMs, replayed: false))
        let reader = try StoreReader(path: path)
        #expect(try reader.device(forToken: "token-1")?.lastEventSeq == 3)
        #expect(try reader.device(forToken: "token-2")?.lastEventSeq == 0)
    }

    @Test("a device not enrolled, or enrolled to someone else, is refused")
    func unknownDevice() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 2)
        let writer = try AttendanceWriter(path: path)
        defer { writer.shutdown() }
        #expect(
            submitAndWait(writer, punch(employee: 1, device: 99, seq: 1, .checkIn, at: mondayEightWIB))
                .failureCode == .notFound)
        #expect(
            submitAndWait(writer, punch(employee: 1, device: 2, seq: 1, .checkIn, at: mondayEightWIB))
                .failureCode == .failedPrecondition)
        #expect(try countEvents(path) == 0)
    }

    @Test("1,000 submits from 8 threads all complete, in fewer batches, 1,000 rows")
    func concurrentSubmits() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 1000)
        let writer = try AttendanceWriter(path: path)
        let group = DispatchGroup()
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<125 {
                let employee = Int64(thread * 125 + i + 1)
                group.enter()
                let command = punch(employee: employee, seq: 1, .checkIn, at: mondayEightWIB + employee)
                writer.submit(command) { result in
                    if case .failure = result { failures.add() }
                    group.leave()
                }
            }
        }
        group.wait()
        let stats = writer.statistics
        writer.shutdown()
        #expect(failures.value == 0)
        #expect(stats.commands == 1000)
        #expect(stats.batches < 1000)
        #expect(try countEvents(path) == 1000)
    }

    @Test("shutdown drains the queue; later submits are refused")
    func shutdownDrains() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 50)
        let writer = try AttendanceWriter(path: path)
        let done = Counter()
        for employee in 1...Int64(50) {
            writer.submit(punch(employee: employee, seq: 1, .checkIn, at: mondayEightWIB)) { result in
                if case .success = result { done.add() }
            }
        }
        writer.shutdown()
        #expect(done.value == 50)
        let late = ResultBox()
        writer.submit(punch(seq: 2, .checkOut, at: mondayEightWIB + hourMs)) { late.set($0) }
        #expect(late.wait().failureCode == .failedPrecondition)
        writer.shutdown()
        #expect(try countEvents(path) == 50)
    }
}

/// Blocks the writer thread inside the completion of a check-in by `employee` until the
/// returned semaphore is signalled, so that what is submitted meanwhile forms one batch.
func holdWriter(_ writer: AttendanceWriter, employee: Int64 = 2) -> DispatchSemaphore {
    let gate = DispatchSemaphore(value: 0)
    let holding = DispatchSemaphore(value: 0)
    writer.submit(punch(employee: employee, seq: 1000, .checkIn, at: 0)) { _ in
        holding.signal()
        gate.wait()
    }
    holding.wait()
    return gate
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

extension Result where Failure == StoreError {
    var failureCode: StoreError.Code? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}

/// Counts rows on a fresh connection, which sees only committed data.
func countEvents(_ path: String) throws -> Int64 {
    let db = try Database(path: path)
    return try db.scalar("SELECT count(*) FROM attendance_events") ?? -1
}

@Suite("AttendanceWriter: events captured offline")
struct OfflineCaptureTests {
    /// A punch captured at `at` that reached the server `lateBy` ms later.
    func late(seq: UInt32, _ kind: PunchKind, at ms: Int64, lateBy: Int64) -> PunchCommand {
        var command = punch(seq: seq, kind, at: ms)
        command.receivedAtMs = ms + lateBy
        return command
    }

    @Test("an offline check-out arriving before its check-in is stored, then the check-in too")
    func outBeforeIn() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 1)
        let writer = try AttendanceWriter(path: path)
        defer { writer.shutdown() }
        let sentAt = mondayEightWIB + 9 * hourMs
        // Out at 16:05, in at 07:55 (08:00 - 5 min), both sent at 17:00, the out first.
        let out = submitAndWait(
            writer,
            late(
                seq: 2, .checkOut, at: mondayEightWIB + 8 * hourMs + 300_000,
                lateBy: sentAt - (mondayEightWIB + 8 * hourMs + 300_000)))
        let inn = submitAndWait(
            writer,
            late(
                seq: 1, .checkIn, at: mondayEightWIB - 300_000,
                lateBy: sentAt - (mondayEightWIB - 300_000)))
        #expect((try? out.get())?.replayed == false)
        #expect((try? inn.get())?.replayed == false)
        #expect(try countEvents(path) == 2)
    }

    @Test("a live check-out with nothing open is still refused")
    func liveStillChecked() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("hadir.sqlite")
        try makeDatabase(at: path, employees: 1)
        let writer = try AttendanceWriter(path: path)
        defer { writer.shutdown() }
        let live = submitAndWait(writer, late(seq: 1, .checkOut, at: mondayEightWIB, lateBy: 1_000))
        guard case .failure(let error) = live else {
            Issue.record("a live check-out with nothing open was accepted")
            return
        }
        #expect(error.code == .failedPrecondition)
    }
}
