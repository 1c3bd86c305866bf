/// One data-quality finding (数据质量问题): where it is, how bad it is, and what is wrong,
/// written so that a clerk can find the cell and fix it.
public struct Finding: Hashable, Sendable, CustomStringConvertible {
    /// How bad a finding is.
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// The row (or file) cannot be counted.
        case error
        /// The row is counted, but something in it looks wrong.
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// The file the finding is in, as the user named it (relative to the dataset).
    public var file: String
    /// The 1-based physical line, when the finding is about a line.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?
    /// Error or warning.
    public var severity: Severity
    /// A short stable key grouping findings of one kind on the quality page (`bad-date`,
    /// `unknown-region` …).
    public var kind: String
    /// What is wrong and what would be right.
    public var message: String

    /// A finding.
    public init(
        file: String, line: Int? = nil, column: Int? = nil, severity: Severity, kind: String, message: String
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.kind = kind
        self.message = message
    }

    /// Compiler style, so that editors make it clickable: `housing.csv:12:4: error: …`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let line = line, let column, line > 0 { location += ":\(column)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}
