import CEpoll
import Foundation
import Glibc
import HadirLoadKit
import HadirProto

@inline(__always) func monotonicNs() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

func wallMs() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
}

/// One call waiting for its reply.
struct Slot {
    var busy = false
    var checkIn = true
    var seq: UInt32 = 0
    var sentNs: UInt64 = 0
    /// When the call was due: its scheduled time in open loop and morning, else `sentNs`.
    var dueNs: UInt64 = 0
    var requestBytes = 0
}

/// One client connection: one device, so one employee.
final class Conn {
    let number: Int
    var generation: UInt32 = 0
    var fd: Int32 = -1
    var token: Int
    var ready = false
    var helloSentNs: UInt64 = 0
    var employeeID: UInt64 = 0
    var nextSeq: UInt32 = 1
    var nextIsCheckIn = true
    var slots: [Slot]
    var free: [Int]
    var inFlight = 0
    var out: [UInt8] = []
    var outOffset = 0
    var queued = false
    var writable = true
    var partial: [UInt8] = []
    /// Open loop: due times of calls waiting for a free slot.
    var backlog: [UInt64] = []
    var backlogHead = 0

    // Morning: one employee's check-in.
    var arrivalNs: UInt64 = 0
    var retry = false
    var dropPlanned = false
    var dropped = false
    var mustReplay = false
    var expectReplies = 0
    var firstEvent: UInt64 = 0
    var firstReplayed = false
    var acked = false
    var failed = false

    init(number: Int, token: Int, slots: Int) {
        self.number = number
        self.token = token
        self.slots = [Slot](repeating: Slot(), count: slots)
        self.free = Array((0..<slots).reversed())
    }

    var epollToken: UInt64 { UInt64(UInt32(number)) | UInt64(generation) << 32 }
}

/// Counters and histograms of one run.
struct Results {
    var calls = 0
    var ok = 0
    var errors: [String: Int] = [:]
    var latency = Histogram()
    var endToEnd = Histogram()
    var bytesSent = 0
    var bytesReceived = 0
    var callBytesSent = 0
    var callBytesReceived = 0
    var okRoundTrips = 0
    var okRoundTripBytes = 0
    /// Protobuf bytes of the Punch requests and PunchReply bodies of the ok round trips,
    /// without the Call/Reply envelopes and frame prefixes.
    var okRequestBodyBytes = 0
    var okReplyBodyBytes = 0
    var hellos = 0
    var helloLatency = Histogram()
    var connects = 0
    var reconnects = 0
    var replayed = 0
    var acked = 0
    var elapsedNs: UInt64 = 0
    var idleConnections = 0

    mutating func error(_ name: String, _ count: Int = 1) { errors[name, default: 0] += count }
}

/// A single-threaded epoll client: every connection is non-blocking and served by one loop.
final class Driver {
    let options: Options
    let tokens: [String]
    let epfd: Int32
    let events: UnsafeMutableRawPointer
    let readBuffer: UnsafeMutableRawBufferPointer
    var conns: [Conn?] = []
    var flushQueue: [Conn] = []
    var results = Results()
    var address = sockaddr_in()
    let timeoutNs: UInt64
    var start: UInt64 = 0
    var issued = 0
    var stopIssuing = false
    var lastProgress: UInt64 = 0
    var lastProgressCalls = 0
    var lastSweep: UInt64 = 0
    var tokenCursor = 0
    var ackedIDs: [UInt64] = []
    var morningDone = 0
    var liveConns = 0

    static let helloID: UInt32 = 1_000_000

    init(options: Options, tokens: [String]) {
        self.options = options
        self.tokens = tokens
        epfd = epoll_create1(Int32(EPOLL_CLOEXEC))
        events = cepoll_events_alloc(1024)!
        readBuffer = .allocate(byteCount: 256 * 1024, alignment: 16)
        timeoutNs = UInt64(options.timeout * 1e9)
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = options.port.bigEndian
        guard inet_pton(AF_INET, options.host, &address.sin_addr) == 1 else {
            FileHandle.standardError.write(Data("hadir-load: --host must be an IPv4 address\n".utf8))
            exit(2)
        }
        tokenCursor = options.firstToken % tokens.count
    }

    // MARK: Connections

    /// Opens a TCP connection (a blocking connect to a local server takes microseconds),
    /// then makes it non-blocking and registers it.
    func connect(_ conn: Conn) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { results.error("CONNECT_FAILED"); return false }
        var addr = address
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            results.error("CONNECT_FAILED")
            Glibc.close(fd)
            return false
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        conn.fd = fd
        conn.generation &+= 1
        conn.ready = false
        conn.writable = true
        conn.partial = []
        conn.out.removeAll(keepingCapacity: true)
        conn.outOffset = 0
        _ = cepoll_ctl(epfd, cepoll_ctl_add(), fd, cepoll_in(), conn.epollToken)
        results.connects += 1
        liveConns += 1
        sendHello(conn)
        return true
    }

    func sendHello(_ conn: Conn) {
        let frame = Wire.hello(id: Self.helloID, token: tokens[conn.token], nowMs: wallMs())
        conn.out.append(contentsOf: frame)
        conn.helloSentNs = monotonicNs()
        queue(conn)
    }

    /// Closes the socket; calls in flight are forgotten (their caller counts them).
    func closeSocket(_ conn: Conn) {
        guard conn.fd >= 0 else { return }
        _ = cepoll_ctl(epfd, cepoll_ctl_del(), conn.fd, 0, 0)
        Glibc.close(conn.fd)
        conn.fd = -1
        conn.ready = false
        liveConns -= 1
    }

    /// The link broke or timed out: count what was in flight, then reconnect and Hello again.
    func lost(_ conn: Conn, as name: String) {
        var count = 0
        for index in conn.slots.indices where conn.slots[index].busy {
            conn.slots[index].busy = false
            conn.free.append(index)
            count += 1
        }
        conn.inFlight = 0
        if count > 0 {
            results.error(name, count)
            results.calls += count
        }
        closeSocket(conn)
        if options.mode == .morning {
            if !conn.acked && !conn.failed { conn.failed = true; finishMorning(conn) }
            return
        }
        if !stopIssuing {
            results.reconnects += 1
            _ = connect(conn)
        }
    }

    // MARK: Output

    @inline(__always) func queue(_ conn: Conn) {
        if !conn.queued {
            conn.queued = true
            flushQueue.append(conn)
        }
    }

    func flushAll() {
        for conn in flushQueue {
            conn.queued = false
            flush(conn)
        }
        flushQueue.removeAll(keepingCapacity: true)
    }

    func flush(_ conn: Conn) {
        guard conn.fd >= 0 else { return }
        while conn.outOffset < conn.out.count {
            let offset = conn.outOffset
            let sent = conn.out.withUnsafeBytes {
                Glibc.send(conn.fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                conn.outOffset += sent
                results.bytesSent += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if conn.writable {
                    conn.writable = false
                    _ = cepoll_ctl(
                        epfd, cepoll_ctl_mod(), conn.fd, cepoll_in() | cepoll_out(), conn.epollToken)
                }
                return
            } else {
                lost(conn, as: "CONNECTION_LOST")
                return
            }
        }
        conn.out.removeAll(keepingCapacity: true)
        conn.outOffset = 0
        if !conn.writable {
            conn.writable = true
            _ = cepoll_ctl(epfd, cepoll_ctl_mod(), conn.fd, cepoll_in(), conn.epollToken)
        }
    }

    /// Sends a check-in or check-out on a free slot.
    @inline(__always)
    func sendPunch(_ conn: Conn, checkIn: Bool, seq: UInt32, dueNs: UInt64, now: UInt64) {
        let slot = conn.free.removeLast()
        let size = Wire.appendPunch(checkIn: checkIn, id: UInt32(slot + 1), seq: seq, to: &conn.out)
        conn.slots[slot] = Slot(
            busy: true, checkIn: checkIn, seq: seq, sentNs: now, dueNs: dueNs, requestBytes: size)
        conn.inFlight += 1
        results.callBytesSent += size
        queue(conn)
    }

    /// Closed and open loop: the next call of this connection's employee.
    @inline(__always)
    func sendNext(_ conn: Conn, dueNs: UInt64, now: UInt64) {
        let checkIn = conn.nextIsCheckIn
        conn.nextIsCheckIn.toggle()
        let seq = conn.nextSeq
        conn.nextSeq &+= 1
        issued += 1
        sendPunch(conn, checkIn: checkIn, seq: seq, dueNs: dueNs, now: now)
    }

    // MARK: Input

    func readable(_ conn: Conn) {
        let count = Glibc.read(conn.fd, readBuffer.baseAddress, readBuffer.count)
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
            lost(conn, as: "CONNECTION_LOST")
            return
        }
        guard count > 0 else { return }
        results.bytesReceived += count
        let now = monotonicNs()
        if conn.partial.isEmpty {
            consume(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]), conn, now)
        } else {
            conn.partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
            let joined = conn.partial
            conn.partial = []
            joined.withUnsafeBytes { consume($0, conn, now) }
        }
    }

    func consume(_ bytes: UnsafeRawBufferPointer, _ conn: Conn, _ now: UInt64) {
        let generation = conn.generation
        var index = 0
        while index < bytes.count {
            let frameStart = index
            guard let length = Wire.readVarint(bytes, &index) else {
                conn.partial = Array(bytes[frameStart...])
                return
            }
            guard length <= 1 << 20 else { lost(conn, as: "BAD_FRAME"); return }
            guard index + Int(length) <= bytes.count else {
                conn.partial = Array(bytes[frameStart...])
                return
            }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[index..<index + Int(length)])
            index += Int(length)
            guard let reply = Wire.parseReply(payload) else { lost(conn, as: "BAD_FRAME"); return }
            handle(reply, frameBytes: index - frameStart, conn, now)
            // The handler may have closed the link, or replaced it with a new one.
            guard conn.fd >= 0, conn.generation == generation else { return }
        }
    }

    func handle(_ reply: Wire.Reply, frameBytes: Int, _ conn: Conn, _ now: UInt64) {
        if reply.id == Self.helloID {
            helloAnswered(reply, conn, now)
            return
        }
        let slot = Int(reply.id) - 1
        guard slot >= 0, slot < conn.slots.count, conn.slots[slot].busy else {
            results.error("UNKNOWN_REPLY_ID")
            return
        }
        let call = conn.slots[slot]
        conn.slots[slot].busy = false
        conn.free.append(slot)
        conn.inFlight -= 1
        results.calls += 1
        results.callBytesReceived += frameBytes
        results.latency.record(now &- call.dueNs)
        var punch: Wire.Punch?
        if reply.status == 0 {
            punch = Wire.parsePunch(reply.body)
            if punch == nil {
                results.error("BAD_REPLY_BODY")
            } else {
                results.ok += 1
                results.okRoundTrips += 1
                results.okRoundTripBytes += call.requestBytes + frameBytes
                results.okRequestBodyBytes += Wire.varintSize(call.seq) + 1 + (call.checkIn ? 2 : 0)
                results.okReplyBodyBytes += reply.body.count
                if punch!.replayed { results.replayed += 1 }
            }
        } else {
            results.error(Wire.statusName(reply.status))
            // A state refusal means our idea of the employee's session is off: follow the server.
            if reply.status == 9 { conn.nextIsCheckIn = !call.checkIn }
        }
        switch options.mode {
        case .closed:
            if !stopIssuing && issued < options.calls { sendNext(conn, dueNs: now, now: now) }
        case .open:
            pumpBacklog(conn, now)
        case .morning:
            morningReply(conn, slot: slot, call: call, punch: punch, status: reply.status, now: now)
        case .idle:
            break
        }
    }

    func helloAnswered(_ reply: Wire.Reply, _ conn: Conn, _ now: UInt64) {
        results.hellos += 1
        results.helloLatency.record(now &- conn.helloSentNs)
        guard reply.status == 0, let hello = try? HelloReply(serializedBytes: reply.body) else {
            results.error("HELLO_" + Wire.statusName(reply.status))
            closeSocket(conn)
            if options.mode == .morning, !conn.failed { conn.failed = true; finishMorning(conn) }
            return
        }
        conn.ready = true
        conn.employeeID = hello.employeeID
        // A fresh event numbers after the last one the server stored; a resend keeps its number.
        if !conn.dropped, conn.nextSeq <= hello.lastEventSeq { conn.nextSeq = hello.lastEventSeq &+ 1 }
        switch options.mode {
        case .closed:
            while !stopIssuing, issued < options.calls, !conn.free.isEmpty {
                sendNext(conn, dueNs: now, now: now)
            }
        case .open: pumpBacklog(conn, now)
        case .morning: morningHello(conn, lastEventSeq: hello.lastEventSeq, now: now)
        case .idle: results.idleConnections += 1
        }
    }

    // MARK: Open loop

    func pumpBacklog(_ conn: Conn, _ now: UInt64) {
        guard conn.ready else { return }
        while conn.backlogHead < conn.backlog.count, !conn.free.isEmpty {
            let due = conn.backlog[conn.backlogHead]
            conn.backlogHead += 1
            sendNext(conn, dueNs: due, now: now)
        }
        if conn.backlogHead == conn.backlog.count {
            conn.backlog.removeAll(keepingCapacity: true)
            conn.backlogHead = 0
        }
    }

    // MARK: Morning

    func morningHello(_ conn: Conn, lastEventSeq: UInt32, now: UInt64) {
        if conn.dropped {
            // Back after the planned drop: resend the same event_seq.
            conn.mustReplay = lastEventSeq >= conn.nextSeq
            conn.expectReplies = 1
            sendPunch(conn, checkIn: true, seq: conn.nextSeq, dueNs: now, now: now)
            return
        }
        let seq = conn.nextSeq
        sendPunch(conn, checkIn: true, seq: seq, dueNs: now, now: now)
        conn.expectReplies = 1
        if conn.dropPlanned {
            // The link breaks right after the call leaves: the device never hears back.
            flush(conn)
            results.reconnects += 1
            conn.dropped = true
            let slot = conn.slots.indices.first { conn.slots[$0].busy }!
            conn.slots[slot].busy = false
            conn.free.append(slot)
            conn.inFlight = 0
            closeSocket(conn)
            if !connect(conn) { conn.failed = true; finishMorning(conn) }
            return
        }
        if conn.retry {
            // The device's timer fired early: the same event again, before the first answer.
            sendPunch(conn, checkIn: true, seq: seq, dueNs: now, now: now)
            conn.expectReplies = 2
        }
    }

    func morningReply(_ conn: Conn, slot: Int, call: Slot, punch: Wire.Punch?, status: Int, now: UInt64) {
        conn.expectReplies -= 1
        if let punch {
            if conn.firstEvent == 0 {
                conn.firstEvent = punch.eventID
                conn.firstReplayed = punch.replayed
                if conn.dropped && conn.mustReplay && !punch.replayed {
                    results.error("REPLAY_MISMATCH")
                }
            } else if punch.eventID != conn.firstEvent || !punch.replayed || conn.firstReplayed {
                // A retry must come back replayed, with the original's event id.
                results.error("REPLAY_MISMATCH")
            }
        } else {
            conn.failed = true
        }
        guard conn.expectReplies == 0 else { return }
        if !conn.failed && conn.firstEvent != 0 {
            conn.acked = true
            results.acked += 1
            results.endToEnd.record(now &- conn.arrivalNs)
            ackedIDs.append(conn.firstEvent)
        }
        closeSocket(conn)
        finishMorning(conn)
    }

    func finishMorning(_ conn: Conn) {
        morningDone += 1
        conns[conn.number] = nil
    }

    // MARK: Sweeping and progress

    func sweep(_ now: UInt64) {
        for case let conn? in conns where conn.fd >= 0 {
            var oldest = UInt64.max
            for slot in conn.slots where slot.busy { oldest = min(oldest, slot.sentNs) }
            if !conn.ready { oldest = min(oldest, conn.helloSentNs) }
            if oldest != .max, now > oldest, now - oldest > timeoutNs { lost(conn, as: "TIMEOUT") }
        }
    }

    func progress(_ now: UInt64, inFlight: Int, force: Bool = false) {
        guard !options.quiet else { return }
        guard force || now - lastProgress >= 1_000_000_000 else { return }
        let interval = Double(now - lastProgress) / 1e9
        let rate = Double(results.calls - lastProgressCalls) / max(interval, 1e-9)
        lastProgress = now
        lastProgressCalls = results.calls
        let errors = results.errors.values.reduce(0, +)
        var line = String(
            format: "[%6.1fs] calls %d  %.0f/s  in flight %d  errors %d  p99 %@",
            Double(now - start) / 1e9, results.calls, rate, inFlight, errors,
            formatNs(results.latency.percentile(99)))
        if options.mode == .morning {
            line += "  acked \(results.acked)/\(options.employees)  conns \(liveConns)"
        }
        if options.mode == .idle {
            line = String(
                format: "[%6.1fs] idle connections %d", Double(now - start) / 1e9,
                results.idleConnections)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    // MARK: The loop

    /// One round: waits for events up to `timeoutMs` and handles them.
    func poll(timeoutMs: Int32) {
        let count = cepoll_wait(epfd, events, 1024, timeoutMs)
        if count > 0 {
            for index in 0..<Int(count) {
                let token = cepoll_event_token(events, Int32(index))
                let mask = cepoll_event_mask(events, Int32(index))
                let number = Int(UInt32(truncatingIfNeeded: token))
                guard number < conns.count, let conn = conns[number], conn.epollToken == token, conn.fd >= 0
                else {
                    continue
                }
                if mask & cepoll_out() != 0 { flush(conn) }
                if conn.fd >= 0, mask & (cepoll_in() | cepoll_hup() | cepoll_err()) != 0 { readable(conn) }
            }
        }
        flushAll()
    }

    func nextToken() -> Int {
        defer { tokenCursor = (tokenCursor + 1) % tokens.count }
        return tokenCursor
    }

    var totalInFlight: Int {
        var total = 0
        for case let conn? in conns { total += conn.inFlight }
        return total
    }

    func run() -> Results {
        start = monotonicNs()
        lastProgress = start
        lastSweep = start
        switch options.mode {
        case .closed, .open: runLoop(open: options.mode == .open)
        case .morning: runMorning()
        case .idle: runIdle()
        }
        results.elapsedNs = monotonicNs() - start
        return results
    }

    func openConnections(_ count: Int, slots: Int) {
        conns.reserveCapacity(count)
        for number in 0..<count {
            let conn = Conn(number: number, token: nextToken(), slots: slots)
            conns.append(conn)
            _ = connect(conn)
            if number % 256 == 255 { poll(timeoutMs: 0) }
        }
        flushAll()
    }

    func runLoop(open: Bool) {
        openConnections(options.connections, slots: options.inFlight)
        let end = start + UInt64(options.seconds * 1e9)
        let interval = 1e9 / options.rate
        var scheduled = 0
        var drainUntil: UInt64 = 0
        var nextConn = 0
        while true {
            let now = monotonicNs()
            if !stopIssuing && (now >= end || issued >= options.calls || (open && scheduled >= options.calls))
            {
                stopIssuing = true
                drainUntil = now + timeoutNs
            }
            if open && !stopIssuing {
                // Every call due by now, each stamped with the time it was due.
                while scheduled < options.calls {
                    let due = start + UInt64(Double(scheduled) * interval)
                    if due > now { break }
                    scheduled += 1
                    guard let conn = conns[nextConn] else { continue }
                    nextConn = (nextConn + 1) % conns.count
                    conn.backlog.append(due)
                    pumpBacklog(conn, now)
                }
            }
            if now - lastSweep >= 100_000_000 { sweep(now); lastSweep = now }
            let inFlight = totalInFlight
            progress(now, inFlight: inFlight)
            if stopIssuing {
                if inFlight == 0 { break }
                if now >= drainUntil {
                    results.error("UNANSWERED", inFlight)
                    break
                }
            }
            var timeoutMs: Int32 = 100
            if open && !stopIssuing {
                let due = start + UInt64(Double(scheduled) * interval)
                timeoutMs = due > now ? Int32(min(100, (due - now + 999_999) / 1_000_000)) : 0
            }
            poll(timeoutMs: timeoutMs)
        }
        progress(monotonicNs(), inFlight: 0, force: true)
        for case let conn? in conns { closeSocket(conn) }
    }

    func runMorning() {
        let employees = options.employees
        let schedule = options.curve.schedule(count: employees, windowNs: UInt64(options.window * 1e9))
        conns = [Conn?](repeating: nil, count: employees)
        // Which arrivals retry and which drop their link: spread evenly, fixed by the shares.
        func picked(_ index: Int, _ share: Double, _ salt: Int) -> Bool {
            guard share > 0 else { return false }
            let step = 1 / share
            let shifted = Double((index &* 7919 &+ salt) % employees)
            return shifted.truncatingRemainder(dividingBy: step) < 1
        }
        var next = 0
        let hardEnd = start + UInt64((options.window + options.timeout + 5) * 1e9)
        while true {
            let now = monotonicNs()
            while next < employees, start + schedule[next] <= now {
                let conn = Conn(number: next, token: nextToken(), slots: 2)
                conn.arrivalNs = start + schedule[next]
                conn.retry = picked(next, options.retryShare, 1)
                conn.dropPlanned = !conn.retry && picked(next, options.reconnectShare, 2)
                conns[next] = conn
                next += 1
                if !connect(conn) { conn.failed = true; finishMorning(conn) }
            }
            if now - lastSweep >= 100_000_000 { sweep(now); lastSweep = now }
            progress(now, inFlight: liveConns)
            if morningDone >= employees { break }
            if now >= hardEnd {
                results.error("UNANSWERED", employees - morningDone)
                break
            }
            var timeoutMs: Int32 = 100
            if next < employees {
                let due = start + schedule[next]
                timeoutMs = due > now ? Int32(min(100, (due - now + 999_999) / 1_000_000)) : 0
            }
            poll(timeoutMs: timeoutMs)
        }
        progress(monotonicNs(), inFlight: 0, force: true)
        for case let conn? in conns { closeSocket(conn) }
        if let path = options.ackedPath {
            let text = ackedIDs.map(String.init).joined(separator: "\n") + "\n"
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    func runIdle() {
        openConnections(options.connections, slots: 1)
        let connectDeadline = monotonicNs() + timeoutNs
        while results.idleConnections + results.errors.values.reduce(0, +) < options.connections,
            monotonicNs() < connectDeadline
        {
            poll(timeoutMs: 100)
            progress(monotonicNs(), inFlight: 0)
        }
        if let path = options.readyPath {
            _ = FileManager.default.createFile(
                atPath: path, contents: Data("\(results.idleConnections)\n".utf8))
        }
        let end = monotonicNs() + UInt64(options.hold * 1e9)
        while monotonicNs() < end {
            poll(timeoutMs: 100)
            progress(monotonicNs(), inFlight: 0)
        }
        for case let conn? in conns { closeSocket(conn) }
    }
}

func formatNs(_ ns: UInt64) -> String {
    let value = Double(ns)
    if value >= 1e9 { return String(format: "%.2f s", value / 1e9) }
    if value >= 1e6 { return String(format: "%.2f ms", value / 1e6) }
    return String(format: "%.0f µs", value / 1e3)
}
