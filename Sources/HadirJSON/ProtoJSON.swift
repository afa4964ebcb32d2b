import Foundation
import HadirWire

/// protobuf's canonical JSON mapping (proto3 JSON) for any message a `ProtoSchema`
/// describes, without generated code: JSON to wire bytes and wire bytes to JSON.
///
/// ```swift
/// let codec = ProtoJSON(schema: .hadirV1)
/// let bytes = try codec.encode(#"{"eventSeq": 7, "mode": "WORK_MODE_WFH"}"#, as: "hadir.v1.Punch")
/// let json = try codec.decode(bytes, as: "hadir.v1.Punch").text()
/// ```
///
/// Input accepts lowerCamelCase JSON names and the .proto names, 64-bit integers as
/// strings or numbers, enums by name or number, bytes in standard or URL-safe base64,
/// and `null` for "not set". Output follows what protobuf's own printers write.
public struct ProtoJSON: Sendable {
    public let schema: ProtoSchema

    public init(schema: ProtoSchema) { self.schema = schema }

    // MARK: JSON to wire

    /// Encodes a JSON text as the message named `typeName`. An empty text is the
    /// message with every field at its default.
    public func encode(_ text: String, as typeName: String) throws(JSONError) -> [UInt8] {
        if text.allSatisfy(\.isWhitespace) { return [] }
        return try encode(JSONValue.parse(text), as: typeName)
    }

    /// Encodes a JSON value as the message named `typeName`.
    public func encode(_ value: JSONValue, as typeName: String) throws(JSONError) -> [UInt8] {
        let message = try messageSchema(typeName)
        var writer = ProtoWriter()
        try encodeMessage(value, message, path: "", into: &writer)
        return writer.bytes
    }

    func messageSchema(_ name: String) throws(JSONError) -> MessageSchema {
        guard let message = schema.message(name) else { throw JSONError("unknown message type \(name)") }
        return message
    }

    private func encodeMessage(
        _ value: JSONValue, _ message: MessageSchema, path: String, into writer: inout ProtoWriter
    ) throws(JSONError) {
        guard case .object(let members) = value else {
            throw JSONError(path: path, "expected an object for \(message.fullName), got \(value.brief)")
        }
        var chosen: [(FieldSchema, JSONValue, String)] = []
        var seen: [Int32: String] = [:]
        var oneofMembers: [Int: String] = [:]
        for member in members {
            let memberPath = path.isEmpty ? member.key : path + "." + member.key
            guard let field = message.field(named: member.key) else {
                throw JSONError(
                    path: path, "unknown field \(JSONValue.quote(member.key)) in \(message.fullName)")
            }
            if let earlier = seen[field.number] {
                throw JSONError(path: memberPath, "field given twice (also as \(JSONValue.quote(earlier)))")
            }
            seen[field.number] = member.key
            if let oneof = field.oneofIndex, !field.isProto3Optional, member.value != .null {
                if let other = oneofMembers[oneof] {
                    throw JSONError(
                        path: memberPath,
                        "oneof \(message.oneofs[oneof]) already set by \(JSONValue.quote(other));"
                            + " give only one"
                    )
                }
                oneofMembers[oneof] = member.key
            }
            chosen.append((field, member.value, memberPath))
        }
        // Fields go out in number order, as generated code writes them.
        chosen.sort { $0.0.number < $1.0.number }
        for (field, value, memberPath) in chosen {
            try encodeField(field, value, path: memberPath, into: &writer)
        }
    }

    private func encodeField(
        _ field: FieldSchema, _ value: JSONValue, path: String, into writer: inout ProtoWriter
    ) throws(JSONError) {
        let number = Int(field.number)
        if let (key, valueField) = schema.mapEntry(of: field) {
            if value == .null { return }
            guard case .object(let members) = value else {
                throw JSONError(path: path, "expected an object (a map), got \(value.brief)")
            }
            // Entries go out sorted by key, as the generated encoder writes them.
            var entries: [(order: MapKeyOrder, bytes: [UInt8])] = []
            for member in members {
                let entryPath = path + "[" + JSONValue.quote(member.key) + "]"
                var entry = ProtoWriter()
                let keyValue = try mapKey(member.key, key, path: entryPath)
                try writeSingle(key, keyValue, path: entryPath, into: &entry, always: true)
                if member.value == .null { throw JSONError(path: entryPath, "a map value may not be null") }
                try writeSingle(valueField, member.value, path: entryPath, into: &entry, always: true)
                entries.append((MapKeyOrder(member.key, key.type), entry.bytes))
            }
            for entry in entries.sorted(by: { $0.order < $1.order }) {
                writer.writeBytes(number, entry.bytes)
            }
            return
        }
        if field.isRepeated {
            if value == .null { return }
            guard case .array(let elements) = value else {
                throw JSONError(path: path, "expected an array, got \(value.brief)")
            }
            if field.isPacked {
                guard !elements.isEmpty else { return }
                var packed = ProtoWriter()
                for (index, element) in elements.enumerated() {
                    let raw = try scalar(field, element, path: "\(path)[\(index)]")
                    raw.writeUntagged(into: &packed)
                }
                writer.writeBytes(number, packed.bytes)
            } else {
                for (index, element) in elements.enumerated() {
                    if element == .null {
                        throw JSONError(path: "\(path)[\(index)]", "an array element may not be null")
                    }
                    try writeSingle(field, element, path: "\(path)[\(index)]", into: &writer, always: true)
                }
            }
            return
        }
        if value == .null { return }
        try writeSingle(field, value, path: path, into: &writer, always: field.hasPresence)
    }

    /// Writes one tagged value; a default value of a field without presence is left out
    /// unless `always`.
    private func writeSingle(
        _ field: FieldSchema, _ value: JSONValue, path: String, into writer: inout ProtoWriter, always: Bool
    ) throws(JSONError) {
        if field.type == .message {
            let message = try messageSchema(field.typeName)
            var inner = ProtoWriter()
            try encodeMessage(value, message, path: path, into: &inner)
            writer.writeBytes(Int(field.number), inner.bytes)
            return
        }
        let raw = try scalar(field, value, path: path)
        if !always && raw.isDefault { return }
        writer.writeTag(Int(field.number), field.wireType)
        raw.writeUntagged(into: &writer)
    }

    /// A map key, always a JSON string, as a value of the key field's type.
    private func mapKey(_ key: String, _ field: FieldSchema, path: String) throws(JSONError) -> JSONValue {
        switch field.type {
        case .string: return .string(key)
        case .bool:
            guard key == "true" || key == "false" else {
                throw JSONError(
                    path: path, "expected a bool map key \"true\" or \"false\", got \(JSONValue.quote(key))")
            }
            return .bool(key == "true")
        default: return .string(key)
        }
    }

    /// One non-message value in its wire form.
    private func scalar(_ field: FieldSchema, _ value: JSONValue, path: String) throws(JSONError) -> RawValue
    {
        func fail(_ what: String) -> JSONError {
            JSONError(path: path, "expected \(what), got \(value.brief)")
        }
        switch field.type {
        case .int32, .sint32, .sfixed32:
            let number = try integer(
                value, min: Int64(Int32.min), max: Int64(Int32.max), path: path, what: "an int32")
            let v = Int32(number)
            switch field.type {
            case .int32: return .varint(UInt64(bitPattern: Int64(v)))
            case .sint32: return .varint(UInt64(ZigZag.encode(v)))
            default: return .fixed32(UInt32(bitPattern: v))
            }
        case .int64, .sint64, .sfixed64:
            let v = try integer(value, min: Int64.min, max: Int64.max, path: path, what: "an int64")
            switch field.type {
            case .int64: return .varint(UInt64(bitPattern: v))
            case .sint64: return .varint(ZigZag.encode(v))
            default: return .fixed64(UInt64(bitPattern: v))
            }
        case .uint32, .fixed32:
            let v = UInt32(try unsigned(value, max: UInt64(UInt32.max), path: path, what: "a uint32"))
            return field.type == .uint32 ? .varint(UInt64(v)) : .fixed32(v)
        case .uint64, .fixed64:
            let v = try unsigned(value, max: UInt64.max, path: path, what: "a uint64")
            return field.type == .uint64 ? .varint(v) : .fixed64(v)
        case .bool:
            guard case .bool(let v) = value else { throw fail("true or false") }
            return .varint(v ? 1 : 0)
        case .double:
            return .fixed64(try floating(value, path: path, isFloat: false).bitPattern)
        case .float:
            return .fixed32(Float(try floating(value, path: path, isFloat: true)).bitPattern)
        case .string:
            guard case .string(let text) = value else { throw fail("a string") }
            return .bytes(Array(text.utf8))
        case .bytes:
            guard case .string(let text) = value else { throw fail("a base64 string") }
            guard let data = ProtoJSON.base64Decode(text) else {
                throw JSONError(path: path, "expected base64, got \(value.brief)")
            }
            return .bytes(data)
        case .enumeration:
            guard let enumSchema = schema.enumeration(field.typeName) else {
                throw JSONError(path: path, "unknown enum type \(field.typeName)")
            }
            if case .string(let name) = value {
                guard let number = enumSchema.number(of: name) else {
                    let names = enumSchema.values.map(\.name).joined(separator: ", ")
                    throw JSONError(
                        path: path,
                        "unknown value \(JSONValue.quote(name)) of \(enumSchema.fullName) (one of \(names))")
                }
                return .varint(UInt64(bitPattern: Int64(number)))
            }
            guard case .number = value else { throw fail("an enum value name or number") }
            let number = try integer(
                value, min: Int64(Int32.min), max: Int64(Int32.max), path: path, what: "an enum number")
            return .varint(UInt64(bitPattern: number))
        case .message, .group:
            throw JSONError(path: path, "\(field.type.protoName) fields are not scalars")
        }
    }

    private func integer(_ value: JSONValue, min: Int64, max: Int64, path: String, what: String)
        throws(JSONError) -> Int64
    {
        let text = try numberText(value, path: path, what: what)
        let result: Int64
        if let exact = Int64(text) {
            result = exact
        } else if let double = Double(text), JSONParser.isNumber(text) {
            guard double.isFinite, double == double.rounded() else {
                throw JSONError(path: path, "expected \(what), got \(value.brief): not a whole number")
            }
            guard double >= -9.223372036854775808e18, double < 9.223372036854775808e18 else {
                throw JSONError(path: path, "\(value.brief) is out of range for \(what)")
            }
            result = Int64(double)
        } else {
            throw JSONError(path: path, "expected \(what), got \(value.brief)")
        }
        guard result >= min, result <= max else {
            throw JSONError(path: path, "\(value.brief) is out of range for \(what)")
        }
        return result
    }

    private func unsigned(_ value: JSONValue, max: UInt64, path: String, what: String) throws(JSONError)
        -> UInt64
    {
        let text = try numberText(value, path: path, what: what)
        let result: UInt64
        if let exact = UInt64(text) {
            result = exact
        } else if text.hasPrefix("-"), Int64(text) != nil {
            throw JSONError(path: path, "\(value.brief) is out of range for \(what)")
        } else if let double = Double(text), JSONParser.isNumber(text) {
            guard double.isFinite, double == double.rounded() else {
                throw JSONError(path: path, "expected \(what), got \(value.brief): not a whole number")
            }
            guard double >= 0, double < 1.8446744073709551616e19 else {
                throw JSONError(path: path, "\(value.brief) is out of range for \(what)")
            }
            result = UInt64(double)
        } else {
            throw JSONError(path: path, "expected \(what), got \(value.brief)")
        }
        guard result <= max else { throw JSONError(path: path, "\(value.brief) is out of range for \(what)") }
        return result
    }

    private func numberText(_ value: JSONValue, path: String, what: String) throws(JSONError) -> String {
        switch value {
        case .number(let text): return text
        case .string(let text) where JSONParser.isNumber(text): return text
        default: throw JSONError(path: path, "expected \(what), got \(value.brief)")
        }
    }

    private func floating(_ value: JSONValue, path: String, isFloat: Bool) throws(JSONError) -> Double {
        let what = isFloat ? "a float" : "a double"
        let result: Double
        switch value {
        case .string("NaN"): return .nan
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        case .number(let text), .string(let text):
            guard JSONParser.isNumber(text), let double = Double(text) else {
                throw JSONError(
                    path: path,
                    "expected \(what) (a number, \"NaN\", \"Infinity\" or \"-Infinity\"), got \(value.brief)")
            }
            result = double
        default:
            throw JSONError(path: path, "expected \(what), got \(value.brief)")
        }
        guard result.isFinite, !isFloat || Float(result).isFinite else {
            throw JSONError(path: path, "\(value.brief) is out of range for \(what)")
        }
        return result
    }

    /// Standard or URL-safe base64, padded or not.
    static func base64Decode(_ text: String) -> [UInt8]? {
        var normal = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if normal.count % 4 == 1 { return nil }
        while normal.count % 4 != 0 { normal += "=" }
        return Data(base64Encoded: normal).map { [UInt8]($0) }
    }
}

/// One value in wire form, before its tag.
enum RawValue {
    case varint(UInt64)
    case fixed32(UInt32)
    case fixed64(UInt64)
    case bytes([UInt8])

    var isDefault: Bool {
        switch self {
        case .varint(let v): v == 0
        case .fixed32(let v): v == 0
        case .fixed64(let v): v == 0
        case .bytes(let v): v.isEmpty
        }
    }

    func writeUntagged(into writer: inout ProtoWriter) {
        switch self {
        case .varint(let v): writer.writeVarint(v)
        case .fixed32(let v): writer.writeFixed32(v)
        case .fixed64(let v): writer.writeFixed64(v)
        case .bytes(let v):
            writer.writeVarint(UInt64(v.count))
            writer.writeRaw(v)
        }
    }
}

extension JSONParser {
    /// Whether `text` is exactly one JSON number.
    static func isNumber(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var parser = JSONParser(Array(text.utf8))
        guard let first = parser.bytes.first,
            first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return false }
        guard (try? parser.parseNumber()) != nil else { return false }
        return parser.position == parser.bytes.count
    }
}

/// How map keys sort: numbers by value, strings as Swift orders them.
struct MapKeyOrder: Comparable {
    var signed: Int64 = 0
    var unsigned: UInt64 = 0
    var text = ""

    init(_ key: String, _ type: FieldSchema.FieldType) {
        switch type {
        case .string: text = key
        case .bool: unsigned = key == "true" ? 1 : 0
        case .uint32, .uint64, .fixed32, .fixed64: unsigned = UInt64(key) ?? UInt64(Double(key) ?? 0)
        default: signed = Int64(key) ?? Int64(Double(key) ?? 0)
        }
    }

    static func < (a: MapKeyOrder, b: MapKeyOrder) -> Bool {
        (a.signed, a.unsigned, a.text) < (b.signed, b.unsigned, b.text)
    }
}
