import Foundation

/// One entry of a `ZipArchive`, inflated in pieces into the caller's buffer, so that a sheet of
/// any size is read with a fixed amount of memory.
///
/// Refuses any byte past the size the directory declares (which `ZipArchive.stream` has held to
/// the limits, so a lying header cannot make a bomb go off), and at the end checks the size and
/// CRC-32. After an error, every further read throws it again.
final class ZipEntryStream {
    let entry: ZipArchive.Entry
    /// The archive's bytes, kept alive while the stream is.
    private let data: Data
    /// The entry's compressed bytes within `data`.
    private let range: Range<Int>
    /// The decoder of a deflated entry; nil for a stored one.
    private let inflater: Inflater?
    private var storedPosition = 0
    private var checksum = CRC32()
    /// Whether the CRC-32 is computed and checked (see `ZipArchive.stream`).
    private let verifiesChecksum: Bool
    /// Whether `data` is a private read-only file mapping whose pages may be given back once
    /// read, and the address up to which they were: otherwise every page of the compressed
    /// sheet read stays in the resident set to the end, and memory grows with the rows.
    private let releasesInput: Bool
    private var releasedUpTo: UInt = 0
    private var produced: UInt64 = 0
    private var isAtEnd = false
    private var failure: ContainerError?

    init(
        entry: ZipArchive.Entry, data: Data, range: Range<Int>, verifiesChecksum: Bool = true,
        releasesInput: Bool = false
    ) {
        self.entry = entry
        self.verifiesChecksum = verifiesChecksum
        self.releasesInput = releasesInput
        self.data = data
        self.range = range
        // Some writers store an empty deflated entry as no bytes at all rather than as an empty
        // final block; it reads as the empty entry it is.
        let isEmpty = entry.compressedSize == 0 && entry.uncompressedSize == 0
        inflater = entry.method == 8 && !isEmpty ? Inflater() : nil
    }

    /// The entry's name, for messages.
    var entryPath: String { entry.path }

    /// Inflates up to `buffer.count` bytes into `buffer`; 0 only at the end, after the CRC-32
    /// and size were checked (or when `buffer` is empty).
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ContainerError) -> Int {
        if let failure { throw failure }
        if isAtEnd || buffer.isEmpty { return 0 }
        do throws(ContainerError) {
            // One byte more than the declared size may still hold is asked for, so that an
            // entry longer than declared is caught without inflating further.
            let allowance = entry.uncompressedSize - produced
            let wanted = allowance >= UInt64(buffer.count) ? buffer.count : Int(allowance) + 1
            let target = UnsafeMutableBufferPointer(rebasing: buffer[0..<wanted])
            let count = try pull(into: target)
            if UInt64(count) > allowance {
                // The declared bytes are handed out; the next read reports the overrun.
                if allowance == 0 { throw overrun() }
                failure = overrun()
                if verifiesChecksum {
                    checksum.update(UnsafeBufferPointer(rebasing: target[0..<Int(allowance)]))
                }
                produced += allowance
                return Int(allowance)
            }
            if count > 0 {
                if verifiesChecksum { checksum.update(UnsafeBufferPointer(rebasing: target[0..<count])) }
                produced += UInt64(count)
                return count
            }
            try finish()
            return 0
        } catch {
            failure = error
            throw error
        }
    }

    /// The next inflated (or stored) bytes; 0 at the end of the entry's data.
    private func pull(into target: UnsafeMutableBufferPointer<UInt8>) throws(ContainerError) -> Int {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(ContainerError) -> Int in
                let input = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range])
                guard let inflater else {
                    let count = min(target.count, input.count - storedPosition)
                    if count > 0, let source = input.baseAddress, let destination = target.baseAddress {
                        destination.update(from: source + storedPosition, count: count)
                    }
                    storedPosition += count
                    releaseInput(input, upTo: storedPosition)
                    return count
                }
                let count = try inflater.read(into: target, from: input)
                releaseInput(input, upTo: inflater.position)
                return count
            }
        }
        do {
            return try result.get()
        } catch {
            throw error.inPart(entry.path)
        }
    }

    /// The error for an entry that inflates past its declared size.
    private func overrun() -> ContainerError {
        ContainerError(
            .tooLarge, part: entry.path,
            "the entry inflates past the \(entry.uncompressedSize) bytes its header declares; "
                + "the archive is damaged or a ZIP bomb, and is refused")
    }

    /// Checks the whole entry's size and CRC-32 at its end.
    private func finish() throws(ContainerError) {
        guard produced == entry.uncompressedSize else {
            throw ContainerError(
                .corrupt, part: entry.path,
                "the entry inflates to \(produced) bytes, but its header declares \(entry.uncompressedSize); "
                    + "the archive is damaged")
        }
        guard !verifiesChecksum || checksum.value == entry.crc32 else {
            throw ContainerError(
                .checksumMismatch, part: entry.path,
                "the entry's CRC-32 does not match its contents; the file is damaged — copy or download it again"
            )
        }
        isAtEnd = true
    }

    /// Gives back the whole pages of the mapping before `consumed` bytes of `input` (less 64:
    /// the inflater may hand up to 8 unread bytes back to a stored block), at least 1 MiB at a
    /// time. The pages are the file's own, unmodified, so a later touch reads them again.
    private func releaseInput(_ input: UnsafeBufferPointer<UInt8>, upTo consumed: Int) {
        guard releasesInput, consumed > 64, let base = input.baseAddress else { return }
        let page = UInt(max(4096, sysconf(Int32(_SC_PAGESIZE))))
        let end = UInt(bitPattern: base + (consumed - 64)) & ~(page - 1)
        let start = max(releasedUpTo, UInt(bitPattern: base) & ~(page - 1))
        guard end > start, end - start >= 1 << 20, let address = UnsafeMutableRawPointer(bitPattern: start)
        else {
            return
        }
        _ = madvise(address, Int(end - start), MADV_DONTNEED)
        releasedUpTo = end
    }
}
