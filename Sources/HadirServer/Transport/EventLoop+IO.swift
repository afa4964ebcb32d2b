import CEpoll
import Glibc

/// Reading frames, writing replies and closing, on the loop thread.
extension EventLoop {
    func register(_ connection: Connection) {
        connection.lastActivity = now
        connection.interest = desiredInterest(connection)
        let added = cepoll_ctl(
            epfd, cepoll_ctl_add(), connection.fd, connection.interest,
            connection.token)
        guard added == 0 else {
            let code = errno
            logger.debug("epoll_ctl add failed", [("conn.id", "\(connection.id)"), ("net.errno", "\(code)")])
            connection.isOpen = false
            Glibc.close(connection.fd)
            context.openConnections.subtract(1, ordering: .relaxed)
            return
        }
        connections[connection.fd] = connection
        logger.debug(
            "connection opened",
            [
                ("conn.id", "\(connection.id)"), ("conn.peer", connection.peer), ("net.loop", "\(index)"),
            ])
        handler.connectionOpened(connection)
    }

    func handleEvent(_ mask: UInt32, on connection: Connection) {
        if mask & (cepoll_err() | cepoll_hup()) != 0 {
            close(connection, reason: mask & cepoll_err() != 0 ? "socket_error" : "hangup", flush: false)
            return
        }
        if mask & cepoll_out() != 0 {
            flush(connection)
            guard connection.isOpen else { return }
        }
        if mask & (cepoll_in() | cepoll_rdhup()) != 0, connection.interest & cepoll_in() != 0 {
            readFrom(connection)
        }
    }

    private func readFrom(_ connection: Connection) {
        let count = Glibc.read(connection.fd, readBuffer.baseAddress, readBuffer.count)
        let code = errno
        if count > 0 {
            connection.lastActivity = now
            processInput(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]), on: connection)
        } else if count == 0 {
            peerClosedInput(connection)
        } else if code != EAGAIN && code != EWOULDBLOCK && code != EINTR {
            close(connection, reason: "read_error", flush: false, errno: code)
        }
    }

    /// The peer shut its sending side: answer what it already sent, then close.
    private func peerClosedInput(_ connection: Connection) {
        connection.inbound = []
        if connection.callsInFlight == 0 && connection.pendingOutputBytes == 0 {
            close(connection, reason: "peer_closed", flush: false)
        } else {
            connection.inputClosed = true
            updateInterest(connection)
        }
    }

    // MARK: Frames

    /// Splits `bytes` into frames: completes the connection's unfinished frame first,
    /// then hands every whole frame straight from the read buffer, and keeps only the
    /// bytes of a trailing unfinished frame. A length prefix is checked before any
    /// byte of its body is stored.
    private func processInput(_ bytes: UnsafeRawBufferPointer, on connection: Connection) {
        let limit = context.config.maxFrameBytes
        var offset = 0
        if !connection.inbound.isEmpty {
            while connection.inboundBodyBytes < 0 {
                guard offset < bytes.count else { return }
                connection.inbound.append(bytes[offset])
                offset += 1
                let decoded = connection.inbound.withUnsafeBytes {
                    FrameHeader.decode($0, maxFrameBytes: limit)
                }
                switch decoded {
                case .needMore: continue
                case .invalid(let error):
                    reject(connection, error)
                    return
                case .complete(let headerBytes, let bodyBytes):
                    connection.inboundHeaderBytes = headerBytes
                    connection.inboundBodyBytes = bodyBytes
                }
            }
            let total = connection.inboundHeaderBytes + connection.inboundBodyBytes
            let take = min(total - connection.inbound.count, bytes.count - offset)
            connection.inbound.append(contentsOf: bytes[offset..<offset + take])
            offset += take
            guard connection.inbound.count == total else { return }
            // Move the frame out first: the handler may close the connection.
            let frame = connection.inbound
            let headerBytes = connection.inboundHeaderBytes
            connection.inbound = []
            connection.inboundBodyBytes = -1
            let delivered = frame.withUnsafeBytes { raw in
                deliver(UnsafeRawBufferPointer(rebasing: raw[headerBytes...]), on: connection)
            }
            guard delivered else { return }
            guard !mustPause(connection) else {
                park(bytes[offset...], on: connection)
                return
            }
        }
        while offset < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
            switch FrameHeader.decode(rest, maxFrameBytes: limit) {
            case .needMore:
                connection.inbound = Array(rest)
                connection.inboundBodyBytes = -1
                connection.partialSince = now
                return
            case .invalid(let error):
                reject(connection, error)
                return
            case .complete(let headerBytes, let bodyBytes):
                let total = headerBytes + bodyBytes
                guard total <= rest.count else {
                    // Only the bytes received are stored, never the announced size: a
                    // peer must send a frame's bytes to make the server hold them.
                    connection.inbound = Array(rest)
                    connection.inboundHeaderBytes = headerBytes
                    connection.inboundBodyBytes = bodyBytes
                    connection.partialSince = now
                    return
                }
                offset += total
                let payload = UnsafeRawBufferPointer(rebasing: rest[headerBytes..<total])
                guard deliver(payload, on: connection) else { return }
                guard !mustPause(connection) else {
                    park(bytes[offset...], on: connection)
                    return
                }
            }
        }
    }

    /// Counts the call and hands it over; false when the connection stopped reading.
    private func deliver(_ payload: UnsafeRawBufferPointer, on connection: Connection) -> Bool {
        connection.callsInFlight += 1
        handler.handleFrame(payload, on: connection)
        return connection.isOpen && !connection.inputClosed
    }

    /// Whether the replies waiting to be written have grown past the limit, so no more
    /// frames may be handed over until they are written.
    private func mustPause(_ connection: Connection) -> Bool {
        connection.pendingOutputBytes > context.config.maxOutputBufferBytes
    }

    /// Keeps bytes already read but not yet handled until the peer reads its replies.
    private func park(_ bytes: Slice<UnsafeRawBufferPointer>, on connection: Connection) {
        connection.isBackpressured = true
        if !bytes.isEmpty { connection.parked = Array(bytes) }
        updateInterest(connection)
    }

    /// Hands over parked bytes once the connection's replies are written.
    private func resumeParked(_ connection: Connection) {
        let parked = connection.parked
        connection.parked = []
        parked.withUnsafeBytes { processInput($0, on: connection) }
    }

    private func reject(_ connection: Connection, _ error: FrameError) {
        close(connection, reason: error.description, flush: false)
    }

    // MARK: Writing

    func queueFlush(_ connection: Connection) {
        guard !connection.isQueuedForFlush else { return }
        connection.isQueuedForFlush = true
        flushQueue.append(connection)
    }

    /// Writes every reply queued during this iteration, one `send` per connection.
    func flushQueued() {
        while !flushQueue.isEmpty {
            let queue = flushQueue
            flushQueue.removeAll(keepingCapacity: true)
            for connection in queue {
                connection.isQueuedForFlush = false
                if connection.isOpen { flush(connection) }
            }
        }
    }

    /// Writes as much queued output as the socket takes; waits for `EPOLLOUT` on the rest.
    func flush(_ connection: Connection) {
        while connection.outboundOffset < connection.outbound.count {
            let offset = connection.outboundOffset
            let written = connection.outbound.withUnsafeBytes { raw in
                Glibc.send(
                    connection.fd, raw.baseAddress! + offset, raw.count - offset,
                    Int32(MSG_NOSIGNAL))
            }
            let code = errno
            if written > 0 {
                connection.outboundOffset += written
                connection.lastActivity = now
            } else if written < 0 && code == EINTR {
                continue
            } else if written < 0 && (code == EAGAIN || code == EWOULDBLOCK) {
                break
            } else {
                close(connection, reason: "write_error", flush: false, errno: code)
                return
            }
        }
        if connection.outboundOffset == connection.outbound.count {
            connection.outbound = []
            connection.outboundOffset = 0
            if connection.inputClosed && connection.callsInFlight == 0 {
                close(connection, reason: "peer_closed", flush: false)
                return
            }
        } else if connection.outboundOffset >= Self.readBufferBytes {
            connection.outbound.removeFirst(connection.outboundOffset)
            connection.outboundOffset = 0
        }
        updateInterest(connection)
        if !connection.isBackpressured, !connection.parked.isEmpty, !isDraining {
            resumeParked(connection)
        }
    }

    func desiredInterest(_ connection: Connection) -> UInt32 {
        let pending = connection.pendingOutputBytes
        if pending > context.config.maxOutputBufferBytes {
            connection.isBackpressured = true
        } else if pending == 0 {
            connection.isBackpressured = false
        }
        var interest: UInt32 = 0
        if !connection.inputClosed && !connection.isBackpressured && !isDraining {
            interest |= cepoll_in() | cepoll_rdhup()
        }
        if pending > 0 { interest |= cepoll_out() }
        return interest
    }

    func updateInterest(_ connection: Connection) {
        let interest = desiredInterest(connection)
        guard interest != connection.interest, connection.isOpen else { return }
        connection.interest = interest
        _ = cepoll_ctl(epfd, cepoll_ctl_mod(), connection.fd, interest, connection.token)
    }

    // MARK: Closing

    /// Closes `connection` once; `flush` tries one last write of queued replies and
    /// `gently` reads away unread input so that the peer gets FIN, not RST.
    func close(
        _ connection: Connection, reason: String, flush: Bool, gently: Bool = false,
        errno code: Int32 = 0
    ) {
        guard connection.isOpen else { return }
        if flush && connection.pendingOutputBytes > 0 {
            let offset = connection.outboundOffset
            _ = connection.outbound.withUnsafeBytes { raw in
                Glibc.send(
                    connection.fd, raw.baseAddress! + offset, raw.count - offset,
                    Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
        }
        connection.isOpen = false
        if gently { Socket.discardInput(connection.fd, scratch: readBuffer) }
        Glibc.close(connection.fd)
        connections[connection.fd] = nil
        connection.inbound = []
        connection.parked = []
        connection.outbound = []
        connection.outboundOffset = 0
        context.openConnections.subtract(1, ordering: .relaxed)
        var fields = [
            ("conn.id", "\(connection.id)"), ("conn.peer", connection.peer),
            ("conn.reason", reason),
        ]
        if code != 0 { fields.append(("net.errno", "\(code)")) }
        logger.debug("connection closed", fields)
        handler.connectionClosed(connection)
        connection.userState = nil
    }
}
