import Foundation
import HadirStore

/// A real hadir-server process on 127.0.0.1 with a database in a temporary folder.
final class ServerProcess: @unchecked Sendable {
    let folder: URL
    let databasePath: String
    let tokensPath: String
    private(set) var port: UInt16 = 0
    private var process: Process?
    private var starts = 0

    /// Seeds a small city (`employees` people) into a new temporary folder.
    init(employees: Int = 300) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("hadir-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        databasePath = folder.appendingPathComponent("hadir.sqlite").path
        tokensPath = folder.appendingPathComponent("tokens.tsv").path
        try CitySeeder(
            dataDirectory: ServerProcess.repository.appendingPathComponent("data"), employees: employees
        )
        .seed(into: databasePath, tokensFile: tokensPath)
    }

    deinit {
        if let process, process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of the built executables: the test bundle's own.
    static var binaries: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            repository.appendingPathComponent(".build/debug"),
        ]
        for folder in candidates
        where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("hadir-server").path)
        {
            return folder
        }
        return repository.appendingPathComponent(".build/debug")
    }

    /// Device tokens by row of the enrolment file: (nip, employee id, token).
    func devices() throws -> [(nip: String, employeeID: Int64, token: String)] {
        let text = try String(contentsOfFile: tokensPath, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(fields[0]), Int64(fields[1])!, String(fields[3]))
        }
    }

    /// Starts the server on `port` (the previous one after a restart; a free one at first)
    /// and waits until it listens.
    func start(extraArguments: [String] = []) throws {
        if port == 0 { port = try ServerProcess.freePort() }
        let process = Process()
        process.executableURL = ServerProcess.binaries.appendingPathComponent("hadir-server")
        process.arguments = ["--db", databasePath, "--port", String(port), "--loops", "2"] + extraArguments
        // The log goes to a file: a pipe nobody drains could block the server.
        let log = folder.appendingPathComponent("server-\(starts).log")
        starts += 1
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        self.process = process
        let deadline = Date().addingTimeInterval(20)
        var seen = ""
        while Date() < deadline {
            seen = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if seen.contains("label=hadir-server msg=serving") { return }
            if !process.isRunning { break }
            usleep(10_000)
        }
        throw ServerError("server did not start: \(seen)")
    }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        guard let process else { return -1 }
        kill(process.processIdentifier, signal)
        // Polled: Process.waitUntilExit can hang off the main thread on Linux.
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning {
            if Date() > deadline { kill(process.processIdentifier, SIGKILL) }
            usleep(5_000)
        }
        self.process = nil
        return process.terminationStatus
    }

    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw ServerError("no free port") }
        return UInt16(bigEndian: address.sin_port)
    }
}

struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
