import Foundation

/// A ZIP archive opened for reading — the container of an `.xlsx` workbook (SPEC §2.4): its
/// entries listed from the central directory, each read whole or pulled as a stream that
/// inflates in pieces, checked against its CRC-32 and guarded against ZIP bombs.
///
/// The archive's bytes stay where they are (a file is memory-mapped): only the directory is
/// parsed up front, and an entry's data is inflated when it is read.
struct ZipArchive {
    /// One file inside the archive, as its central-directory record describes it.
    struct Entry: Sendable {
        /// The entry's name, e.g. `xl/worksheets/sheet1.xml`.
        var path: String
        /// 0 (stored) or 8 (deflate); other methods are refused when the entry is read.
        var method: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        /// Where the entry's local header starts in the archive.
        var localHeaderOffset: UInt64
        /// The general-purpose flags (bit 0: encrypted; bit 3: sizes in a data descriptor;
        /// bit 11: UTF-8 name).
        var flags: UInt16 = 0

        var isEncrypted: Bool { flags & 1 != 0 }
    }

    /// How far an entry may inflate before it is refused as a ZIP bomb (SPEC §2.4).
    struct Limits: Sendable {
        /// The most bytes one entry may inflate to.
        var maximumEntrySize: UInt64
        /// The most an entry may inflate to, as a multiple of its compressed size.
        var maximumRatio: UInt64

        /// 1 GiB, and 1,000 times the compressed size.
        static let `default` = Limits(maximumEntrySize: 1 << 30, maximumRatio: 1000)
    }

    /// The archive's bytes: a mapped file or data in memory.
    let data: Data
    /// Whether `data` is a read-only private mapping of the file made here, so that streams may
    /// give back the pages they have read (see `ZipEntryStream`).
    let isFileMapping: Bool
    let limits: Limits
    /// The entries in central-directory order.
    let entries: [Entry]
    /// Entry positions by exact name, and by tolerant name (see `tolerantKey`); the first of
    /// equal names wins.
    private let exactIndex: [String: Int]
    private let tolerantIndex: [String: Int]

    /// Opens the archive at `path`, mapping it into memory rather than reading it.
    init(path: String, limits: Limits = .default) throws(ContainerError) {
        if let mapped = Self.map(path) {
            try self.init(data: mapped, limits: limits, isFileMapping: true)
            return
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ContainerError(.notZip, "the file cannot be read (\(error.localizedDescription))")
        }
        try self.init(data: data, limits: limits)
    }

    /// Opens the archive held in `data`.
    init(data: Data, limits: Limits = .default) throws(ContainerError) {
        try self.init(data: data, limits: limits, isFileMapping: false)
    }

    private init(data: Data, limits: Limits, isFileMapping: Bool) throws(ContainerError) {
        self.data = data
        self.isFileMapping = isFileMapping
        self.limits = limits
        let parsed = data.withUnsafeBytes { bytes in
            Result { () throws(ContainerError) in try CentralDirectory.entries(in: bytes) }
        }
        entries = try parsed.get()
        var exact: [String: Int] = [:]
        var tolerant: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            if exact[entry.path] == nil { exact[entry.path] = position }
            let key = Self.tolerantKey(entry.path)
            if tolerant[key] == nil { tolerant[key] = position }
        }
        exactIndex = exact
        tolerantIndex = tolerant
    }

    /// The entry named `path`: exactly, or else ignoring leading `/`, `\` for `/` and ASCII case —
    /// quirks of real workbooks whose relationships and directory disagree on a name's form.
    func entry(named path: String) -> Entry? {
        if let position = exactIndex[path] { return entries[position] }
        return tolerantIndex[Self.tolerantKey(path)].map { entries[$0] }
    }

    /// The file at `path` mapped read-only and private, when it is a regular file of at least
    /// 1 MiB (smaller ones are not worth it); nil otherwise, or when anything fails, and the
    /// caller reads the file the ordinary way. The mapping is unmapped with the last `Data`.
    private static func map(_ path: String) -> Data? {
        let descriptor = openForReading(path)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size >= 1 << 20,
            status.st_size <= Int.max
        else { return nil }
        let size = Int(status.st_size)
        guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED
        else {
            return nil
        }
        let data = Data(bytesNoCopy: pointer, count: size, deallocator: .custom { munmap($0, $1) })
        // Streams release pages by address: only the mapping itself, never a copy, may be used.
        guard data.withUnsafeBytes({ $0.baseAddress }) == UnsafeRawPointer(pointer) else { return nil }
        return data
    }

    /// A stream that inflates `entry` in pieces, checking its size, limits and CRC-32.
    /// `verifiesChecksum: false` leaves the CRC-32 out (sizes and limits are still held): for a
    /// pass that only looks ahead in a part another stream then reads with every check.
    func stream(_ entry: Entry, verifiesChecksum: Bool = true) throws(ContainerError) -> ZipEntryStream {
        try checkReadable(entry)
        let range = try dataRange(of: entry)
        return ZipEntryStream(
            entry: entry, data: data, range: range, verifiesChecksum: verifiesChecksum,
            releasesInput: isFileMapping)
    }

    /// The whole inflated entry, under the same limits and checks as `stream`.
    func contents(of entry: Entry) throws(ContainerError) -> [UInt8] {
        let stream = try stream(entry)
        // The declared size is within the limits (checked above); the stream refuses any byte
        // past it, so this capacity is all the memory the entry gets.
        let size = Int(entry.uncompressedSize)
        var failure: ContainerError?
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            do throws(ContainerError) {
                while count < size {
                    let read = try stream.read(into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
                    if read == 0 { break }
                    count += read
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        // The last read, at the end, checks the size and CRC-32 (and that nothing follows).
        var probe: UInt8 = 0
        let more = try withUnsafeMutablePointer(to: &probe) { pointer throws(ContainerError) in
            try stream.read(into: UnsafeMutableBufferPointer(start: pointer, count: 1))
        }
        if more != 0 { bytes.append(probe) }  // unreachable: the stream refuses extra bytes
        return bytes
    }
}

extension ZipArchive {
    /// Refuses what this reader cannot or will not inflate, before touching the data.
    fileprivate func checkReadable(_ entry: Entry) throws(ContainerError) {
        let part = entry.path
        if entry.isEncrypted {
            throw ContainerError(.encrypted, part: part, .containerEncrypted)
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw ContainerError(
                .unsupported, part: part,
                "the entry is compressed with method \(entry.method) (only stored and deflate are read); "
                    + "save the workbook again in Excel or WPS")
        }
        if entry.method == 0 && entry.compressedSize != entry.uncompressedSize {
            throw ContainerError(
                .corrupt, part: part,
                "the entry is stored uncompressed, yet its sizes differ (\(entry.compressedSize) and "
                    + "\(entry.uncompressedSize) bytes); the archive is damaged")
        }
        if entry.uncompressedSize > limits.maximumEntrySize {
            throw ContainerError(
                .tooLarge, part: part,
                "the entry would inflate to \(entry.uncompressedSize) bytes, past the limit of "
                    + "\(limits.maximumEntrySize); split the workbook or save the ledger as CSV")
        }
        let (ratioLimit, overflow) = entry.compressedSize.multipliedReportingOverflow(by: limits.maximumRatio)
        if !overflow && entry.uncompressedSize > ratioLimit {
            throw ContainerError(
                .tooLarge, part: part,
                "the entry would inflate to \(entry.uncompressedSize) bytes from \(entry.compressedSize), "
                    + "more than \(limits.maximumRatio) times; a ZIP bomb is refused")
        }
    }

    /// Where the entry's compressed bytes lie, after its local header (whose name and extra
    /// field may differ in length from the central directory's copy).
    fileprivate func dataRange(of entry: Entry) throws(ContainerError) -> Range<Int> {
        let count = UInt64(data.count)
        let header = entry.localHeaderOffset
        let fields: (UInt32, UInt16, UInt16)? = data.withUnsafeBytes { bytes in
            guard header <= count, count - header >= 30, let start = Int(exactly: header) else { return nil }
            return (
                bytes.littleEndian(UInt32.self, at: start), bytes.littleEndian(UInt16.self, at: start + 26),
                bytes.littleEndian(UInt16.self, at: start + 28)
            )
        }
        guard let (signature, nameLength, extraLength) = fields else {
            throw ContainerError(
                .truncated, part: entry.path,
                "the entry's data lies past the end of the file; the file was cut short")
        }
        guard signature == 0x0403_4B50 else {
            throw ContainerError(
                .corrupt, part: entry.path,
                "no local header where the directory places the entry; the archive is damaged")
        }
        let start = header + 30 + UInt64(nameLength) + UInt64(extraLength)
        guard start <= count, count - start >= entry.compressedSize else {
            throw ContainerError(
                .truncated, part: entry.path,
                "the entry's data runs past the end of the file; the file was cut short")
        }
        return Int(start)..<Int(start + entry.compressedSize)
    }

    /// A name with leading slashes removed, backslashes as slashes, and ASCII letters in lower case.
    fileprivate static func tolerantKey(_ path: String) -> String {
        var bytes = Array(path.utf8)
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "\\") { bytes[index] = UInt8(ascii: "/") }
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[index]) { bytes[index] += 32 }
        }
        let start = bytes.firstIndex { $0 != UInt8(ascii: "/") } ?? bytes.endIndex
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}

extension UnsafeRawBufferPointer {
    /// The little-endian integer at `offset`; the caller has checked it lies inside.
    func littleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

/// `open(2)` for reading, outside `ZipArchive`, whose `open(_:)` (a workbook part) hides it.
private func openForReading(_ path: String) -> Int32 { open(path, O_RDONLY) }
