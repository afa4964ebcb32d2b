import HadirLog

/// What a method handler knows of the call it serves.
public struct ServerCall: Sendable {
    /// The connection the call came on.
    public let connection: Connection
    /// The client's id for the call.
    public let id: UInt32
    /// "hadir.v1.AttendanceService/CheckIn".
    public let path: String
    /// The authenticated session; nil only for SessionService.Hello.
    public let session: Session?
    /// When the server took the call, in milliseconds since the Unix epoch.
    public let receivedAtMs: Int64
    public let logger: Logger

    /// The session of a method that requires one: the dispatcher refuses calls
    /// without a session before they reach such a method.
    public var requireSession: Session { session! }
}
