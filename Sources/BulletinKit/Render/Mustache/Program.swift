/// A template set's trees of nodes laid out flat for rendering: one list of operations for every
/// template, whose payloads are plain numbers, beside tables of what they refer to — text as
/// bytes in one pool, names, inclusions, blocks. A section's body is the operations that follow
/// it, up to the end it names.
///
/// Rendering reads each operation in place: an operation holds no reference, so reading one
/// retains nothing, where reading a tree node copied its text, name or body out (and retained
/// and released each) — a national build renders some ten million tags. The trees stay what the
/// parser makes and the tests read; this is made from them once, when the set is made.
final class Program: @unchecked Sendable {
    /// One step of a template. Bodies (a section's, a block's default, a parent's fillings)
    /// follow their operation and end before `end`.
    enum Operation {
        case text(Int32)
        case variable(name: Int32, Escaping)
        case section(name: Int32, end: Int32)
        case invertedSection(name: Int32, end: Int32)
        case partial(inclusion: Int32)
        /// The fillings (`overrides`) are compiled after it, up to `end`.
        case parent(inclusion: Int32, overrides: Int32, end: Int32)
        case block(Int32, end: Int32)
    }

    /// A piece of template text in `bytes`, and its lines in `lines` (for indented rendering).
    struct TextPiece {
        var start: Int
        var count: Int
        var endsWithNewline: Bool
        var lines: Range<Int>
    }

    struct Line {
        var start: Int
        var count: Int
        /// A line with nothing but its line break gets no indentation.
        var isEmpty: Bool
        var endsWithNewline: Bool
    }

    /// A block: its name, its body (the default, or a child's filling) and its indentation.
    struct CompiledBlock {
        var name: String
        var body: Range<Int>
        var indentation: String?
    }

    struct CompiledInclusion {
        enum Target {
            case template(Int)
            case missing
            case dynamic(name: Int32, preferring: TemplateKind)
        }

        var target: Target
        var indentation: String?
        var tag: String
        var location: Location
    }

    // Constants once made: a class's `var` would be checked for exclusive access on every read.
    let operations: [Operation]
    /// Each template's operations.
    let bodies: [Range<Int>]
    let texts: [TextPiece]
    let lines: [Line]
    /// Every name's keys, as a range of `keys`; empty for `.`.
    let nameKeys: [Range<Int>]
    let keys: [String]
    let inclusions: [CompiledInclusion]
    let blocks: [CompiledBlock]
    let overrides: [[String: CompiledBlock]]
    /// The text pool, never changed once made: read through a pointer, with no copy.
    let bytes: UnsafeMutablePointer<UInt8>

    init(_ templates: [Template]) {
        var compiler = Compiler()
        let bodies = templates.map { compiler.compile($0.nodes) }
        self.bodies = bodies
        operations = compiler.operations
        texts = compiler.texts
        lines = compiler.lines
        nameKeys = compiler.nameKeys
        keys = compiler.keys
        inclusions = compiler.inclusions
        blocks = compiler.blocks
        overrides = compiler.overrides
        bytes = .allocate(capacity: max(1, compiler.pool.count))
        bytes.initialize(from: compiler.pool, count: compiler.pool.count)
    }

    deinit { bytes.deallocate() }

    /// Lays out nodes as operations and fills the tables they refer to.
    private struct Compiler {
        var operations: [Operation] = []
        var texts: [TextPiece] = []
        var lines: [Line] = []
        var nameKeys: [Range<Int>] = []
        var keys: [String] = []
        var inclusions: [CompiledInclusion] = []
        var blocks: [CompiledBlock] = []
        var overrides: [[String: CompiledBlock]] = []
        var pool: [UInt8] = []

        mutating func compile(_ nodes: [Node]) -> Range<Int> {
            let start = operations.count
            for node in nodes {
                switch node {
                case .text(let text):
                    operations.append(.text(add(text)))
                case .variable(let name, let escaping):
                    operations.append(.variable(name: add(name), escaping))
                case .section(let name, let body):
                    let at = reserve()
                    let end = compile(body).upperBound
                    operations[at] = .section(name: add(name), end: Int32(end))
                case .invertedSection(let name, let body):
                    let at = reserve()
                    let end = compile(body).upperBound
                    operations[at] = .invertedSection(name: add(name), end: Int32(end))
                case .partial(let inclusion):
                    operations.append(.partial(inclusion: add(inclusion)))
                case .parent(let inclusion, let fillings):
                    let at = reserve()
                    var compiled: [String: CompiledBlock] = [:]
                    // By name, so that the layout does not depend on the dictionary's order.
                    for name in fillings.keys.sorted() {
                        guard let block = fillings[name] else { continue }
                        compiled[name] = CompiledBlock(
                            name: block.name, body: compile(block.body), indentation: block.indentation)
                    }
                    overrides.append(compiled)
                    operations[at] = .parent(
                        inclusion: add(inclusion), overrides: Int32(overrides.count - 1),
                        end: Int32(operations.count))
                case .block(let block):
                    let at = reserve()
                    let body = compile(block.body)
                    blocks.append(CompiledBlock(name: block.name, body: body, indentation: block.indentation))
                    operations[at] = .block(Int32(blocks.count - 1), end: Int32(body.upperBound))
                }
            }
            return start..<operations.count
        }

        /// A place for an operation whose body comes first.
        private mutating func reserve() -> Int {
            operations.append(.text(-1))
            return operations.count - 1
        }

        private mutating func add(_ text: Text) -> Int32 {
            let start = pool.count
            pool += text.whole
            let firstLine = lines.count
            var position = start
            for line in text.lines {
                lines.append(
                    Line(
                        start: position, count: line.bytes.count, isEmpty: line.isEmpty,
                        endsWithNewline: line.endsWithNewline))
                position += line.bytes.count
            }
            texts.append(
                TextPiece(
                    start: start, count: text.whole.count, endsWithNewline: text.endsWithNewline,
                    lines: firstLine..<lines.count))
            return Int32(texts.count - 1)
        }

        private mutating func add(_ name: Name) -> Int32 {
            nameKeys.append(keys.count..<keys.count + name.keys.count)
            keys += name.keys
            return Int32(nameKeys.count - 1)
        }

        private mutating func add(_ inclusion: Inclusion) -> Int32 {
            let target: CompiledInclusion.Target =
                switch inclusion.target {
                case .template(let index): .template(index)
                case .missing: .missing
                case .dynamic(let name, let kind): .dynamic(name: add(name), preferring: kind)
                }
            inclusions.append(
                CompiledInclusion(
                    target: target, indentation: inclusion.indentation, tag: inclusion.tag,
                    location: inclusion.location))
            return Int32(inclusions.count - 1)
        }
    }
}
