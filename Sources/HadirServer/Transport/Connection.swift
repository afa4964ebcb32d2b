import Glibc

/// One accepted TCP connection, owned by one event loop.
///
/// Most state lives on the loop thread. The members that may be called from any thread
/// say so: ``send(_:)``, ``send(count:_:)`` and ``close()``.
///
/// ```swift
/// func handleFrame(_ payload: UnsafeRawBufferPointer, on connection: Connection) {
///     let request = Array(payload)               // copy: the payload is borrowed
///     writer.enqueue(request) { reply in
///         connection.send(reply)                 // from the writer thread
///     }
/// }
/// ```
public final class Connection: @unchecked Sendable {
    /// A number unique within the server's lifetime, in accept order.
    public let id: UInt64
    /// The peer's address as `ip:port`.
    public let peer: String

    /// Calls received and not yet answered: incremented before
    /// ``FrameHandler/handleFrame(_:on:)``, decremented by each reply.
    ///
    /// Read it on the loop thread only. A reply sent from another thread is counted
    /// once the loop has taken it from its mailbox, a moment after ``send(_:)`` returns.
    public internal(set) var callsInFlight: Int = 0

    /// Storage for the handler, such as the authenticated session. Loop thread only.
    public var userState: AnyObject?

    // MARK: Loop-thread state

    let loop: EventLoop
    let fd: Int32
    var isOpen = true

    /// Bytes of an unfinished frame (prefix and body so far); empty, with no capacity,
    /// between frames so that an idle connection holds no buffer.
    var inbound: [UInt8] = []
    /// The prefix and body sizes of the unfinished frame, once its prefix is complete.
    var inboundHeaderBytes = 0
    var inboundBodyBytes = -1
    /// Bytes read but not yet handled because the connection is paused for backpressure;
    /// they start at a frame boundary.
    var parked: [UInt8] = []
    /// When the unfinished frame started, in monotonic nanoseconds.
    var partialSince: UInt64 = 0

    /// Framed replies not yet written, from `outboundOffset` on; released when empty.
    var outbound: [UInt8] = []
    var outboundOffset = 0
    /// Whether the connection is queued for a write at the end of the loop iteration.
    var isQueuedForFlush = false

    /// The epoll interest currently registered.
    var interest: UInt32 = 0
    /// Reading paused because unsent replies exceed the limit.
    var isBackpressured = false
    /// The peer shut its side down: reading stops, and the connection closes once
    /// every call is answered and written.
    var inputClosed = false
    /// Last byte read or written, in monotonic nanoseconds.
    var lastActivity: UInt64

    init(id: UInt64, fd: Int32, peer: String, loop: EventLoop, now: UInt64) {
        self.id = id
        self.fd = fd
        self.peer = peer
        self.loop = loop
        self.lastActivity = now
    }

    /// The epoll token: the fd in the low half, the low bits of the id in the high half.
    var token: UInt64 { UInt64(UInt32(bitPattern: fd)) | (id << 32) }

    var pendingOutputBytes: Int { outbound.count - outboundOffset }

    /// Sends one reply: the transport adds the length prefix.
    ///
    /// Thread-safe. On the loop thread the reply joins the connection's output and all
    /// replies of one loop iteration go out in one `write`; from any other thread it is
    /// handed to the loop through its mailbox and the loop is woken. Replies to a closed
    /// connection are dropped silently.
    ///
    /// - Parameter payload: The reply's protobuf bytes; may be empty.
    public func send(_ payload: [UInt8]) {
        if loop.isCurrentThread {
            sendOnLoop(payload)
        } else {
            var frame: [UInt8] = []
            frame.reserveCapacity(FrameHeader.size(of: payload.count) + payload.count)
            FrameHeader.append(payload.count, to: &frame)
            frame.append(contentsOf: payload)
            loop.post(.send(self, frame))
        }
    }

    /// Sends one reply that already carries its length prefix. Thread-safe like ``send(_:)``;
    /// from another thread the array itself goes through the mailbox, not a copy.
    ///
    /// - Parameter frame: A varint length and exactly that many bytes of payload.
    public func sendFramed(_ frame: [UInt8]) {
        if loop.isCurrentThread {
            sendFramedOnLoop(frame)
        } else {
            loop.post(.send(self, frame))
        }
    }

    /// Sends one reply of exactly `count` bytes written by `fill` in place.
    ///
    /// On the loop thread `fill` writes straight into the connection's output buffer, so
    /// no intermediate array is made. Thread-safe like ``send(_:)``.
    ///
    /// - Parameters:
    ///   - count: The payload size; `fill` must initialise every byte.
    ///   - fill: Writes the payload into the buffer it is given. It must not call back
    ///     into this connection.
    public func send(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        precondition(count >= 0, "negative reply size")
        if loop.isCurrentThread {
            guard isOpen else { return }
            FrameHeader.append(count, to: &outbound)
            let start = outbound.count
            outbound.append(contentsOf: repeatElement(0, count: count))
            outbound.withUnsafeMutableBytes { raw in
                fill(UnsafeMutableRawBufferPointer(rebasing: raw[start..<start + count]))
            }
            replyQueued()
        } else {
            let headerBytes = FrameHeader.size(of: count)
            var frame: [UInt8] = []
            frame.reserveCapacity(headerBytes + count)
            FrameHeader.append(count, to: &frame)
            frame.append(contentsOf: repeatElement(0, count: count))
            frame.withUnsafeMutableBytes { raw in
                fill(UnsafeMutableRawBufferPointer(rebasing: raw[headerBytes...]))
            }
            loop.post(.send(self, frame))
        }
    }

    /// Closes the connection after trying once to write the replies already queued.
    ///
    /// Thread-safe; closing twice does nothing. ``FrameHandler/connectionClosed(_:)``
    /// follows on the loop thread.
    public func close() {
        if loop.isCurrentThread {
            loop.close(self, reason: "closed_by_handler", flush: true)
        } else {
            loop.post(.close(self))
        }
    }

    // MARK: Loop thread

    func sendOnLoop(_ payload: [UInt8]) {
        guard isOpen else { return }
        FrameHeader.append(payload.count, to: &outbound)
        outbound.append(contentsOf: payload)
        replyQueued()
    }

    /// Appends an already framed reply taken from the mailbox.
    func sendFramedOnLoop(_ frame: [UInt8]) {
        guard isOpen else { return }
        if outbound.isEmpty {
            outbound = frame
        } else {
            outbound.append(contentsOf: frame)
        }
        replyQueued()
    }

    private func replyQueued() {
        if callsInFlight > 0 { callsInFlight -= 1 }
        loop.queueFlush(self)
    }
}
