import Glibc

/// Thin wrappers over the socket calls the transport makes, each capturing `errno`
/// right after the call.
enum Socket {
    /// A non-blocking IPv4 listener bound to `host:port`; returns it and the bound port.
    static func listen(host: String, port: UInt16, backlog: Int32) throws -> (Int32, UInt16) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw TransportError(.invalidAddress, detail: host)
        }
        let type = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { throw TransportError(.listen, errno: errno, detail: "socket") }
        do {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, name: "SO_REUSEADDR")
            let bound = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    bind(fd, generic, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else {
                throw TransportError(.listen, errno: errno, detail: "bind \(host):\(port)")
            }
            guard Glibc.listen(fd, backlog) == 0 else {
                throw TransportError(.listen, errno: errno, detail: "listen")
            }
            var local = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &local) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    getsockname(fd, generic, &length)
                }
            }
            guard named == 0 else {
                throw TransportError(.listen, errno: errno, detail: "getsockname")
            }
            return (fd, UInt16(bigEndian: local.sin_port))
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    static func setOption(
        _ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32,
        name: String
    ) throws {
        var value = value
        let result = setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
        guard result == 0 else { throw TransportError(.listen, errno: errno, detail: name) }
    }

    /// Turns Nagle's algorithm off: replies are small and latency matters.
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// `ip:port` of an IPv4 address.
    static func describe(_ address: sockaddr_in) -> String {
        var address = address
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        let ok = inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count)) != nil
        let ip =
            ok
            ? String(
                decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                as: UTF8.self) : "?"
        return "\(ip):\(UInt16(bigEndian: address.sin_port))"
    }

    /// Reads and drops whatever the peer has sent, so that closing sends FIN rather than
    /// RST and the peer still receives the replies written just before.
    static func discardInput(_ fd: Int32, scratch: UnsafeMutableRawBufferPointer) {
        for _ in 0..<16 {
            if read(fd, scratch.baseAddress, scratch.count) <= 0 { return }
        }
    }
}

/// Monotonic time in nanoseconds.
func monotonicNow() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
