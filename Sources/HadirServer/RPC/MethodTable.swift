import HadirProto
import HadirRPC
import HadirWire

/// The methods a server answers, by number.
public struct MethodTable: Sendable {
    /// Decodes a request and runs its handler.
    typealias Invoke = @Sendable (UnsafeRawBufferPointer, ServerCall) -> Void

    struct Entry: Sendable {
        let path: String
        let invoke: Invoke
    }

    private(set) var entries: [Int32: Entry] = [:]

    public init() {}

    /// Routes `method` to `handler`. A request that does not decode is answered
    /// INVALID_ARGUMENT naming the field, and never reaches the handler.
    public mutating func register<Request, Response>(
        _ method: RPCMethod<Request, Response>,
        _ handler: @escaping @Sendable (Request, ServerCall, Responder<Response>) -> Void
    ) {
        let path = method.path
        entries[method.number] = Entry(path: path) { body, call in
            let responder = Responder<Response>(connection: call.connection, id: call.id, path: path)
            let request: Request
            do {
                request = try Request(serializedBytes: body)
            } catch let error as WireError {
                // A fault outside any known field is the body's as a whole.
                let field = error.fieldPath.isEmpty ? "body" : error.field
                responder.fail(.invalidArgument(field, "\(error.code)"))
                return
            } catch {
                responder.fail(RPCError(.invalidArgument, "request: \(error)"))
                return
            }
            handler(request, call, responder)
        }
    }

    func entry(_ number: Int32) -> Entry? { entries[number] }
}
