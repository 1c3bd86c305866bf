/// The one place a diagnostic's message becomes text (SPEC §5, §8): the templates of one
/// locale (`"messages"` in `templates/locales/<locale>.json`), each `{name}` replaced by its
/// argument. A key the locale file lacks (a customised templates folder from before a message
/// was added) falls back to the English template compiled into the tool, so there is always text.
package struct MessageTexts: Sendable {
    /// The locale's templates by key.
    private let templates: [String: String]
    /// The words for error and warning: the locale file's `severity` labels, the quality page's.
    private let severityWords: (error: String, warning: String)

    /// The English templates, compiled in: text when no locale file can be read (the
    /// configuration is broken before its locale is known, or no templates folder is found).
    static let english = MessageTexts(templates: [:], severityWords: ("error", "warning"))

    private init(templates: [String: String], severityWords: (error: String, warning: String)) {
        self.templates = templates
        self.severityWords = severityWords
    }

    /// The templates under `"messages"` of a locale file's labels, and its `severity` words.
    init(labels: JSONValue) {
        var templates: [String: String] = [:]
        if case .object(let object)? = labels["messages"] {
            for member in object.members {
                if case .string(let text) = member.value { templates[member.key] = text }
            }
        }
        let severity = labels["severity"]
        self.init(
            templates: templates,
            severityWords: (
                severity?["error"]?.stringValue ?? "error", severity?["warning"]?.stringValue ?? "warning"
            ))
    }

    /// Whether the labels held any message templates (a customised templates folder from before
    /// messages were localised holds none).
    var isEmpty: Bool { templates.isEmpty }

    /// The template of `key` in this locale, or the English one.
    func template(_ key: Diagnostic.Message.Key) -> String {
        templates[key.rawValue] ?? key.english
    }

    /// The message as text in this locale, safe to print and at most
    /// `Diagnostic.maximumMessageLength` characters.
    func text(_ message: Diagnostic.Message) -> String {
        Diagnostic.printable(render(message))
    }

    /// A diagnostic's location, severity word and message, in compiler style
    /// (`examples/nanyang/water.csv:104:6: warning: …`) so that editors make it clickable.
    func text(_ diagnostic: Diagnostic, inDataset dataset: String) -> String {
        let path = diagnostic.jsonPath.map { $0.isEmpty ? "" : "\($0): " } ?? ""
        let place = diagnostic.location(inDataset: dataset)
        return (place.isEmpty ? "" : "\(place): ") + "\(severity(diagnostic.severity)): \(path)\(text(diagnostic.message))"
    }

    /// The word for a severity (`error`, `错误`).
    func severity(_ severity: Diagnostic.Severity) -> String {
        severity == .error ? severityWords.error : severityWords.warning
    }

    /// The template of `message.key` with each `{name}` replaced by the argument `name`; a brace
    /// that does not open a known name (`{"sum": …}`) is kept as it is.
    private func render(_ message: Diagnostic.Message) -> String {
        let template = template(message.key)
        guard !message.arguments.isEmpty else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
                let value = message[String(rest[afterOpen..<close])]
            {
                result += render(value)
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    private func render(_ value: Diagnostic.Value) -> String {
        switch value {
        case .text(let text): text
        case .message(let message): render(message)
        case .list(let items, let separator): items.joined(separator: template(separator))
        }
    }

    /// The names of the placeholders in `template`, in order and each once: `{name}` where name
    /// is lowercase letters, digits and `_`.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            rest = rest[rest.index(after: open)...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let name = rest[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }),
                !names.contains(String(name))
            {
                names.append(String(name))
                rest = rest[rest.index(after: close)...]
            }
        }
        return names
    }
}
