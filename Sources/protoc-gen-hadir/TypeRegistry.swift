import Foundation

/// Every message and enum of the request, by fully qualified name (".hadir.v1.Punch").
struct TypeRegistry {
    enum Entry {
        case message(MessageDescriptor, swiftName: String)
        case enumeration(EnumDescriptor, swiftName: String)

        var swiftName: String {
            switch self {
            case .message(_, let name), .enumeration(_, let name): name
            }
        }
    }

    private(set) var entries: [String: Entry] = [:]

    init(files: [FileDescriptor]) {
        for file in files {
            let scope = file.package.isEmpty ? "" : "." + file.package
            for message in file.messages { add(message, scope: scope, swiftScope: "") }
            for item in file.enums {
                entries[scope + "." + item.name] = .enumeration(item, swiftName: item.name)
            }
        }
    }

    private mutating func add(_ message: MessageDescriptor, scope: String, swiftScope: String) {
        let name = scope + "." + message.name
        let swiftName = swiftScope.isEmpty ? message.name : swiftScope + "." + message.name
        entries[name] = .message(message, swiftName: swiftName)
        for nested in message.nested { add(nested, scope: name, swiftScope: swiftName) }
        for item in message.enums {
            entries[name + "." + item.name] = .enumeration(item, swiftName: swiftName + "." + item.name)
        }
    }

    func entry(_ fullName: String) throws -> Entry {
        guard let entry = entries[fullName] else { throw GeneratorError("unknown type \(fullName)") }
        return entry
    }

    func swiftName(_ fullName: String) throws -> String { try entry(fullName).swiftName }
}

struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// How one scalar protobuf type reads, writes and packs.
struct ScalarKind {
    let swiftType: String
    let defaultValue: String
    let wireType: String
    let read: String
    let write: String
    /// "varint", "fixed32", "fixed64" or nil when not packable; with the transform.
    let packing: (kind: String, transform: String)?
    /// Expression true when `$0` differs from the default.
    let isSet: String

    static func of(_ type: Int32) -> ScalarKind? {
        switch type {
        case 1:
            ScalarKind(
                "Double", "0", "fixed64", "readDouble", "writeDouble", ("Fixed64", "$0.bitPattern"),
                bits: true)
        case 2:
            ScalarKind(
                "Float", "0", "fixed32", "readFloat", "writeFloat", ("Fixed32", "$0.bitPattern"), bits: true)
        case 3:
            ScalarKind(
                "Int64", "0", "varint", "readInt64", "writeInt64", ("Varints", "UInt64(bitPattern: $0)"))
        case 4: ScalarKind("UInt64", "0", "varint", "readUInt64", "writeUInt64", ("Varints", "$0"))
        case 5:
            ScalarKind(
                "Int32", "0", "varint", "readInt32", "writeInt32",
                ("Varints", "UInt64(bitPattern: Int64($0))"))
        case 6: ScalarKind("UInt64", "0", "fixed64", "readFixed64", "writeFixed64", ("Fixed64", "$0"))
        case 7: ScalarKind("UInt32", "0", "fixed32", "readFixed32", "writeFixed32", ("Fixed32", "$0"))
        case 8: ScalarKind("Bool", "false", "varint", "readBool", "writeBool", ("Varints", "$0 ? 1 : 0"))
        case 9: ScalarKind("String", "\"\"", "lengthDelimited", "readString", "writeString", nil)
        case 12: ScalarKind("[UInt8]", "[]", "lengthDelimited", "readBytes", "writeBytes", nil)
        case 13: ScalarKind("UInt32", "0", "varint", "readUInt32", "writeUInt32", ("Varints", "UInt64($0)"))
        case 15:
            ScalarKind(
                "Int32", "0", "fixed32", "readSFixed32", "writeSFixed32",
                ("Fixed32", "UInt32(bitPattern: $0)"))
        case 16:
            ScalarKind(
                "Int64", "0", "fixed64", "readSFixed64", "writeSFixed64",
                ("Fixed64", "UInt64(bitPattern: $0)"))
        case 17:
            ScalarKind(
                "Int32", "0", "varint", "readSInt32", "writeSInt32", ("Varints", "UInt64(ZigZag.encode($0))"))
        case 18:
            ScalarKind("Int64", "0", "varint", "readSInt64", "writeSInt64", ("Varints", "ZigZag.encode($0)"))
        default: nil
        }
    }

    private init(
        _ swiftType: String, _ defaultValue: String, _ wireType: String, _ read: String, _ write: String,
        _ packing: (String, String)?, bits: Bool = false
    ) {
        self.swiftType = swiftType
        self.defaultValue = defaultValue
        self.wireType = wireType
        self.read = read
        self.write = write
        self.packing = packing.map { (kind: $0.0, transform: $0.1) }
        switch swiftType {
        case "String", "[UInt8]": isSet = "!$0.isEmpty"
        case "Bool": isSet = "$0"
        // -0.0 differs from the default by its bits, and is written like protoc's code does.
        default: isSet = bits ? "$0.bitPattern != 0" : "$0 != 0"
        }
    }
}

/// A field as the generator sees it, types resolved.
struct FieldModel {
    indirect enum Kind {
        case scalar(ScalarKind)
        case enumeration(swiftName: String)
        case message(swiftName: String)
        case map(key: FieldModel, value: FieldModel)
    }

    let descriptor: FieldDescriptor
    let kind: Kind
    let swiftName: String

    var number: Int32 { descriptor.number }
    var protoName: String { descriptor.name }
    var isRepeated: Bool { descriptor.label == .repeated }

    init(_ descriptor: FieldDescriptor, registry: TypeRegistry) throws {
        self.descriptor = descriptor
        swiftName = Names.escaped(Names.lowerCamel(descriptor.name))
        if let scalar = ScalarKind.of(descriptor.type) {
            kind = .scalar(scalar)
            return
        }
        switch descriptor.type {
        case 14: kind = .enumeration(swiftName: try registry.swiftName(descriptor.typeName))
        case 11:
            let entry = try registry.entry(descriptor.typeName)
            if case .message(let message, _) = entry, message.isMapEntry {
                guard message.fields.count == 2 else { throw GeneratorError("bad map entry \(message.name)") }
                kind = .map(
                    key: try FieldModel(message.fields[0], registry: registry),
                    value: try FieldModel(message.fields[1], registry: registry)
                )
            } else {
                kind = .message(swiftName: entry.swiftName)
            }
        case 10: throw GeneratorError("field \(descriptor.name): groups are not supported")
        default: throw GeneratorError("field \(descriptor.name): unknown type \(descriptor.type)")
        }
    }

    /// The Swift type of one value of this field.
    var valueType: String {
        switch kind {
        case .scalar(let scalar): scalar.swiftType
        case .enumeration(let name), .message(let name): name
        case .map(let key, let value): "[\(key.valueType): \(value.valueType)]"
        }
    }

    /// The default of one value, for fields with implicit presence.
    var defaultValue: String {
        switch kind {
        case .scalar(let scalar): scalar.defaultValue
        case .enumeration(let name): "\(name)(rawValue: 0)"
        case .message(let name): "\(name)()"
        case .map: "[:]"
        }
    }

    var wireType: String {
        switch kind {
        case .scalar(let scalar): scalar.wireType
        case .enumeration: "varint"
        case .message, .map: "lengthDelimited"
        }
    }

    /// An expression reading one value with `reader`.
    func readExpression(_ reader: String) -> String {
        switch kind {
        case .scalar(let scalar): "try \(reader).\(scalar.read)()"
        case .enumeration(let name): "\(name)(rawValue: try \(reader).readEnum())"
        case .message(let name): "try \(reader).readMessage(\(name).self)"
        case .map: "[:]"
        }
    }

    /// A statement writing one value with `writer` under field number `number`.
    func writeStatement(_ writer: String, _ value: String) -> String {
        switch kind {
        case .scalar(let scalar): "\(writer).\(scalar.write)(\(number), \(value))"
        case .enumeration: "\(writer).writeEnum(\(number), \(value).rawValue)"
        case .message: "\(writer).writeMessage(\(number), \(value))"
        case .map: ""
        }
    }

    /// A test true when `value` differs from the default; nil for messages, which have presence.
    func isSetTest(_ value: String) -> String? {
        switch kind {
        case .scalar(let scalar): scalar.isSet.replacingOccurrences(of: "$0", with: value)
        case .enumeration: "\(value).rawValue != 0"
        case .message, .map: nil
        }
    }

    /// The packing of a repeated field of this type, or nil when it cannot pack.
    var packing: (kind: String, transform: String)? {
        switch kind {
        case .scalar(let scalar): scalar.packing
        case .enumeration: ("Varints", "UInt64(bitPattern: Int64($0.rawValue))")
        case .message, .map: nil
        }
    }
}
