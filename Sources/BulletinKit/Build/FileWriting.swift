import Foundation

/// Output files written from bytes already in memory, without Foundation's copy into `Data`.
enum FileWriting {
    /// Creates (or empties) the file at `path` for writing; returns its descriptor.
    static func create(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return descriptor
    }

    /// Writes all of `bytes`, however many calls it takes.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }

    /// Writes all of `bytes` at `position` in the file, retrying after interruptions and short
    /// writes; the file's offset for `write` is left where it was.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], at position: Int) throws {
        try bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = pwrite(
                    descriptor, base + offset, bytes.count - offset, off_t(position + offset))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }
}
