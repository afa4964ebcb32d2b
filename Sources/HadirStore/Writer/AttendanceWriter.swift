import Dispatch
import Foundation
import HadirLog

/// The store's one writer: a dedicated thread that owns the write connection and
/// records attendance with group commit.
///
/// Each turn the thread takes every command queued so far, applies them all in one
/// `BEGIN IMMEDIATE ... COMMIT` transaction, and only after `COMMIT` returns (with
/// `synchronous=FULL`, so the WAL is synced) calls their completions. One sync pays for
/// the whole batch, and an acknowledged check-in survives a power cut.
///
/// ```swift
/// let writer = try AttendanceWriter(path: "hadir.sqlite", logger: logger)
/// writer.submit(command) { result in
///     // on the writer thread: hand the result back to the caller's event loop
/// }
/// writer.shutdown()   // drains the queue, commits, stops the thread
/// ```
///
/// Completions run on the writer thread and must return quickly.
public final class AttendanceWriter: @unchecked Sendable {
    /// Called once per command with its committed outcome or its error.
    public typealias Completion = @Sendable (Result<PunchOutcome, StoreError>) -> Void

    /// Counters of the writer's work so far.
    public struct Statistics: Sendable, Hashable {
        /// Transactions committed (or attempted).
        public var batches: Int = 0
        /// Commands taken from the queue.
        public var commands: Int = 0
        /// The most commands seen in one batch.
        public var largestBatch: Int = 0
    }

    struct Job {
        var command: PunchCommand
        var completion: Completion
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Job] = []
    private var stopping = false
    private var counters = Statistics()

    private let finished = DispatchSemaphore(value: 0)
    // Touched only by the writer thread once it starts.
    private let applier: PunchApplier
    private let logger: Logger

    /// Opens the write connection (creating the database and applying migrations when
    /// needed) and starts the writer thread.
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - logger: Where batches are reported, at debug.
    /// - Throws: ``StoreError`` when the database cannot be opened or migrated.
    public init(path: String, logger: Logger = .disabled) throws {
        let (db, applied) = try Connections.openWriter(path: path)
        self.applier = try PunchApplier(db: db)
        self.logger = logger
        if !applied.isEmpty {
            logger.info("migrations applied", [("db.path", path), ("db.version", "\(applied.last!)")])
        }
        let thread = Thread { [self] in self.run() }
        thread.name = "hadir-writer"
        thread.start()
    }

    /// Queues a command. `completion` is called exactly once: after the batch holding
    /// the command commits, or at once when the writer has been shut down.
    public func submit(_ command: PunchCommand, completion: @escaping Completion) {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            completion(.failure(StoreError(.failedPrecondition, "the attendance writer is shut down")))
            return
        }
        queue.append(Job(command: command, completion: completion))
        if queue.count == 1 { condition.signal() }
        condition.unlock()
    }

    /// Stops taking commands, commits every command already queued, then stops the
    /// thread and closes the connection. Safe to call more than once, from any thread.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
        finished.signal()
    }

    /// Counters of the work done so far.
    public var statistics: Statistics {
        condition.lock()
        defer { condition.unlock() }
        return counters
    }

    private func run() {
        var batch: [Job] = []
        var results: [Result<PunchOutcome, StoreError>] = []
        while true {
            condition.lock()
            while queue.isEmpty && !stopping {
                condition.wait()
            }
            if queue.isEmpty {
                condition.unlock()
                break
            }
            swap(&queue, &batch)
            counters.batches += 1
            counters.commands += batch.count
            counters.largestBatch = max(counters.largestBatch, batch.count)
            condition.unlock()

            let started = DispatchTime.now().uptimeNanoseconds
            let failed = applier.apply(batch, into: &results)
            let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
            logger.debug(
                "batch committed",
                [
                    ("db.batch", String(batch.count)), ("db.failed", String(failed)),
                    ("db.micros", String(micros)),
                ])
            for index in batch.indices {
                batch[index].completion(results[index])
            }
            batch.removeAll(keepingCapacity: true)
            results.removeAll(keepingCapacity: true)
        }
        applier.close()
        finished.signal()
    }
}
