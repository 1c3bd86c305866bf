import Foundation

/// Temporary directories to remove if the process is interrupted (Ctrl-C).
final class TemporaryDirectories: @unchecked Sendable {
    /// The process-wide list.
    static let shared = TemporaryDirectories()
    /// Recursive: `exclusively` runs the swap, which registers and unregisters, under it.
    private let lock = NSRecursiveLock()
    /// Registered directories, each with the place it is moved back to instead of being removed
    /// when that place is empty (the previous output, moved aside during the swap).
    private var entries: [(path: String, restore: String?)] = []
    private var interrupted = false

    /// Whether the process was interrupted: work still under way should stop.
    var isInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interrupted
    }

    private let removal = NSLock()

    /// Waits until an interrupt's removal has ended (the main thread, before it exits).
    func waitForRemoval() {
        removal.lock()
        removal.unlock()
    }

    /// The process was interrupted before the output was swapped in.
    struct Interrupted: Error, CustomStringConvertible {
        var description: String { "interrupted; the previous output is unchanged" }
    }

    /// Runs `body` (the swap of the output) unless the process was interrupted, and keeps the
    /// interrupt handler from removing or moving anything until it is done: an output is either
    /// swapped in whole or not at all.
    func exclusively(_ body: () throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !interrupted else { throw Interrupted() }
        try body()
    }

    /// Registers `url` for removal on interrupt, or for moving back to `restore` when nothing is
    /// there.
    func register(_ url: URL, restoringTo restore: URL? = nil) {
        lock.lock()
        entries.append((url.path, restore?.path))
        lock.unlock()
    }

    func unregister(_ url: URL) {
        lock.lock()
        entries.removeAll { $0.path == url.path }
        lock.unlock()
    }

    /// Removes every registered directory, or moves it back where it belongs (called from the
    /// interrupt handler). Staging directories go first, so a half-swapped output can return.
    func removeAll() {
        // Held until everything is removed; taken before `interrupted` is set, so whoever sees
        // `isInterrupted` can wait for the removal to end (`waitForRemoval`).
        removal.lock()
        defer { removal.unlock() }
        lock.lock()
        interrupted = true
        let current = entries
        entries.removeAll()
        lock.unlock()
        let fileManager = FileManager.default
        for entry in current where entry.restore == nil {
            // Pages still being written may add files while the tree is removed (they cannot make
            // the folder again: see `OutputDirectory.makeFolders`): try until it is gone.
            for _ in 0..<50 where fileManager.fileExists(atPath: entry.path) {
                try? fileManager.removeItem(atPath: entry.path)
                if fileManager.fileExists(atPath: entry.path) { usleep(2_000) }
            }
        }
        for entry in current {
            guard let restore = entry.restore else { continue }
            if fileManager.fileExists(atPath: restore) {
                try? fileManager.removeItem(atPath: entry.path)
            } else {
                try? fileManager.moveItem(atPath: entry.path, toPath: restore)
            }
        }
    }
}
