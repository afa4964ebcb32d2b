import CEpoll
import Glibc

/// Accepting on the loop that owns the listener, and handing connections round-robin.
///
/// One acceptor rather than an `SO_REUSEPORT` listener per loop: the kernel spreads
/// reuse-port connections by a hash of the address tuple, and long-lived phone
/// connections stay where they land, so a few unlucky hashes would load one loop for
/// hours. Round-robin keeps loops even, makes ``TransportConfig/maxConnections`` one
/// exact count, and leaves no accept queue to reset when a loop stops. Accepting is
/// cheap next to serving, so one thread does not limit the rate.
extension EventLoop {
    /// At most this many accepts per readiness event, so the loop keeps serving.
    static let acceptBatch = 256
    /// How long accepting pauses when the process runs out of file descriptors.
    static let acceptPause: UInt64 = 100_000_000

    func adoptListener(_ fd: Int32, loops: [EventLoop]) {
        listenFd = fd
        peers = loops
        registerListener()
    }

    private func registerListener() {
        guard listenFd >= 0, !isListenerRegistered else { return }
        if cepoll_ctl(epfd, cepoll_ctl_add(), listenFd, cepoll_in(), Self.listenToken) == 0 {
            isListenerRegistered = true
        }
    }

    func stopListening() {
        guard listenFd >= 0 else { return }
        Glibc.close(listenFd)
        listenFd = -1
        isListenerRegistered = false
        peers = []
    }

    /// Called by the sweep: resumes accepting after a pause and logs refusals.
    func acceptorTick() {
        if listenFd >= 0, !isListenerRegistered, now >= acceptResumeAt { registerListener() }
        if refusedSinceLog > 0 {
            logger.info(
                "connections refused at the limit",
                [
                    ("net.refused", "\(refusedSinceLog)"),
                    ("net.max_connections", "\(context.config.maxConnections)"),
                ])
            refusedSinceLog = 0
        }
    }

    func acceptConnections() {
        for _ in 0..<Self.acceptBatch {
            guard listenFd >= 0 else { return }
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let fd = cepoll_accept(listenFd, &address, &length)
            let code = errno
            guard fd >= 0 else {
                switch code {
                case EAGAIN, EWOULDBLOCK: return
                case EINTR, ECONNABORTED, EPROTO: continue
                default:
                    // Out of descriptors or memory: a level-triggered listener would spin,
                    // so stop watching it for a moment.
                    logger.warning("accept failed, pausing", [("net.errno", "\(code)")])
                    _ = cepoll_ctl(epfd, cepoll_ctl_del(), listenFd, 0, Self.listenToken)
                    isListenerRegistered = false
                    acceptResumeAt = now + Self.acceptPause
                    return
                }
            }
            let open = context.openConnections.add(1, ordering: .relaxed).newValue
            guard open <= context.config.maxConnections else {
                context.openConnections.subtract(1, ordering: .relaxed)
                Glibc.close(fd)
                refusedSinceLog += 1
                logger.debug(
                    "connection refused",
                    [
                        ("conn.peer", Socket.describe(address)), ("conn.reason", "max_connections"),
                    ])
                continue
            }
            Socket.setNoDelay(fd)
            let target = peers[nextPeer]
            nextPeer = (nextPeer + 1) % peers.count
            let connection = Connection(
                id: nextConnectionID, fd: fd, peer: Socket.describe(address),
                loop: target, now: now)
            nextConnectionID += 1
            if target === self {
                register(connection)
            } else {
                target.post(.register(connection))
            }
        }
    }
}
