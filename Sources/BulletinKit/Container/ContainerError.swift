/// Why a ZIP container (a workbook, a Word document) or one of its parts could not be read: what
/// is wrong, which part it concerns, and what the user can do about it.
struct ContainerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that react to it (never classify by the message).
    enum Kind: Sendable, Equatable {
        /// Not a ZIP file at all (empty, text, another format).
        case notZip
        /// An OLE compound file (`D0 CF 11 E0 …`): a legacy `.xls` or a password-protected workbook.
        case oleCompoundFile
        /// The file or an entry's data ends early: it was cut short.
        case truncated
        /// A compression method, or a ZIP feature, this reader does not implement.
        case unsupported
        /// An encrypted entry.
        case encrypted
        /// Damaged structures: a record or a compressed stream that breaks the format.
        case corrupt
        /// An entry inflated completely but its CRC-32 differs from the recorded one.
        case checksumMismatch
        /// An entry would inflate past the size or compression-ratio limit (a ZIP bomb, or a
        /// part too big to read).
        case tooLarge
    }

    var kind: Kind
    /// The entry (part) concerned, e.g. `xl/worksheets/sheet1.xml`; nil for the archive itself.
    var part: String?
    /// What is wrong and what to do, as a message any locale can word.
    var problem: Diagnostic.Message
    /// The problem in English.
    var message: String { problem.description }

    var description: String { part.map { "\($0): \(message)" } ?? message }
}

extension ContainerError {
    /// An error of `kind` about `part` (nil: the archive itself). Declared here so that the
    /// memberwise initializer stays available too.
    init(_ kind: Kind, part: String? = nil, _ message: String) {
        self.init(kind: kind, part: part, problem: .plain(message))
    }

    /// An error of `kind` about `part` that a user meets and can act on, in any locale.
    init(_ kind: Kind, part: String? = nil, _ key: Diagnostic.Message.Key) {
        self.init(kind: kind, part: part, problem: .init(key))
    }

    /// The same error, naming `part` unless it already names one.
    func inPart(_ part: String) -> ContainerError {
        var error = self
        if error.part == nil { error.part = part }
        return error
    }

    /// Damaged compressed data, with what was found.
    static func damagedStream(_ detail: String) -> ContainerError {
        ContainerError(
            .corrupt,
            "the compressed data is damaged (\(detail)); open the file in Excel or WPS and save it again")
    }

    /// Compressed data that stops before its end.
    static let streamEndsEarly = ContainerError(
        .truncated, "the compressed data ends early: the file was cut short; copy or download it again")
}
