/// A check-in paired with its check-out, or a punch whose partner is missing.
public struct WorkSession: Sendable, Hashable {
    /// How complete the pair is.
    public enum State: Sendable, Hashable {
        /// Both punches are there.
        case complete
        /// Checked in, not yet out, and still within the policy's longest session: the
        /// session counts up to `now`.
        case running
        /// Checked in, but the check-out never came (another check-in came first, or the
        /// longest session has passed): the check-out was forgotten.
        case missingCheckOut
        /// A check-out whose check-in never came.
        case missingCheckIn
    }

    /// The check-in instant (ms), nil when missing.
    public var checkIn: Int64?
    /// The check-out instant (ms), nil when missing or still running.
    public var checkOut: Int64?
    /// The event ids of the two punches, for audit and corrections.
    public var checkInID: Int64?
    public var checkOutID: Int64?
    /// The work mode and place of the check-in (of the check-out for a lone check-out).
    public var mode: Int32
    public var placeName: String
    public var state: State
    /// Time counted for this session, in ms: out minus in, `now` minus in while running,
    /// the policy's credit (0 by default) when incomplete.
    public var workedMilliseconds: Int64

    /// ``workedMilliseconds`` in whole seconds.
    public var workedSeconds: Int64 { workedMilliseconds / 1000 }

    /// The instant that places the session on a day: its check-in, else its check-out.
    public var anchor: Int64 { checkIn ?? checkOut ?? 0 }

    /// True when a punch is missing (the session needs a correction).
    public var isIncomplete: Bool { state == .missingCheckOut || state == .missingCheckIn }

    public init(
        checkIn: Int64?, checkOut: Int64?, checkInID: Int64? = nil, checkOutID: Int64? = nil,
        mode: Int32 = 0, placeName: String = "", state: State, workedMilliseconds: Int64
    ) {
        self.checkIn = checkIn
        self.checkOut = checkOut
        self.checkInID = checkInID
        self.checkOutID = checkOutID
        self.mode = mode
        self.placeName = placeName
        self.state = state
        self.workedMilliseconds = workedMilliseconds
    }
}

/// Pairs punches into sessions.
///
/// Events may come in any order and may repeat an id (the repeat is dropped). Events after
/// `now` are ignored: the result is the world as it stood at `now`. Each check-in pairs
/// with the next event when that is a check-out at most `maxSessionSeconds` later;
/// otherwise the check-in is a ``WorkSession/State/missingCheckOut`` (or `running`, when
/// nothing follows it and `now` is within `maxSessionSeconds`). A check-out with no open
/// check-in is a ``WorkSession/State/missingCheckIn``.
///
/// - Parameters:
///   - events: punches in any order.
///   - maxSessionSeconds: the longest a session may last; beyond it a check-out was forgotten.
///   - incompleteCreditSeconds: time credited to a session whose check-out is missing.
///   - now: the instant (ms) the question is asked at.
/// - Returns: sessions ordered by their anchor instant.
public func pairSessions(
    _ events: [AttendanceEvent],
    maxSessionSeconds: Int64,
    incompleteCreditSeconds: Int64 = 0,
    now: Int64
) -> [WorkSession] {
    var seen = Set<Int64>()
    let ordered = events.sorted(by: AttendanceEvent.precedes).filter {
        $0.at <= now && seen.insert($0.id).inserted
    }
    let maxMs = maxSessionSeconds * 1000
    let creditMs = max(0, incompleteCreditSeconds) * 1000
    var sessions: [WorkSession] = []
    var open: AttendanceEvent?

    func forgotten(_ checkIn: AttendanceEvent) -> WorkSession {
        WorkSession(
            checkIn: checkIn.at, checkOut: nil, checkInID: checkIn.id, mode: checkIn.mode,
            placeName: checkIn.placeName, state: .missingCheckOut, workedMilliseconds: creditMs)
    }

    for event in ordered {
        switch event.kind {
        case .checkIn:
            if let previous = open { sessions.append(forgotten(previous)) }
            open = event
        case .checkOut:
            if let checkIn = open, event.at - checkIn.at <= maxMs {
                sessions.append(
                    WorkSession(
                        checkIn: checkIn.at, checkOut: event.at, checkInID: checkIn.id,
                        checkOutID: event.id, mode: checkIn.mode, placeName: checkIn.placeName,
                        state: .complete, workedMilliseconds: event.at - checkIn.at))
            } else {
                if let checkIn = open { sessions.append(forgotten(checkIn)) }
                sessions.append(
                    WorkSession(
                        checkIn: nil, checkOut: event.at, checkOutID: event.id, mode: event.mode,
                        placeName: event.placeName, state: .missingCheckIn,
                        workedMilliseconds: 0))
            }
            open = nil
        }
    }
    if let checkIn = open {
        if now - checkIn.at <= maxMs {
            sessions.append(
                WorkSession(
                    checkIn: checkIn.at, checkOut: nil, checkInID: checkIn.id, mode: checkIn.mode,
                    placeName: checkIn.placeName, state: .running,
                    workedMilliseconds: max(0, now - checkIn.at)))
        } else {
            sessions.append(forgotten(checkIn))
        }
    }
    return sessions
}
