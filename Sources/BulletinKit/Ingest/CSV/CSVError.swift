import Foundation

/// A malformed record or undecodable file: 1-based physical line and column (column counted in
/// characters of that line), byte offset in the file when useful, and what was wrong and what
/// would be right. A file that cannot be opened or read has line 0.
package struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based physical line, counting every CR, LF or CRLF (also inside quoted fields), as
    /// a text editor shows it; 0 when the file itself could not be read.
    var line: Int
    /// The 1-based column, in characters of that line.
    var column: Int
    /// The 0-based byte offset in the file, when known (always for encoding errors).
    var byteOffset: Int?
    /// What was wrong and what would be right, as a message any locale can word.
    var message: Diagnostic.Message
    /// The message in English.
    var reason: String { message.description }
    /// Whether the bytes could not be decoded (the reason then names the byte offset itself),
    /// rather than the text breaking a rule of CSV.
    var isEncodingError: Bool
    /// Whether only this record was skipped (it passed a cap) and the reader can go on.
    var isRecordSkipped = false

    /// An error at `line`:`column`.
    init(
        line: Int, column: Int, byteOffset: Int? = nil, message: Diagnostic.Message, isEncodingError: Bool = false
    ) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.message = message
        self.isEncodingError = isEncodingError
    }

    /// An error at `line`:`column` whose reason is text made elsewhere.
    init(line: Int, column: Int, byteOffset: Int? = nil, reason: String, isEncodingError: Bool = false) {
        self.init(line: line, column: column, byteOffset: byteOffset, message: .plain(reason), isEncodingError: isEncodingError)
    }

    /// `line:column: reason`.
    package var description: String { "\(line):\(column): \(reason)" }

    /// A file that could not be opened or read (line 0), or whose first bytes show it is not
    /// text (a byte offset, always 0: line 1, column 1).
    init(opening failure: InputFailure) {
        let position = failure.byteOffset == nil ? 0 : 1
        self.init(
            line: position, column: position, byteOffset: failure.byteOffset, message: failure.message,
            isEncodingError: failure.byteOffset != nil)
    }
}
