import Foundation

extension Configuration {
    /// Reads and validates `bulletin.json`. Every problem found is reported, not just the first.
    static func load(from data: Data, file: String) throws(ConfigurationError) -> Configuration {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            let hint = syntaxHint(for: error, in: data)
            throw ConfigurationError(
                file: file,
                problems: [
                    .init(
                        path: "", message: .init(.configNotJSON, ["reason": .text(error.reason), "hint": hint]), line: error.line,
                        column: error.column)
                ])
        }
        var reader = ConfigurationReader()
        let configuration = reader.configuration(json)
        guard reader.problems.isEmpty, let configuration else {
            throw ConfigurationError(file: file, problems: reader.problems)
        }
        return configuration
    }

    /// The years a date in the configuration may fall in; anything else is a typo (0202, 20200)
    /// that would otherwise make a campaign of centuries.
    static let plausibleYears = 1900...2199

    /// What most likely went wrong, for the common slips of hand-edited JSON: a missing comma at
    /// the end of the previous line, a comma before a closing bracket, a file not saved as UTF-8.
    private static func syntaxHint(for error: JSONSyntaxError, in data: Data) -> Diagnostic.Value {
        if error.reason.hasPrefix("expected ',' or") {
            let lines = String(decoding: data, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            guard error.line >= 2, error.line <= lines.count else { return "" }
            let indent = lines[error.line - 1].prefix { $0 == " " || $0 == "\t" }.count
            return indent + 1 == error.column
                ? .message(.init(.configHintComma, ["line": .number(error.line - 1)])) : ""
        }
        if error.reason.hasPrefix("expected a key in double quotes")
            || error.reason.hasPrefix("unexpected character ']'")
            || error.reason.hasPrefix("unexpected character '}'")
        {
            return .message(.init(.configHintTrailingComma))
        }
        if error.reason.hasPrefix("unexpected end of the file") || error.reason.hasPrefix("unclosed string") {
            return .message(.init(.configHintUnclosed))
        }
        if error.reason.contains("not valid UTF-8") {
            return .message(.init(.configHintUTF8))
        }
        return ""
    }
}
