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
    /// What was wrong, in words.
    var reason: String
    /// The command whose usage applies, or nil for the tool's.
    var command: String?

    var description: String {
        "error: \(reason)\n\(Usage.synopsis(for: command))\nRun `bulletin help\(command.map { " " + $0 } ?? "")` for more."
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
            guard rest.count <= 1 else { throw UsageError(reason: "help takes one command name, found \(rest.joined(separator: " "))", command: "help") }
            if let topic = rest.first, !Usage.commands.contains(topic) {
                throw UsageError(reason: "there is no command \"\(topic)\"; the commands are \(Usage.commands.joined(separator: ", "))", command: nil)
            }
            return .help(topic: rest.first)
        case "build", "check", "init", "sql":
            if rest.contains("--help") || rest.contains("-h") { return .help(topic: first) }
            var scanner = Scanner(arguments: rest, command: first)
            return try scanner.parse()
        default:
            if first.hasPrefix("-") {
                throw UsageError(reason: "unknown option \(first) before the command", command: nil)
            }
            throw UsageError(reason: "unknown command \"\(first)\"; the commands are \(Usage.commands.joined(separator: ", "))", command: nil)
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
                    throw UsageError(reason: "unknown option \(argument); options are spelt with two dashes, e.g. --out DIR", command: command)
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
                    let hint = known.isEmpty ? "\(command) takes no options" : "\(command) accepts \(known.joined(separator: ", "))"
                    throw UsageError(reason: "unknown option --\(name); \(hint)", command: command)
                }
                if takesValue {
                    if value == nil {
                        guard index < arguments.count else {
                            throw UsageError(reason: "--\(name) needs a value, e.g. \(example(name))", command: command)
                        }
                        value = arguments[index]
                        index += 1
                    }
                } else if let value {
                    throw UsageError(reason: "--\(name) takes no value, found --\(name)=\(value)", command: command)
                }
                if name == "dialect" {
                    guard let chosen = SQLDialect(rawValue: value ?? "") else {
                        throw UsageError(reason: "--dialect \"\(value ?? "")\" is not one of \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))", command: command)
                    }
                    dialect = chosen
                    continue
                }
                hasOut = hasOut || name == "out"
                try apply(name, value ?? "", build: &build, asOf: &asOf)
            }
            guard let operand = operands.first else {
                let what = command == "init" ? "the folder to create" : "the dataset folder"
                throw UsageError(reason: "\(command) needs \(what), e.g. \(command == "init" ? "bulletin init my-city" : "bulletin \(command) examples/nanyang")", command: command)
            }
            guard operands.count == 1 else {
                throw UsageError(reason: "\(command) takes one folder, found \(operands.count): \(operands.joined(separator: " "))", command: command)
            }
            switch command {
            case "init": return .initialize(directory: operand)
            case "check": return .check(CheckOptions(dataset: operand, asOf: asOf, locale: build.locale))
            case "sql":
                guard let dialect else {
                    throw UsageError(reason: "sql needs --dialect duckdb or --dialect spark: the engine that will run the script", command: command)
                }
                guard hasOut else {
                    throw UsageError(reason: "sql needs --out DIR: the folder for the grouped dataset, e.g. --out \(operand)-grouped", command: command)
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
                guard !value.isEmpty else { throw UsageError(reason: "--out needs a folder, found an empty value", command: command) }
                build.out = value
            case "as-of":
                // Every form a ledger's date cell may take (2020-10-15, 2020/10/15, 2020年10月15日, 20201015).
                var text = value
                guard case .day(let day) = text.withUTF8({ FieldParsing.date($0) }) else {
                    throw UsageError(
                        reason: "--as-of \"\(value)\" is not a date; write it as YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or YYYYMMDD, e.g. --as-of 2020-10-15",
                        command: command)
                }
                asOf = day
            case "templates":
                guard !value.isEmpty else { throw UsageError(reason: "--templates needs a folder, found an empty value", command: command) }
                build.templates = value
            case "locale":
                guard Arguments.locales.contains(value) else {
                    throw UsageError(reason: "--locale \"\(value)\" is not one of \(Arguments.locales.joined(separator: ", "))", command: command)
                }
                build.locale = value
            case "history": build.history = true
            case "archive":
                guard !value.isEmpty else { throw UsageError(reason: "--archive needs a folder, found an empty value", command: command) }
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
