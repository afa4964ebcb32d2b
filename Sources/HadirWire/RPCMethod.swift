/// One method of a service: its number on the wire and its request and response types.
///
/// Generated service tables declare one per method:
/// ```swift
/// AttendanceService.checkIn  // RPCMethod<Punch, PunchReply>(number: 20, ...)
/// ```
public struct RPCMethod<Request: ProtoMessage, Response: ProtoMessage>: RPCMethodInfo {
    /// The method's number, fixed in the contract's `Method` enum.
    public let number: Int32
    /// "hadir.v1.AttendanceService/CheckIn", for logs and tools.
    public let path: String

    public init(number: Int32, path: String) {
        self.number = number
        self.path = path
    }

    public var requestType: any ProtoMessage.Type { Request.self }
    public var responseType: any ProtoMessage.Type { Response.self }
}

/// What is known of a method without its types: for tables and tools.
public protocol RPCMethodInfo: Sendable {
    var number: Int32 { get }
    var path: String { get }
    var requestType: any ProtoMessage.Type { get }
    var responseType: any ProtoMessage.Type { get }
}
