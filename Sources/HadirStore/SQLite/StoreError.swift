import CSQLite

/// An error from the store: a ``Code`` saying what kind of failure it is and a message
/// for people.
///
/// ```swift
/// throw StoreError(.invalidArgument(field: "nip", reason: "must be 18 digits"), "bad NIP")
/// ```
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure happened. Maps one to one onto an RPC status by the server.
    public enum Code: Sendable, Hashable, CustomStringConvertible {
        /// SQLite answered with this (extended) result code.
        case sqlite(Int32)
        /// The thing asked for does not exist.
        case notFound
        /// An input is malformed; `field` names it and `reason` says why.
        case invalidArgument(field: String, reason: String)
        /// The request is well formed but the current state does not allow it.
        case failedPrecondition
        /// The request collides with existing data.
        case conflict
        /// A file system operation failed with this errno.
        case io(Int32)

        public var description: String {
            switch self {
            case .sqlite(let code): "sqlite(\(code))"
            case .notFound: "notFound"
            case .invalidArgument(let field, let reason): "invalidArgument(\(field): \(reason))"
            case .failedPrecondition: "failedPrecondition"
            case .conflict: "conflict"
            case .io(let errno): "io(\(errno))"
            }
        }
    }

    /// The kind of failure.
    public var code: Code
    /// A human readable explanation.
    public var message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// An error for an SQLite result code, with the connection's message when known.
    static func sqlite(_ result: Int32, _ handle: OpaquePointer?, _ context: String) -> StoreError {
        var detail = String(cString: sqlite3_errstr(result))
        if let handle, let raw = sqlite3_errmsg(handle) {
            detail = String(cString: raw)
        }
        return StoreError(.sqlite(result), "\(context): \(detail)")
    }
}
