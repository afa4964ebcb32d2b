import HadirProto
import HadirRPC
import HadirWire

/// Answers one call, exactly once, from any thread.
///
/// The reply envelope and the response are written in one pass into one buffer:
/// a check-in reply costs one allocation.
public struct Responder<Response: ProtoMessage>: Sendable {
    let connection: Connection
    let id: UInt32
    let path: String

    init(connection: Connection, id: UInt32, path: String) {
        self.connection = connection
        self.id = id
        self.path = path
    }

    /// Sends the response with status OK.
    ///
    /// The frame's one-byte length prefix is reserved up front, so a reply shorter than
    /// 128 bytes (every check-in reply) goes to the connection as the one array written
    /// here, with no second copy to prepend the prefix.
    public func ok(_ response: Response) {
        var writer = ProtoWriter(capacity: 32)
        writer.bytes.append(0)
        if id != 0 { writer.writeUInt32(1, id) }
        let mark = writer.bytes.count
        writer.writeLengthDelimited(3) { response.encode(to: &$0) }
        // An empty body is the default and is left out.
        if writer.bytes.count == mark + 2 { writer.bytes.removeLast(2) }
        let payload = writer.bytes.count - 1
        if payload < 0x80 {
            writer.bytes[0] = UInt8(payload)
            connection.sendFramed(writer.bytes)
        } else {
            writer.bytes.removeFirst()
            connection.send(writer.bytes)
        }
    }

    /// Sends a failure status with its message.
    public func fail(_ error: RPCError) {
        Responder.sendFailure(error, id: id, on: connection)
    }

    /// Sends `result`'s value or error.
    public func complete(_ result: Result<Response, RPCError>) {
        switch result {
        case .success(let response): ok(response)
        case .failure(let error): fail(error)
        }
    }

    static func sendFailure(_ error: RPCError, id: UInt32, on connection: Connection) {
        var writer = ProtoWriter(capacity: 32 + error.message.utf8.count)
        if id != 0 { writer.writeUInt32(1, id) }
        writer.writeEnum(2, error.code.rawValue)
        if !error.message.isEmpty { writer.writeString(4, error.message) }
        connection.send(writer.bytes)
    }
}
