/// The low three bits of a field's tag: how its value is laid out on the wire.
public enum WireType: UInt8, Sendable {
    /// int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// fixed64, sfixed64, double.
    case fixed64 = 1
    /// string, bytes, embedded messages, packed repeated fields.
    case lengthDelimited = 2
    /// Deprecated groups: accepted and kept as unknown, never written by Hadir.
    case startGroup = 3
    case endGroup = 4
    /// fixed32, sfixed32, float.
    case fixed32 = 5
}

/// The largest field number protobuf allows (2^29 - 1).
public let maxFieldNumber = (1 << 29) - 1

/// ZigZag mapping for sint32 and sint64: small magnitudes of either sign stay short.
public enum ZigZag {
    @inlinable
    public static func encode(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value << 1) ^ (value >> 31))
    }

    @inlinable
    public static func encode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    @inlinable
    public static func decode(_ value: UInt32) -> Int32 {
        Int32(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    @inlinable
    public static func decode(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }
}

/// The number of bytes `value` takes as a base-128 varint (1 to 10).
@inlinable
public func varintSize(_ value: UInt64) -> Int {
    if value < 1 << 7 { return 1 }
    if value < 1 << 14 { return 2 }
    if value < 1 << 21 { return 3 }
    if value < 1 << 28 { return 4 }
    let bits = 64 - value.leadingZeroBitCount
    return (bits + 6) / 7
}
