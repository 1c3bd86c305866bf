import Foundation

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
