/// Whether a punch starts or ends work.
public enum PunchKind: Int32, Sendable, Hashable {
    case checkIn = 1
    case checkOut = 2
}

/// One punch as the rules see it: already deduplicated by the store and corrected for
/// the device's clock (see ``CapturePolicy``).
public struct AttendanceEvent: Sendable, Hashable {
    /// The store's id; breaks ties between punches of the same kind at the same instant.
    public var id: Int64
    /// Check-in or check-out.
    public var kind: PunchKind
    /// The corrected instant, in ms since the Unix epoch.
    public var at: Int64
    /// The work mode recorded with the punch (WFO, WFA, WFH, DL), as the contract numbers it.
    public var mode: Int32
    /// Where, when the person named a place ("Balai RW 3"); empty otherwise.
    public var placeName: String

    public init(id: Int64, kind: PunchKind, at: Int64, mode: Int32 = 0, placeName: String = "") {
        self.id = id
        self.kind = kind
        self.at = at
        self.mode = mode
        self.placeName = placeName
    }
}

extension AttendanceEvent {
    /// The order every rule works in: by instant; at the same instant a check-out comes
    /// before a check-in (so "out 12:00:00, in 12:00:00" closes one session and opens the
    /// next); then by id, so the result never depends on arrival order.
    static func precedes(_ a: AttendanceEvent, _ b: AttendanceEvent) -> Bool {
        if a.at != b.at { return a.at < b.at }
        if a.kind != b.kind { return a.kind == .checkOut }
        return a.id < b.id
    }
}
