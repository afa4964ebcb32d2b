import Foundation
import HadirLog
import Synchronization
@testable import HadirServer

/// A handler that runs a closure for each frame and counts connection events.
final class TestHandler: FrameHandler {
    typealias OnFrame = @Sendable ([UInt8], Connection) -> Void

    let onFrame: OnFrame
    let opened = Atomic<Int>(0)
    let closed = Atomic<Int>(0)
    let frames = Atomic<Int>(0)

    init(_ onFrame: @escaping OnFrame) {
        self.onFrame = onFrame
    }

    /// Echoes each payload on the loop thread.
    static func echo() -> TestHandler {
        TestHandler { payload, connection in connection.send(payload) }
    }

    /// Answers each payload reversed, on the loop thread.
    static func reverse() -> TestHandler {
        TestHandler { payload, connection in connection.send(payload.reversed()) }
    }

    func handleFrame(_ payload: UnsafeRawBufferPointer, on connection: Connection) {
        frames.add(1, ordering: .relaxed)
        onFrame(Array(payload), connection)
    }

    func connectionOpened(_ connection: Connection) { opened.add(1, ordering: .relaxed) }
    func connectionClosed(_ connection: Connection) { closed.add(1, ordering: .relaxed) }
}

/// A started server for one test; `stop()` shuts it down.
struct RunningServer {
    let server: TransportServer
    let port: UInt16
    let sink: LogSink

    init(_ handler: FrameHandler, configure: (inout TransportConfig) -> Void = { _ in }) throws {
        var config = TransportConfig()
        config.port = 0
        config.loops = 2
        configure(&config)
        sink = LogSink.memory()
        server = TransportServer(
            config: config, handler: handler,
            logger: Logger(label: "test", threshold: .debug, sink: sink))
        port = try server.start()
    }

    func client(timeout: Duration = .seconds(5)) throws -> TestClient {
        try TestClient(port: port, timeout: timeout)
    }

    /// Whether a log line mentions `text`, waiting briefly for the loop to write it.
    func logged(_ text: String) -> Bool {
        for _ in 0..<100 {
            if sink.lines.contains(where: { $0.contains(text) }) { return true }
            usleep(10_000)
        }
        return false
    }

    func stop(grace: Duration = .seconds(1)) {
        server.shutdown(grace: grace)
    }
}

/// Waits until `condition` holds, polling, for at most `timeout`.
func eventually(_ timeout: Duration = .seconds(5), _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A value behind an `NSLock`, which ThreadSanitizer understands.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
