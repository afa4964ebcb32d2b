import HadirWire

/// Something that carries calls to a Hadir server: what generated client stubs use.
public protocol RPCChannel: Sendable {
    /// Sends one request and waits for its response.
    ///
    /// - Throws: `RPCError` with the server's status, or one made here
    ///   (UNAVAILABLE when the link broke, DEADLINE_EXCEEDED after `timeout`).
    func call<Request, Response>(
        _ method: RPCMethod<Request, Response>, _ request: Request, timeout: Duration?
    ) async throws(RPCError) -> Response
}
