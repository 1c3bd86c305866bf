/// The spec's whitespace rule: a line holding nothing but whitespace and one tag that prints
/// nothing (section, inverted section, closing, comment, delimiters, partial, parent, block) is
/// removed whole, line break included, so that templates can be laid out on their own lines.
/// The inheritance module adds pairs that count as one tag: `{{<parent}}{{/parent}}`,
/// `{{<parent}}{{$block}}`, `{{/block}}{{/parent}}`, and `{{$block}}{{/block}}`, which keeps its
/// line break. A removed line's leading whitespace becomes the tag's indentation.
enum StandaloneLines {
    /// Marks standalone tags and drops the whitespace of their lines, and works out the shared
    /// indentation of every standalone block's contents.
    static func apply(to tokens: inout [Token], in bytes: [UInt8]) {
        var open: [(token: Int, contentStart: Int)] = []
        var lineStart = 0
        for index in tokens.indices {
            let token = tokens[index]
            let endsLine = token.kind == .text && bytes[token.range.upperBound - 1] == UInt8(ascii: "\n")
            guard endsLine || index == tokens.count - 1 else { continue }
            markLine(lineStart...index, in: &tokens, bytes: bytes, open: &open)
            lineStart = index + 1
        }
    }
}

extension StandaloneLines {
    fileprivate static func markLine(
        _ line: ClosedRange<Int>, in tokens: inout [Token], bytes: [UInt8],
        open: inout [(token: Int, contentStart: Int)]
    ) {
        let tags = line.filter { tokens[$0].kind != .text }
        let isBlank = line.allSatisfy { tokens[$0].kind != .text || isBlankText(tokens[$0].range, in: bytes) }
        var standalone: [Int] = []
        var keepsLineBreak = false
        if isBlank, let first = tags.first {
            let a = tokens[first]
            if tags.count == 1, a.kind != .variable, a.kind != .unescapedVariable {
                standalone = tags
            } else if tags.count == 2, tags[1] == first + 1 {
                let b = tokens[first + 1]
                switch (a.kind, b.kind) {
                case (.parent, .close) where a.name == b.name: standalone = tags
                case (.block, .close) where a.name == b.name:
                    standalone = tags
                    keepsLineBreak = true
                case (.parent, .block): standalone = tags
                case (.close, .close):
                    if open.count >= 2,
                        case (let block, let parent) = (
                            tokens[open[open.count - 1].token], tokens[open[open.count - 2].token]
                        ),
                        block.kind == .block, block.name == a.name, parent.kind == .parent,
                        parent.name == b.name
                    {
                        standalone = tags
                    }
                default: break
                }
            }
        }
        if let first = standalone.first {
            if tokens[line.lowerBound].kind == .text, line.lowerBound < first {
                tokens[first].indentation = String(
                    decoding: bytes[tokens[line.lowerBound].range], as: UTF8.self)
            }
            for tag in standalone { tokens[tag].isStandalone = true }
            for index in line where tokens[index].kind == .text { tokens[index].isDropped = true }
            if keepsLineBreak, tokens[line.upperBound].kind == .text, line.upperBound > first {
                let range = tokens[line.upperBound].range
                var lineBreakStart = range.upperBound - 1
                if lineBreakStart > range.lowerBound, bytes[lineBreakStart - 1] == UInt8(ascii: "\r") {
                    lineBreakStart -= 1
                }
                tokens[line.upperBound].range = lineBreakStart..<range.upperBound
                tokens[line.upperBound].isDropped = false
            }
        }

        let lineBegin = tokens[line.lowerBound].range.lowerBound
        let lineEnd = tokens[line.upperBound].range.upperBound
        for tag in tags {
            let token = tokens[tag]
            if token.opensSection {
                open.append((tag, token.isStandalone ? lineEnd : token.range.upperBound))
            } else if token.kind == .close, let top = open.last, tokens[top.token].name == token.name {
                open.removeLast()
                guard tokens[top.token].kind == .block, tokens[top.token].isStandalone else { continue }
                let contentEnd = token.isStandalone ? lineBegin : token.range.lowerBound
                tokens[top.token].contentIndentation = commonIndentation(
                    of: top.contentStart..<max(top.contentStart, contentEnd), in: bytes)
            }
        }
    }

    /// Spaces and tabs, and then at most a line break.
    fileprivate static func isBlankText(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
        var end = range.upperBound
        if end > range.lowerBound, bytes[end - 1] == UInt8(ascii: "\n") {
            end -= 1
            if end > range.lowerBound, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        }
        return bytes[range.lowerBound..<end].allSatisfy(isIndentation)
    }

    /// The leading whitespace every line with text in `range` starts with, or nil without such a line.
    fileprivate static func commonIndentation(of range: Range<Int>, in bytes: [UInt8]) -> String? {
        var common: ArraySlice<UInt8>?
        var index = range.lowerBound
        while index < range.upperBound {
            let start = index
            while index < range.upperBound, isIndentation(bytes[index]) { index += 1 }
            if index < range.upperBound, bytes[index] != UInt8(ascii: "\n"),
                bytes[index] != UInt8(ascii: "\r")
            {
                let indentation = bytes[start..<index]
                if let shared = common {
                    common = shared.prefix(zip(shared, indentation).prefix { $0 == $1 }.count)
                } else {
                    common = indentation
                }
            }
            while index < range.upperBound, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            index += 1
        }
        return common.map { String(decoding: $0, as: UTF8.self) }
    }

    fileprivate static func isIndentation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
