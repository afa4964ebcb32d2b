import Foundation

/// Limits and addresses for a ``TransportServer``.
///
/// Every limit is enforced per connection by the transport itself, before any handler
/// sees a byte:
///
/// ```swift
/// var config = TransportConfig()
/// config.port = 0                       // ephemeral, for tests
/// config.idleTimeout = .seconds(60)
/// let server = TransportServer(config: config, handler: handler, logger: logger)
/// let port = try server.start()
/// ```
public struct TransportConfig: Sendable {
    /// The IPv4 address to listen on.
    public var host: String = "127.0.0.1"
    /// The TCP port to listen on; 0 picks an ephemeral port (see ``TransportServer/start()``).
    public var port: UInt16 = 7420
    /// How many event loops (threads) serve connections. Defaults to the number of cores.
    public var loops: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The largest payload accepted, in bytes. A longer length prefix closes the connection.
    public var maxFrameBytes: Int = 65536
    /// Connections open at once; connections beyond are closed as soon as accepted.
    public var maxConnections: Int = 20_000
    /// A connection with no bytes read or written for this long, and no call in flight,
    /// is closed.
    public var idleTimeout: Duration = .seconds(300)
    /// A connection that started a frame and did not finish it within this time is closed.
    public var partialFrameTimeout: Duration = .seconds(15)
    /// When a connection's unsent replies exceed this many bytes, the transport stops
    /// reading from it until they are written out.
    public var maxOutputBufferBytes: Int = 1 << 20
    /// The listen backlog.
    public var backlog: Int32 = 4096

    /// The defaults above.
    public init() {}
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at `UInt64.max` and at zero.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        let (sum, overflow2) = whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
        return overflow2 ? .max : sum
    }
}
