import Foundation

/// A streaming pull tokenizer for the XML of workbook parts (SPEC §2.4): start tags (with their
/// attributes), end tags and text, over a part's bytes read a chunk at a time.
///
/// Only what SpreadsheetML needs and no more: names are matched by their local part, so `x:c`
/// and `c` are the same element whatever the namespace (some writers prefix everything; strict
/// ISO files use other namespace URIs); comments, processing instructions and a DOCTYPE without
/// an internal subset are skipped; CDATA is text; the five named entities and numeric character
/// references are decoded. A self-closing tag is reported as a start tag followed by its end tag.
///
/// A token is held whole and contiguous in one buffer, which is refilled from the front when a
/// token runs past its end: the bytes a token hands out are valid until the next `next()`.
/// Memory is bounded by the longest token, and a token longer than `maximumTokenLength` is an
/// error, as is anything not well-formed (mismatched or unclosed tags, a broken tag or
/// reference) — each naming the part and the byte offset in it.
struct XMLScanner {
    /// What `next()` found.
    enum Token: Equatable { case startTag, endTag, text, endOfPart }

    /// The part's path, for errors.
    let part: String
    /// The longest single token (a text node, a tag with its attributes) accepted.
    static let maximumTokenLength = 32 << 20
    /// The deepest nesting accepted.
    static let maximumDepth = 256

    let source: PartByteSource
    let memory: ScannerMemory
    /// The buffer (owned by `memory`), how many bytes it holds, and where the next token starts.
    var buffer: UnsafeMutablePointer<UInt8>
    var count = 0
    var pos = 0
    /// Bytes of the part dropped from the front of the buffer, so offsets can be reported.
    var discarded = 0
    var sourceEnded = false
    var started = false
    var sawRoot = false
    var depth = 0
    var pendingEnd = false

    /// The current tag's qualified name, its local part, and its attributes (in `memory`).
    var nameStart = 0
    var localStart = 0
    var nameEnd = 0
    var attributeCount = 0
    /// The current text: raw bytes, and whether they are CDATA (no references to decode).
    var textStart = 0
    var textEnd = 0
    var textIsCDATA = false

    init(part: String, source: PartByteSource, bufferSize: Int = 1 << 16) {
        self.part = part
        self.source = source
        memory = ScannerMemory(capacity: max(16, bufferSize))
        buffer = memory.buffer
    }

    /// The byte offset in the part of the start of the current token.
    var tokenOffset: Int { discarded + tokenStart }
    var tokenStart = 0

    /// Whether the current tag's local name is `name`.
    @inline(__always)
    func isNamed(_ name: StaticString) -> Bool {
        let length = nameEnd &- localStart
        guard length == name.utf8CodeUnitCount else { return false }
        return memcmp(buffer + localStart, name.utf8Start, length) == 0
    }

    /// The current tag's local name, for messages.
    var localName: String {
        String(
            decoding: UnsafeBufferPointer(start: buffer + localStart, count: nameEnd - localStart),
            as: UTF8.self)
    }

    /// The index of the current tag's attribute whose local name is `name`.
    @inline(__always)
    func attribute(_ name: StaticString) -> Int? {
        let length = name.utf8CodeUnitCount
        let bounds = memory.attributes
        var index = 0
        while index < attributeCount {
            let start = bounds[4 &* index]
            if bounds[4 &* index &+ 1] &- start == length, memcmp(buffer + start, name.utf8Start, length) == 0
            {
                return index
            }
            index &+= 1
        }
        return nil
    }

    /// The raw (undecoded) bytes of attribute `index`, for values that never hold references
    /// (cell references, numbers).
    @inline(__always)
    func rawAttribute(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = memory.attributes[4 &* index &+ 2]
        return UnsafeBufferPointer(start: buffer + start, count: memory.attributes[4 &* index &+ 3] &- start)
    }

    /// The decoded value of attribute `index`; valid until the next token or decode.
    mutating func attributeValue(_ index: Int) throws(WorkbookError) -> UnsafeBufferPointer<UInt8> {
        let start = memory.attributes[4 &* index &+ 2]
        return try decoded(start, memory.attributes[4 &* index &+ 3])
    }

    /// The decoded value of the attribute named `name` as a string, or nil.
    mutating func string(ofAttribute name: StaticString) throws(WorkbookError) -> String? {
        guard let index = attribute(name) else { return nil }
        return String(decoding: try attributeValue(index), as: UTF8.self)
    }

    /// The decoded text of the current text token; valid until the next token or decode.
    mutating func text() throws(WorkbookError) -> UnsafeBufferPointer<UInt8> {
        if textIsCDATA { return UnsafeBufferPointer(start: buffer + textStart, count: textEnd - textStart) }
        return try decoded(textStart, textEnd)
    }

    /// Reads the next token.
    mutating func next() throws(WorkbookError) -> Token {
        if pendingEnd {
            pendingEnd = false
            depth &-= 1
            return .endTag
        }
        while true {
            tokenStart = pos
            if pos == count, try !refill() { return try endOfPart() }
            if buffer[pos] != UInt8(ascii: "<") {
                if try scanText() { return .text }
                continue
            }
            if pos &+ 1 == count, try !refill() { throw malformed("the part ends inside a tag") }
            switch buffer[pos &+ 1] {
            case UInt8(ascii: "/"):
                try scanEndTag()
                return .endTag
            case UInt8(ascii: "?"):
                try skip(past: "?>", from: pos &+ 2)
            case UInt8(ascii: "!"):
                if try scanMarkup() { return .text }
            default:
                try scanStartTag()
                return .startTag
            }
        }
    }

    /// Skips to the end tag of the element whose start tag was just read.
    mutating func skipElement() throws(WorkbookError) {
        var level = 1
        while level > 0 {
            switch try next() {
            case .startTag: level += 1
            case .endTag: level -= 1
            case .text: break
            case .endOfPart: return
            }
        }
    }

    /// An error at the current token.
    func malformed(_ message: String, at offset: Int? = nil) -> WorkbookError {
        WorkbookError(
            .notWellFormed, part: part, byteOffset: offset ?? tokenOffset,
            problem: .init(.workbookNotWellFormed, ["detail": .text(message)]))
    }
}

/// The scanner's buffers, freed with the last copy of the scanner.
final class ScannerMemory {
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    /// Four offsets per attribute: local name start and end, value start and end.
    var attributes: UnsafeMutablePointer<Int>
    var attributeCapacity = 16
    /// A hash of the qualified name of each open element, to check end tags.
    let openElements: UnsafeMutablePointer<UInt64>
    /// Decoded text or attribute values.
    var scratch: UnsafeMutablePointer<UInt8>
    var scratchCapacity = 256

    init(capacity: Int) {
        buffer = .allocate(capacity: capacity)
        self.capacity = capacity
        attributes = .allocate(capacity: 4 * attributeCapacity)
        openElements = .allocate(capacity: XMLScanner.maximumDepth)
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        buffer.deallocate()
        attributes.deallocate()
        openElements.deallocate()
        scratch.deallocate()
    }
}

extension XMLScanner {
    /// `buffer[start..<end]` with entity and character references decoded and line ends
    /// normalized (CR LF and a lone CR read as LF, XML §2.11): the bytes themselves when there is
    /// nothing to do, else a copy in the scratch buffer (a reference is never shorter than its
    /// UTF-8, so the copy fits in the length of the source).
    mutating func decoded(_ start: Int, _ end: Int) throws(WorkbookError) -> UnsafeBufferPointer<UInt8> {
        let length = end &- start
        guard let found = firstReferenceOrReturn(start, end) else {
            return UnsafeBufferPointer(start: buffer + start, count: max(0, length))
        }
        if memory.scratchCapacity < length {
            memory.scratch.deallocate()
            memory.scratchCapacity = max(length, memory.scratchCapacity * 2)
            memory.scratch = .allocate(capacity: memory.scratchCapacity)
        }
        let scratch = memory.scratch
        var read = found  // the first byte to change
        var written = read &- start
        scratch.update(from: buffer + start, count: written)
        while read < end {
            let byte = buffer[read]
            if byte == 0x0D {
                scratch[written] = 0x0A
                written &+= 1
                read &+= read &+ 1 < end && buffer[read &+ 1] == 0x0A ? 2 : 1
                continue
            }
            guard byte == 0x26 else {
                scratch[written] = byte
                written &+= 1
                read &+= 1
                continue
            }
            var semicolon = read &+ 1
            while semicolon < end, semicolon &- read < 12, buffer[semicolon] != 0x3B { semicolon &+= 1 }
            guard semicolon < end, buffer[semicolon] == 0x3B else {
                throw malformed("`&` that begins no reference (write `&amp;`)", at: discarded + read)
            }
            let name = UnsafeBufferPointer(start: buffer + (read &+ 1), count: semicolon &- read &- 1)
            guard let scalar = Self.referencedScalar(name) else {
                let text = String(decoding: name, as: UTF8.self)
                throw malformed("the reference `&\(text);` names no character", at: discarded + read)
            }
            for unit in UTF8.encode(scalar)! {
                scratch[written] = unit
                written &+= 1
            }
            read = semicolon &+ 1
        }
        return UnsafeBufferPointer(start: scratch, count: written)
    }

    /// The index of the first `&` or CR in `buffer[start..<end]`: a plain loop for the short
    /// texts of cells, memchr for long ones.
    @inline(__always)
    private func firstReferenceOrReturn(_ start: Int, _ end: Int) -> Int? {
        let length = end &- start
        guard length > 0 else { return nil }
        if length <= 32 {
            var index = start
            while index < end {
                let byte = buffer[index]
                if byte == 0x26 || byte == 0x0D { return index }
                index &+= 1
            }
            return nil
        }
        let ampersand = memchr(buffer + start, 0x26, length).map {
            buffer.distance(to: $0.assumingMemoryBound(to: UInt8.self))
        }
        let carriageReturn = memchr(buffer + start, 0x0D, length).map {
            buffer.distance(to: $0.assumingMemoryBound(to: UInt8.self))
        }
        guard let ampersand else { return carriageReturn }
        guard let carriageReturn else { return ampersand }
        return min(ampersand, carriageReturn)
    }

    /// The character a reference between `&` and `;` stands for: one of XML's five entities or
    /// a decimal or hexadecimal character reference to a character XML allows.
    static func referencedScalar(_ name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard name.count >= 2, name[0] == UInt8(ascii: "#") else { return nil }
        let isHex = name[1] == UInt8(ascii: "x")
        let digits = name.dropFirst(isHex ? 2 : 1)
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            guard let figure = Self.digitValue(digit, hex: isHex) else { return nil }
            value = value * (isHex ? 16 : 10) + figure
        }
        guard value == 0x9 || value == 0xA || value == 0xD || value >= 0x20 else { return nil }
        return Unicode.Scalar(value)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
