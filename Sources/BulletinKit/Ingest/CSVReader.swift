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

    /// An error at `line`:`column`.
    public init(line: Int, column: Int, byteOffset: Int? = nil, reason: String) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.reason = reason
    }

    /// `line:column: reason`.
    public var description: String { "\(line):\(column): \(reason)" }
}

/// One record, reused between reads to avoid allocation. Field bytes are UTF-8 (GB18030 input
/// is transcoded), quotes removed and doubled quotes unescaped.
///
/// Copies are independent: reading into a record whose storage is shared with a copy gives it
/// fresh storage first.
public struct CSVRecord {
    var storage: RecordStorage

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

    /// Calls `body` with the UTF-8 bytes of the field at `index` (empty when `index` is not below
    /// `count`). The bytes are valid only inside `body`.
    public func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index >= 0, index < storage.fieldCount else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
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
    /// `max(chunkSize, detectionBytes)` bytes.
    init(path: String, encoding: TextEncoding?, chunkSize: Int, detectionBytes: Int = 1 << 20) throws(CSVError) {
        do {
            let input = try CSVInput(path: path, encoding: encoding, chunkSize: chunkSize, detectionBytes: detectionBytes)
            self.init(input: input)
        } catch {
            throw CSVError(line: 0, column: 0, byteOffset: error.byteOffset, reason: error.reason)
        }
    }

    /// An in-memory reader with a chosen chunk size.
    init(data: Data, encoding: TextEncoding?, chunkSize: Int) throws(CSVError) {
        do {
            self.init(input: try CSVInput(data: data, encoding: encoding, chunkSize: chunkSize))
        } catch {
            throw CSVError(line: 0, column: 0, byteOffset: error.byteOffset, reason: error.reason)
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

    /// Reads the next record into `record`; false at end of input.
    public mutating func readRecord(into record: inout CSVRecord) throws(CSVError) -> Bool {
        if !isKnownUniquelyReferenced(&record.storage) { record.storage = RecordStorage() }
        let storage = record.storage
        storage.removeAll()
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
            if pos == limit, try !refill(keeping: storage) {
                storage.addField(start: pos &+ spanDelta, end: pos &+ spanDelta)  // after a final comma
                break
            }
            if text[pos] == Byte.quote {
                try readQuotedField(into: storage)
            } else {
                let start = pos &+ spanDelta
                while true {
                    pos = Self.firstIndex(of: Byte.comma, Byte.lineFeed, Byte.carriageReturn, in: text, from: pos, to: limit)
                    if pos < limit { break }
                    if try !refill(keeping: storage) { break }
                }
                storage.addField(start: start, end: pos &+ spanDelta)
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
            if byte == Byte.carriageReturn { try skipLineFeed(keeping: nil) }
            startNewLine()
            storage.finishRecord()
            return true
        }
        storage.append(text + spanStart, count: pos &- spanStart)
        spanStart = pos
        storage.finishRecord()
        return true
    }
}

private extension CSVReader {
    enum Byte {
        static let lineFeed: UInt8 = 0x0A
        static let carriageReturn: UInt8 = 0x0D
        static let quote: UInt8 = 0x22
        static let comma: UInt8 = 0x2C
    }

    /// Reads a quoted field starting at the opening quote at `pos`, leaving `pos` on the byte
    /// after the closing quote (a separator or line end) or at the end of the input.
    mutating func readQuotedField(into storage: RecordStorage) throws(CSVError) {
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
            pos = Self.firstIndex(of: Byte.quote, Byte.lineFeed, Byte.carriageReturn, in: text, from: pos, to: limit)
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
                throw CSVError(
                    line: line, column: column(at: pos),
                    byteOffset: input.encoding == .utf8 ? input.textFileOffset + pos : nil,
                    reason: "unexpected text after the closing quote of a quoted field; a quoted field must be "
                        + "followed by a comma or the end of the line (write a quote inside it as two quotes \"\")")
            }
            storage.addField(start: start, end: end, hasDoubledQuotes: hasDoubledQuotes)
            return
        }
    }

    /// After a carriage return: skips a line feed that follows it (CRLF is one line break).
    mutating func skipLineFeed(keeping storage: RecordStorage?) throws(CSVError) {
        if pos == limit {
            let hasMore = if let storage { try refill(keeping: storage) } else { try refill() }
            guard hasMore else { return }
        }
        if input.text[pos] == Byte.lineFeed { pos &+= 1 }
    }

    mutating func startNewLine() {
        line &+= 1
        lineStart = pos
        columnCarry = 0
    }

    /// The 1-based column of the text index `index` on the current line.
    func column(at index: Int) -> Int {
        columnCarry + Self.characterCount(input.text, from: lineStart, to: index) + 1
    }

    static func characterCount(_ text: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard end > start else { return 0 }
        return String(decoding: UnsafeBufferPointer(start: text + start, count: end - start), as: UTF8.self).count
    }

    /// Copies the current record's stretch of text into `storage`, then reads more input.
    mutating func refill(keeping storage: RecordStorage) throws(CSVError) -> Bool {
        storage.append(input.text + spanStart, count: pos &- spanStart)
        let hasMore = try refill()
        spanStart = pos
        spanDelta = storage.byteCount &- pos
        return hasMore
    }

    /// Discards the scanned text (all of it: `pos == limit`) and reads more; false at the end of
    /// the input. An encoding error is reported here, once scanning reaches it.
    mutating func refill() throws(CSVError) -> Bool {
        columnCarry += Self.characterCount(input.text, from: lineStart, to: pos)
        lineStart = pos
        do {
            let hasMore = try input.refill()
            pos = 0
            lineStart = 0
            limit = input.limit
            return hasMore
        } catch {
            throw CSVError(line: line, column: columnCarry + 1, byteOffset: error.byteOffset, reason: error.reason)
        }
    }

    /// The index of the first of the bytes `a`, `b`, `c` in `text[start..<end]`, or `end`.
    /// Eight bytes at a time: a byte equal to `a` is a zero byte of `word ^ aaaaaaaa`, and the
    /// lowest zero byte is exactly the lowest bit set in `(x − 0x01…) & ~x & 0x80…`.
    @inline(__always)
    static func firstIndex(
        of a: UInt8, _ b: UInt8, _ c: UInt8, in text: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int
    ) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let (maskA, maskB, maskC) = (ones &* UInt64(a), ones &* UInt64(b), ones &* UInt64(c))
        var index = start
        while index &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(text + index).loadUnaligned(as: UInt64.self))
            let xa = word ^ maskA
            let xb = word ^ maskB
            let xc = word ^ maskC
            let found = ((xa &- ones) & ~xa | (xb &- ones) & ~xb | (xc &- ones) & ~xc) & highs
            if found != 0 { return index &+ found.trailingZeroBitCount &>> 3 }
            index &+= 8
        }
        while index < end {
            let byte = text[index]
            if byte == a || byte == b || byte == c { return index }
            index &+= 1
        }
        return end
    }
}

/// The bytes and field bounds of one record, in memory that is reused from record to record.
final class RecordStorage {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private(set) var byteCount = 0
    /// Start and end offset in `bytes` of each field.
    private(set) var bounds: UnsafeMutablePointer<Int>
    private var fieldCapacity: Int
    private(set) var fieldCount = 0
    /// Fields that held doubled quotes, still to be unescaped.
    private var fieldsWithDoubledQuotes: [Int] = []

    init() {
        byteCapacity = 256
        bytes = .allocate(capacity: byteCapacity)
        fieldCapacity = 16
        bounds = .allocate(capacity: 2 * fieldCapacity)
    }

    deinit {
        bytes.deallocate()
        bounds.deallocate()
    }

    func removeAll() {
        byteCount = 0
        fieldCount = 0
        fieldsWithDoubledQuotes.removeAll(keepingCapacity: true)
    }

    func append(_ source: UnsafePointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        if byteCount &+ count > byteCapacity {
            let capacity = max(byteCapacity * 2, byteCount + count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: bytes, count: byteCount)
            bytes.deallocate()
            bytes = grown
            byteCapacity = capacity
        }
        (bytes + byteCount).update(from: source, count: count)
        byteCount &+= count
    }

    @inline(__always)
    func addField(start: Int, end: Int, hasDoubledQuotes: Bool = false) {
        if fieldCount == fieldCapacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: 4 * fieldCapacity)
            grown.update(from: bounds, count: 2 * fieldCount)
            bounds.deallocate()
            bounds = grown
            fieldCapacity *= 2
        }
        if hasDoubledQuotes { fieldsWithDoubledQuotes.append(fieldCount) }
        bounds[2 &* fieldCount] = start
        bounds[2 &* fieldCount &+ 1] = end
        fieldCount &+= 1
    }

    /// Unescapes doubled quotes, in place: between the quotes of a quoted field every quote is
    /// the first of a pair.
    func finishRecord() {
        for field in fieldsWithDoubledQuotes {
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
