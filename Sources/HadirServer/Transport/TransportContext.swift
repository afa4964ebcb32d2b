import HadirLog
import Synchronization

/// What every loop of one server shares.
final class TransportContext: Sendable {
    let config: TransportConfig
    let handler: FrameHandler
    let logger: Logger
    /// Connections accepted and not yet closed, across all loops.
    let openConnections = Atomic<Int>(0)

    let idleTimeout: UInt64
    let partialFrameTimeout: UInt64
    /// How often each loop sweeps its connections for timeouts: a quarter of the
    /// shortest timeout, between 10 ms and 1 s.
    let sweepInterval: UInt64

    init(config: TransportConfig, handler: FrameHandler, logger: Logger) {
        self.config = config
        self.handler = handler
        self.logger = logger
        idleTimeout = config.idleTimeout.nanoseconds
        partialFrameTimeout = config.partialFrameTimeout.nanoseconds
        let shortest = min(idleTimeout, partialFrameTimeout) / 4
        sweepInterval = min(max(shortest, 10_000_000), 1_000_000_000)
    }
}

/// Work handed to a loop from another thread.
enum LoopTask: Sendable {
    /// Adopt a connection the acceptor took.
    case register(Connection)
    /// Queue an already framed reply.
    case send(Connection, [UInt8])
    /// Close a connection.
    case close(Connection)
    /// Stop reading, finish the calls in flight, and stop at the deadline at the latest.
    case drain(deadline: UInt64)
}
