import Foundation
import Testing
@testable import HadirServer

/// A measurement, not a timed unit test: run with `HADIR_MEASURE=1`.
@Suite("Idle connection memory")
struct IdleMemoryTests {
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        let kib = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kib * 1024
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["HADIR_MEASURE"] != nil))
    func nineThousandIdleConnections() throws {
        let count = 9_000  // server and client ends both count against the fd limit
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        var clients: [TestClient] = []
        clients.reserveCapacity(count)
        // Warm up: one round trip so lazily built state exists before measuring.
        let warm = try running.client()
        try warm.writeFrame([1])
        _ = warm.readFrame()
        let before = Self.residentBytes()
        for _ in 0..<count { clients.append(try running.client()) }
        #expect(eventually { running.server.openConnections == count + 1 })
        // One call each, so buffers that were used must have been released.
        for client in clients { try client.writeFrame([UInt8](repeating: 7, count: 100)) }
        for client in clients { #expect(client.readFrame()?.count == 100) }
        let after = Self.residentBytes()
        let perConnection = (after - before) / count
        print("idle connections: \(count), RSS growth \(after - before) bytes, \(perConnection) bytes each")
        #expect(perConnection < 2048)
    }
}
