import Foundation

/// Why input could not be read or decoded, with the byte offset when it is about the bytes.
struct InputFailure: Error {
    var byteOffset: Int?
    var message: Diagnostic.Message

    init(byteOffset: Int? = nil, message: Diagnostic.Message) {
        self.byteOffset = byteOffset
        self.message = message
    }

    /// A failure the system explains (`strerror`): its words as they are.
    init(byteOffset: Int? = nil, systemReason: String, _ key: Diagnostic.Message.Key) {
        self.init(byteOffset: byteOffset, message: .init(key, ["reason": .text(systemReason)]))
    }
}

/// The text of a file as UTF-8, a chunk at a time: reads raw chunks from a file descriptor (or
/// from memory), decides the encoding, and checks (UTF-8) or transcodes (GB18030) each chunk
/// into `text`. A character cut by a chunk's end waits for the next chunk.
final class CSVInput {
    private(set) var encoding: TextEncoding
    /// Where the text starts: 3 when a byte-order mark is skipped.
    private(set) var startIndex = 0
    private(set) var bytesRead = 0

    /// UTF-8 text; `text[0..<limit]` may be scanned. For UTF-8 input `text[limit..<textCount]`
    /// holds the start of a character cut off by the chunk's end.
    let text: UnsafeMutablePointer<UInt8>
    private(set) var limit = 0
    private var textCount = 0
    /// For UTF-8 input, the file offset of `text[0]`.
    private(set) var textFileOffset = 0

    /// For GB18030 input, raw bytes not yet decoded, and the file offset of `raw[0]`.
    private let raw: UnsafeMutablePointer<UInt8>
    private let rawCapacity: Int
    private var rawCount = 0
    private var rawFileOffset = 0

    private let chunkSize: Int
    private let fileDescriptor: Int32
    private let data: Data?
    private var dataPosition = 0
    private var isAtEnd = false
    /// A decoding error at `limit`, reported when the scanner gets there.
    private var failure: InputFailure?
    /// Why the encoding is what it is, for error messages.
    private let encodingChoice: Diagnostic.Message
    /// The SHA-256 of the bytes read so far, when asked for: the manifest's digest of a ledger
    /// is then of exactly the bytes that were counted, and the file is not read a second time.
    private var hasher: SHA256?

    /// Opens `path`; detection looks at the first `max(chunkSize, detectionBytes)` bytes. With
    /// `hashing`, every byte read is also hashed (see `digest`).
    convenience init(
        path: String, encoding: TextEncoding?, chunkSize: Int, detectionBytes: Int, hashing: Bool = false
    ) throws(InputFailure) {
        let descriptor = try InputFile.open(path)
        // The first bytes, whatever the chunk size, decide whether the file is text at all.
        let head = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.examinedBytes)
        var headCount = 0
        while headCount < Self.examinedBytes {
            let count = pread(descriptor, head + headCount, Self.examinedBytes - headCount, off_t(headCount))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            headCount += count
        }
        let reason = Self.refusal(head, count: headCount)
        head.deallocate()
        if let reason {
            close(descriptor)
            throw InputFailure(byteOffset: 0, message: reason)
        }
        try self.init(
            fileDescriptor: descriptor, data: nil, encoding: encoding, chunkSize: chunkSize,
            window: encoding == nil ? max(chunkSize, detectionBytes) : chunkSize, hashing: hashing)
    }

    /// Reads `data`; when `encoding` is nil, all of `data` decides it.
    convenience init(data: Data, encoding: TextEncoding?, chunkSize: Int) throws(InputFailure) {
        let reason = data.prefix(Self.examinedBytes).withUnsafeBytes { buffer in
            Self.refusal(buffer.bindMemory(to: UInt8.self), count: buffer.count)
        }
        if let reason { throw InputFailure(byteOffset: 0, message: reason) }
        var wholeOutcome: DecodingOutcome?
        if encoding == nil {
            wholeOutcome = data.withUnsafeBytes { buffer in
                guard let base = buffer.bindMemory(to: UInt8.self).baseAddress else { return .complete }
                return UTF8Validation.check(base, from: 0, to: buffer.count)
            }
        }
        try self.init(
            fileDescriptor: -1, data: data, encoding: encoding, chunkSize: chunkSize, window: chunkSize,
            wholeOutcome: wholeOutcome)
    }

    /// Reads the first `window` bytes and decides the encoding from them, or from
    /// `wholeOutcome` (the UTF-8 check of the whole input) when given.
    private init(
        fileDescriptor: Int32, data: Data?, encoding: TextEncoding?, chunkSize: Int, window: Int,
        wholeOutcome: DecodingOutcome? = nil, hashing: Bool = false
    ) throws(InputFailure) {
        self.fileDescriptor = fileDescriptor
        self.data = data
        self.chunkSize = max(chunkSize, 1)
        // Room for the detection window (at least a byte-order mark) and a cut-off character.
        let rawCapacity = max(window, self.chunkSize, 4) + 4
        self.rawCapacity = rawCapacity
        let raw = UnsafeMutablePointer<UInt8>.allocate(capacity: rawCapacity)
        self.raw = raw
        var firstCount = 0
        var position = 0
        var isAtEnd = false
        do {
            while firstCount < rawCapacity - 4 {
                let count = try Self.read(
                    fileDescriptor, data, &position, into: raw + firstCount, count: rawCapacity - 4 - firstCount)
                if count == 0 {
                    isAtEnd = true
                    break
                }
                firstCount += count
            }
        } catch {
            raw.deallocate()
            if fileDescriptor >= 0 { close(fileDescriptor) }
            throw error
        }
        if hashing {
            var hasher = SHA256()
            hasher.update(UnsafeRawBufferPointer(start: raw, count: firstCount))
            self.hasher = hasher
        }
        let hasByteOrderMark = firstCount >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
        var chosen = encoding
        var utf8Outcome = DecodingOutcome.complete
        if chosen == nil {
            utf8Outcome = wholeOutcome ?? UTF8Validation.check(raw, from: 0, to: firstCount)
            switch utf8Outcome {
            case .complete: chosen = .utf8
            case .truncated: chosen = isAtEnd || wholeOutcome != nil ? .gb18030 : .utf8
            case .invalid: chosen = hasByteOrderMark ? .utf8 : .gb18030
            }
        }
        let resolved = chosen ?? .utf8
        switch (encoding, resolved, utf8Outcome) {
        case (.some, _, _): encodingChoice = .init(.encodingIsSet, ["encoding": .text(resolved.rawValue)])
        case (nil, .gb18030, .invalid(let offset)), (nil, .gb18030, .truncated(let offset)):
            encodingChoice = .init(.encodingNotUTF8At, ["offset": .number(offset)])
        case (nil, .gb18030, _): encodingChoice = .init(.encodingNotUTF8)
        case (nil, .utf8, .invalid):
            encodingChoice = .init(.encodingByteOrderMark)
        case (nil, .utf8, _):
            encodingChoice = .init(.encodingValidPrefix, ["size": .text(Self.sizeDescription(rawCapacity - 4))])
        }
        self.encoding = resolved
        self.text = resolved == .utf8 ? raw : .allocate(capacity: 3 * rawCapacity)
        self.dataPosition = position
        self.isAtEnd = isAtEnd
        bytesRead = firstCount
        if resolved == .utf8 {
            textCount = firstCount
            acceptUTF8()
        } else {
            rawCount = firstCount
            decodeGB18030()
        }
        if limit >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { startIndex = 3 }
    }

    /// The SHA-256 of the whole input as 64 lowercase hexadecimal digits, once it has been
    /// read to its end and if the input was opened with `hashing`; nil otherwise.
    func digest() -> String? {
        guard isAtEnd, var hasher else { return nil }
        return SHA256.hex(hasher.finalize())
    }

    deinit {
        if text != raw { text.deallocate() }
        raw.deallocate()
        if fileDescriptor >= 0 { close(fileDescriptor) }
    }

    /// Discards the text (which has been scanned up to `limit`) and makes the next chunk
    /// available; false at the end of the input. Throws the decoding error the scanner reached.
    func refill() throws(InputFailure) -> Bool {
        while true {
            if let failure { throw failure }
            if encoding == .utf8 {
                let tail = textCount - limit
                if tail > 0 { text.update(from: text + limit, count: tail) }
                textFileOffset += limit
                textCount = tail
                limit = 0
                guard !isAtEnd else { return false }
                let count = try readChunk(into: text + textCount, count: min(chunkSize, rawCapacity - textCount))
                textCount += count
                acceptUTF8()
            } else {
                textCount = 0
                limit = 0
                guard !isAtEnd else { return false }
                let count = try readChunk(into: raw + rawCount, count: min(chunkSize, rawCapacity - rawCount))
                rawCount += count
                decodeGB18030()
            }
            if limit > 0 { return true }
        }
    }
}

private extension CSVInput {
    /// Reads up to `count` bytes; 0 (and `isAtEnd`) at the end of the input.
    func readChunk(into target: UnsafeMutablePointer<UInt8>, count: Int) throws(InputFailure) -> Int {
        let read = try Self.read(fileDescriptor, data, &dataPosition, into: target, count: count)
        if read == 0 { isAtEnd = true }
        hasher?.update(UnsafeRawBufferPointer(start: target, count: read))
        bytesRead += read
        return read
    }

    static func read(
        _ fileDescriptor: Int32, _ data: Data?, _ dataPosition: inout Int, into target: UnsafeMutablePointer<UInt8>,
        count: Int
    ) throws(InputFailure) -> Int {
        if let data {
            let taken = min(count, data.count - dataPosition)
            guard taken > 0 else { return 0 }
            let start = dataPosition
            data.withUnsafeBytes { buffer in
                if let base = buffer.baseAddress {
                    target.update(from: base.assumingMemoryBound(to: UInt8.self) + start, count: taken)
                }
            }
            dataPosition += taken
            return taken
        }
        while true {
            let read = Foundation.read(fileDescriptor, target, count)
            if read >= 0 { return read }
            if errno != EINTR { throw InputFailure(systemReason: String(cString: strerror(errno)), .cannotRead) }
        }
    }

    /// Checks the unchecked UTF-8 text and moves `limit` over what is valid.
    func acceptUTF8() {
        switch UTF8Validation.check(text, from: limit, to: textCount) {
        case .complete:
            limit = textCount
        case .truncated(let index):
            limit = index
            if isAtEnd { failUTF8(at: index, .init(.encodingTruncated)) }
        case .invalid(let index):
            limit = index
            failUTF8(at: index, .init(.encodingInvalidUTF8))
        }
    }

    /// Transcodes the raw GB18030 bytes into `text` and keeps a cut-off character for later.
    func decodeGB18030() {
        let (written, outcome) = GB18030Decoder.shared.decode(raw, from: 0, to: rawCount, into: text)
        textCount = written
        limit = written
        switch outcome {
        case .complete:
            rawFileOffset += rawCount
            rawCount = 0
        case .truncated(let index):
            if isAtEnd {
                failGB18030(at: index, .init(.encodingTruncated))
            } else {
                raw.update(from: raw + index, count: rawCount - index)
                rawFileOffset += index
                rawCount -= index
            }
        case .invalid(let index):
            failGB18030(at: index, .init(.encodingInvalidGB18030))
        }
    }

    func failUTF8(at index: Int, _ problem: Diagnostic.Message) {
        let offset = textFileOffset + index
        let bytes = Self.hex(text + index, count: 1)
        // When "encoding" is set the advice is to set it to gb18030; else it says why UTF-8.
        let message: Diagnostic.Message =
            encodingChoice.key == .encodingIsSet
            ? .init(.notUTF8EncodingSet, ["problem": .message(problem), "offset": .number(offset), "byte": .text(bytes)])
            : .init(
                .notUTF8,
                [
                    "problem": .message(problem), "offset": .number(offset), "byte": .text(bytes),
                    "choice": .message(encodingChoice),
                ])
        failure = InputFailure(byteOffset: offset, message: message)
    }

    func failGB18030(at index: Int, _ problem: Diagnostic.Message) {
        let offset = rawFileOffset + index
        let bytes = Self.hex(raw + index, count: 1)
        failure = InputFailure(
            byteOffset: offset,
            message: .init(
                .notGB18030,
                ["problem": .message(problem), "offset": .number(offset), "byte": .text(bytes), "choice": .message(encodingChoice)]))
    }

    /// Why the first bytes of a file show it is not text Bulletin reads, if they do:
    ///
    /// - A UTF-16 or UTF-32 byte-order mark. Such files are refused rather than decoded (README,
    ///   "The dataset"): Excel saves UTF-16 only as "Unicode Text", which is tab-separated, so
    ///   decoding would still not give a CSV; the clerk is told how to save it as UTF-8.
    /// - NUL bytes: the first byte, or half of the first 64 KiB or more. Text in UTF-8 or
    ///   GB18030 has few if any; a file zeroed by a power loss is all NUL, and UTF-16 without a
    ///   byte-order mark half NUL.
    static func refusal(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> Diagnostic.Message? {
        refusal(UnsafeBufferPointer(start: bytes, count: count), count: count)
    }

    /// How many bytes at the start of a file `refusal` looks at.
    static let examinedBytes = 1 << 16

    static func refusal(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) -> Diagnostic.Message? {
        if count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 {
            return .init(.utf32File)
        }
        if count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) {
            let isLittleEndian = bytes[0] == 0xFF
            return .init(isLittleEndian ? .utf16LittleEndianFile : .utf16BigEndianFile)
        }
        let examined = min(count, examinedBytes)
        var zeros = 0
        for index in 0..<examined where bytes[index] == 0 { zeros += 1 }
        guard examined > 0, bytes[0] == 0 || zeros * 2 >= examined else { return nil }
        return .init(.nulBytes, ["zeros": .number(zeros), "examined": .number(examined)])
    }

    static func hex(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> String {
        (0..<max(count, 0)).map { index in
            let byte = bytes[index]
            return (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined(separator: " ")
    }

    static func sizeDescription(_ count: Int) -> String {
        count % (1 << 20) == 0 ? "\(count >> 20) MiB" : "\(count) bytes"
    }
}
