import Foundation

/// The output directory, written safely (SPEC §1.4): a build writes into a fresh temporary
/// directory beside `--out` and swaps it in only when everything succeeded, so a failed build
/// leaves the previous output exactly as it was. Bulletin only ever replaces a directory it
/// created itself, which a marker file inside tells.
public struct OutputDirectory: Sendable {
    /// The marker file Bulletin leaves in every output directory it writes.
    public static let markerName = ".bulletin-output"
    static let markerText = "This folder is written by bulletin. Each build replaces it whole; do not keep other files here.\n"

    /// Where the output goes.
    public let url: URL
    /// The temporary directory being written.
    public let staging: URL

    /// Why an output directory cannot be used.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Checks that `url` may be written — it does not exist, is empty, or was written by
    /// Bulletin — and that it is neither the dataset nor a folder containing it; then creates the
    /// staging directory beside it.
    public init(url: URL, dataset: URL) throws(Refusal) {
        let fileManager = FileManager.default
        let out = url.standardizedFileURL.resolvingSymlinksInPath()
        let data = dataset.standardizedFileURL.resolvingSymlinksInPath()
        let outPath = out.path.hasSuffix("/") ? out.path : out.path + "/"
        let dataPath = data.path.hasSuffix("/") ? data.path : data.path + "/"
        if dataPath.hasPrefix(outPath) {
            throw Refusal(description: out.path == data.path
                ? "--out \(url.path) is the dataset folder itself; choose another folder such as output/"
                : "--out \(url.path) contains the dataset \(dataset.path); choose a folder outside it such as output/")
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: out.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Refusal(description: "--out \(url.path) is a file, not a folder; bulletin will not replace it")
            }
            let contents = (try? fileManager.contentsOfDirectory(atPath: out.path)) ?? []
            let isOurs = contents.contains(Self.markerName)
            let isEmpty = contents.allSatisfy { $0 == ".gitkeep" || $0 == ".DS_Store" }
            guard isOurs || isEmpty else {
                throw Refusal(description: "--out \(url.path) already holds files that bulletin did not write (no \(Self.markerName) marker); bulletin only replaces folders it created. Choose an empty or new folder.")
            }
        }
        let parent = out.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Refusal(description: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        let staging = parent.appendingPathComponent(".\(out.lastPathComponent).bulletin-tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(Self.markerText.utf8).write(to: staging.appendingPathComponent(Self.markerName))
        } catch {
            throw Refusal(description: "cannot write beside \(url.path): \(error.localizedDescription)")
        }
        self.url = out
        self.staging = staging
        TemporaryDirectories.shared.register(staging)
    }

    /// Writes a file below the staging directory, creating folders as needed.
    public func write(_ text: String, to relativePath: String) throws {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Writes bytes below the staging directory.
    public func write(_ data: Data, to relativePath: String) throws {
        let target = staging.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
    }

    /// Replaces the output with the staging directory: two renames, then the old tree is removed.
    public func commit() throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: url.appendingPathComponent(".gitkeep").path) {
            try? Data().write(to: staging.appendingPathComponent(".gitkeep"))
        }
        if fileManager.fileExists(atPath: url.path) {
            let old = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).bulletin-old-\(ProcessInfo.processInfo.processIdentifier)")
            try? fileManager.removeItem(at: old)
            TemporaryDirectories.shared.register(old)
            try fileManager.moveItem(at: url, to: old)
            do {
                try fileManager.moveItem(at: staging, to: url)
            } catch {
                try? fileManager.moveItem(at: old, to: url)
                throw error
            }
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

/// Temporary directories to remove if the process is interrupted (Ctrl-C).
public final class TemporaryDirectories: @unchecked Sendable {
    /// The process-wide list.
    public static let shared = TemporaryDirectories()
    private let lock = NSLock()
    private var paths: [String] = []

    func register(_ url: URL) {
        lock.lock()
        paths.append(url.path)
        lock.unlock()
    }

    func unregister(_ url: URL) {
        lock.lock()
        paths.removeAll { $0 == url.path }
        lock.unlock()
    }

    /// Removes every registered directory (called from the interrupt handler).
    public func removeAll() {
        lock.lock()
        let current = paths
        paths.removeAll()
        lock.unlock()
        for path in current { try? FileManager.default.removeItem(atPath: path) }
    }
}
