// protoc-gen-hadir: a protoc plugin that turns the hadir .proto files into Swift.
//
//     protoc --plugin=protoc-gen-hadir=PATH --hadir_out=DIR --hadir_opt=KIND FILES
//
// KIND is one of:
//   messages  message and enum types, and each service's method table (HadirProto),
//             and schema.pb.swift: a ProtoSchema describing them all, for tools
//   client    client stubs over an RPCChannel (HadirClient)
//   server    provider protocols and their registration (HadirServer)
// One .swift file is written per .proto file that has something of that kind.
import Foundation
import HadirWire

func run() -> CodeGeneratorResponse {
    var response = CodeGeneratorResponse()
    do {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let request = try CodeGeneratorRequest(serializedBytes: [UInt8](input))
        let kind = request.parameter.isEmpty ? "messages" : request.parameter
        guard ["messages", "client", "server"].contains(kind) else {
            throw GeneratorError("unknown option '\(kind)': use messages, client or server")
        }
        let registry = TypeRegistry(files: request.protoFiles)
        for name in request.filesToGenerate {
            guard let file = request.protoFiles.first(where: { $0.name == name }) else {
                throw GeneratorError("\(name) is not among the request's files")
            }
            let generator = FileGenerator(
                file: file, kind: kind, registry: registry, allFiles: request.protoFiles
            )
            if let content = try generator.generate() {
                response.files.append(.init(name: generator.outputName, content: content))
            }
        }
        if kind == "messages" {
            let files = request.filesToGenerate.compactMap { name in
                request.protoFiles.first { $0.name == name }
            }
            let schema = SchemaGenerator(files: files, allFiles: request.protoFiles)
            response.files.append(.init(name: SchemaGenerator.outputName, content: try schema.generate()))
        }
    } catch {
        response.error = "protoc-gen-hadir: \(error)"
    }
    return response
}

let output = run().serializedBytes()
FileHandle.standardOutput.write(Data(output))
