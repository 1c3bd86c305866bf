/// The script `bulletin sql` prints: statements an engine runs one at a time from the dataset's
/// parent folder, each ending in `;` on its line and separated by an empty line.
extension PreAggregation {
    /// The statements, in order. `out` is the output folder as a path from the dataset's
    /// parent folder, where the script is run.
    func statements(out: String) -> [String] {
        var statements: [String] = []
        if dialect == .spark {
            // ANSI mode: a sum past DECIMAL(38,4) stops the statement instead of becoming NULL.
            statements.append("SET spark.sql.ansi.enabled=true;")
            // Spark 4 reads only the standard charsets unless this lets it use Java's (GB18030).
            if grouped.contains(where: { $0.parts.contains { $0.encoding == .gb18030 } }) {
                statements.append("SET spark.sql.legacy.javaCharsets=true;")
            }
        }
        for ledger in grouped {
            switch dialect {
            case .duckdb:
                statements.append(
                    "COPY (\n\(select(ledger, sources: ledger.parts.map(duckDBSource)))\n) TO \(dialect.literal(join(out, ledger.outputName + ".csv"))) (FORMAT csv, HEADER true);"
                )
            case .spark:
                var views: [String] = []
                for (index, part) in ledger.parts.enumerated() {
                    let view = dialect.identifier("bulletin_\(ledger.outputName)_\(index + 1)")
                    views.append(view)
                    var options = [("path", join(datasetName, part.path)), ("header", "true")]
                    if part.hasQuotedLineBreaks { options.append(("multiLine", "true")) }
                    options += [
                        ("quote", "\""), ("escape", "\""),
                        ("encoding", part.encoding == .gb18030 ? "GB18030" : "UTF-8"), ("mode", "FAILFAST"),
                    ]
                    statements.append(
                        "CREATE OR REPLACE TEMPORARY VIEW \(view) USING csv OPTIONS (\(sparkOptions(options)));"
                    )
                }
                let options = [("header", "true"), ("quote", "\""), ("escape", "\"")]
                statements.append(
                    "INSERT OVERWRITE DIRECTORY \(dialect.literal(join(out, ledger.outputName))) USING csv OPTIONS (\(sparkOptions(options)))\n\(select(ledger, sources: views));"
                )
            }
        }
        return statements
    }

    /// The whole script: comments saying how to run it and which ledgers stay as they are,
    /// then the statements.
    func script(out: String) -> String {
        var lines = [
            "-- bulletin sql --dialect \(dialect.rawValue): groups the ledgers of \(datasetName)/ into \(out)/ (SPEC §10).",
            "-- Run it with \(dialect.engineName) from the folder holding \(datasetName)/, one statement at a time;",
            "-- then build the grouped dataset: bulletin build \(out)",
            "-- Grouped rows carry no ids: duplicate ids, ID-number checks and total rows' figures are not",
            "-- checked there, and other findings name grouped rows; run bulletin check on \(datasetName)/ for those.",
        ]
        for ledger in kept {
            lines.append(
                "-- \(ledger.ledger) is copied to \(out)/ for Bulletin to read as it is: \(ledger.reason).")
        }
        if grouped.isEmpty { lines.append("-- No ledger is left for the engine to group.") }
        return lines.joined(separator: "\n") + "\n\n" + statements(out: out).joined(separator: "\n\n") + "\n"
    }

    /// White space as Bulletin removes it when it compares header, place and marker texts
    /// (`HeaderText.normalized`: Unicode white space, U+200B and the byte-order mark).
    static let whiteSpace =
        "[\\t\\n\\x{0B}\\x{0C}\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200B}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]"

    /// A measure as Bulletin reads one (§2.2): `1234`, `1234.5`, `1,234`, at most four decimals,
    /// surrounding spaces (also no-break and ideographic ones) ignored.
    static let measurePattern =
        "^[ \\t\\x{A0}\\x{3000}]*([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\\.[0-9]{1,4})?[ \\t\\x{A0}\\x{3000}]*$"

    /// A total row's marker at the end of a cell, or a footer's label at its start (§2.5), in
    /// a cell's text with its white space removed (`TotalRow`, `FooterRow`).
    static var markerPattern: String {
        "(合计|总计|小计)$|^(" + FooterRow.labels.joined(separator: "|") + ")[:：]"
    }
}

private extension PreAggregation {
    /// The grouping over `sources` (tables or views of one ledger's files, each with its own
    /// header): the UNION ALL of their kept rows, grouped by the group columns, in their order.
    func select(_ ledger: GroupedLedger, sources: [String]) -> String {
        let selects = zip(ledger.parts, sources).map { part, source in
            let columns = (ledger.groupColumns + ledger.sumColumns).map {
                "\(dialect.identifier(part.headerText(of: $0))) AS \(dialect.identifier($0))"
            }
            return
                "        SELECT \(columns.joined(separator: ", "))\n        FROM \(source)\n        WHERE \(keptRows(ledger, part: part))"
        }
        var outer = ledger.groupColumns.map { dialect.identifier($0) }
        if let count = ledger.countColumn { outer.append("COUNT(*) AS \(dialect.identifier(count))") }
        for sum in ledger.sumColumns {
            outer.append("SUM(\(number(sum, ledger: ledger))) AS \(dialect.identifier(sum))")
        }
        let groups = ledger.groupColumns.map { dialect.identifier($0) }.joined(separator: ", ")
        return """
                SELECT \(outer.joined(separator: ", "))
                FROM (
            \(selects.joined(separator: "\n        UNION ALL\n"))
                ) AS ledger
                GROUP BY \(groups)
                ORDER BY \(groups)
            """
    }

    /// The rows Bulletin counts, as far as a row alone says (§2.5): not blank in every
    /// configured column, and no total (`合计`, `小计`) or footer (`填表人：`) marker in the
    /// first column or an id or region column.
    func keptRows(_ ledger: GroupedLedger, part: Part) -> String {
        // One test over the configured cells joined: blank when they are all blank.
        let cells = ledger.configuredColumns.map {
            "coalesce(\(dialect.identifier(part.headerText(of: $0))), '')"
        }
        let blank = dialect.contains(
            "concat_ws('', \(cells.joined(separator: ", ")))", pattern: "^" + Self.whiteSpace + "*$")
        var markerColumns = [0]
        for name in ledger.markerColumns {
            if let column = part.columns[name], !markerColumns.contains(column) {
                markerColumns.append(column)
            }
        }
        let markers = markerColumns.map { column in
            let text = dialect.removing(
                Self.whiteSpace, from: "coalesce(\(dialect.identifier(part.header[column])), '')")
            return dialect.contains(text, pattern: Self.markerPattern)
        }
        return "NOT \(blank) AND NOT (\(markers.joined(separator: " OR ")))"
    }

    /// A sum column's text as a number; a text Bulletin would not read as a measure (empty,
    /// negative, not a number, more than four decimals) stops the statement instead of being
    /// dropped or rounded, so the grouped figures are never quietly different.
    func number(_ column: String, ledger: GroupedLedger) -> String {
        let value = dialect.identifier(column)
        let message =
            "bulletin sql: \(ledger.ledger): a \(column) cell is not a non-negative number such as 1234, 1234.5 or 1,234; run bulletin check on the dataset to find the row"
        return
            "CASE WHEN \(dialect.contains("coalesce(\(value), '')", pattern: Self.measurePattern)) THEN CAST(\(dialect.removing("[^0-9.]", from: value)) AS DECIMAL(38, 4)) ELSE \(dialect.raise(message)) END"
    }

    /// DuckDB's reader of one file: every column as text, the header on line 1, RFC 4180 quotes.
    func duckDBSource(_ part: Part) -> String {
        "read_csv(\(dialect.literal(join(datasetName, part.path))), header = true, skip = 0, all_varchar = true, delim = ',', quote = '\"', escape = '\"', encoding = 'utf-8', strict_mode = true, null_padding = false, comment = '')"
    }

    func sparkOptions(_ options: [(String, String)]) -> String {
        options.map { "\($0.0) \(dialect.literal($0.1))" }.joined(separator: ", ")
    }

    func join(_ folder: String, _ path: String) -> String {
        folder.isEmpty || folder == "." ? path : folder + "/" + path
    }
}
