import Foundation

/// Text encodings a ledger may be in: UTF-8 (with or without a byte-order mark), or GB18030,
/// the superset of GBK that Excel and WPS on a Chinese Windows write.
public enum TextEncoding: String, Sendable {
    /// UTF-8; a leading byte-order mark is not data.
    case utf8 = "utf-8"
    /// GB18030 (and its subsets GBK and GB2312).
    case gb18030 = "gb18030"
}

/// What checking or decoding a stretch of bytes found.
enum DecodingOutcome: Equatable {
    /// Every byte up to the end was complete text.
    case complete
    /// The bytes from this index on start a character that the stretch cuts off; read more and
    /// look again.
    case truncated(at: Int)
    /// The bytes at this index are not text in the encoding.
    case invalid(at: Int)
}

/// UTF-8 validation over raw bytes, with a fast path for what ledgers are made of: ASCII and
/// the three-byte characters of Chinese text.
enum UTF8Validation {
    /// Checks `bytes[start..<end]`. Overlong forms, surrogates and code points past U+10FFFF
    /// are invalid (RFC 3629).
    static func check(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> DecodingOutcome {
        var index = start
        while true {
            // Eight bytes at a time, without a branch per character: a word passes when every
            // byte is ASCII, a continuation byte, or the lead of a three-byte character other
            // than E0 and ED (whose second byte has a narrower range), and the continuation
            // bytes are exactly the two after each lead. `carry` holds the continuation bytes
            // that leads at the end of the previous word expect at the start of this one.
            var carry: UInt64 = 0
            while index &+ 8 <= end {
                let raw = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
                let word = UInt64(littleEndian: raw)
                let high = word & highBits
                if high | carry == 0 {
                    index &+= 8
                    continue
                }
                let continuation = high & ~(word &<< 1)  // 10xxxxxx
                let lead = high & (word &<< 1) & (word &<< 2) & ~(word &<< 3)  // 1110xxxx
                let expected = lead &<< 8 | lead &<< 16 | carry
                let other = high & ~continuation & ~lead
                let rareLeads = hasByte(0xE0, in: word) | hasByte(0xED, in: word)
                guard other | rareLeads | (expected ^ continuation) == 0 else { break }
                carry = lead &>> 48 | lead &>> 56
                index &+= 8
            }
            // Back to the lead of a character that the last word passed cut off.
            if carry & 0x8000 != 0 {
                index &-= 1
            } else if carry != 0 {
                index &-= 2
            }
            // The rest of the word that stopped the fast path, a character at a time.
            let stop = min(index &+ 8, end)
            while index < stop {
                let lead = bytes[index]
                if lead < 0x80 {
                    index &+= 1
                    continue
                }
                let length: Int
                var secondLow: UInt8 = 0x80
                var secondHigh: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: (length, secondLow) = (3, 0xA0)
                case 0xED: (length, secondHigh) = (3, 0x9F)
                case 0xE1...0xEF: length = 3
                case 0xF0: (length, secondLow) = (4, 0x90)
                case 0xF4: (length, secondHigh) = (4, 0x8F)
                case 0xF1...0xF3: length = 4
                default: return .invalid(at: index)
                }
                let available = min(length, end &- index)
                for offset in 1..<available {
                    let byte = bytes[index &+ offset]
                    let range = offset == 1 ? secondLow...secondHigh : 0x80...0xBF
                    guard range.contains(byte) else { return .invalid(at: index) }
                }
                if available < length { return .truncated(at: index) }
                index &+= length
            }
            if index >= end { return .complete }
        }
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Nonzero when some byte of `word` is `byte`: a zero byte of `word ^ byte…` is the lowest
    /// whose high bit `(x − 0x01…) & ~x` sets (higher ones may be set spuriously; that only
    /// sends a word down the slow path).
    @inline(__always)
    private static func hasByte(_ byte: UInt8, in word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits
    }
}

/// GB18030 → UTF-8 transcoding. The mapping tables are taken once from Foundation's own
/// GB18030 decoder, so that Bulletin reads exactly what Foundation reads, but decoding runs
/// over raw buffers without making a `String` per chunk (Foundation's decoder on Linux manages
/// about 70 MB/s).
struct GB18030Decoder: Sendable {
    /// Foundation's identifier of GB18030 (kCFStringEncodingGB_18030_2000 as an NSStringEncoding).
    static let foundationEncoding = String.Encoding(rawValue: 0x8000_0632)

    /// The shared tables, built on first use.
    static let shared = GB18030Decoder()

    /// Two-byte codes, already as UTF-8: index `(lead − 0x81) × 191 + (trail − 0x40)`; the bytes
    /// from the lowest byte up and their count in the top byte; 0 where nothing is mapped.
    private let twoByte: [UInt32]
    /// Four-byte codes `81 30 81 30` … `84 31 A4 39`, in order; 0 where nothing is mapped.
    private let fourByte: [UInt16]
    /// What the lone byte 0x80 decodes to (Foundation reads it as €, as code page 936 does).
    private let byte80: UInt32

    private static let fourByteBMPCount = 39_420  // 4 × 10 × 126 × 10 codes up to 84 31 A4 39
    private static let supplementaryFirst = 189_000  // linear index of 90 30 81 30 (U+10000)

    private init() {
        var pairs: [UInt8] = []
        var pairIndices: [Int] = []
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                pairs += [UInt8(lead), UInt8(trail)]
                pairIndices.append((lead - 0x81) * 191 + (trail - 0x40))
            }
        }
        var twoByte = [UInt32](repeating: 0, count: 126 * 191)
        for (position, scalar) in Self.decodeEach(pairs, width: 2).enumerated() where scalar != 0 {
            twoByte[pairIndices[position]] = Self.packedUTF8(UInt32(scalar))
        }
        var quads: [UInt8] = []
        quads.reserveCapacity(Self.fourByteBMPCount * 4)
        for linear in 0..<Self.fourByteBMPCount {
            quads += Self.fourByteCode(linear: linear)
        }
        fourByte = Self.decodeEach(quads, width: 4)
        self.twoByte = twoByte
        byte80 = String(data: Data([0x80]), encoding: Self.foundationEncoding)?.unicodeScalars.first?.value ?? 0
    }

    /// Transcodes `source[start..<end]` to UTF-8 at `target`, which must have room for three
    /// bytes per source byte. Returns how many bytes were written and where decoding stopped.
    func decode(
        _ source: UnsafePointer<UInt8>, from start: Int, to end: Int, into target: UnsafeMutablePointer<UInt8>
    ) -> (written: Int, outcome: DecodingOutcome) {
        twoByte.withUnsafeBufferPointer { twoByte in
            var index = start
            var written = 0
            while index < end {
                // ASCII is the same in both encodings: eight bytes at a time. The whole word is
                // stored even when only its first bytes are ASCII; what follows overwrites the rest.
                // Every store stays inside the room: `written` never passes 3 × (`index` − `start`).
                if index &+ 8 <= end {
                    let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                    UnsafeMutableRawPointer(target + written).storeBytes(of: word, as: UInt64.self)
                    let highBits = UInt64(littleEndian: word) & 0x8080_8080_8080_8080
                    if highBits == 0 {
                        index &+= 8
                        written &+= 8
                        continue
                    }
                    let asciiCount = highBits.trailingZeroBitCount &>> 3
                    index &+= asciiCount
                    written &+= asciiCount
                } else if source[index] < 0x80 {
                    target[written] = source[index]
                    written &+= 1
                    index &+= 1
                    continue
                }
                let lead = source[index]
                if lead &- 0x81 < 0x7E, index &+ 1 < end {
                    let second = source[index &+ 1]
                    if second &- 0x40 < 0xBF, second != 0x7F {
                        // Two bytes, the bulk of Chinese text: a table of ready UTF-8.
                        let utf8 = twoByte[(Int(lead) &- 0x81) &* 191 &+ Int(second) &- 0x40]
                        guard utf8 != 0 else { return (written, .invalid(at: index)) }
                        let destination = UnsafeMutableRawPointer(target + written)
                        destination.storeBytes(of: utf8.littleEndian, as: UInt32.self)
                        written &+= Int(utf8 &>> 24)
                        index &+= 2
                        continue
                    }
                }
                var scalar: UInt32 = 0
                if lead == 0x80 {
                    scalar = byte80
                } else if lead != 0xFF {
                    guard index &+ 1 < end else { return (written, .truncated(at: index)) }
                    if (0x30...0x39).contains(source[index &+ 1]) {
                        guard index &+ 3 < end else {
                            let third = index &+ 2 < end ? source[index &+ 2] : 0x81
                            let isCut = (0x81...0xFE).contains(third)
                            return (written, isCut ? .truncated(at: index) : .invalid(at: index))
                        }
                        scalar = fourByteScalar(source + index)
                    }
                }
                guard scalar != 0 else { return (written, .invalid(at: index)) }
                written &+= Self.writeUTF8(scalar, to: target + written)
                index &+= lead == 0x80 ? 1 : 4
            }
            return (written, .complete)
        }
    }

    /// The scalar of the four-byte code at `code` (its second byte a digit), or 0 if none.
    private func fourByteScalar(_ code: UnsafePointer<UInt8>) -> UInt32 {
        let (lead, second, third, fourth) = (code[0], code[1], code[2], code[3])
        guard (0x81...0xFE).contains(third), (0x30...0x39).contains(fourth) else { return 0 }
        let linear =
            ((Int(lead) &- 0x81) &* 10 &+ Int(second) &- 0x30) &* 1260
            &+ (Int(third) &- 0x81) &* 10 &+ Int(fourth) &- 0x30
        if linear < Self.fourByteBMPCount { return UInt32(fourByte[linear]) }
        if linear >= Self.supplementaryFirst, linear - Self.supplementaryFirst <= 0xF_FFFF {
            return 0x1_0000 &+ UInt32(linear &- Self.supplementaryFirst)
        }
        return 0
    }

    /// The four bytes of the four-byte code with this linear index.
    private static func fourByteCode(linear: Int) -> [UInt8] {
        [
            UInt8(0x81 + linear / 12_600), UInt8(0x30 + linear / 1260 % 10),
            UInt8(0x81 + linear / 10 % 126), UInt8(0x30 + linear % 10),
        ]
    }

    /// Decodes a run of fixed-width codes with Foundation: all at once when every code maps to
    /// one scalar, one by one otherwise. Unmapped codes give 0.
    private static func decodeEach(_ codes: [UInt8], width: Int) -> [UInt16] {
        let count = codes.count / width
        if let text = String(data: Data(codes), encoding: foundationEncoding) {
            let scalars = text.unicodeScalars.map(\.value)
            if scalars.count == count, scalars.allSatisfy({ $0 != 0 && $0 <= 0xFFFF }) {
                return scalars.map { UInt16($0) }
            }
        }
        return (0..<count).map { index in
            let code = Data(codes[index * width..<(index + 1) * width])
            guard let scalars = String(data: code, encoding: foundationEncoding)?.unicodeScalars,
                scalars.count == 1, let value = scalars.first?.value, value <= 0xFFFF
            else { return 0 }
            return UInt16(value)
        }
    }

    /// `scalar` (below U+10000) as UTF-8 in the form of the `twoByte` table.
    private static func packedUTF8(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case ..<0x80: scalar | 1 << 24
        case ..<0x800: (0xC0 | scalar >> 6) | (0x80 | scalar & 0x3F) << 8 | 2 << 24
        default:
            (0xE0 | scalar >> 12) | (0x80 | scalar >> 6 & 0x3F) << 8 | (0x80 | scalar & 0x3F) << 16 | 3 << 24
        }
    }

    /// Writes `scalar` as UTF-8; returns the number of bytes.
    private static func writeUTF8(_ scalar: UInt32, to target: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case ..<0x80:
            target[0] = UInt8(scalar)
            return 1
        case ..<0x800:
            target[0] = UInt8(0xC0 | scalar >> 6)
            target[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case ..<0x1_0000:
            target[0] = UInt8(0xE0 | scalar >> 12)
            target[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            target[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            target[0] = UInt8(0xF0 | scalar >> 18)
            target[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            target[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            target[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}

/// Why input could not be read or decoded, with the byte offset when it is about the bytes.
struct InputFailure: Error {
    var byteOffset: Int?
    var reason: String
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
    private let encodingChoice: String
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
            throw InputFailure(byteOffset: 0, reason: reason)
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
        if let reason { throw InputFailure(byteOffset: 0, reason: reason) }
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
        case (.some, _, _): encodingChoice = "\"encoding\": \"\(resolved.rawValue)\" is set"
        case (nil, .gb18030, .invalid(let offset)), (nil, .gb18030, .truncated(let offset)):
            encodingChoice = "it is not UTF-8 (byte offset \(offset) is not valid UTF-8)"
        case (nil, .gb18030, _): encodingChoice = "it is not UTF-8"
        case (nil, .utf8, .invalid):
            encodingChoice = "it begins with a UTF-8 byte-order mark"
        case (nil, .utf8, _):
            encodingChoice = "its first \(Self.sizeDescription(rawCapacity - 4)) is valid UTF-8"
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
            if errno != EINTR { throw InputFailure(reason: "cannot read the file: \(String(cString: strerror(errno)))") }
        }
    }

    /// Checks the unchecked UTF-8 text and moves `limit` over what is valid.
    func acceptUTF8() {
        switch UTF8Validation.check(text, from: limit, to: textCount) {
        case .complete:
            limit = textCount
        case .truncated(let index):
            limit = index
            if isAtEnd { failUTF8(at: index, "ends in the middle of a character") }
        case .invalid(let index):
            limit = index
            failUTF8(at: index, "is not valid UTF-8")
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
                failGB18030(at: index, "ends in the middle of a character")
            } else {
                raw.update(from: raw + index, count: rawCount - index)
                rawFileOffset += index
                rawCount -= index
            }
        case .invalid(let index):
            failGB18030(at: index, "is not valid GB18030")
        }
    }

    func failUTF8(at index: Int, _ problem: String) {
        let offset = textFileOffset + index
        let bytes = Self.hex(text + index, count: 1)
        let advice =
            encodingChoice.hasPrefix("\"encoding\"")
            ? "; if the file is in GB18030 (as Excel and WPS on a Chinese Windows save it), set \"encoding\": \"gb18030\" for this ledger, or save it as UTF-8"
            : "; it was read as UTF-8 because \(encodingChoice); if it is in GB18030, set \"encoding\": \"gb18030\" for this ledger, or save it as UTF-8"
        failure = InputFailure(
            byteOffset: offset, reason: "the file \(problem) at byte offset \(offset) (byte \(bytes))\(advice)")
    }

    func failGB18030(at index: Int, _ problem: String) {
        let offset = rawFileOffset + index
        let bytes = Self.hex(raw + index, count: 1)
        failure = InputFailure(
            byteOffset: offset,
            reason: "the file \(problem) at byte offset \(offset) (byte \(bytes)); it was read as GB18030 because "
                + "\(encodingChoice); save it as UTF-8 or GB18030")
    }

    /// Why the first bytes of a file show it is not text Bulletin reads, if they do:
    ///
    /// - A UTF-16 or UTF-32 byte-order mark. Such files are refused rather than decoded (README,
    ///   "The dataset"): Excel saves UTF-16 only as "Unicode Text", which is tab-separated, so
    ///   decoding would still not give a CSV; the clerk is told how to save it as UTF-8.
    /// - NUL bytes: the first byte, or half of the first 64 KiB or more. Text in UTF-8 or
    ///   GB18030 has few if any; a file zeroed by a power loss is all NUL, and UTF-16 without a
    ///   byte-order mark half NUL.
    static func refusal(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> String? {
        refusal(UnsafeBufferPointer(start: bytes, count: count), count: count)
    }

    /// How many bytes at the start of a file `refusal` looks at.
    static let examinedBytes = 1 << 16

    static func refusal(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) -> String? {
        let saveAs = "save it from Excel or WPS as \"CSV UTF-8 (逗号分隔)\" (or as GB18030 CSV)"
        if count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 {
            return "the file is UTF-32 (it begins with the byte-order mark FF FE 00 00), "
                + "which bulletin does not read; \(saveAs)"
        }
        if count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) {
            let order = bytes[0] == 0xFF ? "little-endian" : "big-endian"
            let mark = bytes[0] == 0xFF ? "FF FE" : "FE FF"
            return "the file is UTF-16 (\(order), byte-order mark \(mark)), as Excel's \"Unicode Text\" saves it; "
                + "bulletin reads UTF-8 and GB18030 CSV: \(saveAs)"
        }
        let examined = min(count, examinedBytes)
        var zeros = 0
        for index in 0..<examined where bytes[index] == 0 { zeros += 1 }
        guard examined > 0, bytes[0] == 0 || zeros * 2 >= examined else { return nil }
        return "the file is not a text file: \(zeros) of its first \(examined) bytes are NUL (00), "
            + "as in a file damaged by a power loss or a file that is not CSV; "
            + "restore it from a copy or export the ledger again as CSV"
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
