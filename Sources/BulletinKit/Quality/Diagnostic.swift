/// The one shape of everything Bulletin reports (SPEC §5, §8): where it is, how bad it is,
/// what kind of problem, and what is wrong and what would be right — written so that a clerk
/// can find the cell, key or template and fix it. Ledger findings (数据质量问题), configuration
/// mistakes, template errors and output faults are all diagnostics; one place turns them into
/// text in the dataset's locale (`MessageTexts`: the terminal, the quality page, the briefing),
/// and `description` gives the English.
package struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How bad a finding is.
    enum Severity: String, Hashable, Sendable, Comparable {
        /// The row (or file) cannot be counted.
        case error
        /// The row is counted, but something in it looks wrong.
        case warning

        static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// The file the finding is in, as the user named it (relative to the dataset).
    var file: String
    /// The sheet of a workbook the finding is in (`危房改造/武都区.xlsx[台账]:17`).
    var sheet: String?
    /// The JSON path of a configuration key (`indicators[0].deadline`), when it is about one.
    var jsonPath: String?
    /// Whether `file` is a path inside the dataset (printed after the dataset's folder on the
    /// terminal), rather than a path as given (a template, the output folder) or none.
    var isInDataset = true
    /// The 1-based physical line, when the finding is about a line.
    var line: Int?
    /// The 1-based column, when known.
    var column: Int?
    /// Error or warning.
    var severity: Severity
    /// What kind of problem it is: groups findings on the quality page and decides, without
    /// reading the message, what a finding means (a file that failed whole, a bad cell …).
    var kind: Kind
    /// What is wrong and what would be right, as a value: `MessageTexts` makes its text in the
    /// dataset's locale.
    var message: Message
    /// The unit (county, in `Bulletin.units`) the finding belongs to, when known: the unit of
    /// the row's region, or of the file whose counted rows all lie in one unit. The quality page
    /// and `quality/<code>.csv` list each unit's findings, for the city to send back (督办).
    var unit: Int?
    /// The row's id as a finding may show it (a resident ID number masked, SPEC §5.1), so that
    /// the county can find the household in its own ledger.
    var recordID: String?

    /// A finding. The message's text arguments are made safe to print whatever a ledger held:
    /// control and direction-changing characters are written as escapes (`\u{0}`), and text
    /// longer than `maximumMessageLength` characters (a 10 MB cell quoted whole) keeps its
    /// beginning and its end around a count of what was left out; so is the whole message's
    /// text when it is made. A line or column below 1 is no line or column.
    init(
        file: String, sheet: String? = nil, line: Int? = nil, column: Int? = nil, jsonPath: String? = nil,
        severity: Severity, kind: Kind, message: Message, isInDataset: Bool = true
    ) {
        self.file = Diagnostic.printable(file)
        self.sheet = sheet.map(Diagnostic.printable)
        self.jsonPath = jsonPath.map(Diagnostic.printable)
        self.isInDataset = isInDataset
        self.line = line.flatMap { $0 > 0 ? $0 : nil }
        self.column = self.line == nil ? nil : column.flatMap { $0 > 0 ? $0 : nil }
        self.severity = severity
        self.kind = kind
        self.message = message
    }

    /// A diagnostic whose message is text made elsewhere (an operating system's error, a
    /// template's syntax error), shown as it is in every locale.
    init(
        file: String, sheet: String? = nil, line: Int? = nil, column: Int? = nil, jsonPath: String? = nil,
        severity: Severity, kind: Kind, message: String, isInDataset: Bool = true
    ) {
        self.init(
            file: file, sheet: sheet, line: line, column: column, jsonPath: jsonPath, severity: severity, kind: kind,
            message: .plain(message), isInDataset: isInDataset)
    }

    /// Compiler style in English, so that editors make it clickable: `housing.csv:12:4: error: …`
    /// (the terminal uses the dataset's locale: `MessageTexts.text(_:inDataset:)`).
    package var description: String {
        let path = jsonPath.map { $0.isEmpty ? "" : "\($0): " } ?? ""
        return (location.isEmpty ? "" : "\(location): ") + "\(severity.rawValue): \(path)\(message)"
    }

    /// `file[sheet]:line:column`, as printed on the terminal and the quality page.
    var location: String {
        var text = file
        if let sheet { text += "[\(sheet)]" }
        if let line { text += ":\(line)" }
        if line != nil, let column { text += ":\(column)" }
        return text
    }

    /// Messages longer than this many characters are shortened in the middle.
    static let maximumMessageLength = 600
}

/// A data-quality diagnostic, as the quality page and the briefing call it (数据质量问题).
typealias Finding = Diagnostic

extension Diagnostic {
    /// The kind of finding for a CSV file that could not be read to the end: `encoding` when its
    /// bytes are not text in its encoding, `csv-syntax` for a malformed record.
    static func kind(of error: CSVError) -> Kind {
        error.isEncodingError || error.line == 0 ? .encoding : .csvSyntax
    }

    /// `text` with invisible or terminal-controlling characters escaped and, when it has more
    /// than `maximumMessageLength` characters, its middle left out. Most messages need neither
    /// and are returned as they are after one pass over their bytes.
    static func printable(_ text: String) -> String {
        let utf8 = text.utf8
        let needsEscaping = containsEscapedCharacter(utf8)
        guard utf8.count > maximumMessageLength || needsEscaping else { return text }
        let scalars = text.unicodeScalars
        let count = scalars.count
        guard count > maximumMessageLength else { return needsEscaping ? escaping(scalars[...]) : text }
        let kept = (maximumMessageLength - 40) / 2
        return escaping(scalars.prefix(kept)) + "…[\(count - 2 * kept) characters left out]…"
            + escaping(scalars.suffix(kept))
    }

    /// Whether the UTF-8 bytes hold a character `escaping` rewrites: C0 controls and DEL, C1
    /// controls (C2 80…9F), U+2028…U+202E (E2 80 A8…AE), U+2066…U+2069 (E2 81 A6…A9) or U+FEFF
    /// (EF BB BF). Lead bytes are never continuation bytes, so a match is always a character.
    private static func containsEscapedCharacter(_ utf8: String.UTF8View) -> Bool {
        var (beforePrevious, previous): (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            if previous == 0xC2, (0x80...0x9F).contains(byte) { return true }
            if beforePrevious == 0xE2, previous == 0x80, (0xA8...0xAE).contains(byte) { return true }
            if beforePrevious == 0xE2, previous == 0x81, (0xA6...0xA9).contains(byte) { return true }
            if beforePrevious == 0xEF, previous == 0xBB, byte == 0xBF { return true }
            (beforePrevious, previous) = (previous, byte)
        }
        return false
    }

    /// The scalars as they are shown: themselves, or `\t`, `\n`, `\r`, `\u{…}` for control
    /// characters, line and paragraph separators, direction overrides and U+FEFF.
    private static func escaping(_ scalars: Substring.UnicodeScalarView) -> String {
        var result = String.UnicodeScalarView()
        for scalar in scalars {
            switch scalar.value {
            case 0x09: result.append(contentsOf: "\\t".unicodeScalars)
            case 0x0A: result.append(contentsOf: "\\n".unicodeScalars)
            case 0x0D: result.append(contentsOf: "\\r".unicodeScalars)
            case 0x00..<0x20, 0x7F..<0xA0, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF:
                result.append(
                    contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

extension Diagnostic {
    /// A problem that is not at a place in a file (no templates folder, an output that cannot be
    /// written): an error of `kind` saying what to do.
    static func problem(_ kind: Kind, _ message: String) -> Diagnostic {
        problem(kind, .plain(message))
    }

    /// A problem that is not at a place in a file, as a message any locale can word.
    static func problem(_ kind: Kind, _ message: Message) -> Diagnostic {
        Diagnostic(file: "", severity: .error, kind: kind, message: message, isInDataset: false)
    }


    /// The same diagnostic with its file as given, not inside the dataset.
    func asGiven() -> Diagnostic {
        var copy = self
        copy.isInDataset = false
        return copy
    }

    /// The location with the dataset's folder in front of a file inside the dataset, as the
    /// dataset was typed (`examples/nanyang/housing.csv:12:4`), so that editors can open it.
    func location(inDataset dataset: String) -> String {
        guard isInDataset, !file.isEmpty, !file.hasPrefix("/") else { return location }
        return (dataset.hasSuffix("/") ? dataset : dataset + "/") + location
    }
}

extension MustacheError {
    /// The error as a diagnostic of its template file (a path as given, not in the dataset).
    var diagnostic: Diagnostic {
        Diagnostic(
            file: file, line: line, column: column, severity: .error, kind: .template, message: reason,
            isInDataset: false)
    }
}

extension Diagnostic {
    /// The finding, put with the unit at `unit` (its county's list, SPEC §5).
    func attributed(to unit: Int) -> Diagnostic {
        var finding = self
        finding.unit = unit
        return finding
    }
}
