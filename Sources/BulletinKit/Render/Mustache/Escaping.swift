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

    /// Appends `value`, escaped, to the UTF-8 bytes `output`.
    func append(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            switch self {
            case .none: output.append(contentsOf: bytes)
            case .html: Self.appendHTML(bytes, to: &output)
            case .markdown: Self.appendMarkdown(bytes, to: &output)
            }
        }
    }

    /// `value` escaped, as a string.
    func escape(_ value: String) -> String {
        var output: [UInt8] = []
        append(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

extension Escaping {
    fileprivate static let ampersand = Array("&amp;".utf8)
    fileprivate static let lessThan = Array("&lt;".utf8)
    fileprivate static let greaterThan = Array("&gt;".utf8)
    fileprivate static let quote = Array("&quot;".utf8)
    fileprivate static let apostrophe = Array("&#39;".utf8)
    fileprivate static let lineBreak = Array("<br>".utf8)
    fileprivate static let backslash = UInt8(ascii: "\\")

    /// Copies runs of ordinary bytes whole; every byte escaped is ASCII, so runs end on
    /// character boundaries.
    fileprivate static func appendHTML(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            let replacement: [UInt8]
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = ampersand
            case UInt8(ascii: "<"): replacement = lessThan
            case UInt8(ascii: ">"): replacement = greaterThan
            case UInt8(ascii: "\""): replacement = quote
            case UInt8(ascii: "'"): replacement = apostrophe
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            output.append(contentsOf: replacement)
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    fileprivate static func appendMarkdown(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var index = 0
        var atLineStart = true
        // The position of a `.` or `)` that would end an ordered-list number.
        var listDelimiter = -1
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                atLineStart = false
                listDelimiter = listDelimiterPosition(in: bytes, from: index)
                if isBlockMarker(bytes, at: index) { output.append(backslash) }
            }
            switch byte {
            case UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                UInt8(ascii: "`"),
                UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "]"):
                output.append(backslash)
                output.append(byte)
            case UInt8(ascii: "<"): output += lessThan
            case UInt8(ascii: ">"): output += greaterThan
            case UInt8(ascii: "&"): output += ampersand
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n")
                {
                    index += 1
                }
                output += lineBreak
                atLineStart = true
            case UInt8(ascii: ":") where startsDoubleSlash(bytes, at: index + 1):
                // `http://…` in data would become a link (GFM autolinks); `http\://` stays text.
                output.append(backslash)
                output.append(byte)
            case UInt8(ascii: ".") where followsWWW(bytes, at: index):
                output.append(backslash)
                output.append(byte)
            default:
                if index == listDelimiter { output.append(backslash) }
                output.append(byte)
            }
            index += 1
        }
    }

    /// Whether `//` starts at `index`.
    fileprivate static func startsDoubleSlash(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index] == UInt8(ascii: "/") && bytes[index + 1] == UInt8(ascii: "/")
    }

    /// Whether the `.` at `index` ends a `www` (any case) that starts a word: GFM's other autolink.
    fileprivate static func followsWWW(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 3 else { return false }
        for offset in 1...3 where bytes[index - offset] | 0x20 != UInt8(ascii: "w") { return false }
        guard index >= 4 else { return true }
        let before = bytes[index - 4]
        let isWordByte = before >= 0x80 || (before | 0x20 >= UInt8(ascii: "a") && before | 0x20 <= UInt8(ascii: "z"))
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(before)
        return !isWordByte
    }

    /// A `#`, `=`, or a `-`/`+` not followed by a digit: what could open a heading, a rule, a
    /// setext underline or a bullet list at the start of a line.
    fileprivate static func isBlockMarker(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
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
    fileprivate static func listDelimiterPosition(in bytes: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Int
    {
        var index = start
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            index += 1
        }
        let digits = index - start
        guard (1...9).contains(digits), index < bytes.count,
            bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")")
        else { return -1 }
        let next = index + 1 < bytes.count ? bytes[index + 1] : UInt8(ascii: " ")
        let endsMarker = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")]
            .contains(next)
        return endsMarker ? index : -1
    }
}
