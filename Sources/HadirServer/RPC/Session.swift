import HadirRules

/// Who a connection speaks for, set by a successful Hello.
///
/// Lives in the connection's `userState`; read on the loop thread and copied into
/// each `ServerCall`.
public final class Session: Sendable {
    public let employeeID: Int64
    public let deviceID: Int64
    public let unitCode: String
    public let zone: WorkZone
    /// Device clock minus server clock, measured at Hello.
    public let clockOffsetMs: Int64

    public init(employeeID: Int64, deviceID: Int64, unitCode: String, zone: WorkZone, clockOffsetMs: Int64) {
        self.employeeID = employeeID
        self.deviceID = deviceID
        self.unitCode = unitCode
        self.zone = zone
        self.clockOffsetMs = clockOffsetMs
    }
}
