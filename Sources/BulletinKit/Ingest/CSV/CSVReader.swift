import Foundation

/// Streams the records of a CSV file (SPEC §2.2, §11): reads large chunks, checks or transcodes
/// them to UTF-8, and scans the bytes without making strings. Memory stays flat in the size of
/// the file; a record is held whole, so a huge field costs its own size.
///
/// A reader is a cursor: keep one variable per file and do not read from copies of it.
package struct CSVReader {
    // The cursor's state is internal, not private, for the scanning steps in
    // CSVReader+Scanning.swift; nothing outside the reader touches it.
    let input: CSVInput
    /// Index in `input.text` of the next byte to scan; `limit` is how far the text may be read.
    var pos: Int
    var limit: Int
    /// Physical line of `pos` and where that line starts in the text; `columnCarry` counts the
    /// characters of the line that were already discarded with earlier chunks.
    var line = 1
    var lineStart: Int
    var columnCarry = 0
    /// The stretch of text of the current record not yet copied into the record, and the
    /// difference between record-storage offsets and text indices inside it.
    var spanStart = 0
    var spanDelta = 0
    /// Which bytes of `text[blockStart..<blockStart + 64]` are special (see `specialBytes`); the
    /// block starts before the text when nothing is known yet.
    var blockStart = Self.noBlock
    var blockMask: UInt64 = 0

    /// The most fields a record may have. Past it the record is one error and is skipped
    /// without storing the rest, so that a line of millions of commas costs no memory. The
    /// default suits a header; once the header is read, set `fieldLimit(forHeaderCount:)`.
    var maximumFields = Self.defaultMaximumFields
    /// The default `maximumFields`.
    static let defaultMaximumFields = 16_384
    /// The most bytes (of UTF-8 text) a record may take, 1 MiB: also the cap of one field. No
    /// ledger row is near it; a file that passes it is damaged or not a CSV export.
    static let maximumRecordBytes = 1 << 20
    /// The record byte cap in use (lowered by tests).
    var maximumBytes = Self.maximumRecordBytes

    /// The field cap for the rows under a header of `count` columns: the header's count plus a
    /// margin, so that a row with a few stray commas is still reported as one with the wrong
    /// number of fields.
    static func fieldLimit(forHeaderCount count: Int) -> Int {
        min(max(count + 64, 2 * count), defaultMaximumFields)
    }

    /// Opens a file for streaming. `encoding` nil = detect: UTF-8 (BOM skipped) unless the bytes
    /// are not valid UTF-8, then GB18030. A file that cannot be opened throws CSVError with line 0.
    package init(path: String, encoding: TextEncoding? = nil) throws(CSVError) {
        try self.init(path: path, encoding: encoding, chunkSize: 1 << 20)
    }

    /// Reads from bytes in memory (used by CSV.parse and tests). When `encoding` is nil, all of
    /// `data` decides it.
    init(data: Data, encoding: TextEncoding? = nil) throws(CSVError) {
        try self.init(data: data, encoding: encoding, chunkSize: 1 << 20)
    }

    /// A file reader with a chosen chunk size; detection looks at the first
    /// `max(chunkSize, detectionBytes)` bytes. With `hashing`, the bytes are hashed as they are
    /// read (see `digest`).
    init(
        path: String, encoding: TextEncoding?, chunkSize: Int, detectionBytes: Int = 1 << 20,
        hashing: Bool = false
    ) throws(CSVError) {
        do {
            let input = try CSVInput(
                path: path, encoding: encoding, chunkSize: chunkSize, detectionBytes: detectionBytes,
                hashing: hashing)
            self.init(input: input)
        } catch {
            throw CSVError(opening: error)
        }
    }

    /// An in-memory reader with a chosen chunk size.
    init(data: Data, encoding: TextEncoding?, chunkSize: Int) throws(CSVError) {
        do {
            self.init(input: try CSVInput(data: data, encoding: encoding, chunkSize: chunkSize))
        } catch {
            throw CSVError(opening: error)
        }
    }

    private init(input: CSVInput) {
        self.input = input
        pos = input.startIndex
        limit = input.limit
        lineStart = pos
    }

    /// The encoding in use (detected or forced).
    package var encoding: TextEncoding { input.encoding }

    /// Bytes read from the file so far, for progress display.
    var bytesRead: Int { input.bytesRead }

    /// For a reader opened with `hashing` that has read its file to the end, the file's SHA-256
    /// as 64 lowercase hexadecimal digits; nil otherwise.
    func digest() -> String? { input.digest() }

    /// How far the records read so far reach into the (UTF-8) text, in bytes.
    var textPosition: Int { input.textFileOffset + pos }

    /// Reads the next record into `record`; false at end of input.
    package mutating func readRecord(into record: inout CSVRecord) throws(CSVError) -> Bool {
        if !isKnownUniquelyReferenced(&record.storage) { record.storage = RecordStorage() }
        let storage = record.storage
        storage.removeAll()
        storage.limit(fields: maximumFields, bytes: maximumBytes)
        let text = input.text

        // A line with no characters is not a record; neither is what follows a final line break.
        while true {
            if pos == limit, try !refill() { return false }
            let byte = text[pos]
            guard byte == Byte.lineFeed || byte == Byte.carriageReturn else { break }
            pos &+= 1
            if byte == Byte.carriageReturn { try skipLineFeed(keeping: nil) }
            startNewLine()
        }

        record.line = line
        spanStart = pos
        spanDelta = -pos
        while true {
            // At the start of a field.
            if !readPlainFields(into: storage) {
                // One that is quoted, or that the text read so far does not hold to its end.
                if pos == limit, try !refill(keeping: storage) {
                    storage.addField(start: pos &+ spanDelta, end: pos &+ spanDelta)  // after a final comma
                    break
                }
                if text[pos] == Byte.quote {
                    try readQuotedField(into: storage)
                } else {
                    let start = pos &+ spanDelta
                    while true {
                        pos = nextSpecialByte(from: pos)
                        if pos == limit {
                            if try !refill(keeping: storage) { break }
                            continue
                        }
                        let byte = text[pos]
                        if byte == Byte.comma || byte == Byte.lineFeed || byte == Byte.carriageReturn {
                            break
                        }
                        pos &+= 1  // a quote inside an unquoted field is data, as Excel reads it
                    }
                    storage.addField(start: start, end: pos &+ spanDelta)
                }
            }
            // After a field: a separator, a line end, or the end of the input.
            guard pos < limit else { break }
            let byte = text[pos]
            if byte == Byte.comma {
                pos &+= 1
                continue
            }
            storage.append(text + spanStart, count: pos &- spanStart)
            spanStart = pos
            pos &+= 1
            if byte == Byte.carriageReturn {
                if pos < limit {
                    if text[pos] == Byte.lineFeed { pos &+= 1 }
                } else {
                    try skipLineFeed(keeping: nil)
                }
            }
            startNewLine()
            if let overflow = storage.overflow { throw overflowError(overflow, record: record) }
            storage.finishRecord()
            return true
        }
        storage.append(text + spanStart, count: pos &- spanStart)
        spanStart = pos
        if let overflow = storage.overflow { throw overflowError(overflow, record: record) }
        storage.finishRecord()
        return true
    }

    /// The error for a record that passed a cap, read to its end without being stored: at the
    /// line and column where the cap was passed, worked out from the bytes that were kept (the
    /// record's text as it stands in the file, quotes and separators included).
    private func overflowError(_ overflow: RecordOverflow, record: CSVRecord) -> CSVError {
        let storage = record.storage
        let end = min(overflow.offset, storage.byteCount)
        var line = record.line
        var lineStart = 0
        var index = 0
        while index < end {
            let byte = storage.bytes[index]
            index += 1
            if byte == Byte.carriageReturn, index < end, storage.bytes[index] == Byte.lineFeed { index += 1 }
            if byte == Byte.lineFeed || byte == Byte.carriageReturn {
                line += 1
                lineStart = index
            }
        }
        let column = Self.characterCount(storage.bytes, from: lineStart, to: end) + 1
        // A record over many lines is nearly always an unclosed quote that swallowed them.
        let opening: Diagnostic.Value =
            line > record.line ? .message(.init(.recordBeganOn, ["line": .number(record.line)])) : ""
        let message =
            overflow.isFieldCount
            ? Diagnostic.Message(.tooManyFields, ["maximum": .number(maximumFields), "opening": opening])
            : Diagnostic.Message(
                .recordTooLong, ["size": .text(Self.sizeDescription(maximumBytes)), "opening": opening])
        var error = CSVError(line: line, column: column, message: message)
        error.isRecordSkipped = true
        return error
    }

    /// `1 MiB`, or a count of bytes.
    static func sizeDescription(_ count: Int) -> String {
        count % (1 << 20) == 0 ? "\(count >> 20) MiB" : "\(count) bytes"
    }
}
