import HadirRules

/// One approved absence on one date.
public struct AbsenceRecord: Sendable, Hashable {
    public var employeeID: Int64
    public var date: String
    public var kind: AbsenceKind
    public var note: String
    public var recordedBy: Int64
    public var recordedAtMs: Int64
}

/// A stored correction request and its decision: the audit trail's row.
public struct CorrectionRecord: Sendable, Hashable {
    public enum Action: Int32, Sendable { case add = 1, move = 2, remove = 3 }
    public enum State: Int32, Sendable { case pending = 1, approved = 2, rejected = 3 }

    public var id: Int64
    public var employeeID: Int64
    public var action: Action
    /// `.add`: the kind of the punch added.
    public var punchKind: HadirRules.PunchKind?
    /// `.add` and `.move`: the intended instant.
    public var atMs: Int64
    /// `.move` and `.remove`: the stored event.
    public var eventID: Int64
    public var mode: Int32
    /// `.move` and `.remove`: the event's recorded instant when the request was made.
    public var originalAtMs: Int64
    public var reason: String
    public var requestedBy: Int64
    public var requestedAtMs: Int64
    public var state: State
    public var decidedBy: Int64
    public var decidedAtMs: Int64
    public var decisionNote: String

    /// The request as the rules model it, for ``applyCorrections(_:to:)``.
    public var request: CorrectionRequest? {
        let change: CorrectionRequest.Change
        switch action {
        case .add: change = .addPunch(kind: punchKind ?? .checkIn, at: atMs, mode: mode, placeName: "")
        case .move: change = .movePunch(eventID: eventID, to: atMs)
        case .remove: change = .removePunch(eventID: eventID)
        }
        guard
            var request = try? CorrectionRequest(
                id: id, employeeID: employeeID, requestedBy: requestedBy, requestedAt: requestedAtMs,
                reason: reason, change: change)
        else { return nil }
        switch state {
        case .pending: break
        case .approved:
            guard let decided = try? request.approved(by: decidedBy, at: decidedAtMs, note: decisionNote)
            else { return nil }
            request = decided
        case .rejected:
            guard let decided = try? request.rejected(by: decidedBy, at: decidedAtMs, reason: decisionNote)
            else { return nil }
            request = decided
        }
        return request
    }
}

/// One line of a correction's audit trail.
public struct CorrectionAuditRecord: Sendable, Hashable {
    public var correctionID: Int64
    /// "requested", "approved" or "rejected".
    public var action: String
    public var actor: Int64
    public var atMs: Int64
    public var text: String
}

/// A maintained day total: the rules' day as it stood at `updatedAtMs`.
public struct DayTotalRecord: Sendable, Hashable {
    public var employeeID: Int64
    public var date: String
    public var status: DayStatus
    public var workedSeconds: Int64
    public var breakSeconds: Int64
    public var updatedAtMs: Int64
    /// From this instant on, only a new event, correction or absence can change the day.
    public var settlesAtMs: Int64
}
