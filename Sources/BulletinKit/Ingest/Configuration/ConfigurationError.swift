import Foundation

/// A configuration that cannot be used: the JSON path and what is wrong (exit status 2).
struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The file, relative to where the user pointed; empty when the problem is an option.
    var file: String
    /// One problem per entry, each with its JSON path.
    var problems: [Problem]

    /// One problem: `indicators[0].rank_by` and what is wrong with it.
    struct Problem: Sendable {
        var path: String
        var message: Diagnostic.Message
        var line: Int?
        var column: Int?

        init(path: String, message: Diagnostic.Message, line: Int? = nil, column: Int? = nil) {
            self.path = path
            self.message = message
            self.line = line
            self.column = column
        }

        /// A problem whose words are made elsewhere (a JSON parser's reason, a path's).
        init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
            self.init(path: path, message: .plain(message), line: line, column: column)
        }
    }

    /// Each problem as a diagnostic: the file, line and column when known, the JSON path.
    var diagnostics: [Diagnostic] {
        problems.map { problem in
            Diagnostic(
                file: file, line: problem.line, column: problem.column, jsonPath: problem.path, severity: .error,
                kind: .configuration, message: problem.message)
        }
    }

    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
