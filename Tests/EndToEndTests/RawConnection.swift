import Foundation
import HadirProto
import HadirWire

/// A blocking TCP connection that sends bytes exactly as given, for protocol tests.
final class RawConnection {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw ServerError("connect failed: \(errno)") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// A framed call.
    static func frame(id: UInt32, method: Int32, body: [UInt8]?) -> [UInt8] {
        var call = ProtoWriter()
        if id != 0 { call.writeUInt32(1, id) }
        if method != 0 { call.writeEnum(2, method) }
        if let body { call.writeBytes(3, body) }
        return prefixed(call.bytes)
    }

    static func prefixed(_ payload: [UInt8]) -> [UInt8] {
        var out = ProtoWriter()
        out.writeVarint(UInt64(payload.count))
        return out.bytes + payload
    }

    /// Says Hello with `token` and checks the reply is OK.
    func hello(_ token: String, id: UInt32 = 1) throws {
        send(
            RawConnection.frame(
                id: id, method: 1, body: HelloRequest.with { $0.deviceToken = token }.serializedBytes()))
        let reply = try receive()
        guard reply.status == .ok else { throw ServerError("hello failed: \(reply.detail)") }
    }

    /// The next reply, or nil when the server closed the connection.
    func receiveOrClose() throws -> Reply? {
        while true {
            if let payload = try nextFrame() { return try Reply(serializedBytes: payload) }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return nil }
            if count < 0 {
                if errno == ECONNRESET { return nil }
                throw ServerError("receive failed: errno \(errno)")
            }
            buffer += chunk[0..<count]
        }
    }

    func receive() throws -> Reply {
        guard let reply = try receiveOrClose() else { throw ServerError("connection closed") }
        return reply
    }

    private func nextFrame() throws -> [UInt8]? {
        var length = 0
        var shift = 0
        var index = 0
        while true {
            guard index < buffer.count else { return nil }
            let byte = buffer[index]
            length |= Int(byte & 0x7F) << shift
            index += 1
            if byte < 0x80 { break }
            shift += 7
        }
        guard buffer.count - index >= length else { return nil }
        let payload = Array(buffer[index..<index + length])
        buffer.removeFirst(index + length)
        return payload
    }
}
