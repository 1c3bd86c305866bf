/// A template that cannot be loaded or rendered, with where the problem is: the template file
/// relative to the templates folder, and the line and column (1-based, in characters) of the tag.
/// Its description reads like a compiler's, `unit.html:12:5: error: …`, so editors can jump to it.
package struct MustacheError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The template file relative to the templates folder (`unit.html`, `partials/table.html`),
    /// or the folder itself when it cannot be read.
    var file: String
    /// The line of the tag at fault, when the problem has a place in the file.
    var line: Int?
    /// The column of the tag at fault, counted in characters.
    var column: Int?
    /// What was found, and what would be right.
    var reason: String

    /// An error at a place in a template.
    init(at location: Location, _ reason: String) {
        self.init(file: location.file, line: location.line, column: location.column, reason: reason)
    }

    /// An error about a whole file or folder.
    init(file: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    package var description: String {
        if let line, let column { return "\(file):\(line):\(column): error: \(reason)" }
        return "\(file): error: \(reason)"
    }
}

/// Where a tag starts: the template file, and the 1-based line and column (in characters).
struct Location: Equatable, Sendable {
    var file: String
    var line: Int
    var column: Int

    /// `12:5`, for messages that point at a second place in the same file.
    var lineAndColumn: String { "\(line):\(column)" }
}
