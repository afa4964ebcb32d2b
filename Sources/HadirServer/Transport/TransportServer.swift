import Glibc
import HadirLog
import Foundation

/// A length-prefixed frame server over TCP: epoll loops on their own threads, each frame
/// a protobuf varint length followed by that many payload bytes.
///
/// The transport never parses payloads: it hands each complete one to a
/// ``FrameHandler`` and writes back the replies given to ``Connection/send(_:)``, adding
/// their length prefix.
///
/// ```swift
/// var config = TransportConfig()
/// config.port = 0
/// let server = TransportServer(config: config, handler: EchoHandler(), logger: logger)
/// let port = try server.start()
/// // ...
/// server.shutdown(grace: .seconds(5))
/// ```
public final class TransportServer: @unchecked Sendable {
    private enum Phase {
        case idle
        case running([EventLoop])
        case stopped
    }

    private let context: TransportContext
    private let phaseLock = NSLock()
    private var phase = Phase.idle

    /// Prepares a server; nothing is bound until ``start()``.
    ///
    /// - Parameters:
    ///   - config: Address, loop count and limits.
    ///   - handler: Receives frames and connection events on the loop threads.
    ///   - logger: Info for listening and shutdown, debug for each connection.
    public init(config: TransportConfig, handler: FrameHandler, logger: Logger) {
        context = TransportContext(config: config, handler: handler, logger: logger)
    }

    /// Connections open now, across all loops.
    public var openConnections: Int { context.openConnections.load(ordering: .relaxed) }

    /// Binds, starts the loop threads and returns once they run.
    ///
    /// Ignores `SIGPIPE` for the whole process: a peer that vanishes must not kill it.
    ///
    /// - Returns: The bound port, which differs from the configured one when that is 0.
    /// - Throws: ``TransportError`` when the address is invalid, binding fails or the
    ///   loops cannot be created, or when the server was started before.
    public func start() throws -> UInt16 {
        let config = context.config
        return try phaseLock.withLock { () -> UInt16 in
            guard case .idle = phase else {
                throw TransportError(.alreadyStarted, detail: "start")
            }
            signal(SIGPIPE, SIG_IGN)
            var loops: [EventLoop] = []
            let listenFd: Int32
            let port: UInt16
            do {
                for index in 0..<max(1, config.loops) {
                    loops.append(try EventLoop(index: index, context: context))
                }
                (listenFd, port) = try Socket.listen(
                    host: config.host, port: config.port,
                    backlog: config.backlog)
            } catch {
                for loop in loops { loop.discard() }
                throw error
            }
            loops[0].adoptListener(listenFd, loops: loops)
            for loop in loops { loop.startThread() }
            phase = .running(loops)
            context.logger.info(
                "listening",
                [
                    ("net.address", config.host), ("net.port", "\(port)"), ("net.loops", "\(loops.count)"),
                    ("net.max_frame_bytes", "\(config.maxFrameBytes)"),
                    ("net.max_connections", "\(config.maxConnections)"),
                ])
            return port
        }
    }

    /// Stops gracefully and returns when every loop thread has ended.
    ///
    /// Stops accepting and reading at once, then waits up to `grace` for every call
    /// already received to be answered and its reply written, then closes every
    /// connection. Calling it again, or before ``start()``, does nothing. Must not be
    /// called on a loop thread (from a ``FrameHandler`` method).
    ///
    /// - Parameter grace: The longest wait for calls in flight.
    public func shutdown(grace: Duration) {
        let loops = phaseLock.withLock { () -> [EventLoop] in
            guard case .running(let loops) = phase else { return [] }
            phase = .stopped
            return loops
        }
        guard !loops.isEmpty else { return }
        precondition(!loops.contains { $0.isCurrentThread }, "shutdown on a loop thread")
        context.logger.info(
            "shutting down",
            [
                ("net.grace_ms", "\(grace.nanoseconds / 1_000_000)"),
                ("net.connections", "\(openConnections)"),
            ])
        let (deadline, overflow) = monotonicNow().addingReportingOverflow(grace.nanoseconds)
        for loop in loops { loop.post(.drain(deadline: overflow ? .max : deadline)) }
        for loop in loops { loop.done.wait() }
        context.logger.info("stopped", [])
    }
}
