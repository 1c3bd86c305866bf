/// The shared-strings table (`xl/sharedStrings.xml`): the text of every `t="s"` cell, by index.
///
/// Stored compactly — all strings' UTF-8 in one byte buffer and the end offset of each — so a
/// table of a million strings is two allocations, not a million strings.
struct SharedStrings {
    private(set) var bytes: [UInt8] = []
    /// `ends[i]` is where string `i` ends in `bytes`; it starts where string `i - 1` ends.
    private(set) var ends: [UInt32] = []

    /// The number of strings.
    var count: Int { ends.count }

    /// An empty table (a workbook without shared strings).
    init() {}

    /// Reads the table from the workbook's shared-strings part.
    init(reading xml: inout XMLScanner) throws(WorkbookError) {
        while true {
            let token = try xml.next()
            if token == .endOfPart { break }
            guard token == .startTag, xml.isNamed("si") else { continue }
            try Self.appendRichText(from: &xml, into: &bytes)
            guard bytes.count <= Int(UInt32.max) else {
                throw WorkbookError(.tooLarge, part: xml.part, message: "the shared strings exceed 4 GiB")
            }
            ends.append(UInt32(bytes.count))
        }
    }

    /// Calls `body` with the UTF-8 of string `index`; nil when there is no such string.
    @inline(__always)
    func withString<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index &- 1])
        let end = Int(ends[index])
        return bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// String `index` as a `String` (tests and the whole-sheet reader).
    func string(at index: Int) -> String? { withString(index) { String(decoding: $0, as: UTF8.self) } }

    /// Appends the text of the rich-text element just started (`<si>` or `<is>`) up to its end
    /// tag: every `<t>` joined (plain, or the runs `<r><t>` of rich text), phonetic runs
    /// `<rPh>` left out. A `<t>` without `xml:space="preserve"` loses white space at its ends,
    /// as Excel reads it; `_xHHHH_` escapes are decoded.
    static func appendRichText(from xml: inout XMLScanner, into bytes: inout [UInt8]) throws(WorkbookError) {
        let start = bytes.count
        var depth = 1
        while depth > 0 {
            switch try xml.next() {
            case .startTag:
                if xml.isNamed("rPh") {
                    try xml.skipElement()
                } else if xml.isNamed("t") {
                    try appendText(from: &xml, into: &bytes)
                } else {
                    depth += 1
                }
            case .endTag: depth -= 1
            case .text: break
            case .endOfPart: return
            }
        }
        decodeEscapes(in: &bytes, from: start)
    }

    /// The text of the `<t>` element just started, up to its end tag.
    private static func appendText(from xml: inout XMLScanner, into bytes: inout [UInt8])
        throws(WorkbookError)
    {
        let preserves =
            xml.attribute("space").map { xml.rawAttribute($0).elementsEqual("preserve".utf8) } ?? false
        let start = bytes.count
        while true {
            switch try xml.next() {
            case .text: bytes.append(contentsOf: try xml.text())
            case .startTag: try xml.skipElement()
            case .endTag, .endOfPart:
                if !preserves { trimSpace(&bytes, from: start) }
                return
            }
        }
    }

    /// Removes XML white space (space, tab, CR, LF) from both ends of `bytes[start...]`.
    static func trimSpace(_ bytes: inout [UInt8], from start: Int) {
        var end = bytes.count
        while end > start, XMLScanner.isSpace(bytes[end - 1]) { end -= 1 }
        bytes.removeSubrange(end...)
        var first = start
        while first < end, XMLScanner.isSpace(bytes[first]) { first += 1 }
        if first > start { bytes.removeSubrange(start..<first) }
    }

    /// Decodes OOXML's `_xHHHH_` escapes (a UTF-16 code unit in hexadecimal; `_x005F_` is `_`)
    /// in `bytes[start...]`, in place: an escape is longer than the UTF-8 it stands for.
    static func decodeEscapes(in bytes: inout [UInt8], from start: Int) {
        guard bytes.count - start >= 7, bytes[start...].contains(UInt8(ascii: "_")) else { return }
        var read = start
        var write = start
        let end = bytes.count
        while read < end {
            if bytes[read] == UInt8(ascii: "_"), let unit = escapedUnit(bytes, at: read) {
                var scalar = Unicode.Scalar(unit)
                var length = 7
                if scalar == nil, (0xD800..<0xDC00).contains(unit),
                    let low = escapedUnit(bytes, at: read + 7),
                    (0xDC00..<0xE000).contains(low)
                {
                    scalar = Unicode.Scalar(
                        0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                    length = 14
                }
                if let scalar, let units = UTF8.encode(scalar) {
                    for unit in units {
                        bytes[write] = unit
                        write += 1
                    }
                    read += length
                    continue
                }
            }
            bytes[write] = bytes[read]
            write += 1
            read += 1
        }
        bytes.removeSubrange(write...)
    }

    /// The code unit of an escape `_xHHHH_` at `index`, if one is there.
    private static func escapedUnit(_ bytes: [UInt8], at index: Int) -> UInt16? {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"),
            bytes[index + 1] == UInt8(ascii: "x"),
            bytes[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var unit: UInt16 = 0
        for offset in 2..<6 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }
}
