import Foundation
import Synchronization
import Testing
@testable import HadirServer

@Suite("Transport over real sockets", .serialized)
struct TransportTests {
    @Test func oneFrameIsEchoed() throws {
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        let client = try running.client()
        try client.write([5] + bytes("hello"))
        #expect(client.read(exactly: 6) == [5] + bytes("hello"))
    }

    @Test func emptyFrameIsEchoedAsEmpty() throws {
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        let client = try running.client()
        try client.write([0])
        #expect(client.read(exactly: 1) == [0])
        // Still framing correctly after an empty frame.
        try client.write([2, 7, 8])
        #expect(client.read(exactly: 3) == [2, 7, 8])
    }

    @Test func frameSplitByteByByte() throws {
        let running = try RunningServer(TestHandler.reverse())
        defer { running.stop() }
        let client = try running.client()
        let payload = (0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let frame = TestClient.frame(payload)
        #expect(Array(frame.prefix(2)) == [0xAC, 0x02])
        for byte in frame {
            try client.write([byte])
            usleep(500)
        }
        #expect(client.read(exactly: frame.count) == TestClient.frame(payload.reversed()))
    }

    @Test func fiftyFramesInOneWrite() throws {
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        let client = try running.client()
        let payloads = (0..<50).map { bytes("frame-\($0)") }
        try client.write(payloads.flatMap { TestClient.frame($0) })
        for payload in payloads {
            #expect(client.readFrame() == payload)
        }
    }

    @Test func repliesFromAnotherThreadArrive() throws {
        let handler = TestHandler { payload, connection in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) {
                connection.send(bytes("re:") + payload)
            }
        }
        let running = try RunningServer(handler)
        defer { running.stop() }
        let client = try running.client()
        for index in 0..<5 {
            try client.writeFrame(bytes("\(index)"))
            #expect(client.readFrame() == bytes("re:\(index)"))
        }
    }

    @Test func repliesMayComeOutOfOrder() throws {
        let first = Locked<[UInt8]?>(nil)
        let handler = TestHandler { payload, connection in
            guard
                let held = first.withLock({ value -> [UInt8]? in
                    if value == nil { value = payload; return nil }
                    return value
                })
            else { return }
            connection.send(payload)
            #expect(connection.callsInFlight == 1)
            connection.send(held)
            #expect(connection.callsInFlight == 0)
        }
        let running = try RunningServer(handler)
        defer { running.stop() }
        let client = try running.client()
        try client.writeFrame(bytes("one"))
        try client.writeFrame(bytes("two"))
        #expect(client.read(exactly: 8) == [3] + bytes("two") + [3] + bytes("one"))
    }

    @Test func lengthOf2To32IsRejected() throws {
        let running = try RunningServer(TestHandler.echo()) { config in
            config.maxFrameBytes = Int(UInt32.max)  // so the 2^32 check itself decides
        }
        defer { running.stop() }
        let bad = try running.client()
        try bad.write([0xFF, 0xFF, 0xFF, 0xFF, 0x10])
        #expect(bad.isClosed(within: .seconds(1)))
        #expect(running.logged("conn.reason=malformed_length"))
        let good = try running.client()
        try good.writeFrame(bytes("still here"))
        #expect(good.readFrame() == bytes("still here"))
    }

    @Test func lengthOf2To32IsRejectedWithDefaults() throws {
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        let bad = try running.client()
        try bad.write([0xFF, 0xFF, 0xFF, 0xFF, 0x10])
        #expect(bad.isClosed(within: .seconds(1)))
        let good = try running.client()
        try good.writeFrame(bytes("ok"))
        #expect(good.readFrame() == bytes("ok"))
    }

    @Test func lengthAboveMaxFrameBytesIsRejected() throws {
        let handler = TestHandler.echo()
        let running = try RunningServer(handler) { $0.maxFrameBytes = 1000 }
        defer { running.stop() }
        let atLimit = try running.client()
        let payload = [UInt8](repeating: 0x5A, count: 1000)
        try atLimit.writeFrame(payload)
        #expect(atLimit.readFrame() == payload)
        let bad = try running.client()
        try bad.write([0xE9, 0x07] + [UInt8](repeating: 1, count: 1001))  // 1001
        #expect(bad.isClosed(within: .seconds(1)))
        #expect(running.logged("conn.reason=frame_too_large"))
        #expect(handler.frames.load(ordering: .relaxed) == 1)
    }

    @Test func sixContinuationBytesAreRejected() throws {
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        let bad = try running.client()
        try bad.write([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])
        #expect(bad.isClosed(within: .seconds(1)))
        #expect(running.logged("conn.reason=malformed_length"))
    }

    @Test func malformedPrefixSplitAcrossReadsIsRejected() throws {
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        let bad = try running.client()
        for _ in 0..<5 {
            try bad.write([0x80])
            usleep(2_000)
        }
        #expect(bad.isClosed(within: .seconds(1)))
    }

    @Test func garbageOnOneConnectionLeavesOthersAlone() throws {
        let handler = TestHandler { payload, connection in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) {
                connection.send(payload)
            }
        }
        let running = try RunningServer(handler) { $0.loops = 1 }
        defer { running.stop() }
        let calm = try running.client()
        try calm.writeFrame(bytes("patience"))
        let noisy = try running.client()
        try noisy.write([UInt8](repeating: 0xFF, count: 4096))
        #expect(noisy.isClosed(within: .seconds(1)))
        #expect(calm.readFrame() == bytes("patience"))
    }

    @Test func idleConnectionsAreClosed() throws {
        let handler = TestHandler.echo()
        let running = try RunningServer(handler) { $0.idleTimeout = .milliseconds(300) }
        defer { running.stop() }
        let client = try running.client()
        try client.writeFrame(bytes("hi"))
        #expect(client.readFrame() == bytes("hi"))
        let start = ContinuousClock.now
        #expect(client.isClosed(within: .seconds(2)))
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(250))
        #expect(running.logged("conn.reason=idle_timeout"))
        #expect(eventually { handler.closed.load(ordering: .relaxed) == 1 })
    }

    @Test func idleTimeoutWaitsForCallsInFlight() throws {
        let handler = TestHandler { payload, connection in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(600)) {
                connection.send(payload)
            }
        }
        let running = try RunningServer(handler) { $0.idleTimeout = .milliseconds(200) }
        defer { running.stop() }
        let client = try running.client()
        try client.writeFrame(bytes("slow"))
        #expect(client.readFrame() == bytes("slow"))
    }

    @Test func partialFrameTimesOut() throws {
        let running = try RunningServer(TestHandler.echo()) { config in
            config.partialFrameTimeout = .milliseconds(300)
        }
        defer { running.stop() }
        let client = try running.client()
        try client.write([5, 1, 2])
        let start = ContinuousClock.now
        #expect(client.isClosed(within: .seconds(2)))
        #expect(ContinuousClock.now - start >= .milliseconds(250))
        #expect(running.logged("conn.reason=partial_frame_timeout"))
    }

    @Test func maxConnectionsIsEnforced() throws {
        let handler = TestHandler.echo()
        let running = try RunningServer(handler) { $0.maxConnections = 2 }
        defer { running.stop() }
        let first = try running.client()
        let second = try running.client()
        for client in [first, second] {
            try client.writeFrame(bytes("in"))
            #expect(client.readFrame() == bytes("in"))
        }
        let third = try running.client()
        #expect(third.isClosed(within: .seconds(1)))
        #expect(running.logged("conn.reason=max_connections"))
        try first.writeFrame(bytes("still"))
        #expect(first.readFrame() == bytes("still"))
        #expect(running.server.openConnections == 2)
        #expect(handler.opened.load(ordering: .relaxed) == 2)
    }

    @Test func gracefulShutdownAnswersCallsInFlight() throws {
        let received = DispatchSemaphore(value: 0)
        let handler = TestHandler { payload, connection in
            received.signal()
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) {
                connection.send(bytes("late:") + payload)
            }
        }
        let running = try RunningServer(handler)
        let client = try running.client()
        try client.writeFrame(bytes("x"))
        #expect(received.wait(timeout: .now() + 5) == .success)
        let start = ContinuousClock.now
        running.stop(grace: .seconds(3))
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(150))
        #expect(elapsed < .seconds(2))
        #expect(client.readFrame() == bytes("late:x"))
        #expect(client.isClosed(within: .seconds(1)))
        #expect(handler.closed.load(ordering: .relaxed) == 1)
        #expect(throws: (any Error).self) { _ = try TestClient(port: running.port) }
    }

    @Test func shutdownGivesUpAfterGrace() throws {
        let handler = TestHandler { _, _ in }  // never answers
        let running = try RunningServer(handler)
        let client = try running.client()
        try client.writeFrame(bytes("void"))
        #expect(eventually { handler.frames.load(ordering: .relaxed) == 1 })
        let start = ContinuousClock.now
        running.stop(grace: .milliseconds(200))
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(150) && elapsed < .seconds(2))
        #expect(client.isClosed(within: .seconds(1)))
    }

    @Test func halfClosedPeerStillGetsItsReplies() throws {
        let queue = DispatchQueue(label: "replies")  // serial: replies keep their order
        let handler = TestHandler { payload, connection in
            queue.asyncAfter(deadline: .now() + .milliseconds(100)) {
                connection.send(payload)
            }
        }
        let running = try RunningServer(handler)
        defer { running.stop() }
        let client = try running.client()
        try client.writeFrame(bytes("a"))
        try client.writeFrame(bytes("b"))
        client.shutdownWrite()
        #expect(client.readFrame() == bytes("a"))
        #expect(client.readFrame() == bytes("b"))
        #expect(client.isClosed(within: .seconds(1)))
    }

    @Test func slowReaderIsPausedNotDropped() throws {
        let reply = [UInt8](repeating: 0xAB, count: 50_000)
        let handler = TestHandler { _, connection in connection.send(reply) }
        let running = try RunningServer(handler) { $0.maxOutputBufferBytes = 100_000 }
        defer { running.stop() }
        let client = try running.client()
        let count = 400  // 20 MB of replies: more than the socket buffers hold
        try client.write((0..<count).flatMap { _ in TestClient.frame([1]) })
        usleep(200_000)
        #expect(handler.frames.load(ordering: .relaxed) < count)
        for _ in 0..<count {
            guard client.readFrame() == reply else {
                Issue.record("reply missing or wrong")
                return
            }
        }
        #expect(handler.frames.load(ordering: .relaxed) == count)
    }

    @Test func fiveHundredConnectionsTwentyFramesTwoLoops() throws {
        let loops = Locked<[Int: Int]>([:])
        let handler = TestHandler { payload, connection in
            loops.withLock { $0[connection.loop.index, default: 0] += 1 }
            connection.send(payload.reversed())
        }
        let running = try RunningServer(handler) { $0.loops = 2 }
        defer { running.stop() }
        let clients = try (0..<500).map { _ in try running.client() }
        for (index, client) in clients.enumerated() {
            try client.write((0..<20).flatMap { TestClient.frame(bytes("c\(index)f-\($0)")) })
        }
        var answered = 0
        for (index, client) in clients.enumerated() {
            for frame in 0..<20 where client.readFrame() == bytes("c\(index)f-\(frame)").reversed() {
                answered += 1
            }
        }
        #expect(answered == 500 * 20)
        #expect(loops.withLock { $0 } == [0: 5000, 1: 5000])  // round-robin
        #expect(running.server.openConnections == 500)
    }
}
