/// One entry of a Huffman decoding table, packed in 32 bits so a lookup is one load:
///
/// - bits 0–4: the codeword's length in bits (for a sub-table link: the primary table's bits);
/// - bits 5–7: the kind (`literal`, `length` — also used for distances —, `endOfBlock`,
///   `subtable`, `invalid`);
/// - bits 8–11: the extra bits that follow the codeword (for a link: the sub-table's index bits);
/// - bits 16–31: the value: the literal byte, the base length or distance, or the sub-table's
///   offset in the same table.
enum HuffmanEntry {
    static let literal: UInt32 = 0 << 5
    static let length: UInt32 = 1 << 5
    static let endOfBlock: UInt32 = 2 << 5
    static let subtable: UInt32 = 3 << 5
    static let invalid: UInt32 = 4 << 5
    static let kindMask: UInt32 = 7 << 5

    /// What a symbol decodes to, without its codeword length.
    static func payload(kind: UInt32, extraBits: UInt32 = 0, value: UInt32 = 0) -> UInt32 {
        kind | extraBits << 8 | value << 16
    }

    /// Literal/length symbols 0–287 (286 and 287 occur only in the fixed code and are invalid).
    static let literalLengthPayloads: [UInt32] = (0..<288).map { symbol in
        switch symbol {
        case 0..<256: return payload(kind: literal, value: UInt32(symbol))
        case 256: return payload(kind: endOfBlock)
        case 257..<286:
            return payload(
                kind: length, extraBits: lengthExtra[symbol - 257], value: lengthBase[symbol - 257])
        default: return payload(kind: invalid)
        }
    }

    /// Distance symbols 0–31 (30 and 31 are invalid).
    static let distancePayloads: [UInt32] = (0..<32).map { symbol in
        symbol < 30
            ? payload(kind: length, extraBits: distanceExtra[symbol], value: distanceBase[symbol])
            : payload(kind: invalid)
    }

    /// Code-length symbols 0–18, decoded as their own number.
    static let codeLengthPayloads: [UInt32] = (0..<19).map { payload(kind: literal, value: UInt32($0)) }

    // RFC 1951 §3.2.5.
    static let lengthBase: [UInt32] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163,
        195,
        227, 258,
    ]
    static let lengthExtra: [UInt32] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase: [UInt32] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra: [UInt32] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    /// The order in which a dynamic block lists the code-length code's lengths (RFC 1951 §3.2.7).
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The fixed code's literal/length lengths (RFC 1951 §3.2.6).
    static let fixedLiteralLengths: [UInt8] = (0..<288).map { symbol in
        switch symbol {
        case 0..<144: 8
        case 144..<256: 9
        case 256..<280: 7
        default: 8
        }
    }
}

/// A canonical Huffman decoding table: a primary table indexed by the next `primaryBits` input
/// bits (least significant first, as DEFLATE packs them), whose entries either decode a symbol
/// or link to a sub-table for the longer codewords that share those bits.
///
/// The table lives in memory the inflater owns; `build` proves every index the decoder can form
/// lies inside it: primary indexes are masked to `primaryBits`, and a link's sub-table spans
/// exactly `1 << indexBits` entries placed before `capacity`.
struct HuffmanTable {
    let entries: UnsafeMutablePointer<UInt32>
    let capacity: Int
    let primaryBits: Int

    /// Fills the table for the code with `lengths[symbol]` (0 = unused) whose decoded values are
    /// `payloads[symbol]`. Over-subscribed codes are refused, and so are incomplete ones unless
    /// `allowsSingleCode` and the code has one codeword of one bit (RFC 1951 allows a single
    /// distance code; zlib accepts exactly this much), or no codeword at all.
    func build(lengths: UnsafeBufferPointer<UInt8>, payloads: [UInt32], allowsSingleCode: Bool)
        throws(ContainerError)
    {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length & 15)] += 1 }
        counts[0] = 0
        var left = 1
        var maximum = 0
        for length in 1...15 {
            left = left << 1 - counts[length]
            if left < 0 { throw .damagedStream("over-subscribed Huffman code") }
            if counts[length] > 0 { maximum = length }
        }
        if left > 0 && maximum > 0 && !(allowsSingleCode && maximum == 1) {
            throw .damagedStream("incomplete Huffman code")
        }
        if maximum == 0 && !allowsSingleCode { throw .damagedStream("empty Huffman code") }

        // Canonical codes (RFC 1951 §3.2.2), stored bit-reversed because the decoder reads the
        // input least significant bit first.
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        var reversed = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            reversed[symbol] = Self.reverse(next[Int(length)], bits: Int(length))
            next[Int(length)] += 1
        }
        let primarySize = 1 << primaryBits
        for index in 0..<primarySize { entries[index] = HuffmanEntry.invalid | 1 }
        let subtableOffsets = try linkSubtables(lengths: lengths, reversed: reversed)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let length = Int(length)
            let payload = symbol < payloads.count ? payloads[symbol] : HuffmanEntry.invalid
            if length <= primaryBits {
                for index in stride(from: reversed[symbol], to: primarySize, by: 1 << length) {
                    entries[index] = payload | UInt32(length)
                }
            } else {
                let prefix = reversed[symbol] & (primarySize - 1)
                let link = entries[prefix]
                let size = 1 << Int((link >> 8) & 15)
                let base = subtableOffsets[prefix]
                let rest = length - primaryBits
                for index in stride(from: reversed[symbol] >> primaryBits, to: size, by: 1 << rest) {
                    entries[base + index] = payload | UInt32(rest)
                }
            }
        }
    }

    /// Gives each primary index shared by codewords longer than `primaryBits` a sub-table as wide
    /// as its longest codeword needs, links it, and returns where each sub-table starts.
    private func linkSubtables(lengths: UnsafeBufferPointer<UInt8>, reversed: [Int]) throws(ContainerError)
        -> [Int]
    {
        let primarySize = 1 << primaryBits
        var widths = [Int](repeating: 0, count: primarySize)
        for (symbol, length) in lengths.enumerated() where Int(length) > primaryBits {
            let prefix = reversed[symbol] & (primarySize - 1)
            widths[prefix] = max(widths[prefix], Int(length) - primaryBits)
        }
        var offsets = [Int](repeating: 0, count: primarySize)
        var offset = primarySize
        for prefix in 0..<primarySize where widths[prefix] > 0 {
            let size = 1 << widths[prefix]
            // A complete code never needs more room than the table was given; refuse rather
            // than write past it should that reasoning ever be wrong.
            guard offset + size <= capacity else { throw .damagedStream("Huffman table too large") }
            offsets[prefix] = offset
            entries[prefix] =
                HuffmanEntry.subtable | UInt32(primaryBits) | UInt32(widths[prefix]) << 8 | UInt32(offset)
                << 16
            for index in offset..<(offset + size) { entries[index] = HuffmanEntry.invalid | 1 }
            offset += size
        }
        return offsets
    }

    private static func reverse(_ code: Int, bits: Int) -> Int {
        var code = code
        var result = 0
        for _ in 0..<bits {
            result = result << 1 | code & 1
            code >>= 1
        }
        return result
    }
}
