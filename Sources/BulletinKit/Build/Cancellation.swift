import Foundation

/// Whether a build should stop starting new work: set by whoever runs the build (the command
/// line's Ctrl-C handler), read by the stages that loop (page writing). Passed in with the
/// request, so that no stage reads a process-wide flag.
final class Cancellation: @unchecked Sendable {
    // Set from a signal handler's queue and read from page-writing threads.
    private let lock = NSLock()
    private var cancelled = false

    /// A token that is not cancelled.
    init() {}

    /// Whether the build was cancelled.
    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Cancels the build: no new page is started.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }
}
