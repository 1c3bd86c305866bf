import Foundation

/// The inputs of a dataset, opened safely (issue 18): Bulletin reads only regular files inside
/// the dataset folder. A link to a file elsewhere (`/proc/self/environ`, a key) would publish
/// what it points to; a FIFO would hang the build; a device or a folder is no ledger.
///
/// Two guards. `Dataset.load` checks every input by name before anything is read
/// (`problem(_:in:)`, with `lstat`: a link is judged by where it leads), a configuration error.
/// Every open then goes through `open(_:)`, which never blocks and accepts only a regular file,
/// so a file swapped for a FIFO after the check still cannot hang the build.
enum InputFile {
    /// What is wrong with the input `name` of the dataset in `directory`, naming its path; nil
    /// when it is a regular file inside the dataset (possibly through a link that stays inside)
    /// or does not exist (a missing file is reported where it is needed).
    static func problem(_ name: String, in directory: URL) -> Diagnostic.Message? {
        let path = directory.appendingPathComponent(name).path
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFLNK else {
            guard let kind = kind(of: info.st_mode) else { return nil }
            return .init(.inputNotRegular, ["path": .text(path), "kind": .message(kind)])
        }
        guard let resolved = realPath(path) else { return .init(.inputDanglingLink, ["path": .text(path)]) }
        guard let root = realPath(directory.path), resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        else {
            // The destination is not printed: the link may point at something private.
            return .init(.inputLinkOutside, ["path": .text(path)])
        }
        guard stat(resolved, &info) == 0 else { return nil }
        if let kind = kind(of: info.st_mode) {
            return .init(.inputLinkNotRegular, ["path": .text(path), "kind": .message(kind)])
        }
        return nil
    }

    /// Opens `path` for reading without blocking (a FIFO with no writer would wait forever) and
    /// without becoming a controlling terminal; anything but a regular file is closed and
    /// refused, naming what it is. Returns the descriptor, in blocking mode again.
    static func open(_ path: String) throws(InputFailure) -> Int32 {
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            throw InputFailure(systemReason: String(cString: strerror(errno)), .cannotOpen)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw InputFailure(systemReason: reason, .cannotRead)
        }
        if let kind = kind(of: info.st_mode) {
            close(descriptor)
            throw InputFailure(message: .init(.notARegularFile, ["kind": .message(kind)]))
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return descriptor
    }

    /// The bytes of a small regular file (the configuration), at most `limit` of them.
    static func contents(_ path: String, limit: Int) throws(InputFailure) -> Data {
        let descriptor = try open(path)
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw InputFailure(systemReason: String(cString: strerror(errno)), .cannotRead)
            }
            guard count > 0 else { return data }
            data.append(contentsOf: buffer[0..<count])
            guard data.count <= limit else {
                throw InputFailure(message: .init(.configurationTooLarge, ["size": .number(limit >> 20)]))
            }
        }
    }

    /// What a file of this mode is, in words; nil for a regular file.
    static func kind(of mode: mode_t) -> Diagnostic.Message? {
        let key: Diagnostic.Message.Key? =
            switch mode & S_IFMT {
            case S_IFREG: nil
            case S_IFDIR: .fileKindFolder
            case S_IFIFO: .fileKindFIFO
            case S_IFCHR: .fileKindCharacterDevice
            case S_IFBLK: .fileKindBlockDevice
            case S_IFSOCK: .fileKindSocket
            case S_IFLNK: .fileKindLink
            default: .fileKindOther
            }
        return key.map { Diagnostic.Message($0) }
    }

    /// The absolute path with every link resolved, or nil when it leads nowhere.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
