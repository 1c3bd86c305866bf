import Foundation

/// Builds whose outputs share a parent folder take turns (issue 18): each holds an exclusive
/// `flock` on the parent folder itself from the moment it checks its output until the output
/// is swapped in or discarded. Locking the folder rather than a lock file beside the output
/// leaves nothing behind in it; the price is that builds into two different outputs of one
/// folder wait for each other too.
///
/// Holding the lock, a build knows that no other build is writing beside its output, so
/// temporary folders of this output found there were left by a build that was killed
/// (`cleanUp`). The kernel releases the lock when the process ends, however it ends.
final class OutputLock: @unchecked Sendable {
    private let mutex = NSLock()
    private var descriptor: Int32
    /// Whether the lock is held: false when the folder could not be opened (then the build
    /// goes on without taking turns, and does not clean up, since it cannot tell what is stale).
    let isHeld: Bool

    /// Waits until no other build holds `folder`, then holds it.
    init(folder: URL) {
        var descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    descriptor = -1
                    break
                }
            }
        }
        self.descriptor = descriptor
        isHeld = descriptor >= 0
    }

    /// Lets the next build go; more calls do nothing.
    func release() {
        mutex.lock()
        defer { mutex.unlock() }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    deinit { release() }

    /// Removes what killed builds of `out` left — `.NAME.bulletin-tmp-*` and `-old-*` folders
    /// beside it and `.bulletin-tmp-*` inside it, but only those holding the marker (or empty):
    /// a folder Bulletin did not write is never removed. When `out` is missing and a previous
    /// output was moved aside (`-old-`), the latest one is put back first.
    static func cleanUp(for out: URL) {
        let fileManager = FileManager.default
        let parent = out.deletingLastPathComponent()
        let names = ((try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        let temporary = ".\(out.lastPathComponent).bulletin-tmp-"
        let old = ".\(out.lastPathComponent).bulletin-old-"
        var olds = names.filter { $0.hasPrefix(old) && isBulletins(parent.appendingPathComponent($0)) }
        var info = stat()
        if lstat(out.path, &info) != 0 {
            // The most recently moved aside (a rename sets the change time).
            let latest = olds.max {
                changeTime(parent.appendingPathComponent($0)) < changeTime(parent.appendingPathComponent($1))
            }
            if let latest, rename(parent.appendingPathComponent(latest).path, out.path) == 0 {
                olds.removeAll { $0 == latest }
            }
        }
        var stale = olds.map { parent.appendingPathComponent($0) }
        stale += names.filter { $0.hasPrefix(temporary) }.map { parent.appendingPathComponent($0) }
        if lstat(out.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            let inside = (try? fileManager.contentsOfDirectory(atPath: out.path)) ?? []
            stale += inside.filter { $0.hasPrefix(".bulletin-tmp-") }.map { out.appendingPathComponent($0) }
        }
        for folder in stale {
            if isBulletins(folder) {
                try? fileManager.removeItem(at: folder)
            } else {
                _ = rmdir(folder.path)  // only if empty: made, then killed before the marker
            }
        }
    }

    /// Whether `folder` is a real folder (not a link) holding the marker as a regular file.
    static func isBulletins(_ folder: URL) -> Bool {
        var info = stat()
        guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
        let marker = folder.appendingPathComponent(OutputDirectory.markerName).path
        return lstat(marker, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    private static func changeTime(_ url: URL) -> (Int, Int) {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return (0, 0) }
        return (info.st_ctim.tv_sec, info.st_ctim.tv_nsec)
    }
}
