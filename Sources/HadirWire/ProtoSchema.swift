/// Descriptions of messages, enums and services, embedded at build time.
///
/// protoc-gen-hadir writes one `schema.pb.swift` per generated module, filling in a
/// `ProtoSchema` from protoc's descriptors (`ProtoSchema.hadirV1` for the contract).
/// Tools read it to handle any message without its generated type: `hadir call`
/// turns JSON into wire bytes and back with nothing but this schema.
public struct ProtoSchema: Sendable {
    public let messages: [MessageSchema]
    public let enums: [EnumSchema]
    public let services: [ServiceSchema]
    private let messageIndex: [String: Int]
    private let enumIndex: [String: Int]

    public init(messages: [MessageSchema], enums: [EnumSchema], services: [ServiceSchema]) {
        self.messages = messages
        self.enums = enums
        self.services = services
        var messageIndex: [String: Int] = [:]
        for (index, message) in messages.enumerated() { messageIndex[message.fullName] = index }
        var enumIndex: [String: Int] = [:]
        for (index, item) in enums.enumerated() { enumIndex[item.fullName] = index }
        self.messageIndex = messageIndex
        self.enumIndex = enumIndex
    }

    /// Several schemas as one (say, the contract's and a test package's).
    public init(merging schemas: [ProtoSchema]) {
        self.init(
            messages: schemas.flatMap(\.messages), enums: schemas.flatMap(\.enums),
            services: schemas.flatMap(\.services)
        )
    }

    /// The message named `fullName` ("hadir.v1.Punch"; a leading dot is allowed).
    public func message(_ fullName: String) -> MessageSchema? {
        messageIndex[Self.trimmed(fullName)].map { messages[$0] }
    }

    /// The enum named `fullName` ("hadir.v1.WorkMode").
    public func enumeration(_ fullName: String) -> EnumSchema? {
        enumIndex[Self.trimmed(fullName)].map { enums[$0] }
    }

    /// The key and value fields of a map field, or nil when `field` is not a map.
    public func mapEntry(of field: FieldSchema) -> (key: FieldSchema, value: FieldSchema)? {
        guard field.type == .message, field.isRepeated, let entry = message(field.typeName), entry.isMapEntry,
            entry.fields.count == 2
        else { return nil }
        return (entry.fields[0], entry.fields[1])
    }

    /// A method by "pkg.Service/Method", "Service/Method", "Service.Method" or a bare
    /// method name that only one service has.
    public func method(_ path: String) -> (service: ServiceSchema, method: MethodSchema)? {
        let separator: Character = path.contains("/") ? "/" : "."
        var serviceName = ""
        var methodName = path
        if let cut = path.lastIndex(of: separator) {
            serviceName = String(path[..<cut])
            methodName = String(path[path.index(after: cut)...])
        }
        let matches = services.flatMap { service in
            service.methods.filter { $0.name == methodName }.map { (service, $0) }
        }.filter { service, _ in
            serviceName.isEmpty || service.fullName == Self.trimmed(serviceName)
                || service.fullName.hasSuffix("." + serviceName)
        }
        return matches.count == 1 ? matches[0] : nil
    }

    static func trimmed(_ name: String) -> String { name.hasPrefix(".") ? String(name.dropFirst()) : name }
}

/// One message type.
public struct MessageSchema: Sendable {
    /// "hadir.v1.Punch"; nested types are "hadir.test.Outer.Inner".
    public let fullName: String
    public let fields: [FieldSchema]
    /// The names of the message's oneofs, by index (proto3 `optional` fields each
    /// have a synthetic one too).
    public let oneofs: [String]
    /// True for the entry type protoc makes for a `map<K, V>` field.
    public let isMapEntry: Bool

    public init(fullName: String, oneofs: [String] = [], isMapEntry: Bool = false, fields: [FieldSchema]) {
        self.fullName = fullName
        self.fields = fields
        self.oneofs = oneofs
        self.isMapEntry = isMapEntry
    }

    /// The field with `number`.
    public func field(number: Int32) -> FieldSchema? { fields.first { $0.number == number } }

    /// The field named `name` in the .proto file or in JSON.
    public func field(named name: String) -> FieldSchema? {
        fields.first { $0.jsonName == name } ?? fields.first { $0.name == name }
    }
}

/// One field of a message.
public struct FieldSchema: Sendable {
    /// protobuf's field types, with descriptor.proto's numbers.
    public enum FieldType: Int32, Sendable, CaseIterable {
        case double = 1, float, int64, uint64, int32, fixed64, fixed32, bool, string, group, message, bytes
        case uint32, enumeration, sfixed32, sfixed64, sint32, sint64

        /// The name as written in a .proto file.
        public var protoName: String {
            switch self {
            case .enumeration: "enum"
            default: "\(self)"
            }
        }
    }

    /// "event_seq", as in the .proto file.
    public let name: String
    /// "eventSeq": the key in protobuf's JSON mapping.
    public let jsonName: String
    public let number: Int32
    public let type: FieldType
    public let isRepeated: Bool
    /// A proto3 `optional` field: it has presence, through a synthetic oneof.
    public let isProto3Optional: Bool
    /// The index into the message's `oneofs`, for members of a oneof.
    public let oneofIndex: Int?
    /// The full name of the message or enum type ("hadir.v1.Place"); empty for scalars.
    public let typeName: String
    /// Whether a repeated scalar goes out packed (proto3's default).
    public let isPacked: Bool

    public init(
        name: String, jsonName: String, number: Int32, type: FieldType, isRepeated: Bool = false,
        isProto3Optional: Bool = false, oneofIndex: Int? = nil, typeName: String = "", isPacked: Bool = false
    ) {
        self.name = name
        self.jsonName = jsonName
        self.number = number
        self.type = type
        self.isRepeated = isRepeated
        self.isProto3Optional = isProto3Optional
        self.oneofIndex = oneofIndex
        self.typeName = typeName
        self.isPacked = isPacked
    }

    /// Whether the field tells "set to the default" from "not set": messages,
    /// oneof members and proto3 `optional` fields.
    public var hasPresence: Bool {
        !isRepeated && (type == .message || oneofIndex != nil || isProto3Optional)
    }

    /// The wire type of one value.
    public var wireType: WireType {
        switch type {
        case .double, .fixed64, .sfixed64: .fixed64
        case .float, .fixed32, .sfixed32: .fixed32
        case .string, .bytes, .message: .lengthDelimited
        case .group: .startGroup
        default: .varint
        }
    }
}

/// One enum type.
public struct EnumSchema: Sendable {
    public struct Value: Sendable {
        public let name: String
        public let number: Int32
        public init(_ name: String, _ number: Int32) {
            self.name = name
            self.number = number
        }
    }

    public let fullName: String
    public let values: [Value]

    public init(fullName: String, values: [Value]) {
        self.fullName = fullName
        self.values = values
    }

    /// The first name declared for `number`, or nil when the number is unknown.
    public func name(of number: Int32) -> String? { values.first { $0.number == number }?.name }

    /// The number of the value called `name`.
    public func number(of name: String) -> Int32? { values.first { $0.name == name }?.number }
}

/// One service and its methods.
public struct ServiceSchema: Sendable {
    public let fullName: String
    public let methods: [MethodSchema]

    public init(fullName: String, methods: [MethodSchema]) {
        self.fullName = fullName
        self.methods = methods
    }

    /// "AttendanceService".
    public var name: String { fullName.split(separator: ".").last.map(String.init) ?? fullName }
}

/// One method: its number on the wire and its message types' full names.
public struct MethodSchema: Sendable {
    public let name: String
    public let number: Int32
    public let inputType: String
    public let outputType: String

    public init(name: String, number: Int32, inputType: String, outputType: String) {
        self.name = name
        self.number = number
        self.inputType = inputType
        self.outputType = outputType
    }
}
