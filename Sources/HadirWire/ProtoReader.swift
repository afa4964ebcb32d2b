/// Reads protobuf wire format from borrowed bytes.
///
/// A reader never copies its input: it walks an `UnsafeRawBufferPointer` that is
/// valid for the duration of the decode (see `ProtoMessage.init(serializedBytes:)`).
/// Every read checks bounds and throws `WireError` rather than trapping.
public struct ProtoReader {
    @usableFromInline let base: UnsafeRawBufferPointer
    @usableFromInline var position: Int
    @usableFromInline let end: Int
    /// Where the tag of the field being decoded started, for keeping unknown fields.
    @usableFromInline var tagStart: Int = 0
    /// How many messages enclose this one.
    public let depth: Int

    /// The deepest nesting of messages and groups the decoder accepts.
    public static let maxDepth = 100

    public init(_ bytes: UnsafeRawBufferPointer, depth: Int = 0) {
        base = bytes
        position = 0
        end = bytes.count
        self.depth = depth
    }

    init(base: UnsafeRawBufferPointer, from start: Int, to end: Int, depth: Int) {
        self.base = base
        position = start
        self.end = end
        self.depth = depth
    }

    /// True when every byte has been read.
    public var isAtEnd: Bool { position >= end }

    // MARK: Primitives

    @inlinable
    public mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw WireError(.truncated) }
            let byte = base[position]
            position += 1
            if shift == 63 && byte > 1 { throw WireError(.malformedVarint) }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { throw WireError(.malformedVarint) }
        }
    }

    @inlinable
    public mutating func readFixed32() throws -> UInt32 {
        guard end - position >= 4 else { throw WireError(.truncated) }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(base[position + index]) << (8 * UInt32(index)) }
        position += 4
        return value
    }

    @inlinable
    public mutating func readFixed64() throws -> UInt64 {
        guard end - position >= 8 else { throw WireError(.truncated) }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(base[position + index]) << (8 * UInt64(index)) }
        position += 8
        return value
    }

    /// Reads the next tag, or returns nil at the end of the message.
    public mutating func nextTag() throws -> (field: Int, wireType: WireType)? {
        guard position < end else { return nil }
        tagStart = position
        let key = try readVarint()
        let number = key >> 3
        guard number >= 1, number <= UInt64(maxFieldNumber) else { throw WireError(.invalidFieldNumber) }
        guard let wireType = WireType(rawValue: UInt8(key & 7)) else { throw WireError(.invalidWireType) }
        if wireType == .endGroup { throw WireError(.invalidWireType) }
        return (Int(number), wireType)
    }

    /// Reads a length and returns the bounds of that many following bytes.
    mutating func readLength() throws -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(end - position) else { throw WireError(.lengthOutOfBounds) }
        let start = position
        position += Int(length)
        return start..<position
    }

    // MARK: Unknown fields

    /// Skips the value of the field whose tag was just read, and returns its whole
    /// encoding (tag included) so that it can be kept and written back.
    public mutating func skipField(_ wireType: WireType) throws -> UnsafeRawBufferPointer {
        var tag = self
        tag.position = tagStart
        let field = Int(try tag.readVarint() >> 3)
        try skipValue(wireType, field: field, groupDepth: 0)
        return UnsafeRawBufferPointer(rebasing: base[tagStart..<position])
    }

    /// Skips one value; a group is skipped up to the end-group tag of the same field.
    private mutating func skipValue(_ wireType: WireType, field: Int, groupDepth: Int) throws {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLength()
        case .endGroup: throw WireError(.invalidWireType)
        case .startGroup:
            guard depth + groupDepth < ProtoReader.maxDepth else { throw WireError(.tooDeep) }
            while true {
                let key = try readVarint()
                let number = key >> 3
                guard number >= 1, number <= UInt64(maxFieldNumber) else {
                    throw WireError(.invalidFieldNumber)
                }
                guard let inner = WireType(rawValue: UInt8(key & 7)) else {
                    throw WireError(.invalidWireType)
                }
                if inner == .endGroup {
                    guard Int(number) == field else { throw WireError(.invalidWireType) }
                    return
                }
                try skipValue(inner, field: Int(number), groupDepth: groupDepth + 1)
            }
        }
    }

    // MARK: Typed values

    public mutating func readInt32() throws -> Int32 { Int32(truncatingIfNeeded: try readVarint()) }
    public mutating func readInt64() throws -> Int64 { Int64(bitPattern: try readVarint()) }
    public mutating func readUInt32() throws -> UInt32 { UInt32(truncatingIfNeeded: try readVarint()) }
    public mutating func readUInt64() throws -> UInt64 { try readVarint() }
    public mutating func readSInt32() throws -> Int32 {
        ZigZag.decode(UInt32(truncatingIfNeeded: try readVarint()))
    }
    public mutating func readSInt64() throws -> Int64 { ZigZag.decode(try readVarint()) }
    public mutating func readBool() throws -> Bool { try readVarint() != 0 }
    public mutating func readEnum() throws -> Int32 { try readInt32() }
    public mutating func readSFixed32() throws -> Int32 { Int32(bitPattern: try readFixed32()) }
    public mutating func readSFixed64() throws -> Int64 { Int64(bitPattern: try readFixed64()) }
    public mutating func readFloat() throws -> Float { Float(bitPattern: try readFixed32()) }
    public mutating func readDouble() throws -> Double { Double(bitPattern: try readFixed64()) }

    /// Reads a string, refusing bytes that are not valid UTF-8.
    public mutating func readString() throws -> String {
        let range = try readLength()
        let slice = UnsafeRawBufferPointer(rebasing: base[range])
        guard let string = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw WireError(.invalidUTF8)
        }
        return string
    }

    public mutating func readBytes() throws -> [UInt8] {
        let range = try readLength()
        return Array(UnsafeRawBufferPointer(rebasing: base[range]))
    }

    /// Reads an embedded message, merging into `message` as protobuf specifies.
    public mutating func readMessage<M: ProtoMessage>(into message: inout M) throws {
        guard depth < ProtoReader.maxDepth else { throw WireError(.tooDeep) }
        let range = try readLength()
        var inner = ProtoReader(base: base, from: range.lowerBound, to: range.upperBound, depth: depth + 1)
        try message.merge(from: &inner)
    }

    /// Reads an embedded message into a new value.
    public mutating func readMessage<M: ProtoMessage>(_ type: M.Type = M.self) throws -> M {
        var message = M()
        try readMessage(into: &message)
        return message
    }

    /// Reads one map entry, handing each of its fields to `field`.
    public mutating func readMapEntry(
        _ field: (inout ProtoReader, Int, WireType) throws -> Bool
    ) throws {
        guard depth < ProtoReader.maxDepth else { throw WireError(.tooDeep) }
        let range = try readLength()
        var inner = ProtoReader(base: base, from: range.lowerBound, to: range.upperBound, depth: depth + 1)
        while let (number, wireType) = try inner.nextTag() {
            if try !field(&inner, number, wireType) {
                _ = try inner.skipField(wireType)
            }
        }
    }

    /// Reads one value of a repeated scalar field, packed or not, into `values`.
    ///
    /// A length-delimited record is a packed run; anything else is one unpacked
    /// element. Both forms, and runs of both, may appear for the same field.
    public mutating func readRepeated<T>(
        _ wireType: WireType,
        elementType: WireType,
        into values: inout [T],
        _ element: (inout ProtoReader) throws -> T
    ) throws {
        if wireType == .lengthDelimited {
            let range = try readLength()
            var inner = ProtoReader(base: base, from: range.lowerBound, to: range.upperBound, depth: depth)
            while !inner.isAtEnd { values.append(try element(&inner)) }
        } else if wireType == elementType {
            values.append(try element(&self))
        } else {
            throw WireError(.invalidWireType)
        }
    }
}

extension ProtoReader {
    /// Reads a length-delimited value without copying it: the bytes stay valid as
    /// long as the reader's input does.
    public mutating func readBorrowedBytes() throws -> UnsafeRawBufferPointer {
        let range = try readLength()
        return UnsafeRawBufferPointer(rebasing: base[range])
    }
}
