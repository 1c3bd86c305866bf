import Foundation

extension String {
    /// `self` with every `placeholder` (`{title}`) replaced by `value`: the same text as
    /// `replacingOccurrences(of:with:)`, made without a round trip through `NSString`, which a
    /// national build would otherwise take tens of thousands of times for its charts' titles.
    ///
    /// `replacingOccurrences` compares by canonical equivalence and does not match a placeholder
    /// whose last character a combining mark extends. For a placeholder of ASCII characters that
    /// no other character is canonically equivalent to (all but `K`, `;` and `` ` ``, which the
    /// Kelvin sign, the Greek question mark and the Greek varia are), a match of its bytes is a
    /// match either way when what follows cannot extend a character: the end of the text, an
    /// ASCII character, or a character of the blocks a Chinese phrase goes on with (see
    /// `startsNewCharacter`). Only then are the bytes replaced here; in any other case
    /// `replacingOccurrences` does the work.
    func replacingPlaceholder(_ placeholder: String, with value: String) -> String {
        var text = self
        var pattern = placeholder
        let outcome = text.withUTF8 { text in
            pattern.withUTF8 { pattern in Self.replacing(pattern, in: text, with: value) }
        }
        switch outcome {
        case .unchanged: return self
        case .replaced(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .undecided: return replacingOccurrences(of: placeholder, with: value)
        }
    }

    private enum Replacement {
        /// The placeholder does not occur.
        case unchanged
        case replaced([UInt8])
        /// Matching bytes might not agree with `replacingOccurrences`.
        case undecided
    }

    private static func replacing(
        _ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, with value: String
    ) -> Replacement {
        guard let first = pattern.first, pattern.allSatisfy(isUnambiguous) else { return .undecided }
        var output: [UInt8] = []
        var matched = false
        // Everything before `copied` is in `output` already.
        var copied = 0
        var index = 0
        while index + pattern.count <= text.count {
            guard text[index] == first,
                UnsafeBufferPointer(rebasing: text[index..<index + pattern.count]).elementsEqual(pattern)
            else {
                index += 1
                continue
            }
            let end = index + pattern.count
            if end < text.count && !startsNewCharacter(text, at: end) { return .undecided }
            if !matched { output.reserveCapacity(text.count + value.utf8.count) }
            matched = true
            output += UnsafeBufferPointer(rebasing: text[copied..<index])
            output += value.utf8
            index = end
            copied = end
        }
        guard matched else { return .unchanged }
        output += UnsafeBufferPointer(rebasing: text[copied...])
        return .replaced(output)
    }

    /// Whether the character at `index` is one that never extends the one before it: ASCII,
    /// CJK unified ideographs (U+4E00…U+9FFF), CJK punctuation (U+3001…U+3029, before the
    /// combining tone marks), general punctuation (U+2010…U+2027: dashes, quotes, "…") or the
    /// fullwidth forms (U+FF01…U+FF5E: "：", "，", "（"). Anything else is left undecided.
    private static func startsNewCharacter(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = text[index]
        if lead < 0x80 { return true }
        // Only three-byte sequences (U+0800…U+FFFF) are decoded: the blocks above all are in it.
        guard lead & 0xF0 == 0xE0, index + 2 < text.count else { return false }
        let scalar =
            UInt32(lead & 0x0F) << 12 | UInt32(text[index + 1] & 0x3F) << 6 | UInt32(text[index + 2] & 0x3F)
        switch scalar {
        case 0x4E00...0x9FFF, 0x3001...0x3029, 0x2010...0x2027, 0xFF01...0xFF5E: return true
        default: return false
        }
    }

    /// An ASCII byte no other character is canonically equivalent to.
    private static func isUnambiguous(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != UInt8(ascii: "K") && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "`")
    }
}
