/// What the user asked for on the command line (SPEC §8).
enum Command: Equatable, Sendable {
    /// `bulletin --help`, `bulletin help [COMMAND]`, `bulletin COMMAND --help`.
    case help(topic: String?)
    /// `bulletin --version`.
    case version
    /// `bulletin init DIR`.
    case initialize(directory: String)
    /// `bulletin check DATASET [--as-of DATE] [--locale L]`.
    case check(CheckOptions)
    /// `bulletin build DATASET [options]`.
    case build(BuildOptions)
    /// `bulletin sql DATASET --dialect duckdb|spark --out DIR`.
    case sql(SQLOptions)
}

/// Options of `bulletin sql`: both are required.
struct SQLOptions: Equatable, Sendable {
    var dataset: String
    var dialect: SQLDialect
    var out: String
}

/// Options of `bulletin check`.
struct CheckOptions: Equatable, Sendable {
    var dataset: String
    var asOf: Day?
    /// The locale of the findings' text, instead of the dataset's.
    var locale: String?
}

/// Options of `bulletin build`.
struct BuildOptions: Equatable, Sendable {
    var dataset: String
    var out = "output"
    var asOf: Day?
    var templates: String?
    var locale: String?
    var history = false
    /// `--archive DIR`: keep an as-issued copy of each build under DIR/<as-of>/.
    var archive: String?
    var keepGoing = false
    var quiet = false
}

/// A command line that cannot be run: what was wrong, and the usage line to show (exit 2).
struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, as a message: the terminal says it in the dataset's language.
    var message: Diagnostic.Message
    /// The command whose usage applies, or nil for the tool's.
    var command: String?

    init(_ key: Diagnostic.Message.Key, _ arguments: KeyValuePairs<String, Diagnostic.Value> = [:], command: String?) {
        message = Diagnostic.Message(key, arguments)
        self.command = command
    }

    var description: String { text(MessageTexts.english) }

    /// The error, the usage line and where to read more, in `texts`' language.
    func text(_ texts: MessageTexts) -> String {
        let help = "bulletin help" + (command.map { " " + $0 } ?? "")
        return "\(texts.severity(.error)): \(texts.text(message))\n\(Usage.synopsis(for: command))\n"
            + texts.text(.init(.usageMore, ["help": .text(help)]))
    }
}

/// Parses `bulletin`'s arguments. Options take `--opt value` or `--opt=value`; unknown options
/// and missing or extra operands are errors naming what was found.
enum Arguments {
    /// The locales the shipped templates have.
    static let locales = ["zh-Hans", "zh-Hant", "en"]

    /// The command for `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> Command {
        guard let first = arguments.first else { return .help(topic: nil) }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "--help", "-h": return .help(topic: nil)
        case "--version", "-V", "version": return .version
        case "help":
            guard rest.count <= 1 else { throw UsageError(.usageHelpTakesOne, ["found": .text(rest.joined(separator: " "))], command: "help") }
            if let topic = rest.first, !Usage.commands.contains(topic) {
                throw UsageError(.usageNoSuchCommand, ["name": .text(topic), "commands": .text(Usage.commands.joined(separator: ", "))], command: nil)
            }
            return .help(topic: rest.first)
        case "build", "check", "init", "sql":
            if rest.contains("--help") || rest.contains("-h") { return .help(topic: first) }
            var scanner = Scanner(arguments: rest, command: first)
            return try scanner.parse()
        default:
            if first.hasPrefix("-") {
                throw UsageError(.usageOptionBeforeCommand, ["option": .text(first)], command: nil)
            }
            throw UsageError(.usageUnknownCommand, ["name": .text(first), "commands": .text(Usage.commands.joined(separator: ", "))], command: nil)
        }
    }
}

private extension Arguments {
    struct Scanner {
        let arguments: [String]
        let command: String
        var index = 0
        var operands: [String] = []

        init(arguments: [String], command: String) {
            self.arguments = arguments
            self.command = command
        }

        /// The options `command` accepts; those with `true` take a value.
        var accepted: [String: Bool] {
            switch command {
            case "build":
                [
                    "out": true, "as-of": true, "templates": true, "locale": true, "history": false, "archive": true,
                    "keep-going": false, "quiet": false,
                ]
            case "check": ["as-of": true, "locale": true]
            case "sql": ["dialect": true, "out": true]
            default: [:]
            }
        }

        mutating func parse() throws(UsageError) -> Command {
            var build = BuildOptions(dataset: "")
            var asOf: Day?
            var dialect: SQLDialect?
            var hasOut = false
            while index < arguments.count {
                let argument = arguments[index]
                index += 1
                if argument == "--" {
                    operands += arguments[index...]
                    break
                }
                guard argument.hasPrefix("-"), argument.count > 1 else {
                    operands.append(argument)
                    continue
                }
                guard argument.hasPrefix("--") else {
                    throw UsageError(.usageSingleDash, ["option": .text(argument)], command: command)
                }
                let body = argument.dropFirst(2)
                let name: String
                var value: String?
                if let equals = body.firstIndex(of: "=") {
                    name = String(body[..<equals])
                    value = String(body[body.index(after: equals)...])
                } else {
                    name = String(body)
                }
                guard let takesValue = accepted[name] else {
                    let known = accepted.keys.sorted().map { "--" + $0 }
                    throw known.isEmpty
                        ? UsageError(.usageNoOptions, ["option": .text("--" + name), "command": .text(command)], command: command)
                        : UsageError(
                            .usageUnknownOption,
                            ["option": .text("--" + name), "command": .text(command), "options": .text(known.joined(separator: ", "))],
                            command: command)
                }
                if takesValue {
                    if value == nil {
                        guard index < arguments.count else {
                            throw UsageError(.usageNeedsValue, ["option": .text("--" + name), "example": .text(example(name))], command: command)
                        }
                        value = arguments[index]
                        index += 1
                    }
                } else if let value {
                    throw UsageError(.usageTakesNoValue, ["option": .text("--" + name), "found": .text("--\(name)=\(value)")], command: command)
                }
                if name == "dialect" {
                    guard let chosen = SQLDialect(rawValue: value ?? "") else {
                        throw UsageError(
                            .usageNotOneOf,
                            [
                                "option": "--dialect", "value": .text(value ?? ""),
                                "allowed": .text(SQLDialect.allCases.map(\.rawValue).joined(separator: ", ")),
                            ],
                            command: command)
                    }
                    dialect = chosen
                    continue
                }
                hasOut = hasOut || name == "out"
                try apply(name, value ?? "", build: &build, asOf: &asOf)
            }
            guard let operand = operands.first else {
                throw command == "init"
                    ? UsageError(.usageInitNeedsFolder, command: command)
                    : UsageError(
                        .usageNeedsDataset, ["command": .text(command), "example": .text("bulletin \(command) examples/nanyang")],
                        command: command)
            }
            guard operands.count == 1 else {
                throw UsageError(
                    .usageOneFolder,
                    ["command": .text(command), "count": .number(operands.count), "found": .text(operands.joined(separator: " "))],
                    command: command)
            }
            switch command {
            case "init": return .initialize(directory: operand)
            case "check": return .check(CheckOptions(dataset: operand, asOf: asOf, locale: build.locale))
            case "sql":
                guard let dialect else {
                    throw UsageError(.usageSQLNeedsDialect, command: command)
                }
                guard hasOut else {
                    throw UsageError(.usageSQLNeedsOut, ["example": .text("--out \(operand)-grouped")], command: command)
                }
                return .sql(SQLOptions(dataset: operand, dialect: dialect, out: build.out))
            default:
                build.dataset = operand
                build.asOf = asOf
                return .build(build)
            }
        }

        func apply(_ name: String, _ value: String, build: inout BuildOptions, asOf: inout Day?) throws(UsageError) {
            switch name {
            case "out":
                guard !value.isEmpty else { throw UsageError(.usageEmptyFolder, ["option": "--out"], command: command) }
                build.out = value
            case "as-of":
                // Every form a ledger's date cell may take (2020-10-15, 2020/10/15, 2020年10月15日, 20201015).
                var text = value
                guard case .day(let day) = text.withUTF8({ FieldParsing.date($0) }) else {
                    throw UsageError(.usageBadAsOf, ["value": .text(value)], command: command)
                }
                asOf = day
            case "templates":
                guard !value.isEmpty else { throw UsageError(.usageEmptyFolder, ["option": "--templates"], command: command) }
                build.templates = value
            case "locale":
                guard Arguments.locales.contains(value) else {
                    throw UsageError(.usageNotOneOf, ["option": "--locale", "value": .text(value), "allowed": .text(Arguments.locales.joined(separator: ", "))], command: command)
                }
                build.locale = value
            case "history": build.history = true
            case "archive":
                guard !value.isEmpty else { throw UsageError(.usageEmptyFolder, ["option": "--archive"], command: command) }
                build.archive = value
            case "keep-going": build.keepGoing = true
            case "quiet": build.quiet = true
            default: break
            }
        }

        func example(_ name: String) -> String {
            switch name {
            case "out": "--out output/"
            case "as-of": "--as-of 2020-10-15"
            case "templates": "--templates my-templates/"
            case "archive": "--archive issued/"
            case "locale": "--locale en"
            case "dialect": "--dialect duckdb"
            default: "--\(name) VALUE"
            }
        }
    }
}
