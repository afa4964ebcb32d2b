import Foundation
import HadirWire

extension ProtoJSON {
    /// Options for writing JSON.
    public struct PrintOptions: Sendable {
        /// Also write fields that hold their default (0, "", false, [], {}), as
        /// protobuf's `including_default_value_fields` / `--emit-defaults` do.
        /// Unset messages, oneof members and proto3 `optional` fields stay out.
        public var emitDefaults = false
        /// Keys as in the .proto file ("event_seq") rather than JSON names ("eventSeq").
        public var protoNames = false
        public init(emitDefaults: Bool = false, protoNames: Bool = false) {
            self.emitDefaults = emitDefaults
            self.protoNames = protoNames
        }
    }

    /// Decodes wire bytes of the message named `typeName` to JSON. Fields the schema
    /// does not know are dropped, as protobuf's JSON printers do.
    public func decode(_ bytes: [UInt8], as typeName: String, options: PrintOptions = .init()) throws
        -> JSONValue
    {
        let message = try messageSchema(typeName)
        return try bytes.withUnsafeBytes { raw in
            try decodeMessage(raw, message, depth: 0, options: options)
        }
    }

    /// A value seen on the wire for one field.
    private enum Seen {
        case value(JSONValue, isDefault: Bool)
        case message([UInt8])
        case list([JSONValue])
        case map([JSONValue.Member])
    }

    private func decodeMessage(
        _ raw: UnsafeRawBufferPointer, _ message: MessageSchema, depth: Int, options: PrintOptions
    ) throws -> JSONValue {
        var reader = ProtoReader(raw, depth: depth)
        var seen: [Int32: Seen] = [:]
        var oneofChoice: [Int: Int32] = [:]
        while let (number, wireType) = try reader.nextTag() {
            guard let field = message.field(number: Int32(number)) else {
                _ = try reader.skipField(wireType)
                continue
            }
            do {
                let packedRun =
                    field.isRepeated && wireType == .lengthDelimited && field.wireType != .lengthDelimited
                guard wireType == field.wireType || packedRun else {
                    _ = try reader.skipField(wireType)
                    continue
                }
                if let oneof = field.oneofIndex {
                    if let previous = oneofChoice[oneof], previous != field.number { seen[previous] = nil }
                    oneofChoice[oneof] = field.number
                }
                if let (key, value) = schema.mapEntry(of: field) {
                    let entry = try reader.readBorrowedBytes()
                    let pair = try decodeMapEntry(
                        entry, key: key, value: value, depth: depth + 1, options: options)
                    var members: [JSONValue.Member] = []
                    if case .map(let existing) = seen[field.number] { members = existing }
                    if let index = members.firstIndex(where: { $0.key == pair.key }) {
                        members[index] = pair
                    } else {
                        members.append(pair)
                    }
                    seen[field.number] = .map(members)
                } else if field.isRepeated {
                    var list: [JSONValue] = []
                    if case .list(let existing) = seen[field.number] { list = existing }
                    if packedRun {
                        let run = try reader.readBorrowedBytes()
                        var inner = ProtoReader(run, depth: depth)
                        while !inner.isAtEnd {
                            list.append(try readValue(field, &inner, depth: depth, options: options).0)
                        }
                    } else {
                        list.append(try readValue(field, &reader, depth: depth, options: options).0)
                    }
                    seen[field.number] = .list(list)
                } else if field.type == .message {
                    // A message seen twice merges: the same as decoding its bytes run together.
                    var bytes: [UInt8] = []
                    if case .message(let existing) = seen[field.number] { bytes = existing }
                    bytes += Array(try reader.readBorrowedBytes())
                    seen[field.number] = .message(bytes)
                } else {
                    let (value, isDefault) = try readValue(field, &reader, depth: depth, options: options)
                    seen[field.number] = .value(value, isDefault: isDefault)
                }
            } catch let error as WireError {
                throw error.inside(field.name)
            }
        }

        var members: [JSONValue.Member] = []
        for field in message.fields.sorted(by: { $0.number < $1.number }) {
            let key = options.protoNames ? field.name : field.jsonName
            switch seen[field.number] {
            case .value(let value, let isDefault):
                if !isDefault || field.hasPresence || options.emitDefaults {
                    members.append(.init(key, value))
                }
            case .message(let bytes):
                guard depth < ProtoReader.maxDepth else { throw WireError(.tooDeep, fieldPath: [field.name]) }
                let inner = try messageSchema(field.typeName)
                do {
                    let value = try bytes.withUnsafeBytes {
                        try decodeMessage($0, inner, depth: depth + 1, options: options)
                    }
                    members.append(.init(key, value))
                } catch let error as WireError {
                    throw error.inside(field.name)
                }
            case .list(let values): members.append(.init(key, .array(values)))
            case .map(let entries): members.append(.init(key, .object(entries)))
            case nil:
                guard options.emitDefaults, !field.hasPresence else { continue }
                members.append(.init(key, try defaultValue(field)))
            }
        }
        return .object(members)
    }

    private func decodeMapEntry(
        _ raw: UnsafeRawBufferPointer, key: FieldSchema, value: FieldSchema, depth: Int, options: PrintOptions
    ) throws -> JSONValue.Member {
        var reader = ProtoReader(raw, depth: depth)
        var keyValue = try defaultValue(key)
        var valueValue: JSONValue? = nil
        var messageBytes: [UInt8]? = nil
        while let (number, wireType) = try reader.nextTag() {
            if number == 1, wireType == key.wireType {
                keyValue = try readValue(key, &reader, depth: depth, options: options).0
            } else if number == 2, wireType == value.wireType {
                if value.type == .message {
                    messageBytes = (messageBytes ?? []) + Array(try reader.readBorrowedBytes())
                } else {
                    valueValue = try readValue(value, &reader, depth: depth, options: options).0
                }
            } else {
                _ = try reader.skipField(wireType)
            }
        }
        if value.type == .message {
            let inner = try messageSchema(value.typeName)
            valueValue = try (messageBytes ?? []).withUnsafeBytes {
                try decodeMessage($0, inner, depth: depth + 1, options: options)
            }
        }
        let keyText: String
        switch keyValue {
        case .string(let text), .number(let text): keyText = text
        case .bool(let flag): keyText = flag ? "true" : "false"
        default: keyText = ""
        }
        return .init(keyText, try valueValue ?? defaultValue(value))
    }

    /// Reads one non-message value (messages only inside repeated fields).
    private func readValue(
        _ field: FieldSchema, _ reader: inout ProtoReader, depth: Int, options: PrintOptions
    ) throws -> (JSONValue, Bool) {
        switch field.type {
        case .int32:
            let v = try reader.readInt32()
            return (.number("\(v)"), v == 0)
        case .sint32:
            let v = try reader.readSInt32()
            return (.number("\(v)"), v == 0)
        case .sfixed32:
            let v = try reader.readSFixed32()
            return (.number("\(v)"), v == 0)
        case .uint32:
            let v = try reader.readUInt32()
            return (.number("\(v)"), v == 0)
        case .fixed32:
            let v = try reader.readFixed32()
            return (.number("\(v)"), v == 0)
        case .int64:
            let v = try reader.readInt64()
            return (.string("\(v)"), v == 0)
        case .sint64:
            let v = try reader.readSInt64()
            return (.string("\(v)"), v == 0)
        case .sfixed64:
            let v = try reader.readSFixed64()
            return (.string("\(v)"), v == 0)
        case .uint64:
            let v = try reader.readUInt64()
            return (.string("\(v)"), v == 0)
        case .fixed64:
            let v = try reader.readFixed64()
            return (.string("\(v)"), v == 0)
        case .bool:
            let v = try reader.readBool()
            return (.bool(v), !v)
        case .double:
            let v = try reader.readDouble()
            return (ProtoJSON.floatingJSON(v, description: "\(v)"), v.bitPattern == 0)
        case .float:
            let v = try reader.readFloat()
            return (ProtoJSON.floatingJSON(Double(v), description: "\(v)"), v.bitPattern == 0)
        case .string:
            let v = try reader.readString()
            return (.string(v), v.isEmpty)
        case .bytes:
            let v = try reader.readBytes()
            return (.string(Data(v).base64EncodedString()), v.isEmpty)
        case .enumeration:
            let v = try reader.readEnum()
            if let name = schema.enumeration(field.typeName)?.name(of: v) { return (.string(name), v == 0) }
            return (.number("\(v)"), v == 0)
        case .message:
            guard depth < ProtoReader.maxDepth else { throw WireError(.tooDeep) }
            let inner = try messageSchema(field.typeName)
            let bytes = try reader.readBorrowedBytes()
            return (try decodeMessage(bytes, inner, depth: depth + 1, options: options), false)
        case .group:
            throw WireError(.invalidWireType)
        }
    }

    static func floatingJSON(_ value: Double, description: String) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        return .number(description)
    }

    /// The JSON of a field's default value, for `emitDefaults` and map entries.
    private func defaultValue(_ field: FieldSchema) throws -> JSONValue {
        if schema.mapEntry(of: field) != nil { return .object([]) }
        if field.isRepeated { return .array([]) }
        switch field.type {
        case .int64, .uint64, .sint64, .fixed64, .sfixed64: return .string("0")
        case .double, .float: return .number("0.0")
        case .bool: return .bool(false)
        case .string, .bytes: return .string("")
        case .enumeration:
            return schema.enumeration(field.typeName)?.name(of: 0).map { .string($0) } ?? .number("0")
        case .message: return .object([])
        default: return .number("0")
        }
    }
}
