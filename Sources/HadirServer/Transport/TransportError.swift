import Glibc

/// A failure to start the transport: what failed, and the `errno` that said so.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which step failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String

        /// ``TransportConfig/host`` is not an IPv4 address.
        public static let invalidAddress = Code(name: "invalid_address")
        /// `socket`, `setsockopt`, `bind`, `listen` or `getsockname` failed.
        public static let listen = Code(name: "listen")
        /// `epoll_create1` or `eventfd` failed.
        public static let eventLoop = Code(name: "event_loop")
        /// ``TransportServer/start()`` was called twice.
        public static let alreadyStarted = Code(name: "already_started")

        public var description: String { name }
    }

    /// Which step failed.
    public let code: Code
    /// The `errno` captured right after the failing call, or 0.
    public let errno: Int32
    /// The failing call or value.
    public let detail: String

    public init(_ code: Code, errno: Int32 = 0, detail: String) {
        self.code = code
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        guard errno != 0 else { return "\(code): \(detail)" }
        return "\(code): \(detail): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
