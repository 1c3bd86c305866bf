import Foundation

/// One record, reused between reads to avoid allocation. Field bytes are UTF-8 (GB18030 input
/// is transcoded), quotes removed and doubled quotes unescaped.
///
/// Copies are independent: reading into a record whose storage is shared with a copy gives it
/// fresh storage first.
package struct CSVRecord {
    @usableFromInline var storage: RecordStorage

    /// An empty record to read into.
    package init() {
        storage = RecordStorage()
        line = 0
    }

    /// The physical line where the record starts (1-based).
    var line: Int

    /// The number of fields.
    package var count: Int { storage.fieldCount }

    /// The field at `index` as a string; empty when `index` is not below `count`.
    func string(at index: Int) -> String {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The field at `index` with surrounding white space removed, exactly as
    /// `trimmingCharacters(in: .whitespaces)` would — without Foundation, which is slow per field.
    func trimmedString(at index: Int) -> String {
        withTrimmedBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of `trimmedString(at: index)`, without making the
    /// string (valid only inside `body`).
    func withTrimmedBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withBytes(at: index) { bytes in
            var start = 0
            var end = bytes.count
            while start < end, let length = Self.whitespaceLength(bytes, startingAt: start) {
                start += length
            }
            while end > start, let length = Self.whitespaceLength(bytes, endingAt: end) { end -= length }
            return try body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
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
        case 0x80...0xBF
        where end >= 3 && isThreeByteWhitespace(bytes[end - 3], bytes[end - 2], bytes[end - 1]):
            return 3
        default: return nil
        }
    }

    /// U+1680 (E1 9A 80), U+2000…U+200B (E2 80 80…8B), U+202F (E2 80 AF), U+205F (E2 81 9F) and
    /// U+3000 (E3 80 80): the white space of `isWhitespace` that takes three bytes.
    private static func isThreeByteWhitespace(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        switch (first, second, third) {
        case (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8B), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F),
            (0xE3, 0x80, 0x80):
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
    package func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
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
    var strings: [String] { (0..<count).map { string(at: $0) } }
}
