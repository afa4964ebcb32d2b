import Foundation
import HadirStore

/// Read-only store connections shared by the event loops: a call borrows one for
/// the length of a read. SQLite's WAL lets them read while the writer commits.
final class ReaderPool: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var idle: [StoreReader] = []

    init(path: String) {
        self.path = path
    }

    /// Runs `body` with a reader, opening one when none is idle.
    func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        let reader = try lock.withLock { idle.popLast() } ?? StoreReader(path: path)
        defer { lock.withLock { idle.append(reader) } }
        return try body(reader)
    }
}
