import Foundation
import HadirLoadKit

/// What to run, from the command line.
struct Options {
    enum Mode: String { case closed, open, morning, idle }

    var mode: Mode = .closed
    var host = "127.0.0.1"
    var port: UInt16 = 7420
    var tokensPath = ""
    var firstToken = 0
    var connections = 50
    var inFlight = 4
    var calls = 1_000_000
    var seconds = 10.0
    var rate = 1000.0
    var employees = 40_000
    var window = 60.0
    var curve = ArrivalCurve.triangular(peak: 25.0 / 30.0)
    var curveText = "triangular:0.8333"
    var retryShare = 0.05
    var reconnectShare = 0.02
    var hold = 10.0
    var timeout = 10.0
    var json = false
    var quiet = false
    var ackedPath: String?
    var readyPath: String?

    static let usage = """
        usage: hadir-load MODE --tokens FILE [options]

        modes
          closed    C connections, each keeping up to K calls in flight (check-in, check-out, ...)
          open      a fixed arrival rate R/s spread over C connections; latency from the
                    scheduled send time (no coordinated omission)
          morning   E employees each check in once, arrivals following --curve over --window s,
                    a share retried with the same event_seq, a share reconnecting mid-call
          idle      open C connections, say Hello on each, hold them --hold s, close

        options
          --host H              server address (default 127.0.0.1)
          --server HOST:PORT    both at once, as `hadir --server` takes them
          --port P              server port (default 7420)
          --tokens FILE         TSV from `hadir init`: nip, employee_id, name, token (header first)
          --first-token I       start at the I-th token (default 0); tokens are used round-robin
          -c, --connections C   connections (closed/open/idle; default 50)
          -k, --in-flight K     calls in flight per connection (default 4)
          -n, --calls N         stop after N calls (default 1000000)
          -t, --seconds T       stop after T seconds (default 10)
          -r, --rate R          open loop: calls per second (default 1000)
          --employees E         morning: employees (default 40000)
          --window W            morning: seconds over which they arrive (default 60)
          --curve CURVE         morning: uniform | triangular[:PEAK] | normal[:PEAK[:SIGMA]]
                                (PEAK, SIGMA as fractions of the window; default triangular:0.8333,
                                 a peak at 07:25 in a 07:00-07:30 rush)
          --retry-share S       morning: share of check-ins sent twice with the same event_seq (0.05)
          --reconnect-share S   morning: share whose link drops after sending; they reconnect,
                                say Hello again and resend the same event_seq (0.02)
          --acked FILE          morning: write the event id of every acknowledged check-in
          --hold S              idle: seconds to hold the connections (default 10)
          --ready-file FILE     idle: created once every connection has said Hello
          --timeout S           a call unanswered this long counts as TIMEOUT (default 10)
          --json                print the result as JSON
          --quiet               no progress line
        """

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("hadir-load: \(message)\n\n\(usage)\n".utf8))
            exit(2)
        }
        guard let first = rest.popFirst() else { fail("a mode is required") }
        if first == "-h" || first == "--help" { print(usage); exit(0) }
        guard let mode = Mode(rawValue: first) else { fail("unknown mode \(first)") }
        options.mode = mode
        func value(_ name: String) -> String {
            guard let next = rest.popFirst() else { fail("\(name) needs a value") }
            return next
        }
        func number<T: LosslessStringConvertible>(_ name: String) -> T {
            guard let parsed = T(value(name)) else { fail("\(name): not a number") }
            return parsed
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--host": options.host = value(argument)
            case "--port": options.port = number(argument)
            case "--server":
                // HOST:PORT, as the hadir command takes it.
                let text = value(argument)
                guard let colon = text.lastIndex(of: ":"),
                    let port = UInt16(text[text.index(after: colon)...])
                else {
                    fail("--server: expected HOST:PORT, got \"\(text)\"")
                }
                options.host = String(text[..<colon])
                options.port = port
            case "--tokens": options.tokensPath = value(argument)
            case "--first-token": options.firstToken = number(argument)
            case "-c", "--connections": options.connections = number(argument)
            case "-k", "--in-flight": options.inFlight = number(argument)
            case "-n", "--calls": options.calls = number(argument)
            case "-t", "--seconds": options.seconds = number(argument)
            case "-r", "--rate": options.rate = number(argument)
            case "--employees": options.employees = number(argument)
            case "--window": options.window = number(argument)
            case "--curve":
                options.curveText = value(argument)
                guard let curve = ArrivalCurve(parsing: options.curveText) else { fail("bad --curve") }
                options.curve = curve
            case "--retry-share": options.retryShare = number(argument)
            case "--reconnect-share": options.reconnectShare = number(argument)
            case "--acked": options.ackedPath = value(argument)
            case "--hold": options.hold = number(argument)
            case "--ready-file": options.readyPath = value(argument)
            case "--timeout": options.timeout = number(argument)
            case "--json": options.json = true
            case "--quiet": options.quiet = true
            default: fail("unknown option \(argument)")
            }
        }
        if options.tokensPath.isEmpty { fail("--tokens is required") }
        if options.connections < 1 || options.inFlight < 1 || options.inFlight > 1000 {
            fail("--connections must be >= 1 and --in-flight 1...1000")
        }
        if options.calls < 1 || options.seconds <= 0 || options.rate <= 0 || options.timeout <= 0 {
            fail("--calls, --seconds, --rate and --timeout must be positive")
        }
        if !(0...1).contains(options.retryShare) || !(0...1).contains(options.reconnectShare) {
            fail("shares are between 0 and 1")
        }
        return options
    }
}

/// Device tokens from the TSV `hadir init` writes.
func loadTokens(_ path: String) -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("hadir-load: cannot read \(path)\n".utf8))
        exit(2)
    }
    var tokens: [String] = []
    for (number, line) in text.split(separator: "\n").enumerated() where number > 0 {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        if fields.count >= 4 { tokens.append(String(fields[3])) }
    }
    if tokens.isEmpty {
        FileHandle.standardError.write(Data("hadir-load: no tokens in \(path)\n".utf8))
        exit(2)
    }
    return tokens
}
