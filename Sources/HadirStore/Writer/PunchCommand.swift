/// Whether an attendance event opens or closes a work session.
public enum PunchKind: Int32, Sendable, Hashable {
    /// Starts a session.
    case checkIn = 1
    /// Ends the open session.
    case checkOut = 2

    /// The name used in messages: `check_in`, `check_out`.
    public var name: String {
        switch self {
        case .checkIn: "check_in"
        case .checkOut: "check_out"
        }
    }
}

/// One check-in or check-out to record, as the server hands it to ``AttendanceWriter``.
///
/// `(deviceID, eventSeq)` identifies the event: a repeat of the pair is answered with the
/// original event, whatever its other fields say.
public struct PunchCommand: Sendable, Hashable {
    /// The employee punching; the server has already matched it to the device.
    public var employeeID: Int64
    /// The enrolled device that sent the event.
    public var deviceID: Int64
    /// The device's own number for this event, increasing per device.
    public var eventSeq: UInt32
    /// Check-in or check-out.
    public var kind: PunchKind
    /// Work mode (WFO, WFA, WFH, DL) as its contract number.
    public var mode: Int32
    /// The device's raw clock when the event was captured; 0 when the device sent none.
    public var capturedAtMs: Int64
    /// The instant the event counts at, after clock correction.
    public var recordedAtMs: Int64
    /// When the server received it.
    public var receivedAtMs: Int64
    /// The device clock's offset from the server's, as estimated by the server.
    public var clockOffsetMs: Int64
    /// A named place, such as a Balai RW; may be empty.
    public var placeName: String
    /// Latitude in degrees; 0 with `accuracyM` 0 when unknown.
    public var latitude: Double
    /// Longitude in degrees.
    public var longitude: Double
    /// Horizontal accuracy in metres; 0 when unknown.
    public var accuracyM: Float

    /// Creates a command; the location fields default to "unknown".
    public init(
        employeeID: Int64, deviceID: Int64, eventSeq: UInt32, kind: PunchKind, mode: Int32 = 0,
        capturedAtMs: Int64 = 0, recordedAtMs: Int64, receivedAtMs: Int64, clockOffsetMs: Int64 = 0,
        placeName: String = "", latitude: Double = 0, longitude: Double = 0, accuracyM: Float = 0
    ) {
        self.employeeID = employeeID
        self.deviceID = deviceID
        self.eventSeq = eventSeq
        self.kind = kind
        self.mode = mode
        self.capturedAtMs = capturedAtMs
        self.recordedAtMs = recordedAtMs
        self.receivedAtMs = receivedAtMs
        self.clockOffsetMs = clockOffsetMs
        self.placeName = placeName
        self.latitude = latitude
        self.longitude = longitude
        self.accuracyM = accuracyM
    }
}

/// What the store answered for a ``PunchCommand``, once durably committed.
public struct PunchOutcome: Sendable, Hashable {
    /// The stored event's id.
    public var eventID: Int64
    /// The instant the stored event counts at (the original's, for a replay).
    public var recordedAtMs: Int64
    /// `true` when this was a repeat of an event already stored.
    public var replayed: Bool

    /// Creates an outcome.
    public init(eventID: Int64, recordedAtMs: Int64, replayed: Bool) {
        self.eventID = eventID
        self.recordedAtMs = recordedAtMs
        self.replayed = replayed
    }
}
