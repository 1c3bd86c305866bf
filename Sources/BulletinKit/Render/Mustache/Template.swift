/// What a template file produces, read from its extension. The kind chooses how `{{values}}`
/// are escaped, so no call site ever has to remember it (STYLE: escaping is a strategy).
enum TemplateKind: Int, CaseIterable, Sendable {
    case html
    case markdown
    case css

    /// The kind of a file with this extension (`html`, `md`, `css`), or nil for other files.
    init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "html": self = .html
        case "md": self = .markdown
        case "css": self = .css
        default: return nil
        }
    }

    /// How `{{name}}` escapes values in a template of this kind; `{{{name}}}` never does.
    var escaping: Escaping {
        switch self {
        case .html: .html
        case .markdown: .markdown
        case .css: .none
        }
    }
}

/// One template, parsed once: its name (`unit`, `partials/table`), its file for messages, and
/// its tree of nodes.
struct Template: Sendable {
    var name: String
    var file: String
    var kind: TemplateKind
    var nodes: [Node]
}

/// A piece of a parsed template.
enum Node: Sendable {
    /// Text copied as it is.
    case text(Text)
    /// `{{name}}` with the template's escaping, or `{{{name}}}` / `{{& name}}` with `.none`.
    case variable(Name, Escaping)
    /// `{{#name}}…{{/name}}`: once per element of a list, once with an object or another truthy
    /// value on top of the context stack, never for a falsy one.
    case section(Name, [Node])
    /// `{{^name}}…{{/name}}`: once when the value is falsy or missing.
    case invertedSection(Name, [Node])
    /// `{{> name}}`: another template rendered here with the same context.
    case partial(Inclusion)
    /// `{{< name}}…{{/name}}`: another template rendered here with these blocks replacing its own.
    case parent(Inclusion, overrides: [String: Block])
    /// `{{$ name}}…{{/name}}`: a place a child template may fill; the contents are the default.
    case block(Block)
}

/// Template text as UTF-8 bytes, kept whole for the common case and split into lines for
/// indented rendering (a standalone partial indents every line of its own text, never the
/// values it prints).
struct Text: Sendable {
    struct Line: Sendable {
        var bytes: [UInt8]
        /// A line with nothing but its line break gets no indentation.
        var isEmpty: Bool { bytes == [0x0A] || bytes == [0x0D, 0x0A] }
        var endsWithNewline: Bool { bytes.last == 0x0A }
    }

    /// The bytes and their lines behind one reference (rendering reads neither: `Program`
    /// copies them into its pool once).
    final class Storage: Sendable {
        let whole: [UInt8]
        let lines: [Line]
        let endsWithNewline: Bool

        init(whole: [UInt8], lines: [Line]) {
            (self.whole, self.lines) = (whole, lines)
            endsWithNewline = whole.last == 0x0A
        }
    }

    private(set) var storage = Storage(whole: [], lines: [])

    init(_ bytes: ArraySlice<UInt8>) {
        append(bytes)
    }

    var whole: [UInt8] { storage.whole }
    var lines: [Line] { storage.lines }
    var endsWithNewline: Bool { storage.endsWithNewline }

    /// Adds text at the end; the parser hands text over line by line.
    mutating func append(_ bytes: ArraySlice<UInt8>) {
        var (whole, lines) = (storage.whole, storage.lines)
        whole += bytes
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.endIndex
            if let last = lines.last, !last.endsWithNewline {
                lines[lines.count - 1].bytes += bytes[start..<end]
            } else {
                lines.append(Line(bytes: Array(bytes[start..<end])))
            }
            start = end
        }
        storage = Storage(whole: whole, lines: lines)
    }
}

/// A name looked up in the context stack: `.` (the top of the stack) or dotted keys `a.b.c`,
/// whose first key is searched down the stack and the others only inside what it found.
struct Name: Sendable {
    /// The keys; empty for `.`.
    var keys: [String]
}

/// Where a partial or parent tag includes another template.
struct Inclusion: Sendable {
    enum Target: Sendable {
        /// A template of the set, found when the templates were loaded.
        case template(Int)
        /// No template has this name; it renders as nothing (the spec's rule for `Mustache.render`).
        case missing
        /// `{{>*name}}`: the template named by a value of the context, found while rendering.
        case dynamic(Name, preferring: TemplateKind)
    }

    var target: Target
    /// The whitespace before a standalone tag, added to every line of the included template.
    var indentation: String?
    /// The tag as written, and where, for messages.
    var tag: String
    var location: Location
}

/// A block: a place in a parent template a child may fill, or the child's filling.
struct Block: Sendable {
    var name: String
    var body: [Node]
    /// For a block whose opening tag stands alone on its line: the indentation its contents are
    /// rendered with wherever they end up. Its own contents have had their indentation taken
    /// off at parse time, so that a filling indents as the place it fills.
    var indentation: String?
}
