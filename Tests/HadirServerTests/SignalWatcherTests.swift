import Foundation
import Glibc
import Synchronization
import Testing
@testable import HadirServer

@Suite("Signal watcher")
struct SignalWatcherTests {
    @Test func signalBecomesCallback() throws {
        let seen = Locked<[Int32]>([])
        let called = DispatchSemaphore(value: 0)
        let watcher = try SignalWatcher(signals: [SIGUSR2]) { signal in
            seen.withLock { $0.append(signal) }
            called.signal()
        }
        kill(getpid(), SIGUSR2)
        #expect(called.wait(timeout: .now() + 5) == .success)
        #expect(seen.withLock { $0 } == [SIGUSR2])
        watcher.cancel()
    }
}
