import Dispatch
import Foundation

/// The command line's handling of Ctrl-C, SIGTERM and SIGHUP (the terminal closed, a CI job
/// cancelled) during a build: the build is cancelled, the half-written output removed, and the
/// process exits 130 — nothing is left behind. A file-size limit (SIGXFSZ) is ignored so that
/// the write fails with EFBIG and is reported like a full disk, naming the file, instead of
/// killing the process with no message. Alive while the build runs (keep a reference).
final class Interruption: @unchecked Sendable {
    // `hasSaid` is read and set from the signal queue and the main thread, under the lock.
    private let lock = NSLock()
    private var hasSaid = false
    private var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers; an interrupt cancels `cancellation`. The handlers hold this value
    /// (the process exits from them), so it lives as long as the process.
    init(cancelling cancellation: Cancellation) {
        signal(SIGXFSZ, SIG_IGN)
        let signals = [SIGINT, SIGTERM, SIGHUP]
        for number in signals { signal(number, SIG_IGN) }
        for number in signals {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                cancellation.cancel()
                TemporaryDirectories.shared.removeAll()
                sayInterrupted()
                exit(130)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Says once that the build was interrupted (the handler and the main thread may both end).
    func sayInterrupted() {
        lock.lock()
        defer { lock.unlock() }
        guard !hasSaid else { return }
        hasSaid = true
        Runner.printError("interrupted; the previous output is unchanged")
    }
}
