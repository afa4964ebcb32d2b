import Foundation
import HadirLog
import Testing
@testable import HadirServer

@Suite("Transport lifecycle and edges", .serialized)
struct TransportLifecycleTests {
    @Test func invalidHostIsReported() {
        var config = TransportConfig()
        config.host = "not-an-address"
        config.port = 0
        let server = TransportServer(config: config, handler: TestHandler.echo(), logger: .disabled)
        #expect(throws: TransportError.self) { _ = try server.start() }
        do {
            _ = try server.start()
        } catch let error as TransportError {
            #expect(error.code == .invalidAddress)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func busyPortIsReportedAndStartingTwiceFails() throws {
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        var config = TransportConfig()
        config.port = running.port
        let second = TransportServer(config: config, handler: TestHandler.echo(), logger: .disabled)
        #expect(throws: TransportError.self) { _ = try second.start() }
        #expect {
            _ = try running.server.start()
        } throws: { ($0 as? TransportError)?.code == .alreadyStarted }
    }

    @Test func largestFrameArrivesInPieces() throws {
        let running = try RunningServer(TestHandler.reverse())
        defer { running.stop() }
        let client = try running.client()
        let payload = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let frame = TestClient.frame(payload)
        #expect(Array(frame.prefix(3)) == [0x80, 0x80, 0x04])
        for start in stride(from: 0, to: frame.count, by: 10_000) {
            try client.write(Array(frame[start..<min(start + 10_000, frame.count)]))
            usleep(1_000)
        }
        #expect(client.readFrame() == payload.reversed())
    }

    @Test func closeFromAnotherThreadFlushesThenCloses() throws {
        let handler = TestHandler { payload, connection in
            DispatchQueue.global().async {
                connection.send(payload)
                connection.close()
                connection.send(bytes("dropped"))
            }
        }
        let running = try RunningServer(handler)
        defer { running.stop() }
        let client = try running.client()
        try client.writeFrame(bytes("bye"))
        #expect(client.readFrame() == bytes("bye"))
        #expect(client.isClosed(within: .seconds(1)))
        #expect(eventually { handler.closed.load(ordering: .relaxed) == 1 })
        #expect(running.server.openConnections == 0)
    }

    @Test func sendWithClosureWritesInPlace() throws {
        let handler = TestHandler { payload, connection in
            connection.send(count: payload.count * 2) { buffer in
                for index in 0..<buffer.count { buffer[index] = payload[index % payload.count] }
            }
            DispatchQueue.global().async {
                connection.send(count: 3) { $0.copyBytes(from: [9, 8, 7]) }
            }
        }
        let running = try RunningServer(handler)
        defer { running.stop() }
        let client = try running.client()
        try client.writeFrame([1, 2])
        #expect(client.read(exactly: 5) == [4, 1, 2, 1, 2])
        #expect(client.read(exactly: 4) == [3, 9, 8, 7])
    }

    @Test func connectionEventsReachTheHandler() throws {
        let handler = TestHandler.echo()
        let running = try RunningServer(handler)
        do {
            let client = try running.client()
            try client.writeFrame([1])
            #expect(client.readFrame() == [1])
        }
        #expect(eventually { handler.closed.load(ordering: .relaxed) == 1 })
        #expect(handler.opened.load(ordering: .relaxed) == 1)
        #expect(running.logged("conn.reason=peer_closed"))
        running.stop()
        #expect(running.logged("msg=stopped"))
    }
}
