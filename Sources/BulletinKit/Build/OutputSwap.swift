import Foundation

/// Putting a finished staging folder in place of the output (SPEC §1.4, issue 18), so that no
/// moment leaves the site without a whole output:
///
/// - **Exchange.** `renameat2(RENAME_EXCHANGE)` swaps the two folders in one step: the output
///   path holds the old output, then the new one. The old one, now at the staging path, is
///   removed; killed before that, it is a temporary folder holding the marker, which the next
///   build removes (`OutputLock.cleanUp`).
/// - **Two steps**, where the kernel or the file system has no exchange (EINVAL, ENOSYS): the
///   output is renamed aside to `.NAME.bulletin-old-*`, the staging folder renamed in, the old
///   one removed. Killed between the renames, the next build (or the interrupt handler) moves
///   the old output back.
/// - **In place**, for a folder that must stay itself (an empty folder the user made, a mount
///   point): the staging folder is inside it and its entries are moved up one by one, each
///   exchanged with the old entry of that name; the marker comes last.
///
/// The replacing folder takes the old one's mode, owner and ACLs (`copyAttributes`).
enum OutputSwap {
    /// A swap or move that failed; the previous output is back in place.
    struct Failure: LocalizedError {
        var errorDescription: String?
    }

    /// Replaces `target` — a folder Bulletin wrote, or nothing — with `staging`, beside it.
    static func swap(_ staging: URL, _ target: URL) throws {
        var info = stat()
        guard lstat(target.path, &info) == 0 else {
            try rename(staging, to: target)
            TemporaryDirectories.shared.unregister(staging)
            return
        }
        copyAttributes(from: target, to: staging)
        let gitkeep = target.appendingPathComponent(".gitkeep")
        if lstat(gitkeep.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            try? Data().write(to: staging.appendingPathComponent(".gitkeep"))
        }
        switch exchange(staging, target) {
        case 0:
            // The staging path now holds the previous output.
            try? FileManager.default.removeItem(at: staging)
            TemporaryDirectories.shared.unregister(staging)
        case EINVAL, ENOSYS:
            try swapInTwoSteps(staging, target)
        case let code:
            throw Failure(
                errorDescription: "cannot replace \(target.path): \(String(cString: strerror(code)))")
        }
    }

    /// The two-step swap, with the old output put back if the second rename fails.
    static func swapInTwoSteps(_ staging: URL, _ target: URL) throws {
        let old = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).bulletin-old-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        )
        // Interrupted between the two renames, the previous output is moved back, not removed.
        TemporaryDirectories.shared.register(old, restoringTo: target)
        do {
            try rename(target, to: old)
        } catch {
            TemporaryDirectories.shared.unregister(old)
            throw error
        }
        do {
            try rename(staging, to: target)
        } catch {
            try? rename(old, to: target)
            TemporaryDirectories.shared.unregister(old)
            throw error
        }
        TemporaryDirectories.shared.unregister(staging)
        try? FileManager.default.removeItem(at: old)
        TemporaryDirectories.shared.unregister(old)
    }

    /// Moves every entry of `staging` (inside `target`) up into `target`, each exchanged with
    /// an old entry of the same name; then removes old entries the new output does not have
    /// (never the placeholders) and the staging folder, which holds the old versions.
    static func moveEntries(of staging: URL, into target: URL) throws {
        let fileManager = FileManager.default
        let marker = OutputDirectory.markerName
        let names = try fileManager.contentsOfDirectory(atPath: staging.path).sorted {
            ($0 == marker ? 1 : 0, $0) < ($1 == marker ? 1 : 0, $1)
        }
        let previous = try fileManager.contentsOfDirectory(atPath: target.path)
        for name in names {
            let source = staging.appendingPathComponent(name)
            let destination = target.appendingPathComponent(name)
            var info = stat()
            if lstat(destination.path, &info) != 0 {
                try rename(source, to: destination)
                continue
            }
            switch exchange(source, destination) {
            case 0: break
            case EINVAL, ENOSYS:
                try fileManager.removeItem(at: destination)
                try rename(source, to: destination)
            case let code:
                throw Failure(
                    errorDescription: "cannot replace \(destination.path): \(String(cString: strerror(code)))"
                )
            }
        }
        // Only a folder that was Bulletin's has old entries; a placeholder is the user's.
        if previous.contains(marker) {
            let kept = Set(names).union(OutputDirectory.placeholderNames).union([staging.lastPathComponent])
            for name in previous where !kept.contains(name) {
                try? fileManager.removeItem(at: target.appendingPathComponent(name))
            }
        }
        try? fileManager.removeItem(at: staging)
        TemporaryDirectories.shared.unregister(staging)
    }

    /// Gives `destination` the mode (set-group-ID and sticky bits included), owner and group,
    /// and POSIX ACLs of `source`, as far as this process may: a folder shared with a group
    /// (mode 2770) stays shared after the swap.
    static func copyAttributes(from source: URL, to destination: URL) {
        var info = stat()
        guard stat(source.path, &info) == 0 else { return }
        // The owner first: changing it clears the set-group-ID bit, which chmod then sets.
        _ = chown(destination.path, info.st_uid, info.st_gid)
        _ = chmod(destination.path, info.st_mode & 0o7777)
        guard let getxattr = Functions.getxattr, let setxattr = Functions.setxattr else { return }
        for name in ["system.posix_acl_access", "system.posix_acl_default"] {
            let size = getxattr(source.path, name, nil, 0)
            guard size > 0, size <= 1 << 16 else { continue }
            var value = [UInt8](repeating: 0, count: size)
            let read = value.withUnsafeMutableBytes { getxattr(source.path, name, $0.baseAddress, size) }
            guard read > 0 else { continue }
            _ = value.withUnsafeBytes { setxattr(destination.path, name, $0.baseAddress, read, 0) }
        }
    }

    /// `rename(2)`, throwing what went wrong.
    static func rename(_ source: URL, to destination: URL) throws {
        guard Foundation.rename(source.path, destination.path) == 0 else {
            let code = errno
            throw Failure(
                errorDescription:
                    "cannot move \(source.lastPathComponent) to \(destination.path): \(String(cString: strerror(code)))"
            )
        }
    }

    /// Exchanges two paths atomically with `renameat2(RENAME_EXCHANGE)`: 0 when done, else the
    /// error number (ENOSYS when the C library has no `renameat2`).
    static func exchange(_ first: URL, _ second: URL) -> Int32 {
        guard let renameat2 = Functions.renameat2 else { return ENOSYS }
        return renameat2(AT_FDCWD, first.path, AT_FDCWD, second.path, renameExchange) == 0 ? 0 : errno
    }

    private static let renameExchange: UInt32 = 1 << 1

    /// C library functions that Swift's Glibc module does not declare — `renameat2` (glibc 2.28
    /// and later; the variadic `syscall` cannot be called from Swift) and the extended-attribute
    /// calls — looked up at run time; nil where the library lacks them.
    private enum Functions {
        typealias Renameat2 =
            @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        typealias Getxattr =
            @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
        typealias Setxattr =
            @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) ->
            Int32

        static let renameat2 = look("renameat2", as: Renameat2.self)
        static let getxattr = look("getxattr", as: Getxattr.self)
        static let setxattr = look("setxattr", as: Setxattr.self)

        private static func look<Function>(_ name: String, as type: Function.Type) -> Function? {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
            return unsafeBitCast(symbol, to: type)
        }
    }
}
