import Foundation
import HadirWire

/// protobuf-c, driven through the C harness in `harness/harness.c`.
///
/// Built once per test process: protoc-c compiles the test protos and the hadir.v1
/// contract into a temporary folder, and `cc` links them with the harness and a
/// registry of every message descriptor found in the generated headers.
final class Harness: Sendable {
    enum Command: UInt8 {
        case dump = 0x64  // "d"
        case repack = 0x72  // "r"
    }

    /// One answer: the dump text or repacked bytes, or protobuf-c's refusal.
    enum Answer: Equatable {
        case ok([UInt8])
        case failed(String)

        var text: String? {
            if case .ok(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
            return nil
        }
        var bytes: [UInt8]? {
            if case .ok(let bytes) = self { return bytes }
            return nil
        }
    }

    let executable: URL
    let workDirectory: URL

    /// The shared harness, or nil with the reason it could not be built.
    static let shared: Result<Harness, HarnessError> = Result { try Harness() }.mapError {
        $0 as? HarnessError ?? HarnessError(description: "\($0)")
    }

    /// True when protoc-c and cc are on PATH; the suite is skipped otherwise.
    static let toolsAvailable: Bool = findTool("protoc-c") != nil && findTool("cc") != nil

    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func findTool(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    private init() throws {
        guard let protocC = Harness.findTool("protoc-c"), let cc = Harness.findTool("cc") else {
            throw HarnessError(description: "protoc-c or cc not found on PATH")
        }
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("hadir-conformance-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        let root = Harness.repoRoot
        let contract = try fm.contentsOfDirectory(atPath: root.appendingPathComponent("proto/hadir/v1").path)
            .filter { $0.hasSuffix(".proto") }.sorted().map { "proto/hadir/v1/" + $0 }
        try Harness.run(
            protocC,
            ["-I", "Tests/Protos", "--c_out=\(work.path)", "Tests/Protos/hadir/test/conformance.proto"],
            in: root)
        try Harness.run(protocC, ["-I", "proto", "--c_out=\(work.path)"] + contract, in: root)

        // Every message descriptor the generated headers declare.
        var sources: [String] = []
        var symbols: [String] = []
        let enumerator = fm.enumerator(atPath: work.path)!
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".pb-c.c") { sources.append(work.appendingPathComponent(path).path) }
            if path.hasSuffix(".pb-c.h") {
                let header = try String(contentsOf: work.appendingPathComponent(path), encoding: .utf8)
                for line in header.split(separator: "\n")
                where line.hasPrefix("extern const ProtobufCMessageDescriptor ") {
                    symbols.append(
                        String(line.dropFirst("extern const ProtobufCMessageDescriptor ".count).dropLast()))
                }
            }
        }
        guard !symbols.isEmpty else { throw HarnessError(description: "no descriptors in protoc-c output") }
        var registry = "#include <protobuf-c/protobuf-c.h>\n"
        for symbol in symbols { registry += "extern const ProtobufCMessageDescriptor \(symbol);\n" }
        registry += "const ProtobufCMessageDescriptor *const hadir_registry[] = {\n"
        for symbol in symbols { registry += "    &\(symbol),\n" }
        registry += "    0\n};\n"
        let registryPath = work.appendingPathComponent("registry.c")
        try registry.write(to: registryPath, atomically: true, encoding: .utf8)

        let harnessSource = root.appendingPathComponent("Tests/ConformanceTests/harness/harness.c")
        let output = work.appendingPathComponent("harness")
        try Harness.run(
            cc,
            [
                "-O1", "-std=c11", "-Wall", "-Werror", "-I", work.path, "-o", output.path, harnessSource.path,
                registryPath.path,
            ]
                + sources.sorted() + ["-lprotobuf-c"],
            in: work
        )
        executable = output
        workDirectory = work
    }

    @discardableResult
    private static func run(_ tool: URL, _ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessError(
                description: "\(tool.lastPathComponent) \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// Runs every request in one harness process and returns the answers in order.
    func run(_ requests: [(Command, String, [UInt8])]) throws -> [Answer] {
        var input: [UInt8] = []
        func u32(_ n: Int) { withUnsafeBytes(of: UInt32(n).littleEndian) { input.append(contentsOf: $0) } }
        for (command, name, bytes) in requests {
            input.append(command.rawValue)
            u32(name.utf8.count)
            input.append(contentsOf: name.utf8)
            u32(bytes.count)
            input.append(contentsOf: bytes)
        }
        let id = UUID().uuidString
        let inURL = workDirectory.appendingPathComponent("in-\(id)")
        let outURL = workDirectory.appendingPathComponent("out-\(id)")
        try Data(input).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: inURL)
            try? FileManager.default.removeItem(at: outURL)
        }
        let process = Process()
        process.executableURL = executable
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessError(description: "harness exited with \(process.terminationStatus)")
        }
        let output = [UInt8](try Data(contentsOf: outURL))
        var answers: [Answer] = []
        var index = 0
        while index < output.count {
            guard output.count - index >= 5 else { throw HarnessError(description: "short harness output") }
            let status = output[index]
            let length =
                Int(output[index + 1]) | Int(output[index + 2]) << 8 | Int(output[index + 3]) << 16
                | Int(output[index + 4]) << 24
            index += 5
            guard output.count - index >= length else {
                throw HarnessError(description: "short harness output")
            }
            let payload = Array(output[index..<index + length])
            index += length
            answers.append(status == 0 ? .ok(payload) : .failed(String(decoding: payload, as: UTF8.self)))
        }
        guard answers.count == requests.count else {
            throw HarnessError(description: "harness answered \(answers.count) of \(requests.count) requests")
        }
        return answers
    }

    func dump<M: ProtoMessage>(_ messages: [M], as type: any ProtoMessage.Type = M.self) throws -> [Answer] {
        try run(messages.map { (.dump, type.protoName, $0.serializedBytes()) })
    }

    func dump(bytes: [[UInt8]], as type: any ProtoMessage.Type) throws -> [Answer] {
        try run(bytes.map { (.dump, type.protoName, $0) })
    }

    func repack(bytes: [[UInt8]], as type: any ProtoMessage.Type) throws -> [Answer] {
        try run(bytes.map { (.repack, type.protoName, $0) })
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

/// The process environment, for tests that do not import Foundation.
enum ProcessInfoShim {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
}
