import Foundation
import HadirProto
import HadirRPC
import HadirWire

#if canImport(Glibc)
import Glibc
#endif

/// A connection to a Hadir server that many calls share at once.
///
/// ```swift
/// let connection = HadirConnection(host: "127.0.0.1", port: 7420, deviceToken: token)
/// let attendance = AttendanceServiceClient(connection)
/// let reply = try await attendance.checkIn(Punch.with { $0.eventSeq = 1; $0.mode = .wfh })
/// ```
///
/// The connection opens on first use and says Hello with the device token. When the
/// link breaks, calls in flight fail with UNAVAILABLE and the next call opens a new
/// link and says Hello again; check-ins are safe to resend with the same event number.
public final class HadirConnection: RPCChannel, @unchecked Sendable {
    public let host: String
    public let port: UInt16
    public let deviceToken: String
    public let clientName: String

    private let lock = NSLock()
    private var link: Link?
    private var nextID: UInt32 = 1
    private var session: HelloReply?
    /// The link being opened, shared by every call that needs one meanwhile.
    private var opening: Task<(Link, HelloReply), any Error>?
    /// Counts closes: an opening that a close overtook does not install its link.
    private var generation = 0

    public init(
        host: String = "127.0.0.1", port: UInt16 = 7420, deviceToken: String,
        clientName: String = "hadir-swift"
    ) {
        self.host = host
        self.port = port
        self.deviceToken = deviceToken
        self.clientName = clientName
    }

    deinit { link?.close() }

    /// The reply of the last successful Hello, opening the connection if needed.
    public func hello() async throws(RPCError) -> HelloReply {
        try await openLink().1
    }

    /// Closes the link; the next call opens a new one.
    public func close() {
        let old = lock.withLock { () -> Link? in
            defer {
                link = nil
                session = nil
                opening = nil
                generation += 1
            }
            return link
        }
        old?.close()
    }

    public func call<Request, Response>(
        _ method: RPCMethod<Request, Response>, _ request: Request, timeout: Duration?
    ) async throws(RPCError) -> Response {
        let (link, session) = try await openLink()
        let bytes = request.serializedBytes()
        let id = allocateID()
        // The server closes a connection that sends a frame over its limit, failing every
        // call in flight on it: refuse such a request here, for itself alone.
        let callBytes = 3 + varintSize(UInt64(id)) + varintSize(UInt64(bitPattern: Int64(method.number)))
            + varintSize(UInt64(bytes.count)) + bytes.count
        if session.maxFrameBytes > 0, callBytes > Int(session.maxFrameBytes) {
            throw RPCError(
                .resourceExhausted,
                "request: a \(callBytes)-byte call, over the server's "
                    + "\(session.maxFrameBytes)-byte frame limit; not sent")
        }
        let body = try await link.call(method: method.number, body: bytes, id: id, timeout: timeout)
        do {
            return try Response(serializedBytes: body)
        } catch let error as WireError {
            throw RPCError(.internal, "reply of \(method.path) does not decode: \(error)")
        } catch {
            throw RPCError(.internal, "\(error)")
        }
    }

    private func allocateID() -> UInt32 {
        lock.withLock {
            defer { nextID = nextID == UInt32.max ? 1 : nextID + 1 }
            return nextID
        }
    }

    /// The open link and its Hello reply, opening and greeting a new one if needed.
    /// Concurrent first calls share one opening.
    private func openLink() async throws(RPCError) -> (Link, HelloReply) {
        let next = lock.withLock { () -> Result<(Link, HelloReply), Never>? in
            if let link, link.isOpen, let session { return .success((link, session)) }
            return nil
        }
        if case .success(let ready) = next { return ready }
        let task = lock.withLock { () -> Task<(Link, HelloReply), any Error> in
            if let opening { return opening }
            let task = Task { try await self.greet() }
            opening = task
            return task
        }
        do {
            return try await task.value
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.unavailable, "\(error)")
        }
    }

    private func greet() async throws -> (Link, HelloReply) {
        let started = lock.withLock { generation }
        defer {
            lock.withLock { if generation == started { opening = nil } }
        }
        let fresh = try Link.connect(host: host, port: port)
        var request = HelloRequest()
        request.deviceToken = deviceToken
        request.clientName = clientName
        request.deviceTimeMs = Int64(Date().timeIntervalSince1970 * 1000)
        let body: [UInt8]
        do {
            body = try await fresh.call(
                method: SessionService.hello.number, body: request.serializedBytes(), id: allocateID(),
                timeout: .seconds(10)
            )
        } catch {
            fresh.close()
            throw error
        }
        guard let reply = try? HelloReply(serializedBytes: body) else {
            fresh.close()
            throw RPCError(.internal, "hello reply does not decode")
        }
        let installed = lock.withLock { () -> (Bool, Link?) in
            guard generation == started else { return (false, nil) }
            defer {
                link = fresh
                session = reply
            }
            return (true, link)
        }
        guard installed.0 else {
            fresh.close()
            throw RPCError(.unavailable, "connection closed while it was opening")
        }
        installed.1?.close()
        return (fresh, reply)
    }
}
