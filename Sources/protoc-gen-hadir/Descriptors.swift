import HadirWire

// The parts of google/protobuf/descriptor.proto and compiler/plugin.proto that the
// generator reads, decoded with HadirWire itself. Field numbers are those of the
// upstream files; fields the generator does not need stay unknown.

struct FileDescriptor: ProtoMessage {
    static let protoName = "google.protobuf.FileDescriptorProto"
    var name = ""
    var package = ""
    var messages: [MessageDescriptor] = []
    var enums: [EnumDescriptor] = []
    var services: [ServiceDescriptor] = []
    var locations: [SourceLocation] = []
    var syntax = ""
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): package = try reader.readString()
        case (4, .lengthDelimited): messages.append(try reader.readMessage())
        case (5, .lengthDelimited): enums.append(try reader.readMessage())
        case (6, .lengthDelimited): services.append(try reader.readMessage())
        case (9, .lengthDelimited):
            let info: SourceCodeInfo = try reader.readMessage()
            locations.append(contentsOf: info.locations)
        case (12, .lengthDelimited): syntax = try reader.readString()
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct MessageDescriptor: ProtoMessage {
    static let protoName = "google.protobuf.DescriptorProto"
    var name = ""
    var fields: [FieldDescriptor] = []
    var nested: [MessageDescriptor] = []
    var enums: [EnumDescriptor] = []
    var oneofs: [String] = []
    var isMapEntry = false
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): fields.append(try reader.readMessage())
        case (3, .lengthDelimited): nested.append(try reader.readMessage())
        case (4, .lengthDelimited): enums.append(try reader.readMessage())
        case (7, .lengthDelimited):
            let options: MessageOptions = try reader.readMessage()
            isMapEntry = options.mapEntry
        case (8, .lengthDelimited):
            let oneof: NamedDescriptor = try reader.readMessage()
            oneofs.append(oneof.name)
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct MessageOptions: ProtoMessage {
    static let protoName = "google.protobuf.MessageOptions"
    var mapEntry = false
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        guard field == 7, wireType == .varint else { return false }
        mapEntry = try reader.readBool()
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

/// Any descriptor of which only the name (field 1) matters: oneofs.
struct NamedDescriptor: ProtoMessage {
    static let protoName = "google.protobuf.OneofDescriptorProto"
    var name = ""
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        guard field == 1, wireType == .lengthDelimited else { return false }
        name = try reader.readString()
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct FieldDescriptor: ProtoMessage {
    static let protoName = "google.protobuf.FieldDescriptorProto"

    enum Label: Int32 { case optional = 1, required = 2, repeated = 3 }

    var name = ""
    var number: Int32 = 0
    var label = Label.optional
    var type: Int32 = 0
    var typeName = ""
    var oneofIndex: Int32?
    var jsonName = ""
    var proto3Optional = false
    var packedOption: Bool?
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (3, .varint): number = try reader.readInt32()
        case (4, .varint): label = Label(rawValue: try reader.readInt32()) ?? .optional
        case (5, .varint): type = try reader.readInt32()
        case (6, .lengthDelimited): typeName = try reader.readString()
        case (8, .lengthDelimited):
            let options: FieldOptions = try reader.readMessage()
            packedOption = options.packed
        case (9, .varint): oneofIndex = try reader.readInt32()
        case (10, .lengthDelimited): jsonName = try reader.readString()
        case (17, .varint): proto3Optional = try reader.readBool()
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct FieldOptions: ProtoMessage {
    static let protoName = "google.protobuf.FieldOptions"
    var packed: Bool?
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        guard field == 2, wireType == .varint else { return false }
        packed = try reader.readBool()
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct EnumDescriptor: ProtoMessage {
    static let protoName = "google.protobuf.EnumDescriptorProto"
    var name = ""
    var values: [EnumValueDescriptor] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): values.append(try reader.readMessage())
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct EnumValueDescriptor: ProtoMessage {
    static let protoName = "google.protobuf.EnumValueDescriptorProto"
    var name = ""
    var number: Int32 = 0
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .varint): number = try reader.readInt32()
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct ServiceDescriptor: ProtoMessage {
    static let protoName = "google.protobuf.ServiceDescriptorProto"
    var name = ""
    var methods: [MethodDescriptor] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): methods.append(try reader.readMessage())
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct MethodDescriptor: ProtoMessage {
    static let protoName = "google.protobuf.MethodDescriptorProto"
    var name = ""
    var inputType = ""
    var outputType = ""
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): inputType = try reader.readString()
        case (3, .lengthDelimited): outputType = try reader.readString()
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct SourceCodeInfo: ProtoMessage {
    static let protoName = "google.protobuf.SourceCodeInfo"
    var locations: [SourceLocation] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        guard field == 1, wireType == .lengthDelimited else { return false }
        locations.append(try reader.readMessage())
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct SourceLocation: ProtoMessage {
    static let protoName = "google.protobuf.SourceCodeInfo.Location"
    var path: [Int32] = []
    var leadingComments = ""
    var trailingComments = ""
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, _):
            try reader.readRepeated(wireType, elementType: .varint, into: &path) { try $0.readInt32() }
        case (3, .lengthDelimited): leadingComments = try reader.readString()
        case (4, .lengthDelimited): trailingComments = try reader.readString()
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct CodeGeneratorRequest: ProtoMessage {
    static let protoName = "google.protobuf.compiler.CodeGeneratorRequest"
    var filesToGenerate: [String] = []
    var parameter = ""
    var protoFiles: [FileDescriptor] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        switch (field, wireType) {
        case (1, .lengthDelimited): filesToGenerate.append(try reader.readString())
        case (2, .lengthDelimited): parameter = try reader.readString()
        case (15, .lengthDelimited): protoFiles.append(try reader.readMessage())
        default: return false
        }
        return true
    }

    func encode(to writer: inout ProtoWriter) {}
}

struct CodeGeneratorResponse: ProtoMessage {
    static let protoName = "google.protobuf.compiler.CodeGeneratorResponse"
    /// FEATURE_PROTO3_OPTIONAL: the generator handles proto3 `optional`.
    static let featureProto3Optional: UInt64 = 1

    struct File: Equatable {
        var name: String
        var content: String
    }

    var error = ""
    var files: [File] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        false
    }

    func encode(to writer: inout ProtoWriter) {
        if !error.isEmpty { writer.writeString(1, error) }
        writer.writeUInt64(2, CodeGeneratorResponse.featureProto3Optional)
        for file in files {
            writer.writeLengthDelimited(15) { inner in
                inner.writeString(1, file.name)
                inner.writeString(15, file.content)
            }
        }
    }
}
