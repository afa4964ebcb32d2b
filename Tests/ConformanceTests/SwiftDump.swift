import Foundation
import HadirWire

/// The harness's canonical text dump (see harness.c), produced from a Swift value.
///
/// Independent of the codec: it walks the generated struct with `Mirror`, so it sees
/// the value the test built, not bytes. Property names map back to proto names
/// ("fSfixed32" → "f_sfixed32"); a oneof prints its active member only; a map prints
/// its entries in the order the encoder writes them (sorted keys).
enum SwiftDump {
    static func lines(_ message: any ProtoMessage) -> [String] {
        var out: [String] = []
        dumpMessage(message, prefix: "", into: &out)
        return out
    }

    /// The dump as path → value, for comparing field by field.
    static func fields(_ lines: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let range = line.range(of: " = ") else {
                result[line] = "<malformed line>"
                continue
            }
            result[String(line[..<range.lowerBound])] = String(line[range.upperBound...])
        }
        return result
    }

    static func snake(_ camel: String) -> String {
        // The generator spells a trailing "_id" word as "ID" (employeeID).
        if camel.hasSuffix("ID"), camel.count > 2 {
            return snake(String(camel.dropLast(2))) + "_id"
        }
        var out = ""
        for char in camel {
            if char.isUppercase {
                out += "_" + char.lowercased()
            } else {
                out.append(char)
            }
        }
        return out
    }

    private static func dumpMessage(_ message: any ProtoMessage, prefix: String, into out: inout [String]) {
        var unknown = UnknownFields()
        for child in Mirror(reflecting: message).children {
            guard let label = child.label else { continue }
            if let fields = child.value as? UnknownFields {
                unknown = fields
                continue
            }
            dumpField(child.value, prefix: prefix, path: prefix + snake(label), into: &out)
        }
        for (index, field) in parseUnknown(unknown.bytes).enumerated() {
            out.append("\(prefix)?unknown[\(index)] = \(field)")
        }
    }

    private static func dumpField(_ value: Any, prefix: String, path: String, into out: inout [String]) {
        let mirror = Mirror(reflecting: value)
        if let optional = value as? any OptionalValue {
            if let wrapped = optional.wrapped {
                if wrapped is any ProtoMessage {
                    dumpValue(wrapped, path: path, into: &out)
                } else if Mirror(reflecting: wrapped).displayStyle == .enum {
                    dumpOneof(wrapped, prefix: prefix, into: &out)
                } else {
                    dumpValue(wrapped, path: path, into: &out)  // proto3 optional scalar
                }
            } else if optional.wrappedType is any ProtoMessage.Type {
                out.append("\(path) = absent")
            }
            // A oneof that is not set prints nothing; an unset proto3 optional neither.
            return
        }
        // Not `value is [UInt8]`: an empty array of any element type casts to [UInt8].
        if type(of: value) == [UInt8].self {
            dumpValue(value, path: path, into: &out)
            return
        }
        switch mirror.displayStyle {
        case .collection:
            let items = Array(mirror.children)
            out.append("\(path) = [\(items.count)]")
            for (index, item) in items.enumerated() {
                dumpValue(item.value, path: "\(path)[\(index)]", into: &out)
            }
        case .dictionary:
            let entries = mirror.children.map { child -> (Any, Any) in
                let pair = Array(Mirror(reflecting: child.value).children)
                return (pair[0].value, pair[1].value)
            }.sorted { less($0.0, $1.0) }
            out.append("\(path) = [\(entries.count)]")
            for (index, entry) in entries.enumerated() {
                out.append("\(path)[\(index)] = present")
                dumpValue(entry.0, path: "\(path)[\(index)].key", into: &out)
                dumpValue(entry.1, path: "\(path)[\(index)].value", into: &out)
            }
        default:
            dumpValue(value, path: path, into: &out)
        }
    }

    private static func dumpOneof(_ value: Any, prefix: String, into out: inout [String]) {
        guard let member = Mirror(reflecting: value).children.first, let label = member.label else { return }
        let path = prefix + snake(label)
        dumpValue(member.value, path: path, into: &out)
    }

    private static func dumpValue(_ value: Any, path: String, into out: inout [String]) {
        switch value {
        case let message as any ProtoMessage:
            out.append("\(path) = present")
            dumpMessage(message, prefix: path + ".", into: &out)
        case let v as Int32: out.append("\(path) = \(v)")
        case let v as Int64: out.append("\(path) = \(v)")
        case let v as UInt32: out.append("\(path) = \(v)")
        case let v as UInt64: out.append("\(path) = \(v)")
        case let v as Bool: out.append("\(path) = \(v)")
        case let v as Float: out.append("\(path) = \(format(v))")
        case let v as Double: out.append("\(path) = \(format(v))")
        case let v as String: out.append("\(path) = \(quoted(v))")
        case let v as [UInt8]: out.append("\(path) = x\(hex(v))")
        case let v as any ProtoEnum: out.append("\(path) = \(v.rawValue)")
        default: out.append("\(path) = <unsupported \(type(of: value))>")
        }
    }

    static func format(_ value: Double) -> String {
        cFormat("%.17g", value) + " (0x" + hexDigits(value.bitPattern, width: 16) + ")"
    }

    static func format(_ value: Float) -> String {
        cFormat("%.9g", Double(value)) + " (0x" + hexDigits(UInt64(value.bitPattern), width: 8) + ")"
    }

    private static func cFormat(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func hexDigits(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { hexDigits(UInt64($0), width: 2) }.joined()
    }

    static func quoted(_ string: String) -> String {
        var out = "\""
        for byte in string.utf8 {
            if byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out += "\\x" + hexDigits(UInt64(byte), width: 2)
            }
        }
        return out + "\""
    }

    private static func less(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (a as String, b as String): a < b
        case let (a as Int32, b as Int32): a < b
        case let (a as Int64, b as Int64): a < b
        case let (a as UInt32, b as UInt32): a < b
        case let (a as UInt64, b as UInt64): a < b
        case let (a as Bool, b as Bool): !a && b
        default: false
        }
    }

    /// Unknown fields as protobuf-c keeps them: field number, wire type, and the
    /// value's bytes (with the length prefix for length-delimited values).
    static func parseUnknown(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var index = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
        while index < bytes.count {
            guard let key = varint() else { return result + ["<bad unknown fields>"] }
            let start = index
            switch key & 7 {
            case 0: _ = varint()
            case 1: index += 8
            case 2:
                guard let length = varint() else { return result + ["<bad unknown fields>"] }
                index += Int(length)
            case 5: index += 4
            default: return result + ["<group or bad wire type \(key & 7)>"]
            }
            guard index <= bytes.count else { return result + ["<bad unknown fields>"] }
            result.append("\(key >> 3):\(key & 7):\(hex(bytes[start..<index]))")
        }
        return result
    }
}

/// Lets the dumper look inside an `Optional` of any type, and see its wrapped type when nil.
protocol OptionalValue {
    var wrapped: Any? { get }
    var wrappedType: Any.Type { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self.map { $0 as Any } }
    var wrappedType: Any.Type { Wrapped.self }
}
