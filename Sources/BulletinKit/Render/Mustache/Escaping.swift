/// How a value printed by `{{name}}` is made inert in the output, chosen by the template's kind.
enum Escaping: Sendable {
    /// Copied as it is: `{{{name}}}`, `{{& name}}`, and every value in a stylesheet.
    case none
    /// HTML text and attribute values: `& < > " '` become `&amp; &lt; &gt; &quot; &#39;`.
    case html
    /// GitHub-flavoured Markdown, so that data always stays plain text, also inside a table row:
    /// - `| \ * _ ` ~ [ ]` get a backslash; `< > &` become `&lt; &gt; &amp;`;
    /// - a line break (CR, LF or CRLF) becomes `<br>`, so a table row never breaks;
    /// - at the start of the value and after a line break, a `#`, `=`, or a `-`/`+` that does
    ///   not begin a signed number (`-3.2` stays readable) gets a backslash, and so does the
    ///   `.` or `)` after leading digits when a space or the end follows (`1. item`, but not
    ///   `87.5%`), so data never becomes a heading, a rule or a list.
    /// Text in the middle of a value (`2020-10-15`) is left alone, to stay readable in chat.
    case markdown

    /// Appends `value`, escaped, to `output`.
    func append(_ value: String, to output: inout String) {
        switch self {
        case .none: output += value
        case .html: Self.appendHTML(value, to: &output)
        case .markdown: Self.appendMarkdown(value, to: &output)
        }
    }
}

private extension Escaping {
    static func appendHTML(_ value: String, to output: inout String) {
        let utf8 = value.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index < utf8.endIndex {
            let replacement: String
            switch utf8[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default:
                utf8.formIndex(after: &index)
                continue
            }
            // Every byte escaped is ASCII, so the run ends on a character boundary.
            output += value[runStart..<index]
            output += replacement
            utf8.formIndex(after: &index)
            runStart = index
        }
        if runStart == utf8.startIndex {
            output += value
        } else {
            output += value[runStart..<utf8.endIndex]
        }
    }

    static func appendMarkdown(_ value: String, to output: inout String) {
        let bytes = Array(value.utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 8)
        var index = 0
        var atLineStart = true
        // The position of a `.` or `)` that would end an ordered-list number.
        var listDelimiter = -1
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                atLineStart = false
                listDelimiter = listDelimiterPosition(in: bytes, from: index)
                if isBlockMarker(bytes, at: index) { escaped.append(UInt8(ascii: "\\")) }
            }
            switch byte {
            case UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"),
                UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "]"):
                escaped.append(UInt8(ascii: "\\"))
                escaped.append(byte)
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                escaped.append(contentsOf: "<br>".utf8)
                atLineStart = true
            default:
                if index == listDelimiter { escaped.append(UInt8(ascii: "\\")) }
                escaped.append(byte)
            }
            index += 1
        }
        output += String(decoding: escaped, as: UTF8.self)
    }

    /// A `#`, `=`, or a `-`/`+` not followed by a digit: what could open a heading, a rule, a
    /// setext underline or a bullet list at the start of a line.
    static func isBlockMarker(_ bytes: [UInt8], at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "#"), UInt8(ascii: "="): return true
        case UInt8(ascii: "-"), UInt8(ascii: "+"):
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            return !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next)
        default: return false
        }
    }

    /// After 1–9 digits, the position of a `.` or `)` followed by a space, a tab, a line break or
    /// the end (an ordered-list marker), or -1.
    static func listDelimiterPosition(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        let digits = index - start
        guard (1...9).contains(digits), index < bytes.count,
            bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")")
        else { return -1 }
        let next = index + 1 < bytes.count ? bytes[index + 1] : UInt8(ascii: " ")
        let endsMarker = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(next)
        return endsMarker ? index : -1
    }
}
