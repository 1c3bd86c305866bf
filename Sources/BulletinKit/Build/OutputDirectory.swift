import Foundation

/// The output directory, written safely (SPEC §1.4): a build writes into a fresh temporary
/// directory beside `--out` and swaps it in only when everything succeeded, so a failed build
/// leaves the previous output exactly as it was. Bulletin only ever replaces a directory it
/// created itself, which a marker file inside tells.
public struct OutputDirectory: Sendable {
    /// The marker file Bulletin leaves in every output directory it writes.
    public static let markerName = ".bulletin-output"
    static let markerText =
        "This folder is written by bulletin. Each build replaces it whole; do not keep other files here.\n"

    /// Where the output goes.
    public let url: URL
    /// The temporary directory being written.
    public let staging: URL

    /// Why an output directory cannot be used.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Checks that `url` may be written — it does not exist, is empty, or was written by
    /// Bulletin — and that it is neither the dataset, nor a folder containing it, nor the working
    /// directory or one containing it; then creates the staging directory beside it.
    ///
    /// `url` is resolved through symbolic links first, so a link to a folder is judged (and
    /// replaced) as that folder, and `--out .` or `--out ..` as the folders they name.
    public init(url: URL, dataset: URL) throws(Refusal) {
        let fileManager = FileManager.default
        let out = url.standardizedFileURL.resolvingSymlinksInPath()
        let data = dataset.standardizedFileURL.resolvingSymlinksInPath()
        let workingDirectory = URL(fileURLWithPath: fileManager.currentDirectoryPath).standardizedFileURL
            .resolvingSymlinksInPath()
        if Self.isWithin(data, out) {
            throw Refusal(
                description: out.path == data.path
                    ? "--out \(url.path) is the dataset folder itself; choose another folder such as output/"
                    : "--out \(url.path) contains the dataset \(dataset.path); choose a folder outside it such as output/"
            )
        }
        if Self.isWithin(workingDirectory, out) {
            throw Refusal(
                description:
                    "--out \(url.path) is \(out.path == workingDirectory.path ? "" : "a folder containing ")the folder you are working in; bulletin replaces the output folder whole, so choose a folder such as output/"
            )
        }
        if let destination = try? fileManager.destinationOfSymbolicLink(atPath: out.path) {
            // Still a link after resolving: it points nowhere (or round in a loop).
            throw Refusal(
                description:
                    "--out \(url.path) is a symbolic link to \(destination), which does not exist; remove the link or choose another folder"
            )
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: out.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Refusal(
                    description: "--out \(url.path) is a file, not a folder; bulletin will not replace it")
            }
            let contents: [String]
            do {
                contents = try fileManager.contentsOfDirectory(atPath: out.path)
            } catch {
                throw Refusal(
                    description:
                        "--out \(url.path) cannot be listed, so bulletin cannot tell whether it wrote it; check its permissions or choose another folder"
                )
            }
            let isOurs = contents.contains(Self.markerName)
            let isEmpty = contents.allSatisfy { $0 == ".gitkeep" || $0 == ".DS_Store" }
            guard isOurs || isEmpty else {
                throw Refusal(
                    description:
                        "--out \(url.path) already holds files that bulletin did not write (no \(Self.markerName) marker); bulletin only replaces folders it created. Choose an empty or new folder."
                )
            }
        }
        let parent = out.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Refusal(description: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        let staging = parent.appendingPathComponent(
            ".\(out.lastPathComponent).bulletin-tmp-\(Self.uniqueSuffix())")
        // Registered before it exists: a Ctrl-C right after the folder is made still removes it.
        TemporaryDirectories.shared.register(staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(Self.markerText.utf8).write(to: staging.appendingPathComponent(Self.markerName))
        } catch {
            try? fileManager.removeItem(at: staging)
            TemporaryDirectories.shared.unregister(staging)
            throw Refusal(description: "cannot write beside \(url.path): \(error.localizedDescription)")
        }
        self.url = out
        self.staging = staging
    }

    /// Writes a file below the staging directory, creating folders as needed.
    public func write(_ text: String, to relativePath: String) throws {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Writes bytes below the staging directory. A path that would leave it (absolute, or with
    /// a `..` component) is refused: output names come from region codes and indicator ids.
    public func write(_ data: Data, to relativePath: String) throws {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !relativePath.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0.isEmpty }) else {
            throw Refusal(description: "the output path \"\(relativePath)\" would leave the output folder")
        }
        let target = staging.appendingPathComponent(relativePath)
        try Self.makeFolders((relativePath as NSString).deletingLastPathComponent, in: staging)
        try data.write(to: target)
    }

    /// Creates `relative` folder by folder inside `root`, which must exist: never `root` itself,
    /// so a staging folder removed on Ctrl-C is not brought back by a write still under way.
    static func makeFolders(_ relative: String, in root: URL) throws {
        var folder = root
        for component in relative.split(separator: "/") {
            folder.appendPathComponent(String(component))
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                continue
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        }
    }

    /// Replaces the output with the staging directory: two renames, then the old tree is removed.
    /// Never after Ctrl-C, and a Ctrl-C during the swap waits for it to end (see
    /// `TemporaryDirectories.exclusively`).
    public func commit() throws {
        try TemporaryDirectories.shared.exclusively { try swap() }
    }

    private func swap() throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: url.appendingPathComponent(".gitkeep").path) {
            try? Data().write(to: staging.appendingPathComponent(".gitkeep"))
        }
        if fileManager.fileExists(atPath: url.path) {
            let old = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).bulletin-old-\(Self.uniqueSuffix())")
            // Interrupted between the two renames, the previous output is moved back, not removed.
            TemporaryDirectories.shared.register(old, restoringTo: url)
            do {
                try fileManager.moveItem(at: url, to: old)
            } catch {
                TemporaryDirectories.shared.unregister(old)
                throw error
            }
            do {
                try fileManager.moveItem(at: staging, to: url)
            } catch {
                try? fileManager.moveItem(at: old, to: url)
                TemporaryDirectories.shared.unregister(old)
                throw error
            }
            TemporaryDirectories.shared.unregister(staging)
            try? fileManager.removeItem(at: old)
            TemporaryDirectories.shared.unregister(old)
        } else {
            try fileManager.moveItem(at: staging, to: url)
        }
        TemporaryDirectories.shared.unregister(staging)
    }

    /// Removes the staging directory after a failure.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        TemporaryDirectories.shared.unregister(staging)
    }
}

extension OutputDirectory {
    /// Whether `inner` is `outer` or lies below it (both resolved, absolute).
    fileprivate static func isWithin(_ inner: URL, _ outer: URL) -> Bool {
        let outerPath = outer.path.hasSuffix("/") ? outer.path : outer.path + "/"
        let innerPath = inner.path.hasSuffix("/") ? inner.path : inner.path + "/"
        return innerPath.hasPrefix(outerPath)
    }

    /// The process id and a random part: two builds, even in one process, never share a
    /// temporary directory.
    fileprivate static func uniqueSuffix() -> String {
        "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    }
}

/// Temporary directories to remove if the process is interrupted (Ctrl-C).
public final class TemporaryDirectories: @unchecked Sendable {
    /// The process-wide list.
    public static let shared = TemporaryDirectories()
    /// Recursive: `exclusively` runs the swap, which registers and unregisters, under it.
    private let lock = NSRecursiveLock()
    /// Registered directories, each with the place it is moved back to instead of being removed
    /// when that place is empty (the previous output, moved aside during the swap).
    private var entries: [(path: String, restore: String?)] = []
    private var interrupted = false

    /// Whether the process was interrupted: work still under way should stop.
    public var isInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interrupted
    }

    private let removal = NSLock()

    /// Waits until an interrupt's removal has ended (the main thread, before it exits).
    public func waitForRemoval() {
        removal.lock()
        removal.unlock()
    }

    /// The process was interrupted before the output was swapped in.
    public struct Interrupted: Error, CustomStringConvertible {
        public var description: String { "interrupted; the previous output is unchanged" }
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
    public func removeAll() {
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
