import CEpoll
import Dispatch
import Foundation
import Glibc
import HadirLog
import Synchronization

/// One epoll loop on its own thread, serving the connections handed to it.
///
/// Level-triggered, on purpose: each readable connection gets one read of up to 64 KiB
/// per iteration and the kernel reports it again if more is waiting, which keeps a fast
/// sender from starving the others; pausing a peer (backpressure, graceful shutdown) is
/// just dropping `EPOLLIN` from its interest, with no need to remember to drain it
/// again later, as edge-triggering would require.
///
/// Cross-thread work arrives through a locked mailbox; posting to an empty mailbox
/// writes the loop's eventfd.
final class EventLoop: @unchecked Sendable {
    static let readBufferBytes = 64 * 1024
    static let maxEvents = 256
    static let wakeToken = UInt64.max
    static let listenToken = UInt64.max - 1

    let index: Int
    let context: TransportContext
    var logger: Logger { context.logger }
    var handler: FrameHandler { context.handler }

    let epfd: Int32
    let wakeFd: Int32
    /// Signalled when the loop thread has finished.
    let done = DispatchSemaphore(value: 0)

    // The mailbox, guarded by `mailboxLock` (a pthread mutex, which ThreadSanitizer
    // understands, unlike the futex behind `Synchronization.Mutex`).
    private let mailboxLock = NSLock()
    private var mailboxTasks: [LoopTask] = []
    private var mailboxClosed = false
    /// The loop thread's `pthread_t`, set before the server's `start()` returns and
    /// cleared when the thread ends (a later thread may reuse the value).
    private let threadID = Atomic<UInt>(0)

    // Loop-thread state.
    var connections: [Int32: Connection] = [:]
    var flushQueue: [Connection] = []
    let readBuffer: UnsafeMutableRawBufferPointer
    private let events: UnsafeMutableRawPointer
    var now: UInt64
    private var nextSweep: UInt64
    var drainDeadline: UInt64?
    var isDraining: Bool { drainDeadline != nil }

    // Acceptor state, used on the loop that owns the listener.
    var listenFd: Int32 = -1
    var isListenerRegistered = false
    var acceptResumeAt: UInt64 = 0
    /// All loops, for round-robin hand-off; emptied at shutdown to break the cycle.
    var peers: [EventLoop] = []
    var nextPeer = 0
    var nextConnectionID: UInt64 = 1
    var refusedSinceLog = 0

    init(index: Int, context: TransportContext) throws {
        self.index = index
        self.context = context
        let epfd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epfd >= 0 else {
            throw TransportError(.eventLoop, errno: errno, detail: "epoll_create1")
        }
        let wakeFd = cepoll_eventfd()
        guard wakeFd >= 0 else {
            let code = errno
            Glibc.close(epfd)
            throw TransportError(.eventLoop, errno: code, detail: "eventfd")
        }
        guard cepoll_ctl(epfd, cepoll_ctl_add(), wakeFd, cepoll_in(), Self.wakeToken) == 0 else {
            let code = errno
            Glibc.close(epfd)
            Glibc.close(wakeFd)
            throw TransportError(.eventLoop, errno: code, detail: "epoll_ctl eventfd")
        }
        self.epfd = epfd
        self.wakeFd = wakeFd
        readBuffer = .allocate(byteCount: Self.readBufferBytes, alignment: 16)
        events = cepoll_events_alloc(Int32(Self.maxEvents))!
        now = monotonicNow()
        nextSweep = now + context.sweepInterval
    }

    /// Closes the descriptors of a loop whose thread never started.
    func discard() {
        mailboxLock.withLock { mailboxClosed = true }
        Glibc.close(wakeFd)
        Glibc.close(epfd)
    }

    deinit {
        readBuffer.deallocate()
        cepoll_events_free(events)
    }

    /// Whether the caller runs on this loop's thread.
    var isCurrentThread: Bool {
        pthread_equal(pthread_self(), threadID.load(ordering: .acquiring)) != 0
    }

    /// Starts the loop thread and returns once it runs.
    func startThread() {
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            threadID.store(pthread_self(), ordering: .releasing)
            ready.signal()
            run()
        }
        thread.name = "hadir-loop-\(index)"
        thread.stackSize = 1 << 20
        thread.start()
        ready.wait()
    }

    // MARK: Mailbox

    /// Hands `task` to the loop from any thread. After the loop has stopped, a new
    /// connection is closed and anything else is dropped.
    func post(_ task: LoopTask) {
        let accepted = mailboxLock.withLock { () -> Bool in
            if mailboxClosed { return false }
            mailboxTasks.append(task)
            if mailboxTasks.count == 1 {
                // Inside the lock, so the eventfd cannot be closed under us.
                var one: UInt64 = 1
                _ = Glibc.write(wakeFd, &one, 8)
            }
            return true
        }
        if !accepted { reject(task) }
    }

    private func reject(_ task: LoopTask) {
        if case .register(let connection) = task {
            Glibc.close(connection.fd)
            context.openConnections.subtract(1, ordering: .relaxed)
        }
    }

    private func runMailbox() {
        var counter: UInt64 = 0
        _ = Glibc.read(wakeFd, &counter, 8)
        let tasks = mailboxLock.withLock { () -> [LoopTask] in
            defer { mailboxTasks = [] }
            return mailboxTasks
        }
        for task in tasks {
            switch task {
            case .register(let connection): register(connection)
            case .send(let connection, let frame): connection.sendFramedOnLoop(frame)
            case .close(let connection): close(connection, reason: "closed_by_handler", flush: true)
            case .drain(let deadline): beginDrain(deadline: deadline)
            }
        }
    }

    // MARK: Running

    private func run() {
        while true {
            let count = cepoll_wait(epfd, events, Int32(Self.maxEvents), timeoutMillis())
            let code = errno
            now = monotonicNow()
            if count < 0 && code != EINTR {
                logger.error("epoll_wait failed", [("net.loop", "\(index)"), ("net.errno", "\(code)")])
                break
            }
            for slot in 0..<max(0, Int(count)) {
                let token = cepoll_event_token(events, Int32(slot))
                let mask = cepoll_event_mask(events, Int32(slot))
                switch token {
                case Self.wakeToken: runMailbox()
                case Self.listenToken: acceptConnections()
                default:
                    // The token carries the connection id too, so that an event for a
                    // closed connection never reaches a new one that reused its fd.
                    guard let connection = connections[Int32(truncatingIfNeeded: token)],
                        connection.token == token
                    else { continue }
                    handleEvent(mask, on: connection)
                }
            }
            flushQueued()
            if now >= nextSweep {
                sweep()
                nextSweep = now + context.sweepInterval
            }
            if let deadline = drainDeadline, now >= deadline || isDrained { break }
        }
        finish()
    }

    private func timeoutMillis() -> Int32 {
        var wakeAt = nextSweep
        if let deadline = drainDeadline { wakeAt = min(wakeAt, deadline) }
        let current = monotonicNow()
        guard wakeAt > current else { return 0 }
        return Int32(min((wakeAt - current + 999_999) / 1_000_000, 60_000))
    }

    /// Closes connections that stayed silent, or left a frame unfinished, for too long.
    private func sweep() {
        for connection in Array(connections.values) {
            if !connection.inbound.isEmpty,
                elapsed(since: connection.partialSince) >= context.partialFrameTimeout
            {
                close(connection, reason: "partial_frame_timeout", flush: false)
            } else if connection.callsInFlight == 0,
                elapsed(since: connection.lastActivity) >= context.idleTimeout
            {
                close(connection, reason: "idle_timeout", flush: true)
            }
        }
        acceptorTick()
    }

    private func elapsed(since time: UInt64) -> UInt64 {
        now > time ? now - time : 0
    }

    // MARK: Shutdown

    private func beginDrain(deadline: UInt64) {
        guard drainDeadline == nil else { return }
        drainDeadline = deadline
        stopListening()
        for connection in connections.values { updateInterest(connection) }
    }

    /// Every call received has been answered and written.
    private var isDrained: Bool {
        connections.values.allSatisfy { $0.callsInFlight == 0 && $0.pendingOutputBytes == 0 }
    }

    private func finish() {
        let leftover = mailboxLock.withLock { () -> [LoopTask] in
            mailboxClosed = true
            defer { mailboxTasks = [] }
            return mailboxTasks
        }
        for task in leftover {
            switch task {
            case .register(let connection): reject(.register(connection))
            case .send(let connection, let frame): connection.sendFramedOnLoop(frame)
            case .close, .drain: break
            }
        }
        for connection in Array(connections.values) {
            close(connection, reason: "shutdown", flush: true, gently: true)
        }
        flushQueue = []
        stopListening()
        Glibc.close(wakeFd)
        Glibc.close(epfd)
        threadID.store(0, ordering: .releasing)
        done.signal()
    }
}
