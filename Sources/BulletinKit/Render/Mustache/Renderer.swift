/// Parsed templates that can include each other by name: a templates folder, or the template
/// and partials given to `Mustache.render`.
struct TemplateSet: Sendable {
    let templates: [Template]
    /// Template indices by name, in the order html, markdown, css.
    let byName: [String: [Int]]
    /// Whether a partial named at render time (`{{>*name}}`) that does not exist is an error.
    let unknownPartialsAreErrors: Bool
    /// The templates laid out for rendering.
    let program: Program

    init(templates: [Template], byName: [String: [Int]], unknownPartialsAreErrors: Bool) {
        self.templates = templates
        self.byName = byName
        self.unknownPartialsAreErrors = unknownPartialsAreErrors
        program = Program(templates)
    }

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
        try renderer.render(program.bodies[index])
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
        try renderer.render(program.bodies[index])
        sink.take(&renderer.output)
    }
}

/// One rendering: the output buffer, the context stack, and what partials and parents in force
/// add — the indentation of a standalone partial, the blocks a child template fills.
private struct Renderer {
    let set: TemplateSet
    let program: Program
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
    var overrides: [String: Program.CompiledBlock] = [:]
    /// How deep sections, partials and blocks nest, and the innermost partial or parent tag.
    var depth = 0
    var inclusion: Int32?

    init(set: TemplateSet, context: JSONValue) {
        self.set = set
        program = set.program
        stack = [Frame(context.resolved)]
        output.reserveCapacity(16 * 1024)
    }

    /// Renders the operations in `range` (a template, or a body within one).
    mutating func render(_ range: Range<Int>) throws(MustacheError) {
        var position = range.lowerBound
        while position < range.upperBound {
            // An operation holds only numbers: reading it copies and retains nothing.
            switch program.operations[position] {
            case .text(let text):
                append(text)
                position += 1
            case .variable(let name, let escaping):
                interpolate(name, escaping)
                position += 1
            case .section(let name, let end):
                try renderSection(name, position + 1..<Int(end))
                position = Int(end)
            case .invertedSection(let name, let end):
                if !Self.isTruthy(lookUp(name)) { try renderNested(position + 1..<Int(end)) }
                position = Int(end)
            case .partial(let inclusion):
                try include(inclusion, overrides: overrides)
                position += 1
            case .parent(let inclusion, let own, let end):
                // The outer child's blocks win over the ones this parent tag fills.
                try include(
                    inclusion, overrides: program.overrides[Int(own)].merging(overrides) { _, outer in outer }
                )
                position = Int(end)
            case .block(let block, let end):
                try renderBlock(program.blocks[Int(block)])
                position = Int(end)
            }
            if output.count >= chunkSize, let sink { sink.take(&output) }
        }
    }
}

// Each kind of operation has its own function, so that the frames of the recursion through
// `render` stay small: deep templates must fit a secondary thread's stack.
extension Renderer {
    @inline(never)
    fileprivate mutating func interpolate(_ name: Int32, _ escaping: Escaping) {
        if atLineStart {
            output += indentation
            atLineStart = false
        }
        if let value = lookUp(name), let text = Self.text(of: value) { escaping.append(text, to: &output) }
    }

    @inline(never)
    fileprivate mutating func renderSection(_ name: Int32, _ body: Range<Int>) throws(MustacheError) {
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
    fileprivate mutating func renderBlock(_ block: Program.CompiledBlock) throws(MustacheError) {
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
    fileprivate mutating func renderNested(_ body: Range<Int>) throws(MustacheError) {
        guard depth < TemplateSet.maximumDepth else { throw tooDeep(at: inclusion) }
        depth += 1
        try render(body)
        depth -= 1
    }

    /// Only recursion through partials gets this deep: a template alone nests less.
    fileprivate func tooDeep(at inclusion: Int32?) -> MustacheError {
        guard let inclusion else {
            return MustacheError(
                file: "template", reason: "sections nest more than \(TemplateSet.maximumDepth) deep")
        }
        let tag = program.inclusions[Int(inclusion)]
        return MustacheError(
            at: tag.location,
            "\(tag.tag) nests partials and sections more than \(TemplateSet.maximumDepth) deep; "
                + "a partial includes itself with no section that ends the recursion")
    }

    /// Appends template text straight from the program's pool.
    fileprivate mutating func append(_ text: Int32) {
        let piece = program.texts[Int(text)]
        let bytes = program.bytes
        if indentation.isEmpty {
            output.append(contentsOf: UnsafeBufferPointer(start: bytes + piece.start, count: piece.count))
            atLineStart = piece.endsWithNewline
            return
        }
        for index in piece.lines {
            let line = program.lines[index]
            if atLineStart && !line.isEmpty { output += indentation }
            output.append(contentsOf: UnsafeBufferPointer(start: bytes + line.start, count: line.count))
            atLineStart = line.endsWithNewline
        }
    }

    @inline(never)
    fileprivate mutating func include(_ inclusion: Int32, overrides blocks: [String: Program.CompiledBlock])
        throws(MustacheError)
    {
        let tag = program.inclusions[Int(inclusion)]
        let index: Int
        switch tag.target {
        case .template(let found): index = found
        case .missing: return
        case .dynamic(let name, let kind):
            guard let value = lookUp(name), let templateName = Self.text(of: value) else { return }
            guard let found = set.index(of: templateName, preferring: kind) else {
                guard set.unknownPartialsAreErrors else { return }
                throw MustacheError(
                    at: tag.location,
                    "\(tag.tag) names the template \"\(templateName)\", but there is none by that name")
            }
            index = found
        }
        guard depth < TemplateSet.maximumDepth else { throw tooDeep(at: inclusion) }
        let saved = (indentation, overrides, self.inclusion)
        depth += 1
        if let added = tag.indentation {
            indentation += added.utf8
            atLineStart = true
        }
        overrides = blocks
        self.inclusion = inclusion
        try render(program.bodies[index])
        (indentation, overrides, self.inclusion) = saved
        depth -= 1
    }

    /// The value of `name`: `.` is the top of the stack; the first key is searched from the top
    /// down, the other keys only inside what it found.
    fileprivate func lookUp(_ name: Int32) -> JSONValue? {
        // The keys are read where they lie in the program: no list of them is copied out.
        let keys = program.nameKeys[Int(name)]
        guard !keys.isEmpty else { return stack.last?.value }
        var found: JSONValue?
        var frame = stack.count - 1
        while frame >= 0 {
            if let value = stack[frame].member(program.keys[keys.lowerBound]) {
                found = value
                break
            }
            frame -= 1
        }
        guard var value = found else { return nil }
        var index = keys.lowerBound + 1
        while index < keys.upperBound {
            guard case .object(let object) = value, let next = object[program.keys[index]] else {
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
    /// The members of a small object (`JSONObject.indexThreshold` or fewer) whose members are all
    /// made already; nil otherwise (a computed object makes a member when it is looked up).
    var members: [(key: String, value: JSONValue)]?

    /// A frame for `value`, resolved already (frames are never deferred objects).
    init(_ value: JSONValue) {
        self.value = value
        if case .object(let object) = value, !object.isDeferred, !object.isComputed,
            object.count <= JSONObject.indexThreshold
        {
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
