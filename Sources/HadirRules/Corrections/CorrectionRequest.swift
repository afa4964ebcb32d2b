/// A person's request to fix a missed or wrong punch, and its review.
///
/// The model never edits an event: approved requests are applied on top of the stored
/// punches by ``applyCorrections(_:to:)``, so the originals stay as they were and the
/// request itself records who asked, who decided, when and why.
public struct CorrectionRequest: Sendable, Hashable {
    /// What the person asks for.
    public enum Change: Sendable, Hashable {
        /// A punch that was never made (forgotten check-out, say).
        case addPunch(kind: PunchKind, at: Int64, mode: Int32, placeName: String)
        /// A punch made at the wrong time: the event keeps its id, takes a new instant.
        case movePunch(eventID: Int64, to: Int64)
        /// A punch made by mistake.
        case removePunch(eventID: Int64)
    }

    /// Where the request stands.
    public enum Decision: Sendable, Hashable {
        case pending
        case approved(by: Int64, at: Int64, note: String)
        case rejected(by: Int64, at: Int64, reason: String)
    }

    /// One line of the audit trail.
    public struct AuditEntry: Sendable, Hashable {
        public enum Action: Sendable, Hashable { case requested, approved, rejected }
        public var action: Action
        public var actor: Int64
        public var at: Int64
        public var text: String
    }

    public let id: Int64
    /// Whose punches the change touches.
    public let employeeID: Int64
    /// Who asked (the person, or an administrator on their behalf).
    public let requestedBy: Int64
    public let requestedAt: Int64
    public let reason: String
    public let change: Change
    public private(set) var decision: Decision

    /// A new pending request.
    ///
    /// - Throws: ``CorrectionError`` `.emptyReason` (field `reason`) when the reason is
    ///   blank, `.inFuture` (field `at`) when the change names a time after `requestedAt`.
    public init(
        id: Int64, employeeID: Int64, requestedBy: Int64, requestedAt: Int64, reason: String,
        change: Change
    ) throws(CorrectionError) {
        guard reason.contains(where: { !$0.isWhitespace }) else {
            throw CorrectionError(code: .emptyReason, field: "reason")
        }
        switch change {
        case .addPunch(_, let at, _, _), .movePunch(_, let at):
            if at > requestedAt { throw CorrectionError(code: .inFuture, field: "at") }
        case .removePunch: break
        }
        self.id = id
        self.employeeID = employeeID
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.reason = reason
        self.change = change
        self.decision = .pending
    }

    /// The request approved by `reviewer`.
    ///
    /// - Throws: `.notPending` when already decided, `.ownRequest` when the reviewer asked
    ///   or is the person concerned. Whether the reviewer supervises the person is the
    ///   caller's check.
    public func approved(by reviewer: Int64, at: Int64, note: String = "")
        throws(CorrectionError) -> CorrectionRequest
    {
        try checkReviewable(by: reviewer)
        var copy = self
        copy.decision = .approved(by: reviewer, at: at, note: note)
        return copy
    }

    /// The request rejected by `reviewer`, with a reason the person will read.
    ///
    /// - Throws: as ``approved(by:at:note:)``, and `.emptyReason` for a blank reason.
    public func rejected(by reviewer: Int64, at: Int64, reason: String)
        throws(CorrectionError) -> CorrectionRequest
    {
        try checkReviewable(by: reviewer)
        guard reason.contains(where: { !$0.isWhitespace }) else {
            throw CorrectionError(code: .emptyReason, field: "reason")
        }
        var copy = self
        copy.decision = .rejected(by: reviewer, at: at, reason: reason)
        return copy
    }

    /// Who did what and when, oldest first.
    public var auditTrail: [AuditEntry] {
        var trail = [AuditEntry(action: .requested, actor: requestedBy, at: requestedAt, text: reason)]
        switch decision {
        case .pending: break
        case .approved(let by, let at, let note):
            trail.append(AuditEntry(action: .approved, actor: by, at: at, text: note))
        case .rejected(let by, let at, let reason):
            trail.append(AuditEntry(action: .rejected, actor: by, at: at, text: reason))
        }
        return trail
    }

    /// The punch an approved `.addPunch` creates: its id is the request's id, negated, so
    /// it can never collide with a stored event's (positive) id.
    public var addedEventID: Int64 { -id }

    private func checkReviewable(by reviewer: Int64) throws(CorrectionError) {
        guard decision == .pending else { throw CorrectionError(code: .notPending, field: "id") }
        guard reviewer != requestedBy, reviewer != employeeID else {
            throw CorrectionError(code: .ownRequest, field: "reviewer")
        }
    }
}

/// Why a correction could not be made or decided.
public struct CorrectionError: Error, Sendable, Hashable {
    public enum Code: Sendable, Hashable {
        case emptyReason
        case inFuture
        case notPending
        case ownRequest
    }

    public var code: Code
    /// The request field at fault.
    public var field: String
}

/// The punches as the approved corrections make them, oldest decision first. The input is
/// not changed: the stored originals stay the record.
///
/// - Parameters:
///   - requests: one person's requests in any state; only approved ones apply.
///   - events: that person's stored punches.
/// - Returns: the effective punches to count.
public func applyCorrections(_ requests: [CorrectionRequest], to events: [AttendanceEvent])
    -> [AttendanceEvent]
{
    let approved = requests.compactMap { request -> (Int64, CorrectionRequest)? in
        if case .approved(_, let at, _) = request.decision { return (at, request) }
        return nil
    }.sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }
    var result = events
    for (_, request) in approved {
        switch request.change {
        case .addPunch(let kind, let at, let mode, let placeName):
            result.append(
                AttendanceEvent(
                    id: request.addedEventID, kind: kind, at: at, mode: mode, placeName: placeName))
        case .movePunch(let eventID, let to):
            for index in result.indices where result[index].id == eventID { result[index].at = to }
        case .removePunch(let eventID):
            result.removeAll { $0.id == eventID }
        }
    }
    return result
}
