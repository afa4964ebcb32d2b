import Foundation
import HadirProto
import HadirRPC
import HadirWire

#if canImport(Glibc)
import Glibc
#endif

/// One TCP connection: a reader thread matches replies to calls by id.
final class Link: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var pending: [UInt32: CheckedContinuation<Result<[UInt8], RPCError>, Never>] = [:]
    private var open = true
    private let writeLock = NSLock()

    private init(fd: Int32) {
        self.fd = fd
    }

    var isOpen: Bool { lock.withLock { open } }

    /// Opens a blocking TCP connection.
    static func connect(host: String, port: UInt16) throws(RPCError) -> Link {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw RPCError(.unavailable, "cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        var lastError: Int32 = 0
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    var one: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    let link = Link(fd: fd)
                    link.startReader()
                    return link
                }
                lastError = errno
                Glibc.close(fd)
            }
            entry = info.pointee.ai_next
        }
        throw RPCError(
            .unavailable, "cannot connect to \(host):\(port): \(String(cString: strerror(lastError)))")
    }

    /// Sends a call and waits for the body of its reply.
    func call(method: Int32, body: [UInt8], id: UInt32, timeout: Duration?) async throws(RPCError) -> [UInt8]
    {
        let frame = Frame.call(id: id, method: method, body: body)
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<[UInt8], RPCError>, Never>) in
            let accepted = lock.withLock { () -> Bool in
                guard open else { return false }
                pending[id] = continuation
                return true
            }
            guard accepted else {
                continuation.resume(returning: .failure(RPCError(.unavailable, "connection closed")))
                return
            }
            if let timeout {
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    self?.finish(id, .failure(RPCError(.deadlineExceeded, "no reply within \(timeout)")))
                }
            }
            if !send(frame) {
                finish(id, .failure(RPCError(.unavailable, "connection lost while sending")))
            }
        }
        return try result.get()
    }

    private func finish(_ id: UInt32, _ result: Result<[UInt8], RPCError>) {
        let continuation = lock.withLock { pending.removeValue(forKey: id) }
        continuation?.resume(returning: result)
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        writeLock.lock()
        defer { writeLock.unlock() }
        // The reader closes the descriptor holding writeLock too: never write to a closed,
        // or reused, descriptor.
        guard isOpen else { return false }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Shuts the socket down; the reader thread then fails what is pending and
    /// closes the descriptor. Both happen under the lock, so never on a reused fd.
    func close() {
        lock.withLock {
            if open { shutdown(fd, Int32(SHUT_RDWR)) }
            open = false
        }
    }

    private func startReader() {
        let thread = Thread { [self] in readLoop() }
        thread.name = "hadir-client-reader"
        thread.start()
    }

    private func readLoop() {
        var decoder = Frame.Decoder(maxFrameBytes: 16 << 20)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var reason = "connection closed by the server"
        reading: while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            chunk.withUnsafeBytes { decoder.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            while true {
                let payload: [UInt8]?
                do {
                    payload = try decoder.next()
                } catch {
                    reason = "bad frame from the server: \(error)"
                    break reading
                }
                guard let payload else { break }
                guard let reply = try? Reply(serializedBytes: payload) else {
                    reason = "reply envelope does not decode"
                    break reading
                }
                if reply.status == .ok {
                    finish(reply.id, .success(reply.body))
                } else {
                    finish(reply.id, .failure(RPCError(reply.status, reply.detail)))
                }
            }
        }
        writeLock.lock()
        let waiting = lock.withLock { () -> [CheckedContinuation<Result<[UInt8], RPCError>, Never>] in
            open = false
            Glibc.close(fd)
            defer { pending.removeAll() }
            return Array(pending.values)
        }
        writeLock.unlock()
        for continuation in waiting {
            continuation.resume(returning: .failure(RPCError(.unavailable, reason)))
        }
    }
}
