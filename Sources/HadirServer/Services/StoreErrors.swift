import HadirRPC
import HadirStore

extension RPCError {
    /// The status a store failure is answered with.
    init(_ error: StoreError) {
        switch error.code {
        case .notFound: self.init(.notFound, error.message)
        case .invalidArgument(let field, let reason): self = .invalidArgument(field, reason)
        case .failedPrecondition: self.init(.failedPrecondition, error.message)
        case .conflict: self.init(.alreadyExists, error.message)
        default: self.init(.internal, "store: \(error.message)")
        }
    }

    /// Wraps anything a read throws.
    static func from(_ error: any Error) -> RPCError {
        if let error = error as? RPCError { return error }
        if let error = error as? StoreError { return RPCError(error) }
        return RPCError(.internal, "\(error)")
    }
}
