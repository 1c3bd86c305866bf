import Foundation

/// A malformed record or undecodable file: 1-based physical line and column (column counted in
/// characters of that line), byte offset in the file when useful, and what was wrong and what
/// would be right. A file that cannot be opened or read has line 0.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based physical line, counting every CR, LF or CRLF (also inside quoted fields), as
    /// a text editor shows it; 0 when the file itself could not be read.
    public var line: Int
    /// The 1-based column, in characters of that line.
    public var column: Int
    /// The 0-based byte offset in the file, when known (always for encoding errors).
    public var byteOffset: Int?
    /// What was wrong and what would be right.
    public var reason: String
    /// Whether the bytes could not be decoded (the reason then names the byte offset itself),
    /// rather than the text breaking a rule of CSV.
    public var isEncodingError: Bool
    /// Whether only this record was skipped (it passed a cap) and the reader can go on.
    public var isRecordSkipped = false

    /// An error at `line`:`column`.
    public init(line: Int, column: Int, byteOffset: Int? = nil, reason: String, isEncodingError: Bool = false)
    {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.reason = reason
        self.isEncodingError = isEncodingError
    }

    /// `line:column: reason`.
    public var description: String { "\(line):\(column): \(reason)" }

    /// A file that could not be opened or read (line 0), or whose first bytes show it is not
    /// text (a byte offset, always 0: line 1, column 1).
    init(opening failure: InputFailure) {
        let position = failure.byteOffset == nil ? 0 : 1
        self.init(
            line: position, column: position, byteOffset: failure.byteOffset, reason: failure.reason,
            isEncodingError: failure.byteOffset != nil)
    }
}

/// One record, reused between reads to avoid allocation. Field bytes are UTF-8 (GB18030 input
/// is transcoded), quotes removed and doubled quotes unescaped.
///
/// Copies are independent: reading into a record whose storage is shared with a copy gives it
/// fresh storage first.
public struct CSVRecord {
    @usableFromInline var storage: RecordStorage

    /// An empty record to read into.
    public init() {
        storage = RecordStorage()
        line = 0
    }

    /// The physical line where the record starts (1-based).
    public internal(set) var line: Int

    /// The number of fields.
    public var count: Int { storage.fieldCount }

    /// The field at `index` as a string; empty when `index` is not below `count`.
    public func string(at index: Int) -> String {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The field at `index` with surrounding white space removed, exactly as
    /// `trimmingCharacters(in: .whitespaces)` would — without Foundation, which is slow per field.
    public func trimmedString(at index: Int) -> String {
        withBytes(at: index) { bytes in
            var start = 0
            var end = bytes.count
            while start < end, let length = Self.whitespaceLength(bytes, startingAt: start) { start += length }
            while end > start, let length = Self.whitespaceLength(bytes, endingAt: end) { end -= length }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// The UTF-8 length of the white space (`isWhitespace`) starting at `start`, if there is one.
    /// A record's bytes are valid UTF-8, so a lead byte and its continuation bytes are one scalar.
    static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, startingAt start: Int) -> Int? {
        switch bytes[start] {
        case 0x09, 0x20: return 1
        case 0xC2: return start + 1 < bytes.count && bytes[start + 1] == 0xA0 ? 2 : nil
        case 0xE1, 0xE2, 0xE3:
            guard start + 2 < bytes.count else { return nil }
            return isThreeByteWhitespace(bytes[start], bytes[start + 1], bytes[start + 2]) ? 3 : nil
        default: return nil
        }
    }

    /// The UTF-8 length of the white space ending just before `end`, if there is one.
    static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int? {
        switch bytes[end - 1] {
        case 0x09, 0x20: return 1
        case 0xA0 where end >= 2 && bytes[end - 2] == 0xC2: return 2
        case 0x80...0xBF where end >= 3 && isThreeByteWhitespace(bytes[end - 3], bytes[end - 2], bytes[end - 1]):
            return 3
        default: return nil
        }
    }

    /// U+1680 (E1 9A 80), U+2000…U+200B (E2 80 80…8B), U+202F (E2 80 AF), U+205F (E2 81 9F) and
    /// U+3000 (E3 80 80): the white space of `isWhitespace` that takes three bytes.
    private static func isThreeByteWhitespace(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        switch (first, second, third) {
        case (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8B), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80):
            true
        default: false
        }
    }

    /// Whether Foundation's `CharacterSet.whitespaces` holds `scalar`: the tab, the space, the
    /// no-break space, U+1680, U+2000…U+200B, U+202F, U+205F and the ideographic space U+3000.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Calls `body` with the UTF-8 bytes of the field at `index` (empty when `index` is not below
    /// `count`). The bytes are valid only inside `body`.
    @inlinable
    public func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index >= 0, index < storage.fieldCount else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let start = storage.bounds[2 &* index]
        let end = storage.bounds[2 &* index &+ 1]
        return try withExtendedLifetime(storage) {
            try body(UnsafeBufferPointer(start: storage.bytes + start, count: end &- start))
        }
    }

    /// Every field as a string.
    public var strings: [String] { (0..<count).map { string(at: $0) } }
}

/// Streams the records of a CSV file (SPEC §2.2, §11): reads large chunks, checks or transcodes
/// them to UTF-8, and scans the bytes without making strings. Memory stays flat in the size of
/// the file; a record is held whole, so a huge field costs its own size.
///
/// A reader is a cursor: keep one variable per file and do not read from copies of it.
public struct CSVReader {
    private let input: CSVInput
    /// Index in `input.text` of the next byte to scan; `limit` is how far the text may be read.
    private var pos: Int
    private var limit: Int
    /// Physical line of `pos` and where that line starts in the text; `columnCarry` counts the
    /// characters of the line that were already discarded with earlier chunks.
    private var line = 1
    private var lineStart: Int
    private var columnCarry = 0
    /// The stretch of text of the current record not yet copied into the record, and the
    /// difference between record-storage offsets and text indices inside it.
    private var spanStart = 0
    private var spanDelta = 0
    /// Which bytes of `text[blockStart..<blockStart + 64]` are special (see `specialBytes`); the
    /// block starts before the text when nothing is known yet.
    private var blockStart = Self.noBlock
    private var blockMask: UInt64 = 0

    /// The most fields a record may have. Past it the record is one error and is skipped
    /// without storing the rest, so that a line of millions of commas costs no memory. The
    /// default suits a header; once the header is read, set `fieldLimit(forHeaderCount:)`.
    public var maximumFields = Self.defaultMaximumFields
    /// The default `maximumFields`.
    public static let defaultMaximumFields = 16_384
    /// The most bytes (of UTF-8 text) a record may take, 1 MiB: also the cap of one field. No
    /// ledger row is near it; a file that passes it is damaged or not a CSV export.
    public static let maximumRecordBytes = 1 << 20
    /// The record byte cap in use (lowered by tests).
    var maximumBytes = Self.maximumRecordBytes

    /// The field cap for the rows under a header of `count` columns: the header's count plus a
    /// margin, so that a row with a few stray commas is still reported as one with the wrong
    /// number of fields.
    public static func fieldLimit(forHeaderCount count: Int) -> Int {
        min(max(count + 64, 2 * count), defaultMaximumFields)
    }

    /// Opens a file for streaming. `encoding` nil = detect: UTF-8 (BOM skipped) unless the bytes
    /// are not valid UTF-8, then GB18030. A file that cannot be opened throws CSVError with line 0.
    public init(path: String, encoding: TextEncoding? = nil) throws(CSVError) {
        try self.init(path: path, encoding: encoding, chunkSize: 1 << 20)
    }

    /// Reads from bytes in memory (used by CSV.parse and tests). When `encoding` is nil, all of
    /// `data` decides it.
    public init(data: Data, encoding: TextEncoding? = nil) throws(CSVError) {
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
    public var encoding: TextEncoding { input.encoding }

    /// Bytes read from the file so far, for progress display.
    public var bytesRead: Int { input.bytesRead }

    /// For a reader opened with `hashing` that has read its file to the end, the file's SHA-256
    /// as 64 lowercase hexadecimal digits; nil otherwise.
    func digest() -> String? { input.digest() }

    /// How far the records read so far reach into the (UTF-8) text, in bytes.
    var textPosition: Int { input.textFileOffset + pos }

    /// Reads the next record into `record`; false at end of input.
    public mutating func readRecord(into record: inout CSVRecord) throws(CSVError) -> Bool {
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
        let reason =
            overflow.isFieldCount
            ? "this record has more than \(maximumFields) fields, far more than the header names; "
                + "the record is skipped. Check the separators on this line, or that the file is the ledger's CSV export"
            : "this record is longer than \(Self.sizeDescription(maximumBytes)); the record is skipped. "
                + "No ledger row is that long: check that the file is the ledger's CSV export and that every quoted field is closed"
        // A record over many lines is nearly always an unclosed quote that swallowed them.
        let opening =
            line > record.line
            ? " The record began on line \(record.line); if a quoted field opened there is never closed, close it." : ""
        var error = CSVError(line: line, column: column, reason: reason + opening)
        error.isRecordSkipped = true
        return error
    }

    /// `1 MiB`, or a count of bytes.
    static func sizeDescription(_ count: Int) -> String {
        count % (1 << 20) == 0 ? "\(count >> 20) MiB" : "\(count) bytes"
    }
}

extension CSVReader {
    fileprivate enum Byte {
        static let lineFeed: UInt8 = 0x0A
        static let carriageReturn: UInt8 = 0x0D
        static let quote: UInt8 = 0x22
        static let comma: UInt8 = 0x2C
    }

    /// The common case, with the scanning state in local variables: adds the fields from `pos` on
    /// that are not quoted and that end, in the text read so far, in a comma or a line end. True
    /// when it stops after a field, on the line end; false when it stops at the start of a field
    /// it leaves to the general path.
    ///
    /// It visits every special byte in turn, so it takes them straight from the bits of the
    /// block: the lowest bit is the next one, and clearing it moves on.
    @inline(__always)
    fileprivate mutating func readPlainFields(into storage: RecordStorage) -> Bool {
        let text = input.text
        let limit = self.limit
        let delta = spanDelta
        var start = pos
        guard start < limit else { return false }
        var blockStart = self.blockStart
        var blockMask = self.blockMask
        var fields = storage.fieldWriter()
        defer {
            pos = start
            self.blockStart = blockStart
            self.blockMask = blockMask
            storage.finish(fields)
        }
        var remaining: UInt64
        let offset = start &- blockStart
        if UInt(bitPattern: offset) < 64 {
            remaining = blockMask & (UInt64.max &<< UInt64(offset))
        } else {
            blockStart = start
            blockMask = Self.specialBytes(text, from: start, to: limit)
            remaining = blockMask
        }
        while true {
            while remaining == 0 {
                let next = blockStart &+ 64
                guard next < limit else { return false }
                blockStart = next
                blockMask = Self.specialBytes(text, from: next, to: limit)
                remaining = blockMask
            }
            let end = blockStart &+ remaining.trailingZeroBitCount
            remaining &= remaining &- 1
            guard end < limit else { return false }  // the field goes on past the text read so far
            let byte = text[end]
            if byte == Byte.comma {
                fields.add(start: start &+ delta, end: end &+ delta)
                start = end &+ 1
            } else if byte == Byte.lineFeed || byte == Byte.carriageReturn {
                fields.add(start: start &+ delta, end: end &+ delta)
                start = end
                return true
            } else if end == start, byte == Byte.quote {
                // A quoted field. (`end == start` comes first so that the compiler keeps the byte
                // tests as branches rather than an indirect jump through a table.)
                return false
            }
            // Any other special byte is data; a quote inside an unquoted field too, as Excel reads it.
        }
    }

    /// Reads a quoted field starting at the opening quote at `pos`, leaving `pos` on the byte
    /// after the closing quote (a separator or line end) or at the end of the input.
    fileprivate mutating func readQuotedField(into storage: RecordStorage) throws(CSVError) {
        let text = input.text
        let openLine = line
        let openIndex = pos
        let openOffset = input.encoding == .utf8 ? input.textFileOffset + openIndex : nil
        // The opening quote's column, taken before a line break or a refill makes it unknowable.
        var openColumn: Int?
        pos &+= 1
        let start = pos &+ spanDelta
        var hasDoubledQuotes = false
        while true {
            pos = nextSpecialByte(from: pos)
            if pos == limit {
                if openColumn == nil { openColumn = column(at: openIndex) }
                guard try refill(keeping: storage) else {
                    throw CSVError(
                        line: openLine, column: openColumn ?? 1, byteOffset: openOffset,
                        reason: "the quoted field that starts here is never closed; end it with a quote, "
                            + "and write a quote inside it as two quotes (\"\")")
                }
                continue
            }
            let byte = text[pos]
            if byte != Byte.quote {
                guard byte == Byte.lineFeed || byte == Byte.carriageReturn else {
                    pos &+= 1  // a comma or another special byte: data inside quotes
                    continue
                }
                // A line break inside quotes is data, but still a physical line.
                if openColumn == nil { openColumn = column(at: openIndex) }
                pos &+= 1
                if byte == Byte.carriageReturn { try skipLineFeed(keeping: storage) }
                startNewLine()
                continue
            }
            let end = pos &+ spanDelta
            pos &+= 1
            if pos == limit {
                if openColumn == nil { openColumn = column(at: openIndex) }
                if try !refill(keeping: storage) {
                    storage.addField(start: start, end: end, hasDoubledQuotes: hasDoubledQuotes)
                    return
                }
            }
            if text[pos] == Byte.quote {
                hasDoubledQuotes = true
                pos &+= 1
                continue
            }
            let next = text[pos]
            guard next == Byte.comma || next == Byte.lineFeed || next == Byte.carriageReturn else {
                if line != openLine {
                    // The field ran over line ends: most likely its opening quote was stray or
                    // its closing one missing, so the place to fix is where it opened.
                    throw CSVError(
                        line: openLine, column: openColumn ?? 1, byteOffset: openOffset,
                        reason:
                            "the quoted field opened here runs on to line \(line), column \(column(at: pos)), where its closing quote is followed by other text; "
                            + "a quote is probably missing or stray here (write a quote inside a field as two quotes \"\")")
                }
                throw CSVError(
                    line: line, column: column(at: pos),
                    byteOffset: input.encoding == .utf8 ? input.textFileOffset + pos : nil,
                    reason:
                        "unexpected text after the closing quote of a quoted field; a quoted field must be "
                        + "followed by a comma or the end of the line (write a quote inside it as two quotes \"\")"
                )
            }
            storage.addField(start: start, end: end, hasDoubledQuotes: hasDoubledQuotes)
            return
        }
    }

    /// After a carriage return: skips a line feed that follows it (CRLF is one line break).
    fileprivate mutating func skipLineFeed(keeping storage: RecordStorage?) throws(CSVError) {
        if pos == limit {
            let hasMore: Bool
            do {
                hasMore = if let storage { try refill(keeping: storage) } else { try refill() }
            } catch {
                // The CR ended its line, and an encoding error is only thrown once scanning
                // reaches the bad byte: it is the first character of the next line.
                throw CSVError(
                    line: error.line + 1, column: 1, byteOffset: error.byteOffset, reason: error.reason,
                    isEncodingError: error.isEncodingError)
            }
            guard hasMore else { return }
        }
        if input.text[pos] == Byte.lineFeed { pos &+= 1 }
    }

    fileprivate mutating func startNewLine() {
        line &+= 1
        lineStart = pos
        columnCarry = 0
    }

    /// The 1-based column of the text index `index` on the current line.
    fileprivate func column(at index: Int) -> Int {
        columnCarry + Self.characterCount(input.text, from: lineStart, to: index) + 1
    }

    fileprivate static func characterCount(_ text: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int)
        -> Int
    {
        guard end > start else { return 0 }
        return String(decoding: UnsafeBufferPointer(start: text + start, count: end - start), as: UTF8.self)
            .count
    }

    /// Copies the current record's stretch of text into `storage`, then reads more input.
    fileprivate mutating func refill(keeping storage: RecordStorage) throws(CSVError) -> Bool {
        storage.append(input.text + spanStart, count: pos &- spanStart)
        let hasMore = try refill()
        spanStart = pos
        spanDelta = storage.byteCount &- pos
        return hasMore
    }

    /// Discards the scanned text (all of it: `pos == limit`) and reads more; false at the end of
    /// the input. An encoding error is reported here, once scanning reaches it.
    fileprivate mutating func refill() throws(CSVError) -> Bool {
        columnCarry += Self.characterCount(input.text, from: lineStart, to: pos)
        lineStart = pos
        blockStart = Self.noBlock
        do {
            let hasMore = try input.refill()
            pos = 0
            lineStart = 0
            limit = input.limit
            return hasMore
        } catch {
            throw CSVError(
                line: line, column: columnCarry + 1, byteOffset: error.byteOffset, reason: error.reason,
                isEncodingError: error.byteOffset != nil)
        }
    }

    /// A `blockStart` no text index falls in, so that the next search computes a block.
    fileprivate static let noBlock = -128

    /// The index of the first special byte (see `specialBytes`) in `text[index..<limit]`, or
    /// `limit`. Fields are short, so instead of searching from each field's start the reader
    /// classifies 64 bytes at once and keeps the bits: most searches are then a shift and a
    /// trailing-zero count.
    @inline(__always)
    fileprivate mutating func nextSpecialByte(from index: Int) -> Int {
        Self.nextSpecialByte(
            from: index, in: input.text, limit: limit, blockStart: &blockStart, blockMask: &blockMask)
    }

    @inline(__always)
    fileprivate static func nextSpecialByte(
        from index: Int, in text: UnsafeMutablePointer<UInt8>, limit: Int, blockStart: inout Int,
        blockMask: inout UInt64
    ) -> Int {
        var start = index
        let offset = index &- blockStart
        if UInt(bitPattern: offset) < 64 {
            let bits = blockMask & (UInt64.max &<< UInt64(offset))
            if bits != 0 { return blockStart &+ bits.trailingZeroBitCount }
            start = blockStart &+ 64
        }
        while start < limit {
            blockStart = start
            blockMask = specialBytes(text, from: start, to: limit)
            if blockMask != 0 { return start &+ blockMask.trailingZeroBitCount }
            start &+= 64
        }
        return limit
    }

    /// Bit `i` is set when `text[start + i]` is below 0x2D ("-"): every byte that ends or quotes a
    /// field (`,` `"` CR LF) is, and so are only a few others (space, controls, `!` to `+`),
    /// which the caller passes over. Bits from `end - start` on are set too, so that the end of
    /// the text is found like a special byte.
    ///
    /// Eight bytes at a time: `(byte | 0x80) − 0x2D` keeps its high bit exactly when
    /// `byte & 0x7F ≥ 0x2D`, with no borrow between bytes; multiplying the eight high bits by
    /// 0x02040810204081 gathers them into the top byte (bit 8k + 7 moves to bit 56 + k).
    fileprivate static func specialBytes(_ text: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int)
        -> UInt64
    {
        @inline(__always) func bits(at index: Int) -> UInt64 {
            let word = UInt64(littleEndian: UnsafeRawPointer(text + index).loadUnaligned(as: UInt64.self))
            let highs: UInt64 = 0x8080_8080_8080_8080
            let below = ~((word | highs) &- 0x2D2D_2D2D_2D2D_2D2D | word) & highs
            return (below &* 0x0002_0408_1020_4081) &>> 56
        }
        if start &+ 64 <= end {
            return bits(at: start) | bits(at: start &+ 8) &<< 8 | bits(at: start &+ 16) &<< 16
                | bits(at: start &+ 24) &<< 24 | bits(at: start &+ 32) &<< 32 | bits(at: start &+ 40) &<< 40
                | bits(at: start &+ 48) &<< 48 | bits(at: start &+ 56) &<< 56
        }
        var mask = UInt64.max &<< UInt64(end &- start)
        var offset = 0
        while start &+ offset &+ 8 <= end {
            mask |= bits(at: start &+ offset) &<< UInt64(offset)
            offset &+= 8
        }
        while start &+ offset < end {
            if text[start &+ offset] < 0x2D { mask |= 1 &<< UInt64(offset) }
            offset &+= 1
        }
        return mask
    }
}

/// The bytes and field bounds of one record, in memory that is reused from record to record.
///
/// A class, so that `CSVRecord` can tell when a copy shares it. Its state lives behind a
/// pointer rather than in stored properties: every access to a class's `var` pays a dynamic
/// exclusivity check, and the per-field loops would pay it hundreds of millions of times.
@usableFromInline
final class RecordStorage {
    @usableFromInline
    struct State {
        @usableFromInline var bytes: UnsafeMutablePointer<UInt8>
        var byteCapacity: Int
        var byteCount = 0
        /// Start and end offset in `bytes` of each field.
        @usableFromInline var bounds: UnsafeMutablePointer<Int>
        var fieldCapacity: Int
        @usableFromInline var fieldCount = 0
        /// Fields that held doubled quotes, still to be unescaped.
        var fieldsWithDoubledQuotes: [Int] = []
        /// The caps of a record (see `CSVReader.maximumFields`), and `min(fieldCapacity,
        /// maximumFields)`: the count at which adding a field takes the slow path.
        var maximumFields = CSVReader.defaultMaximumFields
        var maximumBytes = CSVReader.maximumRecordBytes
        var fieldLimit = 16
        /// Where the record passed a cap, as an offset in `bytes`; nothing more is stored after it.
        var overflow: RecordOverflow?
    }

    @usableFromInline let state: UnsafeMutablePointer<State>

    init() {
        state = .allocate(capacity: 1)
        state.initialize(
            to: State(
                bytes: .allocate(capacity: 256), byteCapacity: 256, bounds: .allocate(capacity: 2 * 16),
                fieldCapacity: 16))
    }

    deinit {
        state.pointee.bytes.deallocate()
        state.pointee.bounds.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    @inlinable var bytes: UnsafeMutablePointer<UInt8> { state.pointee.bytes }
    @inlinable var bounds: UnsafeMutablePointer<Int> { state.pointee.bounds }
    @inlinable var fieldCount: Int { state.pointee.fieldCount }
    var byteCount: Int { state.pointee.byteCount }

    @inline(__always)
    func removeAll() {
        state.pointee.byteCount = 0
        state.pointee.fieldCount = 0
        state.pointee.overflow = nil
        if !state.pointee.fieldsWithDoubledQuotes.isEmpty {
            state.pointee.fieldsWithDoubledQuotes.removeAll(keepingCapacity: true)
        }
    }

    @inline(__always)
    func append(_ source: UnsafePointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        var count = count
        if state.pointee.byteCount &+ count > state.pointee.byteCapacity {
            // The capacity never exceeds `maximumBytes`, so the cap is only checked here.
            count = makeRoom(for: count)
        }
        (state.pointee.bytes + state.pointee.byteCount).update(from: source, count: count)
        state.pointee.byteCount &+= count
    }

    /// Adds fields with the count and bounds in local variables; `finish(_:)` stores them back.
    struct FieldWriter {
        let storage: RecordStorage
        var bounds: UnsafeMutablePointer<Int>
        var count: Int
        var capacity: Int

        @inline(__always)
        mutating func add(start: Int, end: Int) {
            if count == capacity {
                storage.state.pointee.fieldCount = count
                guard storage.growBounds(addingFieldAt: start) else { return }
                bounds = storage.state.pointee.bounds
                capacity = storage.state.pointee.fieldLimit
            }
            bounds[2 &* count] = start
            bounds[2 &* count &+ 1] = end
            count &+= 1
        }
    }

    @inline(__always)
    func fieldWriter() -> FieldWriter {
        FieldWriter(
            storage: self, bounds: state.pointee.bounds, count: state.pointee.fieldCount,
            capacity: state.pointee.fieldLimit)
    }

    @inline(__always)
    func finish(_ writer: FieldWriter) { state.pointee.fieldCount = writer.count }

    @inline(__always)
    func addField(start: Int, end: Int) {
        let count = state.pointee.fieldCount
        if count == state.pointee.fieldLimit {
            guard growBounds(addingFieldAt: start) else { return }
        }
        let bounds = state.pointee.bounds
        bounds[2 &* count] = start
        bounds[2 &* count &+ 1] = end
        state.pointee.fieldCount = count &+ 1
    }

    func addField(start: Int, end: Int, hasDoubledQuotes: Bool) {
        addField(start: start, end: end)
        // Not for a field past a cap, which is not stored (nor its quotes unescaped).
        if hasDoubledQuotes, state.pointee.overflow == nil {
            state.pointee.fieldsWithDoubledQuotes.append(state.pointee.fieldCount &- 1)
        }
    }

    /// Unescapes doubled quotes, in place: between the quotes of a quoted field every quote is
    /// the first of a pair.
    @inline(__always)
    func finishRecord() {
        if !state.pointee.fieldsWithDoubledQuotes.isEmpty, state.pointee.overflow == nil {
            unescapeDoubledQuotes()
        }
    }
}

/// Where a record passed a cap of `CSVReader`: too many fields, or too many bytes.
struct RecordOverflow {
    var isFieldCount: Bool
    /// The offset in the record's bytes where the cap was passed.
    var offset: Int
}

extension RecordStorage {
    /// Sets the caps for the next record. Memory kept from an earlier record with a larger cap
    /// is let go, so that the capacities never exceed the caps (the slow paths check them).
    func limit(fields: Int, bytes: Int) {
        state.pointee.maximumFields = max(fields, 1)
        state.pointee.maximumBytes = max(bytes, 1)
        if state.pointee.byteCapacity > state.pointee.maximumBytes {
            state.pointee.bytes.deallocate()
            state.pointee.byteCapacity = min(256, state.pointee.maximumBytes)
            state.pointee.bytes = .allocate(capacity: state.pointee.byteCapacity)
        }
        state.pointee.fieldLimit = min(state.pointee.fieldCapacity, state.pointee.maximumFields)
    }

    /// Where the record passed a cap, if it did.
    var overflow: RecordOverflow? { state.pointee.overflow }

    /// Grows the byte buffer to hold `count` more bytes and returns how many of them to store:
    /// past `maximumBytes`, only what fits, and the overflow is noted (nothing more is stored).
    fileprivate func makeRoom(for count: Int) -> Int {
        let byteCount = state.pointee.byteCount
        let maximum = state.pointee.maximumBytes
        guard state.pointee.overflow == nil || state.pointee.overflow?.isFieldCount == true else { return 0 }
        let needed = byteCount + count
        let capacity = min(max(state.pointee.byteCapacity * 2, needed), maximum)
        if capacity > state.pointee.byteCapacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: state.pointee.bytes, count: byteCount)
            state.pointee.bytes.deallocate()
            state.pointee.bytes = grown
            state.pointee.byteCapacity = capacity
        }
        guard needed > maximum else { return count }
        if state.pointee.overflow == nil {
            state.pointee.overflow = RecordOverflow(isFieldCount: false, offset: maximum)
        }
        return max(0, maximum - byteCount)
    }

    /// Doubles the room for field bounds, up to `maximumFields`; at the cap, notes the overflow
    /// at the field starting at `start` and returns false (the field is not stored).
    fileprivate func growBounds(addingFieldAt start: Int) -> Bool {
        let fieldCount = state.pointee.fieldCount
        guard fieldCount < state.pointee.maximumFields else {
            if state.pointee.overflow == nil {
                state.pointee.overflow = RecordOverflow(isFieldCount: true, offset: start)
            }
            return false
        }
        if fieldCount == state.pointee.fieldCapacity {
            let capacity = min(2 * state.pointee.fieldCapacity, state.pointee.maximumFields)
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: 2 * capacity)
            grown.update(from: state.pointee.bounds, count: 2 * fieldCount)
            state.pointee.bounds.deallocate()
            state.pointee.bounds = grown
            state.pointee.fieldCapacity = capacity
        }
        state.pointee.fieldLimit = min(state.pointee.fieldCapacity, state.pointee.maximumFields)
        return true
    }

    fileprivate func unescapeDoubledQuotes() {
        let bytes = state.pointee.bytes
        let bounds = state.pointee.bounds
        for field in state.pointee.fieldsWithDoubledQuotes {
            var read = bounds[2 * field]
            var write = read
            let end = bounds[2 * field + 1]
            while read < end {
                bytes[write] = bytes[read]
                read += bytes[read] == 0x22 ? 2 : 1
                write += 1
            }
            bounds[2 * field + 1] = write
        }
    }
}
