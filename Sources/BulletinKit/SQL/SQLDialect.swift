/// The engines `bulletin sql` writes for (SPEC §10 "Past one machine"), and how each spells
/// what the pre-aggregation needs: quoted names and texts, regular expressions, a raised error.
enum SQLDialect: String, CaseIterable, Sendable {
    /// DuckDB: one `COPY (SELECT …) TO 'out/<id>.csv'` per ledger.
    case duckdb
    /// Spark SQL: a temporary view per ledger file, then one `INSERT OVERWRITE DIRECTORY` per
    /// ledger, whose part files a ledger pattern reads (`<id>/part-*.csv`).
    case spark

    /// The engine's name, as the comments of the script print it.
    var engineName: String {
        switch self {
        case .duckdb: "DuckDB"
        case .spark: "Spark SQL"
        }
    }

    /// A quoted identifier: DuckDB doubles `"` inside `"…"`, Spark doubles `` ` `` inside `` `…` ``.
    func identifier(_ name: String) -> String {
        switch self {
        case .duckdb: "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .spark: "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        }
    }

    /// A string literal holding exactly `text`. DuckDB takes backslashes as they are and doubles
    /// `'`; Spark reads backslash escapes in literals, so both `\` and `'` are escaped there.
    func literal(_ text: String) -> String {
        switch self {
        case .duckdb: "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .spark:
            "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
                + "'"
        }
    }

    /// Whether `expression` has a match for the regular expression `pattern` anywhere in it
    /// (RE2 in DuckDB, java.util.regex in Spark: the patterns used here mean the same in both).
    func contains(_ expression: String, pattern: String) -> String {
        switch self {
        case .duckdb: "regexp_matches(\(expression), \(literal(pattern)))"
        case .spark: "(\(expression) RLIKE \(literal(pattern)))"
        }
    }

    /// `expression` with every match of `pattern` removed.
    func removing(_ pattern: String, from expression: String) -> String {
        switch self {
        case .duckdb: "regexp_replace(\(expression), \(literal(pattern)), '', 'g')"
        case .spark: "regexp_replace(\(expression), \(literal(pattern)), '')"
        }
    }

    /// An expression that stops the statement with `message` when it is evaluated.
    func raise(_ message: String) -> String {
        switch self {
        case .duckdb: "error(\(literal(message)))"
        case .spark: "raise_error(\(literal(message)))"
        }
    }
}
