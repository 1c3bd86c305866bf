/// Parsed templates that can include each other by name: a templates folder, or the template
/// and partials given to `Mustache.render`.
struct TemplateSet: Sendable {
    var templates: [Template]
    /// Template indices by name, in the order html, markdown, css.
    var byName: [String: [Int]]
    /// Whether a partial named at render time (`{{>*name}}`) that does not exist is an error.
    var unknownPartialsAreErrors: Bool

    /// Sections, partials and blocks may nest this deep while rendering; deeper is a partial that
    /// includes itself forever (a template alone nests at most `TemplateParser.maximumNesting`).
    static let maximumDepth = 100

    /// The template `name`, preferring one of `kind`, then any kind.
    func index(of name: String, preferring kind: TemplateKind?) -> Int? {
        guard let candidates = byName[name] else { return nil }
        return candidates.first { templates[$0].kind == kind } ?? candidates.first
    }

    /// Renders template `index` with `context` as the root of the context stack.
    func render(_ index: Int, context: JSONValue) throws(MustacheError) -> String {
        var renderer = Renderer(set: self, context: context)
        try renderer.render(templates[index].nodes)
        return String(decoding: renderer.output, as: UTF8.self)
    }

    /// Renders template `index` into `sink`, handing it the output each time there are
    /// `chunkSize` bytes or more: a page is never held whole, nor made into a string.
    func render(_ index: Int, context: JSONValue, into sink: ChunkSink, chunkSize: Int = 1 << 20)
        throws(MustacheError)
    {
        var renderer = Renderer(set: self, context: context)
        renderer.sink = sink
        renderer.chunkSize = chunkSize
        try renderer.render(templates[index].nodes)
        sink.take(&renderer.output)
    }
}

/// One rendering: the output buffer, the context stack, and what partials and parents in force
/// add — the indentation of a standalone partial, the blocks a child template fills.
private struct Renderer {
    let set: TemplateSet
    /// UTF-8 bytes, made into a string once at the end or handed to `sink` as they come.
    var output: [UInt8] = []
    /// Where the output goes each time there are `chunkSize` bytes or more, if anywhere.
    var sink: ChunkSink?
    var chunkSize = Int.max
    var stack: [Frame]
    /// Put before every line of template text (standalone partials, parents and blocks).
    var indentation: [UInt8] = []
    var atLineStart = true
    /// The blocks filled by the child templates being rendered, the outermost child's winning.
    var overrides: [String: Block] = [:]
    /// How deep sections, partials and blocks nest, and the innermost partial or parent tag.
    var depth = 0
    var inclusion: Inclusion?

    init(set: TemplateSet, context: JSONValue) {
        self.set = set
        stack = [Frame(context.resolved)]
        output.reserveCapacity(16 * 1024)
    }

    mutating func render(_ nodes: [Node]) throws(MustacheError) {
        // By index rather than `for node in nodes`: the switch then reads each node in place
        // instead of copying it (and retaining what it holds) first.
        for index in nodes.indices {
            switch nodes[index] {
            case .text(let text): append(text)
            case .variable(let name, let escaping): interpolate(name, escaping)
            case .section(let name, let body): try renderSection(name, body)
            case .invertedSection(let name, let body):
                if !Self.isTruthy(lookUp(name)) { try renderNested(body) }
            case .partial(let inclusion): try include(inclusion, overrides: overrides)
            case .parent(let inclusion, let own):
                // The outer child's blocks win over the ones this parent tag fills.
                try include(inclusion, overrides: own.merging(overrides) { _, outer in outer })
            case .block(let block): try renderBlock(block)
            }
            if output.count >= chunkSize, let sink { sink.take(&output) }
        }
    }
}

// Each kind of node has its own function, so that the frames of the recursion through
// `render` stay small: deep templates must fit a secondary thread's stack.
extension Renderer {
    @inline(never)
    fileprivate mutating func interpolate(_ name: Name, _ escaping: Escaping) {
        if atLineStart {
            output += indentation
            atLineStart = false
        }
        if let value = lookUp(name), let text = Self.text(of: value) { escaping.append(text, to: &output) }
    }

    @inline(never)
    fileprivate mutating func renderSection(_ name: Name, _ body: [Node]) throws(MustacheError) {
        guard let value = lookUp(name) else { return }
        switch value {
        case .null, .bool(false): break
        // A deferred object's members are made once for all the lookups inside the section.
        case .array(let elements):
            for element in elements {
                stack.append(Frame(element.resolved))
                try renderNested(body)
                stack.removeLast()
            }
        default:
            stack.append(Frame(value.resolved))
            try renderNested(body)
            stack.removeLast()
        }
    }

    @inline(never)
    fileprivate mutating func renderBlock(_ block: Block) throws(MustacheError) {
        let body = overrides[block.name]?.body ?? block.body
        guard let added = block.indentation else { return try renderNested(body) }
        let saved = indentation
        indentation += added.utf8
        atLineStart = true
        try renderNested(body)
        indentation = saved
    }
}

extension Renderer {
    fileprivate mutating func renderNested(_ body: [Node]) throws(MustacheError) {
        guard depth < TemplateSet.maximumDepth else { throw tooDeep(at: inclusion) }
        depth += 1
        try render(body)
        depth -= 1
    }

    /// Only recursion through partials gets this deep: a template alone nests less.
    fileprivate func tooDeep(at inclusion: Inclusion?) -> MustacheError {
        guard let inclusion else {
            return MustacheError(
                file: "template", reason: "sections nest more than \(TemplateSet.maximumDepth) deep")
        }
        return MustacheError(
            at: inclusion.location,
            "\(inclusion.tag) nests partials and sections more than \(TemplateSet.maximumDepth) deep; "
                + "a partial includes itself with no section that ends the recursion")
    }

    fileprivate mutating func append(_ text: Text) {
        let storage = text.storage
        if indentation.isEmpty {
            output += storage.whole
            atLineStart = storage.endsWithNewline
            return
        }
        // By index: each line is read in place rather than copied out of the list first.
        let lines = storage.lines
        for index in lines.indices {
            if atLineStart && !lines[index].isEmpty { output += indentation }
            output += lines[index].bytes
            atLineStart = lines[index].endsWithNewline
        }
    }

    @inline(never)
    fileprivate mutating func include(_ inclusion: Inclusion, overrides blocks: [String: Block])
        throws(MustacheError)
    {
        let index: Int
        switch inclusion.target {
        case .template(let found): index = found
        case .missing: return
        case .dynamic(let name, let kind):
            guard let value = lookUp(name), let templateName = Self.text(of: value) else { return }
            guard let found = set.index(of: templateName, preferring: kind) else {
                guard set.unknownPartialsAreErrors else { return }
                throw MustacheError(
                    at: inclusion.location,
                    "\(inclusion.tag) names the template \"\(templateName)\", but there is none by that name")
            }
            index = found
        }
        guard depth < TemplateSet.maximumDepth else { throw tooDeep(at: inclusion) }
        let saved = (indentation, overrides, self.inclusion)
        depth += 1
        if let added = inclusion.indentation {
            indentation += added.utf8
            atLineStart = true
        }
        overrides = blocks
        self.inclusion = inclusion
        try render(set.templates[index].nodes)
        (indentation, overrides, self.inclusion) = saved
        depth -= 1
    }

    /// The value of `name`: `.` is the top of the stack; the first key is searched from the top
    /// down, the other keys only inside what it found.
    fileprivate func lookUp(_ name: Name) -> JSONValue? {
        let keys = name.keys
        guard let first = keys.first else { return stack.last?.value }
        var found: JSONValue?
        var frame = stack.count - 1
        while frame >= 0 {
            if let value = stack[frame].member(first) {
                found = value
                break
            }
            frame -= 1
        }
        guard var value = found else { return nil }
        var index = 1
        while index < keys.count {
            guard case .object(let object) = value, let next = object[keys[index]] else {
                return nil
            }
            value = next
            index += 1
        }
        return value
    }

    /// What `{{name}}` prints: strings as they are, numbers in their shortest form (`85`, `1.21`),
    /// booleans as words, lists and objects as compact JSON; nothing for null.
    fileprivate static func text(of value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .string(let string): string
        case .number(let number): number.isFinite ? JSONValue.numberText(number) : nil
        case .bool(let bool): bool ? "true" : "false"
        case .array, .object: value.jsonText(pretty: false)
        }
    }

    /// JSON's falsy values: missing, null, false and the empty list. `0` and `""` are truthy,
    /// as the spec's tests have it.
    fileprivate static func isTruthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?, .bool(false)?: false
        case .array(let elements)?: !elements.isEmpty
        default: true
        }
    }
}

/// One frame of the context stack: a value, and the members of an object small enough to be
/// searched one by one, taken out once when the frame is pushed. A name is looked up down the
/// whole stack, millions of times a build; searching the members in place, a key's length
/// compared before its bytes, copies nothing, where the object's general subscript (which
/// handles deferred and indexed objects) copies the object and each member it passes.
private struct Frame {
    var value: JSONValue
    /// The members of a small object (`JSONObject.indexThreshold` or fewer); nil otherwise.
    var members: [(key: String, value: JSONValue)]?

    /// A frame for `value`, resolved already (frames are never deferred objects).
    init(_ value: JSONValue) {
        self.value = value
        if case .object(let object) = value, !object.isDeferred, object.count <= JSONObject.indexThreshold {
            members = object.members
        }
    }

    /// The value of `key` in this frame's object, or nil when it has none or is not an object.
    func member(_ key: String) -> JSONValue? {
        guard let members else {
            if case .object(let object) = value { return object[key] }
            return nil
        }
        let length = key.utf8.count
        return members.withUnsafeBufferPointer { members -> JSONValue? in
            for index in members.indices
            where members[index].key.utf8.count == length && members[index].key == key {
                return members[index].value
            }
            return nil
        }
    }
}
