import Foundation
import Glibc

/// The write end of the self-pipe; only the signal handler and `SignalWatcher` use it.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns termination signals into a callback on an ordinary thread, so that the
/// executable can call ``TransportServer/shutdown(grace:)``.
///
/// It uses the self-pipe trick: the signal handler only writes the signal number to a
/// pipe, and a watcher thread reads the pipe and calls `onSignal`. Unlike `signalfd` it
/// needs no signal mask set before every other thread starts.
///
/// ```swift
/// let done = DispatchSemaphore(value: 0)
/// let watcher = try SignalWatcher { signal in
///     logger.info("signal", [("os.signal", "\(signal)")])
///     done.signal()
/// }
/// done.wait()
/// server.shutdown(grace: .seconds(10))
/// watcher.cancel()
/// ```
///
/// Only one watcher may exist at a time in a process.
public final class SignalWatcher: @unchecked Sendable {
    private let signals: [Int32]
    private let readEnd: Int32
    private let finished = DispatchSemaphore(value: 0)
    private var cancelled = false

    /// Installs handlers for `signals` and starts the watcher thread.
    ///
    /// - Parameters:
    ///   - signals: The signals to catch; `SIGINT` and `SIGTERM` by default.
    ///   - onSignal: Called on the watcher thread with the signal number, once per
    ///     signal delivered.
    /// - Throws: ``TransportError`` when the pipe cannot be made.
    public init(
        signals: [Int32] = [SIGINT, SIGTERM],
        onSignal: @escaping @Sendable (Int32) -> Void
    ) throws {
        precondition(signalPipeWriteEnd < 0, "only one SignalWatcher at a time")
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw TransportError(.eventLoop, errno: errno, detail: "pipe")
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        readEnd = ends[0]
        signalPipeWriteEnd = ends[1]
        self.signals = signals
        let readEnd = readEnd
        let finished = finished
        let thread = Thread {
            var number: UInt8 = 0
            while true {
                let count = read(readEnd, &number, 1)
                if count == 1 {
                    onSignal(Int32(number))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            finished.signal()
        }
        thread.name = "hadir-signals"
        thread.start()
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let saved = errno
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteEnd, &byte, 1)
                errno = saved
            }
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
        // A parent may start us with these signals blocked (a mask is inherited over
        // exec, and Dispatch's worker threads block them): unblock them here, or a
        // SIGTERM from a supervisor would wait forever.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Restores the default action for the signals and stops the watcher thread.
    public func cancel() {
        guard !cancelled else { return }
        cancelled = true
        for signal in signals { Glibc.signal(signal, SIG_DFL) }
        let writeEnd = signalPipeWriteEnd
        signalPipeWriteEnd = -1
        close(writeEnd)
        finished.wait()
        close(readEnd)
    }

    deinit { cancel() }
}
