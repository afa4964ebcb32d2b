import HadirProto

/// A failed call: gRPC's status code and a message naming what went wrong.
///
/// ```swift
/// throw RPCError(.invalidArgument, "date: expected YYYY-MM-DD, got \"2026-13-01\"")
/// ```
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String

    public init(_ code: StatusCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String {
        let name =
            code.protoName.map { String($0.dropFirst("STATUS_CODE_".count)) } ?? "CODE_\(code.rawValue)"
        return message.isEmpty ? name : "\(name): \(message)"
    }

    /// Whether the same call may be sent again as it is: nothing was done, or the
    /// method is safe to repeat (check-ins carry their event number).
    public var isRetryable: Bool {
        code == .unavailable || code == .deadlineExceeded || code == .resourceExhausted
    }

    public static func invalidArgument(_ field: String, _ reason: String) -> RPCError {
        RPCError(.invalidArgument, "\(field): \(reason)")
    }
}
