/// The small pieces every chart is built from: escaping, number formatting, ids and text-width
/// estimates. Charts are inserted into pages unescaped, so everything here errs on the safe side.
enum SVG {
    /// `text` made safe for XML text content and for double- or single-quoted attribute values:
    /// the five markup characters become entities, and characters that HTML forbids in a
    /// document (controls, noncharacters) are dropped; tabs and line breaks become spaces.
    static func escape(_ text: String) -> String {
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
        guard value.isFinite else { return "0" }
        let clamped = min(max(value, -1e9), 1e9)
        let hundredths = Int64((clamped * 100).rounded(.toNearestOrAwayFromZero))
        if hundredths == 0 { return "0" }
        let magnitude = hundredths.magnitude
        var text = hundredths < 0 ? "-" : ""
        text += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return text
    }

    /// The caller's id prefix reduced to `[A-Za-z0-9_-]`, so that it is a valid, space-free
    /// HTML id; `chart` when nothing is left.
    static func identifier(_ prefix: String) -> String {
        let kept = prefix.unicodeScalars.filter { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
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
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-")
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

private extension SVG {
    /// Code points the HTML standard does not allow in a document: controls other than
    /// whitespace, and noncharacters.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7f...0x9f).contains(value) { return true }
        if (0xfdd0...0xfdef).contains(value) { return true }
        return value & 0xfffe == 0xfffe
    }
}
