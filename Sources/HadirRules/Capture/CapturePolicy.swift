/// How far an event's corrected time may lie from the moment the server receives it.
///
/// A phone offline for a while sends its punches late, which is fine within
/// `maxPastSeconds`; a corrected time ahead of the server by more than
/// `maxFutureSeconds` means a wrong clock or a forged punch and is refused.
public struct CapturePolicy: Sendable, Hashable {
    /// The oldest a punch may claim to be when it arrives: 72 h (a weekend offline).
    public var maxPastSeconds: Int64
    /// How far ahead of the server a corrected punch may be: 5 min, to absorb the error
    /// of measuring a clock offset over a slow link.
    public var maxFutureSeconds: Int64

    public init(maxPastSeconds: Int64 = 72 * 3600, maxFutureSeconds: Int64 = 300) {
        self.maxPastSeconds = maxPastSeconds
        self.maxFutureSeconds = maxFutureSeconds
    }
}

/// A device clock's offset from the server's: positive when the device is ahead.
public struct ClockOffset: Sendable, Hashable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// The offset measured at hello: the device's clock reading when it sent the hello
    /// minus the server's when it received it. Link latency makes the device look behind
    /// by the one-way delay; ``CapturePolicy/maxFutureSeconds`` absorbs that error.
    public static func measured(deviceSentAt: Int64, serverReceivedAt: Int64) -> ClockOffset {
        ClockOffset(milliseconds: deviceSentAt - serverReceivedAt)
    }
}

/// A punch's time as captured and as corrected: both are kept.
public struct CapturedTime: Sendable, Hashable {
    /// The device's clock reading at capture, ms since the epoch.
    public var raw: Int64
    /// The offset the correction used.
    public var offset: ClockOffset
    /// `raw - offset`: the server's estimate of the real instant.
    public var corrected: Int64
}

/// Why a captured time was refused. The server maps it to INVALID_ARGUMENT naming `field`.
public struct CaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        /// The corrected time is older than the policy allows.
        public static let tooOld = Code(rawValue: "too_old")
        /// The corrected time is further ahead of the server than the policy allows.
        public static let inFuture = Code(rawValue: "in_future")
        public var description: String { rawValue }
    }

    public var code: Code
    /// The request field at fault: "captured_at".
    public var field: String
    /// How far past the bound the time lies, in ms.
    public var excessMilliseconds: Int64

    public var description: String {
        "\(field): \(code) by \(excessMilliseconds) ms"
    }
}

/// Corrects a device's capture time by the measured offset and checks it against policy.
///
/// ```swift
/// // a phone 15 minutes fast captures "08:15" for a real 08:00:
/// let time = try correctCapture(raw: phone0815, offset: .init(milliseconds: 900_000),
///                               receivedAt: server0800, policy: CapturePolicy())
/// time.corrected  // 08:00; time.raw stays 08:15
/// ```
///
/// - Parameters:
///   - raw: the device's clock reading at capture (ms).
///   - offset: the device clock's offset measured on this connection.
///   - receivedAt: the server's time when the punch arrived (ms).
///   - policy: the bounds.
/// - Returns: the raw and corrected times.
/// - Throws: ``CaptureError`` naming `captured_at` when the corrected time is out of bounds.
public func correctCapture(
    raw: Int64, offset: ClockOffset, receivedAt: Int64, policy: CapturePolicy,
    field: String = "captured_at"
) throws(CaptureError) -> CapturedTime {
    let corrected = raw - offset.milliseconds
    let earliest = receivedAt - policy.maxPastSeconds * 1000
    let latest = receivedAt + policy.maxFutureSeconds * 1000
    if corrected < earliest {
        throw CaptureError(code: .tooOld, field: field, excessMilliseconds: earliest - corrected)
    }
    if corrected > latest {
        throw CaptureError(code: .inFuture, field: field, excessMilliseconds: corrected - latest)
    }
    return CapturedTime(raw: raw, offset: offset, corrected: corrected)
}
