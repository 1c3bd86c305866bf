/// A JSON value as the tests write it into bulletin.json: the one builder of the tests'
/// configuration files, so that each fixture states its keys and values, not its layout.
///
/// `text` lays a value out as a person would: an object or array of scalars on one line
/// (`{ "sum": "people" }`, `["a", "b"]`), anything holding a container one entry a line, two
/// spaces an indentation level. The broken-dataset cases count lines in that layout.
indirect enum FixtureJSON {
    /// A string, escaped when written.
    case string(String)
    /// JSON text written as it is: a number, `true`, or a value a test has already written.
    case literal(String)
    case array([FixtureJSON])
    /// Members in the order they are written.
    case object([(key: String, value: FixtureJSON)])

    /// The value as JSON text, with a final line break.
    var text: String { written(indent: "") + "\n" }

    /// `self` with `key` set to `value`: replaced where it is, else inserted before the member
    /// `before` (at the end when there is no such member). Not an object: unchanged.
    func setting(_ key: String, to value: FixtureJSON, before: String? = nil) -> FixtureJSON {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            let index = members.firstIndex(where: { $0.key == before }) ?? members.endIndex
            members.insert((key, value), at: index)
        }
        return .object(members)
    }
}

extension FixtureJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .literal(String(value)) }
    init(arrayLiteral elements: FixtureJSON...) { self = .array(elements) }
    /// Members in the order written in the literal (not a Dictionary's order).
    init(dictionaryLiteral elements: (String, FixtureJSON)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension FixtureJSON {
    fileprivate var isContainer: Bool {
        switch self {
        case .string, .literal: false
        case .array, .object: true
        }
    }

    /// The value's text, its inner lines indented one level deeper than `indent`.
    fileprivate func written(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return Self.quoted(text)
        case .literal(let text): return text
        case .array(let elements):
            guard elements.contains(where: \.isContainer) else {
                return "[" + elements.map { $0.written(indent: inner) }.joined(separator: ", ") + "]"
            }
            let lines = elements.map { inner + $0.written(indent: inner) }
            return "[\n" + lines.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let entries = members.map { Self.quoted($0.key) + ": " + $0.value.written(indent: inner) }
            guard members.contains(where: \.value.isContainer) else {
                return "{ " + entries.joined(separator: ", ") + " }"
            }
            return "{\n" + entries.map { inner + $0 }.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, the rest as is.
    fileprivate static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{0}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
