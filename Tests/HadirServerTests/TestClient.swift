import Glibc
import Foundation

/// A tiny blocking client for tests: real sockets, a receive timeout, nothing hangs.
final class TestClient {
    let fd: Int32
    private var buffered: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(port: UInt16, timeout: Duration = .seconds(5)) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure(description: "connect errno \(code)")
        }
        setTimeout(timeout)
    }

    deinit { Glibc.close(fd) }

    func setTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes raw bytes.
    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw Failure(description: "send errno \(errno)") }
            offset += sent
        }
    }

    /// Writes one frame: varint length, then the payload.
    func writeFrame(_ payload: [UInt8]) throws {
        try write(Self.frame(payload))
    }

    static func frame(_ payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        var value = UInt64(payload.count)
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
        return bytes + payload
    }

    /// Reads exactly `count` bytes, or nil on close, error or timeout.
    func read(exactly count: Int) -> [UInt8]? {
        while buffered.count < count {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { return nil }
            buffered.append(contentsOf: chunk[0..<received])
        }
        let bytes = Array(buffered[0..<count])
        buffered.removeFirst(count)
        return bytes
    }

    /// Reads one frame's payload, or nil on close, error or timeout.
    func readFrame() -> [UInt8]? {
        var length = 0
        var shift = 0
        while true {
            guard let byte = read(exactly: 1)?.first, shift < 35 else { return nil }
            length |= Int(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { break }
        }
        return read(exactly: length)
    }

    /// Whether the server closed the connection (EOF or reset) within `timeout`, having
    /// sent nothing more.
    func isClosed(within timeout: Duration) -> Bool {
        guard buffered.isEmpty else { return false }
        setTimeout(timeout)
        var byte: UInt8 = 0
        let received = recv(fd, &byte, 1, 0)
        let code = errno
        if received == 0 { return true }
        if received < 0 && code == ECONNRESET { return true }
        if received > 0 { buffered.append(byte) }
        return false
    }

    func shutdownWrite() {
        Glibc.shutdown(fd, Int32(SHUT_WR))
    }
}
