/// A template cut into text and tags, before the standalone-line rules and the tree. Text is
/// cut at line breaks, so that a line is the run of tokens up to a text ending in `\n`.
struct Token {
    enum Kind: Equatable {
        case text
        case variable
        case unescapedVariable
        case section
        case invertedSection
        case close
        case comment
        case delimiters
        case partial
        case parent
        case block
    }

    var kind: Kind
    /// The bytes of the text, or of the whole tag with its delimiters.
    var range: Range<Int>
    /// The tag's content without its sigil and padding (`units`, `a.b`, `*name`).
    var name = ""
    var location: Location
    /// The delimiters in force for a tag, to write the matching closing tag in messages.
    var delimiters = (opening: "{{", closing: "}}")

    // Set by the standalone-line rules.

    /// A text that is only the whitespace of a standalone line, dropped from the output.
    var isDropped = false
    /// The tag stands alone on its line, which is removed from the output.
    var isStandalone = false
    /// The whitespace before a standalone tag on its line.
    var indentation = ""
    /// For an opening block tag that stands alone: the indentation its contents share, or nil
    /// when they have no line with text.
    var contentIndentation: String?

    /// Opening tags: sections, inverted sections, parents and blocks, closed by `{{/name}}`.
    var opensSection: Bool {
        kind == .section || kind == .invertedSection || kind == .parent || kind == .block
    }
}

/// Cuts a template into tokens, following `{{=<% %>=}}` delimiter changes as it goes. An `inout`
/// cursor over the template's bytes.
struct TemplateScanner {
    let bytes: [UInt8]
    let file: String
    private var position = 0
    private var opening: [UInt8] = Array("{{".utf8)
    private var closing: [UInt8] = Array("}}".utf8)
    private var delimiterTexts = (opening: "{{", closing: "}}")
    private var tracked = (offset: 0, line: 1, column: 1)

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Every token of the template, in order.
    mutating func tokens() throws(MustacheError) -> [Token] {
        var tokens: [Token] = []
        while position < bytes.count {
            let tagStart = find(opening, from: position) ?? bytes.count
            appendText(position..<tagStart, to: &tokens)
            guard tagStart < bytes.count else { break }
            tokens.append(try tag(at: tagStart))
        }
        return tokens
    }

    /// The line and column of a byte offset; offsets are asked for in increasing order.
    mutating func location(of offset: Int) -> Location {
        if offset < tracked.offset { tracked = (0, 1, 1) }
        while tracked.offset < offset {
            let byte = bytes[tracked.offset]
            if byte == UInt8(ascii: "\n") {
                tracked.line += 1
                tracked.column = 1
            } else if byte & 0xC0 != 0x80 {
                tracked.column += 1
            }
            tracked.offset += 1
        }
        return Location(file: file, line: tracked.line, column: tracked.column)
    }
}

extension TemplateScanner {
    fileprivate mutating func appendText(_ range: Range<Int>, to tokens: inout [Token]) {
        var start = range.lowerBound
        var index = start
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "\n") {
                tokens.append(Token(kind: .text, range: start..<index + 1, location: location(of: start)))
                start = index + 1
            }
            index += 1
        }
        if start < range.upperBound {
            tokens.append(Token(kind: .text, range: start..<range.upperBound, location: location(of: start)))
        }
    }

    fileprivate mutating func tag(at start: Int) throws(MustacheError) -> Token {
        let location = location(of: start)
        var contentStart = start + opening.count
        while contentStart < bytes.count, Self.isPadding(bytes[contentStart]) { contentStart += 1 }
        let sigil = contentStart < bytes.count ? bytes[contentStart] : 0
        let kind: Token.Kind
        var end = closing
        switch sigil {
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .invertedSection
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "&"): kind = .unescapedVariable
        case UInt8(ascii: "{"):
            kind = .unescapedVariable
            end = Array("}".utf8) + closing
        case UInt8(ascii: "="):
            kind = .delimiters
            end = Array("=".utf8) + closing
        default: kind = .variable
        }
        if kind != .variable { contentStart += 1 }
        let expected = String(decoding: end, as: UTF8.self)
        guard let contentEnd = find(end, from: contentStart) else {
            throw MustacheError(at: location, "\(excerpt(from: start)) is never closed; expected \(expected)")
        }
        let content = bytes[contentStart..<contentEnd]
        if kind != .comment, content.contains(UInt8(ascii: "\n")) {
            throw MustacheError(
                at: location, "\(excerpt(from: start)) is not closed on its line; expected \(expected)")
        }
        position = contentEnd + end.count
        var token = Token(kind: kind, range: start..<position, location: location)
        token.delimiters = delimiterTexts
        token.name = String(decoding: trimmed(content), as: UTF8.self)
        if kind == .delimiters { try setDelimiters(token) }
        return token
    }

    /// `{{=<% %>=}}`: two delimiters separated by whitespace, neither holding `=` or whitespace.
    fileprivate mutating func setDelimiters(_ token: Token) throws(MustacheError) {
        let parts = token.name.utf8.split(whereSeparator: Self.isPadding)
        guard parts.count == 2, parts.allSatisfy({ !$0.contains(UInt8(ascii: "=")) }) else {
            let written = String(decoding: bytes[token.range], as: UTF8.self)
            throw MustacheError(
                at: token.location,
                "\(written) does not set delimiters; write two delimiters without spaces or =, as in {{=<% %>=}}"
            )
        }
        opening = Array(parts[0])
        closing = Array(parts[1])
        delimiterTexts = (String(decoding: opening, as: UTF8.self), String(decoding: closing, as: UTF8.self))
    }

    fileprivate func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// The start of an unclosed tag as written: the rest of its line, at most 24 characters.
    fileprivate func excerpt(from start: Int) -> String {
        var end = start
        var characters = 0
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") {
            if bytes[end] & 0xC0 != 0x80 {
                if characters == 24 { break }
                characters += 1
            }
            end += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    fileprivate func trimmed(_ content: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = content
        while let first = slice.first, Self.isPadding(first) { slice.removeFirst() }
        while let last = slice.last, Self.isPadding(last) { slice.removeLast() }
        return slice
    }

    /// Space, tab, and the line breaks: what may pad a tag's content.
    fileprivate static func isPadding(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
