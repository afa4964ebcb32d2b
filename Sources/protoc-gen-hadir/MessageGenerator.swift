/// Writes one message as a Swift struct conforming to `ProtoMessage`.
struct MessageGenerator {
    let message: MessageDescriptor
    let fullName: String
    let swiftName: String
    let registry: TypeRegistry
    let comments: Comments
    /// The source-code path of this message ([4, i] or [4, i, 3, j]).
    let path: [Int32]

    /// A oneof as Swift sees it: an enum with one case per member.
    struct Oneof {
        let name: String
        let swiftName: String
        let typeName: String
        var members: [FieldModel]
    }

    func generate(into out: inout Printer) throws {
        let models = try message.fields.map { try FieldModel($0, registry: registry) }
        var oneofs: [Int32: Oneof] = [:]
        var plain: [FieldModel] = []
        for model in models {
            // A proto3 `optional` is a synthetic oneof of one field: plain field, with presence.
            if let index = model.descriptor.oneofIndex, !model.descriptor.proto3Optional {
                let name = message.oneofs[Int(index)]
                oneofs[
                    index,
                    default: Oneof(
                        name: name,
                        swiftName: Names.escaped(Names.lowerCamel(name)),
                        typeName: Names.upperCamel(name),
                        members: []
                    )
                ].members.append(model)
            } else {
                plain.append(model)
            }
        }
        let orderedOneofs = oneofs.keys.sorted().map { oneofs[$0]! }
        let localName = String(swiftName.split(separator: ".").last!)

        comments.doc(path, into: &out)
        try out.block("public struct \(localName): ProtoMessage") { out in
            out.line("public static let protoName = \"\(fullName.dropFirst())\"")
            out.line()
            for (index, field) in message.fields.enumerated()
            where plain.contains(where: { $0.number == field.number }) {
                let model = plain.first { $0.number == field.number }!
                comments.doc(path + [2, Int32(index)], into: &out)
                out.line("public var \(model.swiftName): \(declaredType(model)) = \(initialValue(model))")
            }
            for oneof in orderedOneofs {
                out.line("public var \(oneof.swiftName): \(oneof.typeName)?")
            }
            out.line("public var unknownFields = UnknownFields()")
            out.line()
            for oneof in orderedOneofs {
                out.doc("The members of oneof `\(oneof.name)`.")
                out.block("public enum \(oneof.typeName): Sendable, Equatable") { out in
                    for member in oneof.members {
                        out.line("case \(member.swiftName)(\(member.valueType))")
                    }
                }
                out.line()
            }
            out.line("public init() {}")
            out.line()
            generateDecode(plain: plain, oneofs: orderedOneofs, into: &out)
            out.line()
            generateEncode(plain: plain, oneofs: orderedOneofs, into: &out)
            for (index, item) in message.enums.enumerated() {
                out.line()
                EnumGenerator(
                    descriptor: item, comments: comments, path: path + [4, Int32(index)]
                ).generate(into: &out)
            }
            for (index, nested) in message.nested.enumerated() where !nested.isMapEntry {
                out.line()
                try MessageGenerator(
                    message: nested,
                    fullName: fullName + "." + nested.name,
                    swiftName: swiftName + "." + nested.name,
                    registry: registry,
                    comments: comments,
                    path: path + [3, Int32(index)]
                ).generate(into: &out)
            }
        }
    }

    private func declaredType(_ model: FieldModel) -> String {
        if case .map = model.kind { return model.valueType }
        if model.isRepeated { return "[\(model.valueType)]" }
        if case .message = model.kind { return model.valueType + "?" }
        if model.descriptor.proto3Optional { return model.valueType + "?" }
        return model.valueType
    }

    private func initialValue(_ model: FieldModel) -> String {
        if case .map = model.kind { return "[:]" }
        if model.isRepeated { return "[]" }
        if case .message = model.kind { return "nil" }
        if model.descriptor.proto3Optional { return "nil" }
        return model.defaultValue
    }

    // MARK: Decoding

    private func generateDecode(plain: [FieldModel], oneofs: [Oneof], into out: inout Printer) {
        out.line("public mutating func decodeField(")
        out.line("    _ field: Int, _ wireType: WireType, from reader: inout ProtoReader")
        out.block(") throws -> Bool") { out in
            if plain.isEmpty && oneofs.isEmpty {
                out.line("false")
                return
            }
            out.switchBlock("switch (field, wireType)") { out in
                for model in plain { decodeCase(model, into: &out) }
                for oneof in oneofs {
                    for member in oneof.members {
                        out.line("case (\(member.number), .\(member.wireType)):")
                        out.indented { out in
                            if case .message(let type) = member.kind {
                                // The same message member seen again merges into it, as
                                // any embedded message does; another member replaces it.
                                out.line("var value: \(type)")
                                let memberCase = Names.member(member.swiftName)
                                out.line("if case .\(memberCase)(let current) = \(oneof.swiftName) {")
                                out.line("    value = current")
                                out.line("} else {")
                                out.line("    value = \(type)()")
                                out.line("}")
                                out.line(
                                    "try decoding(\"\(member.protoName)\") { "
                                        + "try reader.readMessage(into: &value) }"
                                )
                            } else {
                                out.line("let value = try decoding(\"\(member.protoName)\") {")
                                out.line("    \(member.readExpression("reader"))")
                                out.line("}")
                            }
                            out.line("\(oneof.swiftName) = .\(Names.member(member.swiftName))(value)")
                        }
                    }
                }
                out.line("default:")
                out.line("    return false")
            }
            out.line("return true")
        }
    }

    private func decodeCase(_ model: FieldModel, into out: inout Printer) {
        let name = "\"\(model.protoName)\""
        let field = "self.\(Names.member(model.swiftName))"
        if case .map(let key, let value) = model.kind {
            out.line("case (\(model.number), .lengthDelimited):")
            out.indented { out in
                out.block("try decoding(\(name)) { () throws -> Void in", open: false) { out in
                    out.line("var key: \(key.valueType) = \(key.defaultValue)")
                    out.line("var value: \(value.valueType) = \(value.defaultValue)")
                    out.line("try reader.readMapEntry { entry, number, type in")
                    out.indented { out in
                        out.switchBlock("switch (number, type)") { out in
                            out.line("case (1, .\(key.wireType)): key = \(key.readExpression("entry"))")
                            if case .message = value.kind {
                                // A message value seen twice in one entry merges, as in any message.
                                out.line("case (2, .lengthDelimited): try entry.readMessage(into: &value)")
                            } else {
                                out.line(
                                    "case (2, .\(value.wireType)): value = \(value.readExpression("entry"))")
                            }
                            out.line("default: return false")
                        }
                        out.line("return true")
                    }
                    out.line("}")
                    out.line("\(field)[key] = value")
                }
            }
            return
        }
        if model.isRepeated {
            if model.packing != nil {
                out.line("case (\(model.number), .lengthDelimited), (\(model.number), .\(model.wireType)):")
                out.indented { out in
                    out.block("try decoding(\(name)) { () throws -> Void in", open: false) { out in
                        out.line(
                            "try reader.readRepeated(wireType, elementType: .\(model.wireType), "
                                + "into: &\(field)) {"
                        )
                        out.line("    \(model.readExpression("$0"))")
                        out.line("}")
                    }
                }
            } else {
                out.line("case (\(model.number), .lengthDelimited):")
                out.line("    \(field).append(try decoding(\(name)) { \(model.readExpression("reader")) })")
            }
            return
        }
        out.line("case (\(model.number), .\(model.wireType)):")
        if case .message(let type) = model.kind {
            out.indented { out in
                out.block("try decoding(\(name)) { () throws -> Void in", open: false) { out in
                    out.line("var value = \(field) ?? \(type)()")
                    out.line("try reader.readMessage(into: &value)")
                    out.line("\(field) = value")
                }
            }
        } else {
            out.line("    \(field) = try decoding(\(name)) { \(model.readExpression("reader")) }")
        }
    }

    // MARK: Encoding

    private func generateEncode(plain: [FieldModel], oneofs: [Oneof], into out: inout Printer) {
        // Fields go out in number order; a oneof at the place of its lowest member.
        enum Item { case field(FieldModel), oneof(Oneof) }
        var items: [(Int32, Item)] = plain.map { ($0.number, .field($0)) }
        items += oneofs.map { ($0.members.map(\.number).min()!, .oneof($0)) }
        items.sort { $0.0 < $1.0 }

        out.block("public func encode(to writer: inout ProtoWriter)") { out in
            for (_, item) in items {
                switch item {
                case .field(let model): encodeField(model, into: &out)
                case .oneof(let oneof):
                    out.switchBlock("switch \(oneof.swiftName)") { out in
                        for member in oneof.members {
                            out.line("case .\(Names.member(member.swiftName))(let value):")
                            out.line("    \(member.writeStatement("writer", "value"))")
                        }
                        out.line("case nil:")
                        out.line("    break")
                    }
                }
            }
            out.line("unknownFields.encode(to: &writer)")
        }
    }

    private func encodeField(_ model: FieldModel, into out: inout Printer) {
        let field = "self.\(Names.member(model.swiftName))"
        if case .map(let key, let value) = model.kind {
            let sort = key.valueType == "Bool" ? ".sorted { !$0 && $1 }" : ".sorted()"
            out.block("for key in \(field).keys\(sort)") { out in
                out.block("writer.writeLengthDelimited(\(model.number))") { out in
                    out.line("$0.\(key.writeStatement("", "key").dropFirst())")
                    out.line("$0.\(value.writeStatement("", "\(field)[key]!").dropFirst())")
                }
            }
            return
        }
        if model.isRepeated {
            if let packing = model.packing, model.descriptor.packedOption != false {
                out.line(
                    "writer.writePacked\(packing.kind)(\(model.number), \(field)) { \(packing.transform) }")
            } else {
                out.block("for value in \(field)") { out in
                    out.line(model.writeStatement("writer", "value"))
                }
            }
            return
        }
        if case .message = model.kind {
            out.line("if let value = \(field) { \(model.writeStatement("writer", "value")) }")
            return
        }
        if model.descriptor.proto3Optional {
            out.line("if let value = \(field) { \(model.writeStatement("writer", "value")) }")
            return
        }
        let test = model.isSetTest(field)!
        out.line("if \(test) { \(model.writeStatement("writer", field)) }")
    }
}
