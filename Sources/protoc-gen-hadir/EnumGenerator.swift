/// Writes one enum as an open Swift struct: unknown numbers are kept as they are.
struct EnumGenerator {
    let descriptor: EnumDescriptor
    let comments: Comments
    let path: [Int32]

    func generate(into out: inout Printer) {
        let name = descriptor.name
        comments.doc(path, into: &out)
        out.block("public struct \(name): ProtoEnum") { out in
            out.line("public var rawValue: Int32")
            out.line()
            out.line("public init(rawValue: Int32) { self.rawValue = rawValue }")
            var seen = Set<Int32>()
            var firstNames: [(Int32, String, String)] = []
            for (index, value) in descriptor.values.enumerated() {
                out.line()
                comments.doc(path + [2, Int32(index)], into: &out)
                let swiftCase = Names.enumCase(value.name, enumName: name)
                out.line("public static let \(swiftCase) = \(name)(rawValue: \(value.number))")
                if seen.insert(value.number).inserted {
                    firstNames.append((value.number, value.name, swiftCase))
                }
            }
            out.line()
            out.line("/// Every value this version of the contract names, in declaration order.")
            out.line("public static let allKnown: [\(name)] = [")
            out.indented { out in
                for (_, _, swiftCase) in firstNames { out.line(".\(Names.member(swiftCase)),") }
            }
            out.line("]")
            out.line()
            out.block("public var protoName: String?") { out in
                out.switchBlock("switch rawValue") { out in
                    for (number, protoName, _) in firstNames { out.line("case \(number): \"\(protoName)\"") }
                    out.line("default: nil")
                }
            }
        }
    }
}
