/// Text made safe for XML 1.0 (the Word document's and the workbook's parts): the five
/// characters with a meaning in markup are escaped, and the characters XML 1.0 forbids —
/// C0 controls other than tab, line feed and carriage return, U+FFFE and U+FFFF — are dropped,
/// since no escape can carry them and a parser stops at them. Data so written is always text:
/// it never becomes markup, and never makes a part unreadable.
enum XMLText {
    /// `text` escaped for element content or an attribute value in double or single quotes.
    /// Carriage returns are written as `&#13;` (a parser turns a literal one into a line feed);
    /// in attributes tabs and line feeds are too (a parser turns literal ones into spaces).
    static func escaped(_ text: String, inAttribute: Bool = false) -> String {
        // Most data has nothing to escape: it is returned as it is.
        guard text.unicodeScalars.contains(where: { needsWork($0, inAttribute: inAttribute) }) else {
            return text
        }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            case "\n" where inAttribute: result += "&#10;"
            case "\t" where inAttribute: result += "&#9;"
            default: if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Whether XML 1.0 allows `scalar` in a document (production 2, `Char`). Surrogates cannot
    /// occur in a Swift string, so only the C0 controls and U+FFFE/U+FFFF are left out.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` without the characters XML 1.0 forbids, nothing escaped (for measuring and
    /// comparing what a reader will see).
    static func allowed(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return result
    }

    private static func needsWork(_ scalar: Unicode.Scalar, inAttribute: Bool) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'", "\r": true
        case "\n", "\t": inAttribute
        default: !isAllowed(scalar)
        }
    }
}

extension ByteStream {
    /// Appends `text` escaped as element content: the same text as `XMLText.escaped(text)`,
    /// worked out on the UTF-8 bytes, since a national document escapes millions of cells.
    /// Runs with nothing to escape are copied as they are.
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let replacement: StaticString
                var length = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&apos;"
                case 0x0D: replacement = "&#13;"
                case 0x09, 0x0A:
                    index += 1
                    continue
                case 0..<0x20: replacement = ""  // forbidden C0 control: dropped
                case 0xEF
                where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                    replacement = ""  // U+FFFE or U+FFFF: dropped
                    length = 3
                default:
                    index += 1
                    continue
                }
                if start < index { append(bytes: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                replacement.withUTF8Buffer { append(bytes: $0) }
                index += length
                start = index
            }
            if start < bytes.count {
                append(bytes: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            }
        }
    }
}
