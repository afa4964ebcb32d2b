import Foundation
import HadirClient
import HadirJSON
import HadirProto
import HadirRPC
import HadirWire

/// `hadir call`: any method of the contract, with a JSON request and a JSON reply,
/// from the schema embedded at build time (protoc-gen-hadir's schema.pb.swift).
enum RawCallCommand {
    static let schema = ProtoSchema.hadirV1
    static let codec = ProtoJSON(schema: schema)

    static func run(_ options: Options) async {
        let text = SchemaText(schema: schema)
        if options.has("--list") {
            print(text.list())
            return
        }
        if let name = options["--describe"] {
            guard let description = text.describe(name) else {
                fail("call --describe: no method or type \"\(name)\" (see `hadir call --list`)")
            }
            print(description)
            return
        }
        let printOptions = ProtoJSON.PrintOptions(
            emitDefaults: options.has("--emit-defaults"), protoNames: options.has("--proto-names")
        )
        let indent = options.has("--compact") ? 0 : 2
        // Offline: JSON to wire bytes on stdout, or wire bytes on stdin to JSON.
        if let typeName = options["--encode"] {
            let bytes = request(typeName, options.positional.first)
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        if let typeName = options["--decode"] {
            let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            printJSON(input, as: typeName, printOptions, indent: indent)
            return
        }
        guard let path = options.positional.first else {
            fail("call needs SERVICE/METHOD (see `hadir call --list`), or --list, or --describe METHOD")
        }
        guard let (service, method) = schema.method(path) else {
            fail("call: no method \"\(path)\" (see `hadir call --list`)")
        }
        let body = request(method.inputType, options.positional.dropFirst().first)
        var connection = CallCommands.connect(options)
        do {
            let reply: [UInt8]
            if method.number == SessionService.hello.number {
                // The connection says Hello itself; show its reply, with the request's token if it has one.
                let hello = try HelloRequest(serializedBytes: body)
                if !hello.deviceToken.isEmpty {
                    connection = HadirConnection(
                        host: connection.host, port: connection.port, deviceToken: hello.deviceToken,
                        clientName: hello.clientName.isEmpty ? connection.clientName : hello.clientName
                    )
                }
                reply = try await connection.hello().serializedBytes()
            } else {
                let rpc = RPCMethod<RawMessage, RawMessage>(
                    number: method.number, path: "\(service.fullName)/\(method.name)")
                let timeout = Duration.seconds(
                    Double(options.integer("--timeout", default: 15, in: 1...3600)))
                reply = try await connection.call(rpc, RawMessage(serializedBytes: body), timeout: timeout)
                    .unknownFields.bytes
            }
            connection.close()
            printJSON(reply, as: method.outputType, printOptions, indent: indent)
        } catch let error as RPCError {
            connection.close()
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(1)
        } catch {
            connection.close()
            fail("\(error)", code: 1)
        }
    }

    /// The request's wire bytes, from the JSON argument, or stdin when it is "-" or missing.
    static func request(_ typeName: String, _ argument: String?) -> [UInt8] {
        let json: String
        if let argument, argument != "-" {
            json = argument
        } else {
            json = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        do {
            return try codec.encode(json, as: typeName)
        } catch {
            fail("request \(typeName): \(error)")
        }
    }

    static func printJSON(
        _ bytes: [UInt8], as typeName: String, _ options: ProtoJSON.PrintOptions, indent: Int
    ) {
        do {
            print(try codec.decode(bytes, as: typeName, options: options).text(indent: indent))
        } catch {
            fail("reply \(typeName) does not decode: \(error)", code: 1)
        }
    }
}

/// A message kept as its wire bytes: every field lands in `unknownFields` and is
/// written back as it came, so any method can be called with bytes made elsewhere.
struct RawMessage: ProtoMessage {
    static let protoName = "hadir.raw"
    var unknownFields = UnknownFields()

    mutating func decodeField(_ field: Int, _ wireType: WireType, from reader: inout ProtoReader) throws
        -> Bool
    {
        false
    }

    func encode(to writer: inout ProtoWriter) { unknownFields.encode(to: &writer) }
}
