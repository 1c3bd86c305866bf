extension Diagnostic {
    /// What a diagnostic says, as a value rather than text (SPEC §5, §8): a stable key
    /// (`after-as-of`) and the named arguments its text needs (the column, the value as shown,
    /// the bulletin date). `MessageTexts` makes the text in one place, in the dataset's locale,
    /// from the templates of `templates/locales/<locale>.json` (`"messages"`), so that a Chinese
    /// bulletin's findings read in Chinese on the terminal, the quality page and the briefing.
    ///
    /// Text arguments are made safe to print when the message is made (`Diagnostic.printable`):
    /// whatever a ledger held, what is kept is escaped and at most a few hundred characters.
    struct Message: Hashable, Sendable, CustomStringConvertible {
        /// Which message it is: the key of its template.
        var key: Key
        /// The arguments, by the names the templates use (`{column}`).
        var arguments: [Argument]

        /// The message `key` with `arguments`, whose names must be the key's parameters.
        init(_ key: Key, _ arguments: KeyValuePairs<String, Value> = [:]) {
            self.key = key
            self.arguments = arguments.map { Argument(name: $0.key, value: $0.value.printable) }
            assert(
                Set(self.arguments.map(\.name)) == Set(key.parameters),
                "message \(key.rawValue) takes \(key.parameters), given \(self.arguments.map(\.name))")
        }

        /// Text made elsewhere and shown as it is in every locale: an operating system's error,
        /// a template's syntax error, or a message not yet given a key of its own.
        static func plain(_ text: String) -> Message { Message(.plain, ["text": .text(text)]) }

        /// The message in English (the compiled-in table): for logs, tests and `description`.
        var description: String { MessageTexts.english.text(self) }

        /// The argument named `name`, if the message has one.
        subscript(name: String) -> Value? { arguments.first { $0.name == name }?.value }
    }

    /// One named argument of a message.
    struct Argument: Hashable, Sendable {
        var name: String
        var value: Value
    }

    /// An argument's value: text shown as it is (a column name, a date, a figure), a message of
    /// its own made in the same locale (a value described rather than quoted, a reason), or a
    /// list of texts joined the locale's way (`、` in Chinese, `, ` in English).
    indirect enum Value: Hashable, Sendable, ExpressibleByStringLiteral {
        case text(String)
        case message(Message)
        case list([String], joinedBy: Message.Key)

        init(stringLiteral value: String) { self = .text(value) }

        /// The value with its text made safe to print.
        var printable: Value {
            switch self {
            case .text(let text): .text(Diagnostic.printable(text))
            case .message: self
            case .list(let items, let separator): .list(items.map(Diagnostic.printable), joinedBy: separator)
            }
        }
    }
}

extension Diagnostic.Value {
    /// A number as text.
    static func number(_ value: Int) -> Diagnostic.Value { .text(String(value)) }
    /// Texts each in quotes, joined the locale's way: `"说明", "台账"`, `“说明”、“台账”`.
    static func quotedList(_ items: [String]) -> Diagnostic.Value {
        .message(.init(.valueQuoted, ["value": .list(items, joinedBy: .listQuoted)]))
    }

    /// A value shown as it is (`CustomStringConvertible`: a day, a figure).
    static func shown(_ value: some CustomStringConvertible) -> Diagnostic.Value { .text(value.description) }
}
