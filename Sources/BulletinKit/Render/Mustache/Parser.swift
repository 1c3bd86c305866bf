/// Turns a template's text into its tree of nodes, once, when the templates are loaded:
/// tokens, then the standalone-line rules, then sections matched to their closing tags.
/// A template that cannot be read is an error naming the tag at fault and where it is.
struct TemplateParser {
    /// The file, for messages; the kind, for the escaping of `{{name}}`.
    var file: String
    var kind: TemplateKind
    /// The template a partial or parent name refers to, or nil when there is none.
    var resolve: (String) -> Int?
    /// Whether an unknown partial is an error (a template folder) or renders as nothing (the spec).
    var unknownPartialsAreErrors: Bool

    /// Deeper nesting of sections than this is surely a mistake; rendering recurses as deep, and
    /// partials add to it (`TemplateSet.maximumDepth`).
    static let maximumNesting = 50

    func parse(_ source: String) throws(MustacheError) -> [Node] {
        var bytes = Array(source.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var scanner = TemplateScanner(bytes: bytes, file: file)
        var tokens = try scanner.tokens()
        StandaloneLines.apply(to: &tokens, in: bytes)
        var builder = TreeBuilder(parser: self, bytes: bytes)
        for token in tokens { try builder.add(token) }
        return try builder.finish()
    }
}

/// Builds the tree from the tokens with a stack of open sections.
private struct TreeBuilder {
    struct Frame {
        var opening: Token?
        var nodes: [Node] = []
        /// How much leading whitespace to take off each line of text in this frame: the shared
        /// indentation of the innermost standalone block's contents.
        var strip: Int
    }

    let parser: TemplateParser
    let bytes: [UInt8]
    var frames = [Frame(opening: nil, strip: 0)]

    init(parser: TemplateParser, bytes: [UInt8]) {
        self.parser = parser
        self.bytes = bytes
    }

    mutating func add(_ token: Token) throws(MustacheError) {
        switch token.kind {
        case .text: addText(token)
        case .comment, .delimiters: break
        case .variable: append(.variable(try name(of: token), parser.kind.escaping))
        case .unescapedVariable: append(.variable(try name(of: token), .none))
        case .partial: append(.partial(try inclusion(token)))
        case .section, .invertedSection, .parent, .block: try open(token)
        case .close: try close(token)
        }
    }

    mutating func finish() throws(MustacheError) -> [Node] {
        if let opening = frames.last?.opening {
            throw MustacheError(
                at: opening.location,
                "\(written(opening)) is never closed; expected \(closingTag(for: opening)) before the end of the template"
            )
        }
        return frames[0].nodes
    }
}

extension TreeBuilder {
    fileprivate var strip: Int { frames[frames.count - 1].strip }

    fileprivate mutating func append(_ node: Node) {
        frames[frames.count - 1].nodes.append(node)
    }

    fileprivate mutating func addText(_ token: Token) {
        guard !token.isDropped else { return }
        var start = token.range.lowerBound
        let startsLine = start == 0 || bytes[start - 1] == UInt8(ascii: "\n")
        if startsLine {
            let limit = min(token.range.upperBound, start + strip)
            while start < limit, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") {
                start += 1
            }
        }
        guard start < token.range.upperBound else { return }
        let text = bytes[start..<token.range.upperBound]
        let last = frames[frames.count - 1].nodes.count - 1
        if last >= 0, case .text(var previous) = frames[frames.count - 1].nodes[last] {
            previous.append(text)
            frames[frames.count - 1].nodes[last] = .text(previous)
        } else {
            append(.text(Text(text)))
        }
    }

    fileprivate mutating func open(_ token: Token) throws(MustacheError) {
        guard frames.count <= TemplateParser.maximumNesting else {
            throw MustacheError(
                at: token.location,
                "\(written(token)) nests sections more than \(TemplateParser.maximumNesting) deep; close some first"
            )
        }
        switch token.kind {
        case .section, .invertedSection: _ = try name(of: token)
        case .parent: _ = try inclusion(token)
        default: try checkSingleName(token)
        }
        var strip = self.strip
        if token.kind == .block, let shared = token.contentIndentation {
            strip = max(strip, shared.utf8.count)
        }
        frames.append(Frame(opening: token, strip: strip))
    }

    fileprivate mutating func close(_ token: Token) throws(MustacheError) {
        guard let opening = frames.last?.opening else {
            throw MustacheError(
                at: token.location,
                "\(written(token)) closes a section, but no section is open; remove it, or open the section before it"
            )
        }
        guard opening.name == token.name else {
            throw MustacheError(
                at: token.location,
                "\(written(token)) closes a section, but the open section is \(written(opening)) "
                    + "(opened at \(opening.location.lineAndColumn)); close it first with \(closingTag(for: opening))"
            )
        }
        let body = frames.removeLast().nodes
        switch opening.kind {
        case .section: append(.section(try name(of: opening), body))
        case .invertedSection: append(.invertedSection(try name(of: opening), body))
        case .parent:
            var overrides: [String: Block] = [:]
            for case .block(let block) in body { overrides[block.name] = block }
            append(.parent(try inclusion(opening), overrides: overrides))
        default:
            if frames.last?.opening?.kind == .parent,
                frames[frames.count - 1].nodes.contains(where: {
                    if case .block(let block) = $0 { block.name == opening.name } else { false }
                })
            {
                throw MustacheError(
                    at: opening.location,
                    "\(written(opening)) fills the block \(opening.name) a second time in this parent; keep one"
                )
            }
            var indentation: String?
            if opening.isStandalone {
                let shared = opening.contentIndentation ?? ""
                indentation = relative(shared.isEmpty ? opening.indentation : shared)
            }
            append(.block(Block(name: opening.name, body: body, indentation: indentation)))
        }
    }

    /// A partial or parent tag with the template it names.
    fileprivate func inclusion(_ token: Token) throws(MustacheError) -> Inclusion {
        let target: Inclusion.Target
        if token.name.hasPrefix("*") {
            var dynamic = token
            dynamic.name = String(token.name.dropFirst().drop { $0 == " " || $0 == "\t" })
            target = .dynamic(try name(of: dynamic), preferring: parser.kind)
        } else {
            try checkSingleName(token)
            if let index = parser.resolve(token.name) {
                target = .template(index)
            } else if parser.unknownPartialsAreErrors {
                let verb = token.kind == .parent ? "extends" : "includes"
                throw MustacheError(
                    at: token.location,
                    "\(written(token)) \(verb) \"\(token.name)\", but there is no template by that name; "
                        + "add \(token.name).html (or .md, .css) to the templates folder, or correct the name"
                )
            } else {
                target = .missing
            }
        }
        return Inclusion(
            target: target, indentation: token.isStandalone ? relative(token.indentation) : nil,
            tag: written(token), location: token.location)
    }

    /// A name looked up in the context: `.` or keys joined by single dots.
    fileprivate func name(of token: Token) throws(MustacheError) -> Name {
        try checkSingleName(token)
        if token.name == "." { return Name(keys: []) }
        let keys = token.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keys.contains(where: \.isEmpty) else {
            throw MustacheError(
                at: token.location,
                "\(written(token)) is not a name; write keys joined by single dots, as in a.b")
        }
        return Name(keys: keys)
    }

    /// Names are one word: no spaces inside, not empty.
    fileprivate func checkSingleName(_ token: Token) throws(MustacheError) {
        if token.name.isEmpty {
            throw MustacheError(
                at: token.location, "\(written(token)) has no name; write the key between the delimiters")
        }
        if token.name.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
            throw MustacheError(
                at: token.location,
                "\(written(token)) has a space inside its name; a name is one key or dotted keys")
        }
    }

    /// A standalone tag's indentation within the frame, less the indentation its text loses.
    fileprivate func relative(_ indentation: String) -> String {
        String(indentation.utf8.dropFirst(min(strip, indentation.utf8.count))) ?? indentation
    }

    fileprivate func written(_ token: Token) -> String {
        String(decoding: bytes[token.range], as: UTF8.self)
    }

    fileprivate func closingTag(for opening: Token) -> String {
        "\(opening.delimiters.opening)/\(opening.name)\(opening.delimiters.closing)"
    }
}
