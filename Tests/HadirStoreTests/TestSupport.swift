import Foundation
@testable import HadirStore

/// A fresh directory under the system's temp dir, removed by `cleanup()`.
struct TempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hadir-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// Creates a migrated database with one unit `U1`, employees 1...count, and device `i`
/// enrolled to employee `i` with token `token-i`.
func makeDatabase(at path: String, employees count: Int) throws {
    let (db, _) = try Connections.openWriter(path: path)
    try db.transaction {
        try db.exec("INSERT INTO units (code, name, kind) VALUES ('U1', 'Unit Satu', 4)")
        let employee = try db.prepare(
            "INSERT INTO employees (id, nip, name, unit_code, supervisor_id) VALUES (?, ?, ?, 'U1', ?)")
        let device = try db.prepare(
            """
            INSERT INTO devices (id, employee_id, token_hash, label, enrolled_at_ms)
            VALUES (?, ?, ?, 'test', 0)
            """)
        for id in 1...Int64(count) {
            employee.bind(1, id)
            employee.bind(2, String(format: "19800101200501%d%03d", 1, id % 1000))
            employee.bind(3, "Pegawai \(id)")
            if id == 1 { employee.bindNull(4) } else { employee.bind(4, Int64(1)) }
            try employee.run()
            employee.reset()
            device.bind(1, id)
            device.bind(2, id)
            device.bind(3, blob: SHA256.hash("token-\(id)"))
            try device.run()
            device.reset()
        }
    }
}

/// Submits and waits for the outcome.
func submitAndWait(_ writer: AttendanceWriter, _ command: PunchCommand) -> Result<PunchOutcome, StoreError> {
    let box = ResultBox()
    writer.submit(command) { box.set($0) }
    return box.wait()
}

/// A one-shot, thread-safe result slot.
final class ResultBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Result<PunchOutcome, StoreError>?

    func set(_ result: Result<PunchOutcome, StoreError>) {
        value = result
        done.signal()
    }

    func wait() -> Result<PunchOutcome, StoreError> {
        done.wait()
        return value!
    }
}

/// 2025-05-05 08:00:00 WIB (01:00:00 UTC), a Monday.
let mondayEightWIB: Int64 = 1_746_406_800_000
let hourMs: Int64 = 3_600_000

func punch(
    employee: Int64 = 1, device: Int64? = nil, seq: UInt32, _ kind: PunchKind, at ms: Int64,
    place: String = ""
) -> PunchCommand {
    PunchCommand(
        employeeID: employee, deviceID: device ?? employee, eventSeq: seq, kind: kind, mode: 1,
        capturedAtMs: ms, recordedAtMs: ms, receivedAtMs: ms + 150, placeName: place,
        latitude: -7.2575, longitude: 112.7521, accuracyM: 12.5)
}
