import Foundation

/// A small structured logger: one line per event, with a level, a short message and
/// `key=value` fields with stable dotted keys.
///
/// ```swift
/// let log = Logger(label: "server")
/// log.info("listening", ["net.address": "127.0.0.1", "net.port": "7420"])
/// // ts=2026-12-04T08:00:00.123Z level=info label=server msg=listening net.address=127.0.0.1 net.port=7420
/// ```
///
/// Libraries take their logger from the caller and log at `debug` or `trace`; the
/// executables decide the threshold and the sink.
public struct Logger: Sendable {
    /// How much a line matters, from least to most.
    public enum Level: Int, Sendable, Comparable, CustomStringConvertible {
        case trace, debug, info, warning, error

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .trace: "trace"
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }

        /// Parses "trace", "debug", "info", "warning" or "error".
        public init?(name: String) {
            switch name.lowercased() {
            case "trace": self = .trace
            case "debug": self = .debug
            case "info": self = .info
            case "warning", "warn": self = .warning
            case "error": self = .error
            default: return nil
            }
        }
    }

    /// Where lines go.
    public let sink: LogSink
    /// The component that writes, as the `label` field.
    public let label: String
    /// Lines below this level are dropped before any formatting work.
    public let threshold: Level

    public init(label: String, threshold: Level = .info, sink: LogSink = .standardError) {
        self.label = label
        self.threshold = threshold
        self.sink = sink
    }

    /// The same sink and threshold under another label.
    public func labelled(_ label: String) -> Logger {
        Logger(label: label, threshold: threshold, sink: sink)
    }

    /// A logger that drops everything.
    public static let disabled = Logger(label: "", threshold: .error, sink: .discard)

    public func trace(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []
    ) {
        log(.trace, message(), fields())
    }

    public func debug(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []
    ) {
        log(.debug, message(), fields())
    }

    public func info(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []
    ) {
        log(.info, message(), fields())
    }

    public func warning(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []
    ) {
        log(.warning, message(), fields())
    }

    public func error(
        _ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []
    ) {
        log(.error, message(), fields())
    }

    /// Writes one line when `level` reaches the threshold.
    public func log(
        _ level: Level, _ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)]
    ) {
        guard level >= threshold, sink.isEnabled else { return }
        var line =
            "ts=\(Logger.timestamp()) level=\(level) label=\(Logger.quoted(label))"
            + " msg=\(Logger.quoted(message()))"
        for (key, value) in fields() {
            line += " \(key)=\(Logger.quoted(value))"
        }
        line += "\n"
        sink.write(line)
    }

    /// Quotes a value that holds spaces, quotes, `=` or control characters.
    static func quoted(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains { scalar in
                scalar == " " || scalar == "\"" || scalar == "=" || scalar.value < 0x20 || scalar == "\\"
            }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec, Int(now.tv_nsec / 1_000_000)
        )
    }
}

/// Where log lines are written. Writes are whole lines, safe from any thread.
public final class LogSink: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private let capturing: Bool
    private var captured: [String] = []

    init(fd: Int32, capture: Bool = false) {
        self.fd = fd
        self.capturing = capture
    }

    /// The process's standard error.
    public static let standardError = LogSink(fd: 2)
    /// Drops every line.
    public static let discard = LogSink(fd: -1)

    /// A sink that keeps lines in memory, for tests.
    public static func memory() -> LogSink { LogSink(fd: -1, capture: true) }

    /// The lines kept by a memory sink.
    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return captured
    }

    /// Read without the lock: it depends only on constants.
    var isEnabled: Bool { fd >= 0 || capturing }

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if capturing {
            captured.append(line)
            return
        }
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
        bytes.removeAll()
    }
}
