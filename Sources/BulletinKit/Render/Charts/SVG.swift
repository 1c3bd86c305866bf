/// The small pieces every chart is built from: escaping, number formatting, ids and text-width
/// estimates. Charts are inserted into pages unescaped, so everything here errs on the safe side.
enum SVG {
    /// `text` made safe for XML text content and for double- or single-quoted attribute values:
    /// the five markup characters become entities, and characters that HTML forbids in a
    /// document (controls, noncharacters) are dropped; tabs and line breaks become spaces.
    static func escape(_ text: String) -> String {
        // Nearly every label and title needs nothing done: found from its bytes, without
        // decoding it (`mayNeedEscaping` errs towards the full path below).
        guard mayNeedEscaping(text) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result += " "
            default:
                if isForbidden(scalar) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `value` as an SVG number: at most two decimals, no exponent, no trailing zeros, never
    /// `-0`; `12.5`, `233.6`, `0`. Non-finite values become `0`, and magnitudes are limited to
    /// 10⁹ so that no input can produce an exponent.
    static func number(_ value: Double) -> String {
        // At most "-1000000000.00", 14 bytes: made in place as a small string, with no allocation
        // (charts print tens of thousands of numbers a page).
        return String(unsafeUninitializedCapacity: numberCapacity) { writeNumber(value, into: $0) }
    }

    /// Room enough for any `number`.
    static let numberCapacity = 15

    /// Writes `number(value)` at the start of `buffer` (`numberCapacity` bytes); returns its length.
    static func writeNumber(_ value: Double, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard value.isFinite else {
            buffer[0] = UInt8(ascii: "0")
            return 1
        }
        let clamped = min(max(value, -1e9), 1e9)
        let hundredths = Int64((clamped * 100).rounded(.toNearestOrAwayFromZero))
        var length = 0
        func put(_ byte: UInt8) {
            buffer[length] = byte
            length += 1
        }
        if hundredths < 0 { put(UInt8(ascii: "-")) }
        let magnitude = hundredths.magnitude
        // The whole part's digits, last first, then turned around.
        let wholeStart = length
        var whole = magnitude / 100
        repeat {
            put(UInt8(ascii: "0") + UInt8(whole % 10))
            whole /= 10
        } while whole > 0
        buffer[wholeStart..<length].reverse()
        let fraction = magnitude % 100
        if fraction != 0 {
            put(UInt8(ascii: "."))
            put(UInt8(ascii: "0") + UInt8(fraction / 10))
            if fraction % 10 != 0 { put(UInt8(ascii: "0") + UInt8(fraction % 10)) }
        }
        return length
    }

    /// The caller's id prefix reduced to `[A-Za-z0-9_-]`, so that it is a valid, space-free
    /// HTML id; `chart` when nothing is left.
    static func identifier(_ prefix: String) -> String {
        if !prefix.isEmpty, prefix.utf8.allSatisfy(isIdentifierByte) { return prefix }
        let kept = prefix.unicodeScalars.filter { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
                    || scalar == "-")
        }
        return kept.isEmpty ? "chart" : String(String.UnicodeScalarView(kept))
    }

    /// Estimated drawn width of `text` at `fontSize`: 0.6 em per ASCII character and 1 em per
    /// any other (CJK characters are square; other scripts are at most that wide).
    static func estimatedWidth(of text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for character in text {
            ems += character.isASCII ? 0.6 : 1
        }
        return ems * fontSize
    }

    /// `text` cut with "…" so that its estimated width is at most `width`.
    static func truncate(_ text: String, toWidth width: Double, fontSize: Double) -> String {
        guard estimatedWidth(of: text, fontSize: fontSize) > width else { return text }
        var kept = ""
        var used = fontSize  // the ellipsis
        for character in text {
            let next = (character.isASCII ? 0.6 : 1) * fontSize
            if used + next > width { break }
            kept.append(character)
            used += next
        }
        return kept + "…"
    }

    /// A status token from the caller (`red`, `no-task`) as a class-name fragment.
    static func token(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-")
        }
        return kept.isEmpty ? "none" : String(String.UnicodeScalarView(kept)).lowercased()
    }

    /// The percentages at which gridlines are drawn: 0, 25, 50, 75, 100 and on by 25s up to
    /// `maximum`; by 50s, 75s… when that would make more than nine lines.
    static func gridValues(upTo maximum: Double) -> [Double] {
        let step = 25 * max(1, (maximum / 200).rounded(.up))
        return Array(stride(from: 0.0, through: maximum + 1e-9, by: step))
    }

    /// `max(100, largest value rounded up to a multiple of 10)`: the axis' upper end. Values
    /// past 10⁶ % are taken as 10⁶ % so that the axis stays finite whatever the input.
    static func axisMaximum(for values: [Double]) -> Double {
        let largest = min(values.filter(\.isFinite).max() ?? 0, 1e6)
        return max(100, (largest / 10).rounded(.up) * 10)
    }
}

extension SVG {
    /// Whether `escape` might change `text`: true for any byte of a markup character or an
    /// ASCII control, and for the first byte of every character in a range that holds a
    /// character HTML forbids (U+0080…U+00BF, U+FDC0…U+FDFF, U+FFC0…U+FFFF, and the planes
    /// past the first).
    fileprivate static func mayNeedEscaping(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0..<0x20, 0x7F, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
                UInt8(ascii: "'"), 0xC2, 0xF0...0xFF:
                return true
            case 0xB7 where previous == 0xEF, 0xBF where previous == 0xEF:
                return true
            default:
                previous = byte
            }
        }
        return false
    }

    /// `[A-Za-z0-9_-]`: what `identifier` keeps.
    fileprivate static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    /// Code points the HTML standard does not allow in a document: controls other than
    /// whitespace, and noncharacters.
    fileprivate static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7f...0x9f).contains(value) { return true }
        if (0xfdd0...0xfdef).contains(value) { return true }
        return value & 0xfffe == 0xfffe
    }
}

/// SVG markup being written, as UTF-8 bytes: markup and numbers are appended without a string
/// made and grown for each piece (appending to a `String` costs several times more), which
/// counts for the hundreds of thousands of points a national build draws.
struct SVGText {
    private(set) var bytes: [UInt8] = []

    /// Empty markup with room for `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends markup as it is.
    static func += (svg: inout SVGText, markup: String) {
        svg.bytes += markup.utf8
    }

    /// Appends a number in `SVG.number`'s form.
    mutating func append(number value: Double) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: SVG.numberCapacity) { buffer in
            let length = SVG.writeNumber(value, into: buffer)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<length]))
        }
    }

    /// Appends markup made before.
    mutating func append(bytes more: [UInt8]) {
        bytes += more
    }

    /// The markup as a string.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
