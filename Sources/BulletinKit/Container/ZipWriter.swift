import Foundation

/// Writes a ZIP archive (APPNOTE 6.3) of stored, uncompressed entries: the container of a Word
/// document and of a workbook. Every entry carries the same fixed timestamp (1980-01-01 00:00,
/// the first moment DOS time can hold) and entries stay in the order they were added, so that
/// the same contents always give the same bytes.
///
/// The archive is handed on a chunk at a time through `emit`, so that a large part (a national
/// summary sheet) is never held whole. A stored entry's header needs the CRC-32 and size of its
/// data before the data: where the bytes already emitted can be rewritten (`rewrite`: a file,
/// memory), a part given as a producer is produced once and its header completed after;
/// otherwise it is produced twice — once to measure it, once to write it. The bytes are the
/// same either way.
///
/// ZIP64 is not written: an entry, an offset or the whole archive past 4 GiB, or more than
/// 65,535 entries, is refused with `Failure` — before a byte of it is emitted, except for a
/// produced entry written once, whose size is known only at its end (the archive is then
/// unusable, as after a producer that changed).
struct ZipWriter {
    /// Why an archive cannot be written.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// The entry, or the archive with it, would pass 4 GiB (it would need ZIP64).
        case tooLarge(entry: String)
        /// More than 65,535 entries (it would need ZIP64).
        case tooManyEntries
        /// Two entries with one name.
        case duplicateName(String)
        /// A name longer than 65,535 bytes, or empty.
        case badName(String)
        /// A producer gave different bytes on its second run than on its first.
        case unrepeatableEntry(String)

        var description: String {
            switch self {
            case .tooLarge(let entry): "\(entry): the archive would pass 4 GiB, which needs ZIP64"
            case .tooManyEntries: "more than 65,535 entries, which needs ZIP64"
            case .duplicateName(let name): "\(name): added twice"
            case .badName(let name): "\"\(name.prefix(80))\": not a valid entry name (1 to 65,535 bytes)"
            case .unrepeatableEntry(let name): "\(name): its contents changed between the two passes"
            }
        }
    }

    /// Version 2.0 made on Unix (high byte 3), as zipfile and Info-ZIP write it: the external
    /// attributes are then Unix file modes.
    static let versionMadeBy: UInt16 = 0x0314
    /// 2.0: enough for stored entries and folders.
    static let versionNeeded: UInt16 = 20
    /// 1980-01-01 in DOS date form: (year − 1980) << 9 | month << 5 | day.
    static let dosDate: UInt16 = 0 << 9 | 1 << 5 | 1
    /// 00:00:00 in DOS time form.
    static let dosTime: UInt16 = 0
    /// A regular file readable by all, writable by its owner (`-rw-r--r--`), in the high half.
    static let externalAttributes: UInt32 = 0o100644 << 16
    /// The largest size or offset a ZIP field holds without ZIP64 (0xFFFFFFFF itself means "see
    /// ZIP64").
    static let limit: UInt64 = 0xFFFF_FFFE

    private let emit: (inout [UInt8]) -> Void
    /// Writes bytes over ones already emitted, at an offset from the archive's first byte.
    private let rewrite: ((_ offset: UInt64, _ bytes: [UInt8]) -> Void)?
    /// `ZipWriter.limit`, or less in tests that check the refusal without writing 4 GiB.
    private let sizeLimit: UInt64
    private var offset: UInt64 = 0
    private var central: [UInt8] = []
    private var names: Set<String> = []
    private var entryCount = 0

    /// A writer handing the archive's bytes to `emit`, which takes them and may empty the array.
    /// `rewrite`, when given, writes bytes over ones `emit` took, at an offset from the first.
    init(
        sizeLimit: UInt64 = ZipWriter.limit, emit: @escaping (inout [UInt8]) -> Void,
        rewrite: ((_ offset: UInt64, _ bytes: [UInt8]) -> Void)? = nil
    ) {
        self.sizeLimit = min(sizeLimit, Self.limit)
        self.emit = emit
        self.rewrite = rewrite
    }

    /// The whole archive of `entries`, in memory, in the order given.
    static func archive(_ entries: [(name: String, bytes: [UInt8])]) throws(Failure) -> [UInt8] {
        var archive: [UInt8] = []
        var writer = ZipWriter { archive += $0 }
        for entry in entries { try writer.add(entry.name, bytes: entry.bytes) }
        try writer.finish()
        return archive
    }

    /// Adds an entry holding `bytes`.
    mutating func add(_ name: String, bytes: [UInt8]) throws(Failure) {
        let crc = bytes.withUnsafeBufferPointer { buffer in
            var crc = CRC32()
            crc.update(buffer)
            return crc.value
        }
        try writeHeader(name, crc: crc, size: UInt64(bytes.count))
        var data = bytes
        emit(&data)
        offset += UInt64(bytes.count)
    }

    /// Adds an entry whose bytes `produce` writes into a stream. Without `rewrite`, `produce`
    /// runs twice and must write the same bytes each time (a second run that differs is
    /// refused, with the archive then unusable).
    mutating func add(_ name: String, producing produce: (inout ByteStream) -> Void) throws(Failure) {
        if let rewrite { return try add(name, producingOnce: produce, rewrite: rewrite) }
        var measuring = Measure()
        var first = ByteStream { measuring.take($0) }
        produce(&first)
        first.flush()
        try writeHeader(name, crc: measuring.crc.value, size: measuring.count)
        let written = emitMeasuring(produce)
        guard written.count == measuring.count, written.crc.value == measuring.crc.value else {
            throw .unrepeatableEntry(name)
        }
        offset += written.count
    }

    /// A produced entry written once: its local header with the CRC-32 and sizes left zero,
    /// the data as it comes, then those fields rewritten and the central header recorded.
    private mutating func add(
        _ name: String, producingOnce produce: (inout ByteStream) -> Void,
        rewrite: (_ offset: UInt64, _ bytes: [UInt8]) -> Void
    ) throws(Failure) {
        let headerOffset = offset
        try writeHeader(name, crc: 0, size: 0, recordingCentral: false)
        let written = emitMeasuring(produce)
        guard written.count <= sizeLimit, offset + written.count <= sizeLimit else {
            throw .tooLarge(entry: name)
        }
        // CRC-32, compressed size, size: at 14 in the local header.
        var fields: [UInt8] = []
        fields.append32(written.crc.value)
        fields.append32(UInt32(written.count))
        fields.append32(UInt32(written.count))
        rewrite(headerOffset + 14, fields)
        try recordCentral(name, crc: written.crc.value, size: written.count, at: headerOffset)
        offset += written.count
    }

    /// Emits what `produce` writes, and returns its CRC-32 and length.
    private func emitMeasuring(_ produce: (inout ByteStream) -> Void) -> Measure {
        var written = Measure()
        let emit = self.emit
        var stream = ByteStream { bytes in
            written.take(bytes)
            emit(&bytes)
        }
        produce(&stream)
        stream.flush()
        return written
    }

    /// Writes the central directory and its end record; the writer takes no more entries.
    mutating func finish() throws(Failure) {
        let centralSize = UInt64(central.count)
        guard offset <= sizeLimit, offset + centralSize <= sizeLimit else {
            throw .tooLarge(entry: "central directory")
        }
        var end: [UInt8] = []
        end.append32(0x0605_4B50)
        end.append16(0)  // this disk
        end.append16(0)  // the disk where the central directory starts
        end.append16(UInt16(entryCount))  // entries on this disk
        end.append16(UInt16(entryCount))  // entries in all
        end.append32(UInt32(centralSize))
        end.append32(UInt32(offset))
        end.append16(0)  // comment length
        emit(&central)
        emit(&end)
        central = []
    }

    /// Checks the limits, then emits the entry's local header and (unless told not to: its
    /// fields are not known yet) records its central one.
    private mutating func writeHeader(
        _ name: String, crc: UInt32, size: UInt64, recordingCentral: Bool = true
    )
        throws(Failure)
    {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 0xFFFF else { throw .badName(name) }
        guard !names.contains(name) else { throw .duplicateName(name) }
        guard entryCount < 0xFFFF else { throw .tooManyEntries }
        let headerSize = UInt64(30 + nameBytes.count)
        guard size <= sizeLimit, offset + headerSize + size <= sizeLimit,
            UInt64(central.count) + 46 + UInt64(nameBytes.count) <= sizeLimit
        else { throw .tooLarge(entry: name) }
        var local: [UInt8] = []
        local.reserveCapacity(Int(headerSize))
        local.append32(0x0403_4B50)
        local.append16(Self.versionNeeded)
        appendCommonFields(
            to: &local, flags: Self.flags(nameBytes), crc: crc, size: size, nameLength: nameBytes.count)
        local += nameBytes
        if recordingCentral { try recordCentral(name, crc: crc, size: size, at: offset) }
        emit(&local)
        offset += headerSize
    }

    /// Bit 11: the name is UTF-8. Names here are ASCII, which needs no flag.
    private static func flags(_ nameBytes: [UInt8]) -> UInt16 {
        nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
    }

    /// Records the central header of an entry whose local header is at `localOffset`.
    private mutating func recordCentral(_ name: String, crc: UInt32, size: UInt64, at localOffset: UInt64)
        throws(Failure)
    {
        let nameBytes = Array(name.utf8)
        guard UInt64(central.count) + 46 + UInt64(nameBytes.count) <= sizeLimit else {
            throw .tooLarge(entry: name)
        }
        let flags = Self.flags(nameBytes)
        central.append32(0x0201_4B50)
        central.append16(Self.versionMadeBy)
        central.append16(Self.versionNeeded)
        appendCommonFields(to: &central, flags: flags, crc: crc, size: size, nameLength: nameBytes.count)
        central.append16(0)  // comment length
        central.append16(0)  // disk number start
        central.append16(0)  // internal attributes
        central.append32(Self.externalAttributes)
        central.append32(UInt32(localOffset))
        central += nameBytes
        names.insert(name)
        entryCount += 1
    }

    /// Flags to extra-field length: the fields the local and central headers share.
    private func appendCommonFields(
        to bytes: inout [UInt8], flags: UInt16, crc: UInt32, size: UInt64, nameLength: Int
    ) {
        bytes.append16(flags)
        bytes.append16(0)  // method: stored
        bytes.append16(Self.dosTime)
        bytes.append16(Self.dosDate)
        bytes.append32(crc)
        bytes.append32(UInt32(size))  // compressed size: stored, the same
        bytes.append32(UInt32(size))
        bytes.append16(UInt16(nameLength))
        bytes.append16(0)  // extra field length
    }

    /// The running CRC-32 and length of an entry's bytes.
    private struct Measure {
        var crc = CRC32()
        var count: UInt64 = 0

        mutating func take(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { crc.update($0) }
            count += UInt64(bytes.count)
        }
    }
}

extension ZipWriter.Failure: LocalizedError {
    var errorDescription: String? { description }
}

/// Bytes appended in order and handed on a chunk at a time, so that a large part is never held
/// whole: the output of the XML writers.
struct ByteStream {
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let consume: (inout [UInt8]) -> Void

    /// A stream handing chunks of about `chunkSize` bytes to `consume`.
    init(chunkSize: Int = 1 << 16, consume: @escaping (inout [UInt8]) -> Void) {
        self.chunkSize = chunkSize
        self.consume = consume
        buffer.reserveCapacity(chunkSize)
    }

    /// Appends the UTF-8 bytes of `text`.
    mutating func append(_ text: String) {
        buffer += text.utf8
        if buffer.count >= chunkSize { flush() }
    }

    /// Appends `bytes` as they are.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { flush() }
    }

    /// Appends one byte.
    mutating func append(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= chunkSize { flush() }
    }

    /// Hands over whatever is buffered.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        consume(&buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Everything `produce` writes, collected in memory (small parts and tests).
    static func collect(_ produce: (inout ByteStream) -> Void) -> [UInt8] {
        var bytes: [UInt8] = []
        var stream = ByteStream { bytes += $0 }
        produce(&stream)
        stream.flush()
        return bytes
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` little-endian, as every ZIP field is.
    fileprivate mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append32(_ value: UInt32) {
        append16(UInt16(value & 0xFFFF))
        append16(UInt16(value >> 16))
    }
}
