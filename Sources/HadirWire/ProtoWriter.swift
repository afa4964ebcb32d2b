/// Appends protobuf wire format to a growing byte array.
///
/// Generated `encode(to:)` methods call the typed `write…` methods; each writes the
/// tag and the value. Callers skip fields that hold their default (proto3 implicit
/// presence) before calling. Nested messages are written in one pass: one byte is
/// reserved for the length and widened only when the body turns out longer than 127.
public struct ProtoWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Starts over, keeping the allocated capacity for reuse.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Primitives

    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    @inlinable
    public mutating func writeTag(_ field: Int, _ wireType: WireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    @inlinable
    public mutating func writeFixed32(_ value: UInt32) {
        var value = value.littleEndian
        withUnsafeBytes(of: &value) { bytes.append(contentsOf: $0) }
    }

    @inlinable
    public mutating func writeFixed64(_ value: UInt64) {
        var value = value.littleEndian
        withUnsafeBytes(of: &value) { bytes.append(contentsOf: $0) }
    }

    /// Writes raw bytes as they are (unknown fields, pre-encoded bodies).
    public mutating func writeRaw(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    // MARK: Scalar fields

    public mutating func writeInt32(_ field: Int, _ value: Int32) {
        writeTag(field, .varint)
        // Negative int32 values are sign-extended to 64 bits: always 10 bytes.
        writeVarint(UInt64(bitPattern: Int64(value)))
    }

    public mutating func writeInt64(_ field: Int, _ value: Int64) {
        writeTag(field, .varint)
        writeVarint(UInt64(bitPattern: value))
    }

    public mutating func writeUInt32(_ field: Int, _ value: UInt32) {
        writeTag(field, .varint)
        writeVarint(UInt64(value))
    }

    public mutating func writeUInt64(_ field: Int, _ value: UInt64) {
        writeTag(field, .varint)
        writeVarint(value)
    }

    public mutating func writeSInt32(_ field: Int, _ value: Int32) {
        writeTag(field, .varint)
        writeVarint(UInt64(ZigZag.encode(value)))
    }

    public mutating func writeSInt64(_ field: Int, _ value: Int64) {
        writeTag(field, .varint)
        writeVarint(ZigZag.encode(value))
    }

    public mutating func writeBool(_ field: Int, _ value: Bool) {
        writeTag(field, .varint)
        bytes.append(value ? 1 : 0)
    }

    public mutating func writeEnum(_ field: Int, _ value: Int32) {
        writeInt32(field, value)
    }

    public mutating func writeFixed32(_ field: Int, _ value: UInt32) {
        writeTag(field, .fixed32)
        writeFixed32(value)
    }

    public mutating func writeSFixed32(_ field: Int, _ value: Int32) {
        writeFixed32(field, UInt32(bitPattern: value))
    }

    public mutating func writeFloat(_ field: Int, _ value: Float) {
        writeFixed32(field, value.bitPattern)
    }

    public mutating func writeFixed64(_ field: Int, _ value: UInt64) {
        writeTag(field, .fixed64)
        writeFixed64(value)
    }

    public mutating func writeSFixed64(_ field: Int, _ value: Int64) {
        writeFixed64(field, UInt64(bitPattern: value))
    }

    public mutating func writeDouble(_ field: Int, _ value: Double) {
        writeFixed64(field, value.bitPattern)
    }

    public mutating func writeString(_ field: Int, _ value: String) {
        writeTag(field, .lengthDelimited)
        var value = value
        value.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func writeBytes(_ field: Int, _ value: [UInt8]) {
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    // MARK: Length-delimited bodies

    /// Writes a tag and a length-delimited body produced by `body`, in one pass.
    public mutating func writeLengthDelimited(_ field: Int, _ body: (inout ProtoWriter) -> Void) {
        writeTag(field, .lengthDelimited)
        let lengthAt = bytes.count
        bytes.append(0)
        body(&self)
        let length = bytes.count - lengthAt - 1
        if length < 0x80 {
            bytes[lengthAt] = UInt8(length)
            return
        }
        // Widen the reserved byte: shift the body right and write the full varint.
        let size = varintSize(UInt64(length))
        bytes.insert(contentsOf: repeatElement(0, count: size - 1), at: lengthAt + 1)
        var value = UInt64(length)
        var index = lengthAt
        while value >= 0x80 {
            bytes[index] = UInt8(truncatingIfNeeded: value) | 0x80
            value >>= 7
            index += 1
        }
        bytes[index] = UInt8(value)
    }

    /// Writes an embedded message, present even when all its fields are defaults.
    public mutating func writeMessage<M: ProtoMessage>(_ field: Int, _ message: M) {
        writeLengthDelimited(field) { message.encode(to: &$0) }
    }

    /// Writes a packed repeated field of varint-encoded values; nothing when empty.
    public mutating func writePackedVarints<T>(_ field: Int, _ values: [T], _ transform: (T) -> UInt64) {
        guard !values.isEmpty else { return }
        writeLengthDelimited(field) { writer in
            for value in values { writer.writeVarint(transform(value)) }
        }
    }

    /// Writes a packed repeated field of 4-byte values; nothing when empty.
    public mutating func writePackedFixed32<T>(_ field: Int, _ values: [T], _ transform: (T) -> UInt32) {
        guard !values.isEmpty else { return }
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(values.count * 4))
        for value in values { writeFixed32(transform(value)) }
    }

    /// Writes a packed repeated field of 8-byte values; nothing when empty.
    public mutating func writePackedFixed64<T>(_ field: Int, _ values: [T], _ transform: (T) -> UInt64) {
        guard !values.isEmpty else { return }
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(values.count * 8))
        for value in values { writeFixed64(transform(value)) }
    }
}
