import Foundation
import HadirLog
import HadirProto
import HadirRPC
import HadirStore
import HadirWire

/// Turns frames into calls: decodes the envelope, checks the session and the
/// limits, and hands the request to its method.
final class Dispatcher: FrameHandler {
    private let methods: MethodTable
    private let maxCallsInFlight: Int
    private let logger: Logger

    init(methods: MethodTable, maxCallsInFlight: Int, logger: Logger) {
        self.methods = methods
        self.maxCallsInFlight = maxCallsInFlight
        self.logger = logger
    }

    // The transport logs openings and closings; the session just goes with the connection.
    func connectionOpened(_ connection: Connection) {}

    func connectionClosed(_ connection: Connection) {
        connection.userState = nil
    }

    func handleFrame(_ payload: UnsafeRawBufferPointer, on connection: Connection) {
        var reader = ProtoReader(payload)
        var id: UInt32 = 0
        var method: Int32 = 0
        var body = UnsafeRawBufferPointer(start: nil, count: 0)
        do {
            // The envelope is read in place: the body is not copied out of the frame.
            while let (field, wireType) = try reader.nextTag() {
                switch (field, wireType) {
                case (1, .varint):
                    let value = try reader.readUInt64()
                    guard value <= UInt64(UInt32.max) else { throw EnvelopeError("id: above 2^32 - 1") }
                    id = UInt32(value)
                case (2, .varint): method = try reader.readEnum()
                case (3, .lengthDelimited): body = try reader.readBorrowedBytes()
                case (1...3, _): throw EnvelopeError("field \(field): wrong wire type \(wireType)")
                default: _ = try reader.skipField(wireType)
                }
            }
        } catch {
            // Not a Call: the stream cannot be trusted to be framed as we think.
            logger.info(
                "bad envelope",
                [
                    ("conn.id", "\(connection.id)"), ("conn.peer", connection.peer), ("error", "\(error)"),
                ])
            Responder<Reply>.sendFailure(
                RPCError(.invalidArgument, "frame: not a hadir.v1.Call (\(error))"), id: id, on: connection
            )
            connection.close()
            return
        }
        guard let entry = methods.entry(method) else {
            Responder<Reply>.sendFailure(
                RPCError(.unimplemented, "method: \(method) is not a method of this server"), id: id,
                on: connection
            )
            return
        }
        if connection.callsInFlight > maxCallsInFlight {
            Responder<Reply>.sendFailure(
                RPCError(
                    .resourceExhausted, "calls in flight: more than \(maxCallsInFlight) on one connection"),
                id: id, on: connection
            )
            return
        }
        let session = connection.userState as? Session
        if session == nil && method != SessionService.hello.number {
            Responder<Reply>.sendFailure(
                RPCError(.unauthenticated, "session: call SessionService.Hello with a device token first"),
                id: id, on: connection
            )
            return
        }
        let call = ServerCall(
            connection: connection,
            id: id,
            path: entry.path,
            session: session,
            receivedAtMs: WallClock.nowMs(),
            logger: logger
        )
        entry.invoke(body, call)
    }
}

/// A frame that is not a well-formed `Call`.
struct EnvelopeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
