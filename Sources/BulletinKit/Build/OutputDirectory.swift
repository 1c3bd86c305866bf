import Foundation

/// The output directory, written safely (SPEC §1.4): a build writes into a fresh temporary
/// directory and swaps it in only when everything succeeded, so a failed build leaves the
/// previous output exactly as it was. Bulletin only ever replaces a directory it created itself,
/// which a marker file inside tells.
///
/// The life of an output (issue 18):
/// - Builds into one parent folder take turns (`OutputLock`, an `flock` on the parent), so what a
///   killed build left there can be told from a build under way, and is cleaned up first
///   (`OutputLock.cleanUp`): its temporary folders removed, a previous output it had moved aside
///   put back.
/// - Usually the staging folder is made beside `--out` and exchanged with it in one step
///   (`OutputSwap`), taking the old folder's mode, owner and ACLs.
/// - An existing folder that is empty (not yet Bulletin's), or a mount point, is never removed
///   or replaced: the staging folder is made inside it and its entries are moved in
///   ("in place"), so the folder keeps its mode, owner and ACLs.
struct OutputDirectory: Sendable {
    /// The marker file Bulletin leaves in every output directory it writes.
    static let markerName = ".bulletin-output"
    static let markerText =
        "This folder is written by bulletin. Each build replaces it whole; do not keep other files here.\n"
    /// Files that leave a folder "empty" when they are regular files (`git` and Finder put them).
    static let placeholderNames: Set<String> = [".gitkeep", ".DS_Store"]

    /// Where the output goes.
    let url: URL
    /// The temporary directory being written.
    let staging: URL
    /// Whether the output is moved into the existing folder entry by entry rather than swapped.
    let isInPlace: Bool
    /// Held until `commit` or `discard`.
    let lock: OutputLock

    /// Why an output directory cannot be used.
    struct Refusal: Error, Sendable, CustomStringConvertible {
        /// Why, as a message any locale can word.
        var message: Diagnostic.Message
        /// Why, in English.
        var description: String { message.description }

        init(_ key: Diagnostic.Message.Key, _ arguments: KeyValuePairs<String, Diagnostic.Value>) {
            message = Diagnostic.Message(key, arguments)
        }
    }

    /// Checks that `url` may be written — it does not exist, is empty, or was written by
    /// Bulletin — and that it is neither the dataset, nor a folder containing it, nor the working
    /// directory or one containing it; waits for other builds into the same parent folder,
    /// cleans up after killed ones, then creates the staging directory.
    ///
    /// `url` is resolved through symbolic links first, so a link to a folder is judged (and
    /// replaced) as that folder, and `--out .` or `--out ..` as the folders they name.
    init(url: URL, dataset: URL) throws(Refusal) {
        let fileManager = FileManager.default
        let out = url.standardizedFileURL.resolvingSymlinksInPath()
        try Self.checkPlace(out, url: url, dataset: dataset)
        let parent = out.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Refusal(.outputCannotCreate, ["path": .text(parent.path), "reason": .text(error.localizedDescription)])
        }
        let lock = OutputLock(folder: parent)
        do throws(Refusal) {
            if lock.isHeld { OutputLock.cleanUp(for: out) }
            let isInPlace = try Self.checkContents(out, url: url)
            let staging =
                isInPlace
                ? out.appendingPathComponent(".bulletin-tmp-\(Self.uniqueSuffix())")
                : parent.appendingPathComponent(
                    ".\(out.lastPathComponent).bulletin-tmp-\(Self.uniqueSuffix())")
            // Registered before it exists: a Ctrl-C right after the folder is made still removes it.
            TemporaryDirectories.shared.register(staging)
            do {
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
                try Data(Self.markerText.utf8).write(to: staging.appendingPathComponent(Self.markerName))
            } catch {
                try? fileManager.removeItem(at: staging)
                TemporaryDirectories.shared.unregister(staging)
                throw Refusal(.outputCannotWriteBeside, ["path": .text(url.path), "reason": .text(error.localizedDescription)])
            }
            self.url = out
            self.staging = staging
            self.isInPlace = isInPlace
            self.lock = lock
        } catch {
            lock.release()
            throw error
        }
    }

    /// Writes a file below the staging directory, creating folders as needed.
    func write(_ text: String, to relativePath: String) throws {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Writes bytes below the staging directory. A path that would leave it (absolute, or with
    /// a `..` component) is refused: output names come from region codes and indicator ids. A
    /// failure to write names the file (`PageWriter.Failure.file`).
    func write(_ data: Data, to relativePath: String) throws {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !relativePath.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0.isEmpty }) else {
            throw Refusal(.outputLeavesFolder, ["path": .text(relativePath)])
        }
        let target = staging.appendingPathComponent(relativePath)
        do {
            try Self.makeFolders((relativePath as NSString).deletingLastPathComponent, in: staging)
            try data.write(to: target)
        } catch {
            throw PageWriter.Failure.file(path: relativePath, error)
        }
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

    /// Puts the staging directory in place of the output (see `OutputSwap`). Never after Ctrl-C,
    /// and a Ctrl-C during the swap waits for it to end (see `TemporaryDirectories.exclusively`).
    func commit() throws {
        defer { lock.release() }
        try TemporaryDirectories.shared.exclusively {
            if isInPlace {
                try OutputSwap.moveEntries(of: staging, into: url)
            } else {
                try OutputSwap.swap(staging, url)
            }
        }
    }

    /// Removes the staging directory after a failure.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
        TemporaryDirectories.shared.unregister(staging)
        lock.release()
    }
}

extension OutputDirectory {
    /// The refusals that need no look inside `out`: the dataset or a folder holding it, the
    /// working folder or one holding it, a link that leads nowhere, a file.
    fileprivate static func checkPlace(_ out: URL, url: URL, dataset: URL) throws(Refusal) {
        let fileManager = FileManager.default
        let data = dataset.standardizedFileURL.resolvingSymlinksInPath()
        let workingDirectory = URL(fileURLWithPath: fileManager.currentDirectoryPath).standardizedFileURL
            .resolvingSymlinksInPath()
        if isWithin(data, out) {
            throw out.path == data.path
                ? Refusal(.outputIsDataset, ["path": .text(url.path)])
                : Refusal(.outputContainsDataset, ["path": .text(url.path), "dataset": .text(dataset.path)])
        }
        if isWithin(workingDirectory, out) {
            throw Refusal(
                out.path == workingDirectory.path ? .outputIsWorkingFolder : .outputContainsWorkingFolder,
                ["path": .text(url.path)])
        }
        if let destination = try? fileManager.destinationOfSymbolicLink(atPath: out.path) {
            // Still a link after resolving: it points nowhere (or round in a loop).
            throw Refusal(.outputDanglingLink, ["path": .text(url.path), "destination": .text(destination)])
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: out.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw Refusal(.outputIsAFile, ["path": .text(url.path)])
        }
    }

    /// Whether an existing `out` is written in place (an empty folder not yet Bulletin's, or a
    /// mount point); refuses a folder holding anything Bulletin did not write. Entries named
    /// like placeholders count as empty only when they are regular files: a folder called
    /// `.DS_Store` may hold anything.
    fileprivate static func checkContents(_ out: URL, url: URL) throws(Refusal) -> Bool {
        var info = stat()
        guard lstat(out.path, &info) == 0 else { return false }
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: out.path)
        } catch {
            throw Refusal(.outputUnlistable, ["path": .text(url.path)])
        }
        let isOurs = contents.contains(markerName)
        let isEmpty = contents.allSatisfy { name in
            var entry = stat()
            return placeholderNames.contains(name)
                && lstat(out.appendingPathComponent(name).path, &entry) == 0
                && entry.st_mode & S_IFMT == S_IFREG
        }
        guard isOurs || isEmpty else {
            throw Refusal(.outputForeignFiles, ["path": .text(url.path), "marker": .text(markerName)])
        }
        var parent = stat()
        let isMountPoint =
            lstat(out.deletingLastPathComponent().path, &parent) == 0 && parent.st_dev != info.st_dev
        return !isOurs || isMountPoint
    }

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
