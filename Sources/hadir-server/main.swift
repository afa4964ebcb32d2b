// hadir-server: serves the Hadir contract over TCP from an SQLite database.
import Dispatch
import Foundation
import HadirLog
import HadirServer

let usage = """
    usage: hadir-server [--db PATH] [--host ADDR] [--port N] [--loops N]
                        [--max-frame-bytes N] [--max-connections N] [--max-calls-in-flight N]
                        [--idle-timeout SECONDS] [--log-level trace|debug|info|warning|error]

    Serves the database made by `hadir init` (default var/hadir.sqlite) on 127.0.0.1:7420.
    SIGINT or SIGTERM stops it after answering every call already received.
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("hadir-server: \(message)\n\(usage)\n".utf8))
    exit(2)
}

var config = ServerConfig(databasePath: "var/hadir.sqlite")
var level = Logger.Level.info
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "--help" || flag == "-h" {
        print(usage)
        exit(0)
    }
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    func number(_ range: ClosedRange<Int>) -> Int {
        guard let parsed = Int(value), range.contains(parsed) else {
            fail(
                "\(flag): expected a whole number in \(range.lowerBound)...\(range.upperBound),"
                    + " got \"\(value)\""
            )
        }
        return parsed
    }
    switch flag {
    case "--db": config.databasePath = value
    case "--host": config.transport.host = value
    case "--port": config.transport.port = UInt16(number(0...65535))
    case "--loops": config.transport.loops = number(1...256)
    case "--max-frame-bytes": config.transport.maxFrameBytes = number(64...(64 << 20))
    case "--max-connections": config.transport.maxConnections = number(1...1_000_000)
    case "--max-calls-in-flight": config.maxCallsInFlight = number(1...65536)
    case "--idle-timeout": config.transport.idleTimeout = .seconds(number(1...86400))
    case "--log-level":
        guard let parsed = Logger.Level(name: value) else { fail("--log-level: unknown level \"\(value)\"") }
        level = parsed
    default: fail("unknown option \(flag)")
    }
}

let logger = Logger(label: "hadir-server", threshold: level)
// Signals are caught before anything starts, so that a SIGTERM at any moment drains.
let stop = DispatchSemaphore(value: 0)
let watcher = try SignalWatcher { signal in
    logger.info("signal", [("os.signal", "\(signal)")])
    stop.signal()
}
let server: HadirServer
do {
    server = try HadirServer(config: config, logger: logger)
    _ = try server.start()
} catch {
    logger.error("cannot start", [("error", "\(error)")])
    exit(1)
}
stop.wait()
server.shutdown(grace: .seconds(10))
watcher.cancel()
exit(0)
