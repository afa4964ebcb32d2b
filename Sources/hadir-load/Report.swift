import Foundation
import HadirLoadKit

func percentiles(_ histogram: Histogram) -> [(String, UInt64)] {
    [
        ("p50", histogram.percentile(50)), ("p90", histogram.percentile(90)),
        ("p99", histogram.percentile(99)),
        ("p99.9", histogram.percentile(99.9)), ("max", histogram.max),
    ]
}

/// The result as a table, or as JSON with --json.
func report(options: Options, results: Results, cpuSeconds: Double) -> String {
    let seconds = Double(results.elapsedNs) / 1e9
    let throughput = Double(results.ok) / max(seconds, 1e-9)
    let calls = max(results.calls, 1)
    let roundTrip =
        results.okRoundTrips > 0 ? Double(results.okRoundTripBytes) / Double(results.okRoundTrips) : 0
    let errorsTotal = results.errors.values.reduce(0, +)
    if options.json {
        var object: [String: Any] = [
            "mode": options.mode.rawValue,
            "target": "\(options.host):\(options.port)",
            "seconds": seconds,
            "calls": results.calls,
            "ok": results.ok,
            "throughput_per_s": throughput,
            "errors": results.errors,
            "errors_total": errorsTotal,
            "latency_ns": Dictionary(uniqueKeysWithValues: percentiles(results.latency).map { ($0.0, $0.1) })
                .merging(["mean": UInt64(results.latency.mean)]) { $1 },
            "bytes_sent": results.bytesSent,
            "bytes_received": results.bytesReceived,
            "call_bytes_sent_per_call": Double(results.callBytesSent) / Double(calls),
            "call_bytes_received_per_call": Double(results.callBytesReceived) / Double(calls),
            "round_trip_bytes": roundTrip,
            "request_body_bytes": results.okRoundTrips > 0
                ? Double(results.okRequestBodyBytes) / Double(results.okRoundTrips) : 0,
            "reply_body_bytes": results.okRoundTrips > 0
                ? Double(results.okReplyBodyBytes) / Double(results.okRoundTrips) : 0,
            "all_bytes_per_call": Double(results.bytesSent + results.bytesReceived) / Double(calls),
            "connects": results.connects,
            "reconnects": results.reconnects,
            "hellos": results.hellos,
            "replayed": results.replayed,
            "client_cpu_seconds": cpuSeconds,
        ]
        switch options.mode {
        case .closed: object["connections"] = options.connections; object["in_flight"] = options.inFlight
        case .open: object["connections"] = options.connections; object["rate"] = options.rate
        case .morning:
            object["employees"] = options.employees
            object["acked"] = results.acked
            object["window_s"] = options.window
            object["curve"] = options.curveText
            object["arrival_to_ack_ns"] = Dictionary(
                uniqueKeysWithValues: percentiles(results.endToEnd).map { ($0.0, $0.1) })
        case .idle: object["idle_connections"] = results.idleConnections
        }
        let data = try! JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }
    var lines: [String] = []
    func row(_ name: String, _ value: String) {
        lines.append(name.padding(toLength: 22, withPad: " ", startingAt: 0) + value)
    }
    func latencyRow(_ name: String, _ histogram: Histogram) {
        row(name, percentiles(histogram).map { "\($0.0) \(formatNs($0.1))" }.joined(separator: "  "))
    }
    lines.append("hadir-load \(options.mode.rawValue) → \(options.host):\(options.port)")
    switch options.mode {
    case .closed: row("load", "\(options.connections) connections × \(options.inFlight) in flight")
    case .open:
        row("load", String(format: "%.0f calls/s over %d connections", options.rate, options.connections))
    case .morning:
        row(
            "load",
            "\(options.employees) employees over \(options.window) s, curve \(options.curveText), "
                + "retry share \(options.retryShare), reconnect share \(options.reconnectShare)")
    case .idle: row("load", "\(options.connections) idle connections held \(options.hold) s")
    }
    row("elapsed", String(format: "%.2f s", seconds))
    if options.mode == .idle {
        row("connections", "\(results.idleConnections) said Hello (\(results.connects) connects)")
        latencyRow("hello latency", results.helloLatency)
    } else {
        row("calls", "\(results.calls) (ok \(results.ok), replayed \(results.replayed))")
        row("throughput", String(format: "%.0f ok calls/s", throughput))
        if options.mode == .morning {
            row("acknowledged", "\(results.acked) of \(options.employees) check-ins")
            latencyRow("arrival → ack", results.endToEnd)
        }
        latencyRow("call latency", results.latency)
        row(
            "",
            String(
                format: "mean %@, histogram error ≤ %.2f %%", formatNs(UInt64(results.latency.mean)),
                Histogram.maxRelativeError * 100))
        row(
            "bytes per call",
            String(
                format: "sent %.1f  received %.1f  (check-in/out frames only)",
                Double(results.callBytesSent) / Double(calls),
                Double(results.callBytesReceived) / Double(calls)))
        row(
            "ok round trip",
            String(
                format: "%.1f bytes (call frame + reply frame; of which Punch %.1f, PunchReply %.1f)",
                roundTrip,
                Double(results.okRequestBodyBytes) / Double(max(results.okRoundTrips, 1)),
                Double(results.okReplyBodyBytes) / Double(max(results.okRoundTrips, 1))))
        row(
            "all traffic per call",
            String(
                format: "%.1f bytes, Hello included (%d connects, %d reconnects)",
                Double(results.bytesSent + results.bytesReceived) / Double(calls),
                results.connects, results.reconnects))
    }
    row(
        "errors",
        errorsTotal == 0
            ? "none"
            : results.errors.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    row(
        "client cpu",
        String(format: "%.2f s (%.0f%% of one core)", cpuSeconds, cpuSeconds / max(seconds, 1e-9) * 100))
    return lines.joined(separator: "\n")
}
