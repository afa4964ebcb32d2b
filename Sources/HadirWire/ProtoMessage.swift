/// A protobuf message: generated types conform, and get decoding and encoding of
/// whole messages from the extension below.
public protocol ProtoMessage: Sendable, Equatable {
    /// The fully qualified protobuf name ("hadir.v1.Punch").
    static var protoName: String { get }

    /// A message with every field at its default.
    init()

    /// Fields this version of the contract does not know, kept byte for byte and
    /// written back after the known fields.
    var unknownFields: UnknownFields { get set }

    /// Decodes one field whose tag was just read. Returns false when the field
    /// number, or its wire type, is not one this message knows.
    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool

    /// Appends the message's fields to `writer`, known fields in number order first.
    func encode(to writer: inout ProtoWriter)
}

extension ProtoMessage {
    /// Decodes a message from its serialized bytes. An empty input is a valid message
    /// holding defaults.
    ///
    /// - Throws: `WireError` naming the field at fault.
    public init(serializedBytes bytes: [UInt8]) throws {
        self.init()
        try bytes.withUnsafeBytes { raw in
            var reader = ProtoReader(raw)
            try merge(from: &reader)
        }
    }

    /// Decodes a message from borrowed bytes.
    public init(serializedBytes raw: UnsafeRawBufferPointer) throws {
        self.init()
        var reader = ProtoReader(raw)
        try merge(from: &reader)
    }

    /// Reads fields until the reader's end, merging them into this message: a
    /// scalar seen twice keeps the last value, repeated fields append, embedded
    /// messages merge.
    public mutating func merge(from reader: inout ProtoReader) throws {
        while let (field, wireType) = try reader.nextTag() {
            if try !decodeField(field, wireType, from: &reader) {
                let raw = try reader.skipField(wireType)
                unknownFields.append(raw)
            }
        }
    }

    /// A message built by setting fields on a default one.
    ///
    /// ```swift
    /// let punch = Punch.with { $0.eventSeq = 7; $0.mode = .wfh }
    /// ```
    public static func with(_ populate: (inout Self) throws -> Void) rethrows -> Self {
        var message = Self()
        try populate(&message)
        return message
    }

    /// The message in wire format.
    public func serializedBytes() -> [UInt8] {
        var writer = ProtoWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Appends the message in wire format to `bytes`.
    public func serialize(into writer: inout ProtoWriter) {
        encode(to: &writer)
    }
}

/// Encoded fields a message did not recognise, in arrival order.
public struct UnknownFields: Sendable, Hashable {
    /// The fields' raw bytes, tags included.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ raw: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: raw)
    }

    /// Writes the kept fields back unchanged.
    public func encode(to writer: inout ProtoWriter) {
        if !bytes.isEmpty { writer.writeRaw(bytes) }
    }
}

/// A protobuf enum. Values this version does not name are kept as their number,
/// as proto3 requires of open enums.
public protocol ProtoEnum: RawRepresentable, Sendable, Hashable, CustomStringConvertible
where RawValue == Int32 {
    init(rawValue: Int32)
    /// The name of the value in the .proto file, or nil for an unknown number.
    var protoName: String? { get }
}

extension ProtoEnum {
    /// The value's name in the .proto file, or its number when this version has none.
    public var description: String { protoName ?? String(rawValue) }
}

/// Decodes one field of a generated message, naming it in any error.
@inlinable
public func decoding<T>(_ name: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as WireError {
        throw error.inside(name)
    }
}
