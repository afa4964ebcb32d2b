import Foundation
import Testing
@testable import HadirServer

/// A measurement, not a timed unit test: run with `HADIR_MEASURE=1`; prints, asserts
/// only that every reply came back.
@Suite("Echo throughput")
struct ThroughputMeasurement {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HADIR_MEASURE"] != nil))
    func pipelinedEcho() throws {
        let running = try RunningServer(TestHandler.echo())
        defer { running.stop() }
        let connections = 64
        let rounds = 50
        let depth = 64
        let payload = [UInt8](repeating: 0x42, count: 40)  // about a check-in
        let batch = (0..<depth).flatMap { _ in TestClient.frame(payload) }
        let answered = Locked(0)
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: connections) { _ in
            guard let client = try? running.client() else { return }
            var count = 0
            for _ in 0..<rounds {
                guard (try? client.write(batch)) != nil else { return }
                for _ in 0..<depth where client.readFrame() == payload { count += 1 }
            }
            answered.withLock { $0 += count }
        }
        let elapsed = ContinuousClock.now - start
        let total = connections * rounds * depth
        let seconds =
            Double(elapsed.components.seconds)
            + Double(elapsed.components.attoseconds) / 1e18
        print("echo: \(total) calls in \(elapsed), \(Int(Double(total) / seconds)) calls/s")
        #expect(answered.withLock { $0 } == total)
    }
}
