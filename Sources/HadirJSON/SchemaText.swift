import Foundation
import HadirWire

/// Human-readable listings of a schema, in .proto syntax: for `hadir call --list`
/// and `--describe`.
public struct SchemaText: Sendable {
    public let schema: ProtoSchema

    public init(schema: ProtoSchema) { self.schema = schema }

    /// Every service and its methods with their numbers.
    public func list() -> String {
        var lines: [String] = []
        for service in schema.services {
            lines.append(service.fullName)
            for method in service.methods {
                let number = String(method.number).padding(toLength: 4, withPad: " ", startingAt: 0)
                lines.append("  \(number)\(method.name)(\(method.inputType)) returns (\(method.outputType))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A method with its request and response types, and every message and enum
    /// they use, recursively; or one message or enum type by its full name.
    public func describe(_ name: String) -> String? {
        var roots: [String] = []
        var header: [String] = []
        if let (service, method) = schema.method(name) {
            header.append("rpc \(service.fullName)/\(method.name) = method \(method.number)")
            header.append("  request  \(method.inputType)")
            header.append("  response \(method.outputType)")
            roots = [method.inputType, method.outputType]
        } else if schema.message(name) != nil || schema.enumeration(name) != nil {
            roots = [name]
        } else {
            return nil
        }
        var order: [String] = []
        var seen = Set<String>()
        func visit(_ typeName: String) {
            guard seen.insert(typeName).inserted else { return }
            order.append(typeName)
            guard let message = schema.message(typeName) else { return }
            for field in message.fields where !field.typeName.isEmpty {
                if let (key, value) = schema.mapEntry(of: field) {
                    if !key.typeName.isEmpty { visit(key.typeName) }
                    if !value.typeName.isEmpty { visit(value.typeName) }
                } else {
                    visit(field.typeName)
                }
            }
        }
        for root in roots { visit(root) }
        var blocks: [String] = header.isEmpty ? [] : [header.joined(separator: "\n")]
        for typeName in order {
            if let message = schema.message(typeName) {
                blocks.append(describe(message))
            } else if let item = schema.enumeration(typeName) {
                blocks.append(describe(item))
            }
        }
        return blocks.joined(separator: "\n\n")
    }

    func describe(_ message: MessageSchema) -> String {
        var lines = ["message \(message.fullName) {"]
        var doneOneofs = Set<Int>()
        for field in message.fields {
            if let index = field.oneofIndex, !field.isProto3Optional {
                guard doneOneofs.insert(index).inserted else { continue }
                lines.append("  oneof \(message.oneofs[index]) {")
                for member in message.fields where member.oneofIndex == index {
                    lines.append("    " + line(member))
                }
                lines.append("  }")
            } else {
                lines.append("  " + line(field))
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    func line(_ field: FieldSchema) -> String {
        var type: String
        if let (key, value) = schema.mapEntry(of: field) {
            type = "map<\(typeText(key)), \(typeText(value))>"
        } else {
            type = typeText(field)
            if field.isRepeated { type = "repeated " + type }
            if field.isProto3Optional { type = "optional " + type }
        }
        let declaration = "\(type) \(field.name) = \(field.number);"
        let padded =
            declaration.count < 44
            ? declaration.padding(toLength: 44, withPad: " ", startingAt: 0) : declaration + " "
        return padded + "// json \"\(field.jsonName)\""
    }

    func typeText(_ field: FieldSchema) -> String {
        field.typeName.isEmpty ? field.type.protoName : field.typeName
    }

    func describe(_ item: EnumSchema) -> String {
        var lines = ["enum \(item.fullName) {"]
        for value in item.values { lines.append("  \(value.name) = \(value.number);") }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
