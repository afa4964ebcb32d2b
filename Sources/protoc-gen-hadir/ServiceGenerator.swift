/// Writes a service three ways: its method table (with the messages), its client
/// stub, and the protocol a server implements.
struct ServiceGenerator {
    let service: ServiceDescriptor
    let package: String
    let registry: TypeRegistry
    let comments: Comments
    let path: [Int32]
    /// Method numbers from the package's `Method` enum, by value name.
    let methodNumbers: [String: Int32]

    /// "AttendanceService" → "Attendance".
    private var shortName: String {
        service.name.hasSuffix("Service") ? String(service.name.dropLast(7)) : service.name
    }

    struct Method {
        let name: String
        let swiftName: String
        let number: Int32
        let enumCase: String
        let input: String
        let output: String
        let index: Int
    }

    func methods() throws -> [Method] {
        try service.methods.enumerated().map { index, method in
            let valueName = "METHOD_" + Names.upperSnake(shortName) + "_" + Names.upperSnake(method.name)
            guard let number = methodNumbers[valueName] else {
                throw GeneratorError(
                    "\(service.name).\(method.name) has no number: add \(valueName) to enum Method"
                )
            }
            return Method(
                name: method.name,
                swiftName: Names.escaped(Names.lowerCamel(Names.upperSnake(method.name))),
                number: number,
                enumCase: Names.enumCase(valueName, enumName: "Method"),
                input: try registry.swiftName(method.inputType),
                output: try registry.swiftName(method.outputType),
                index: index
            )
        }
    }

    /// The method table, emitted beside the messages.
    func generateTable(into out: inout Printer) throws {
        comments.doc(path, into: &out)
        try out.block("public enum \(service.name)") { out in
            out.line("public static let name = \"\(package).\(service.name)\"")
            for method in try methods() {
                out.line()
                comments.doc(path + [2, Int32(method.index)], into: &out)
                out.line(
                    "public static let \(method.swiftName) = RPCMethod<\(method.input), \(method.output)>(")
                out.line("    number: \(method.number), path: \"\(package).\(service.name)/\(method.name)\"")
                out.line(")")
            }
            out.line()
            out.line("/// Every method of the service.")
            out.line("public static let methods: [any RPCMethodInfo] = [")
            try out.indented { out in
                for method in try methods() { out.line("\(method.swiftName),") }
            }
            out.line("]")
        }
    }

    /// A client stub over any `RPCChannel`.
    func generateClient(into out: inout Printer) throws {
        comments.doc(path, into: &out)
        try out.block("public struct \(service.name)Client: Sendable") { out in
            out.line("public let channel: any RPCChannel")
            out.line()
            out.line("public init(_ channel: any RPCChannel) { self.channel = channel }")
            for method in try methods() {
                out.line()
                comments.doc(path + [2, Int32(method.index)], into: &out)
                out.line("public func \(method.swiftName)(")
                out.line("    _ request: \(method.input) = \(method.input)(), timeout: Duration? = nil")
                out.block(") async throws(RPCError) -> \(method.output)") { out in
                    out.line(
                        "try await channel.call(\(service.name).\(Names.member(method.swiftName)), "
                            + "request, timeout: timeout)"
                    )
                }
            }
        }
    }

    /// The protocol a server implements, and its registration in a method table.
    func generateServer(into out: inout Printer) throws {
        comments.doc(path, into: &out)
        out.line("///")
        out.line("/// Each method answers through `reply` exactly once, on any thread, now or later.")
        try out.block("public protocol \(service.name)Provider: AnyObject, Sendable") { out in
            for method in try methods() {
                comments.doc(path + [2, Int32(method.index)], into: &out)
                out.line(
                    "func \(method.swiftName)(_ request: \(method.input), call: ServerCall, "
                        + "reply: Responder<\(method.output)>)"
                )
            }
        }
        out.line()
        try out.block("extension MethodTable") { out in
            out.line("/// Routes every method of \(service.name) to `provider`.")
            try out.block("public mutating func register(_ provider: any \(service.name)Provider)") { out in
                for method in try methods() {
                    let name = Names.member(method.swiftName)
                    out.line("register(\(service.name).\(name)) { request, call, reply in")
                    out.line(
                        "    provider.\(Names.member(method.swiftName))(request, call: call, reply: reply)")
                    out.line("}")
                }
            }
        }
    }
}
