import Foundation

/// What `bulletin sql` has an engine pre-aggregate (SPEC §10 "Past one machine"): for each
/// ledger it can read, the rows grouped by the columns the bulletin needs — region (code or
/// place names), category, every stage's date as its raw text — with a row count for count
/// measures and a sum per sum column; the other ledgers are kept for Bulletin as they are.
///
/// Dates stay text: Bulletin parses every date form (§2.2) from the grouped rows as it would
/// from the raw ones, and a date column's distinct values per village are few. Ids and every
/// column no indicator names are left out: the grouped ledgers carry no personal data.
struct PreAggregation: Sendable {
    /// The engine the plan is for.
    var dialect: SQLDialect
    /// The dataset folder's name, as the script's paths begin (run from its parent folder).
    var datasetName: String
    /// The ledgers the engine groups, in configuration order.
    var grouped: [GroupedLedger]
    /// The ledgers the engine cannot read, copied for Bulletin to read as they are.
    var kept: [KeptLedger]

    /// One ledger (a file or a pattern's files) grouped into one output.
    struct GroupedLedger: Sendable, Equatable {
        /// The ledger as the configuration names it.
        var ledger: String
        /// The name of its output: the first indicator id that reads it (ids are `a-z0-9_-`).
        var outputName: String
        /// The files, in the order Bulletin reads them.
        var parts: [Part]
        /// The columns grouped by, by their configured names: regions, categories, dates.
        var groupColumns: [String]
        /// The column of row counts, when an indicator counts rows.
        var countColumn: String?
        /// The sum columns, by configured name.
        var sumColumns: [String]
        /// Every configured column (ids too): a row with all of them blank is skipped (§2.5).
        var configuredColumns: [String]
        /// The configured id and region columns, whose `合计`/`小计` marks a total row (§2.5);
        /// each part's first column is one too.
        var markerColumns: [String]

        /// The output ledger's path inside the output folder, as the new configuration names it.
        func outputLedger(for dialect: SQLDialect) -> String {
            switch dialect {
            case .duckdb: outputName + ".csv"
            case .spark: outputName + "/part-*.csv"
            }
        }

        /// The output columns in order: the group columns, then the measures.
        var outputColumns: [String] { groupColumns + (countColumn.map { [$0] } ?? []) + sumColumns }
    }

    /// One file of a grouped ledger, with its header as read.
    struct Part: Sendable, Equatable {
        /// The dataset-relative path.
        var path: String
        var encoding: TextEncoding
        /// Whether a quoted field holds a line break: only then must Spark read the file whole
        /// (`multiLine`), in one task, instead of splitting it by lines across its cores.
        var hasQuotedLineBreaks: Bool
        /// The header row's texts (line 1).
        var header: [String]
        /// The column of each configured name.
        var columns: [String: Int]

        /// The header text of the configured column `name`, as the engine names the column.
        func headerText(of name: String) -> String { header[columns[name] ?? 0] }
    }

    /// A ledger copied unchanged, and why the engine does not read it.
    struct KeptLedger: Sendable, Equatable {
        var ledger: String
        var parts: [String]
        var reason: String
    }
}

extension PreAggregation {
    /// The plan for the dataset at `directory`: every ledger's files are found, and each CSV's
    /// first line is read to name its columns as the engine will (header texts may differ from
    /// the configured names in white space and full-width forms, §2.5).
    static func plan(
        configuration: Configuration, directory: URL, dialect: SQLDialect
    ) -> PreAggregation {
        var plan = PreAggregation(
            dialect: dialect, datasetName: directory.standardizedFileURL.lastPathComponent, grouped: [],
            kept: [])
        var ledgers: [String] = []
        for indicator in configuration.indicators where !ledgers.contains(indicator.ledger) {
            ledgers.append(indicator.ledger)
        }
        for ledger in ledgers {
            let indicators = configuration.indicators.filter { $0.ledger == ledger }
            let parts = LedgerFiles.parts(of: ledger, in: directory)
            switch grouping(
                ledger, indicators: indicators, parts: parts, directory: directory, dialect: dialect)
            {
            case .success(let grouped): plan.grouped.append(grouped)
            case .failure(let refusal):
                plan.kept.append(KeptLedger(ledger: ledger, parts: parts, reason: refusal.reason))
            }
        }
        // An output must not land on a file copied beside it (a kept ledger `housing.csv`, or
        // one in a folder `housing/` that Spark's INSERT OVERWRITE DIRECTORY would empty).
        var taken = Set([
            Dataset.configurationFile, Dataset.regionsFile, TargetsFile.name, PlaceAliases.file, "templates",
            marker,
        ])
        for ledger in plan.kept {
            for part in ledger.parts {
                taken.insert(part)
                taken.insert(String(part.prefix { $0 != "/" }))
            }
        }
        for index in plan.grouped.indices {
            while taken.contains(plan.grouped[index].outputName)
                || taken.contains(plan.grouped[index].outputName + ".csv")
            {
                plan.grouped[index].outputName += "_grouped"
            }
            taken.insert(plan.grouped[index].outputName)
            taken.insert(plan.grouped[index].outputName + ".csv")
        }
        return plan
    }

    /// Why the engine cannot read a ledger.
    struct Refusal: Error {
        var reason: String
    }

    /// The grouping of one ledger read by `indicators`, or why the engine cannot read it.
    private static func grouping(
        _ ledger: String, indicators: [Indicator], parts paths: [String], directory: URL, dialect: SQLDialect
    ) -> Result<GroupedLedger, Refusal> {
        if paths.isEmpty { return .failure(Refusal(reason: "no file matches it")) }
        if let workbook = paths.first(where: {
            $0.lowercased().hasSuffix(".xlsx") || $0.lowercased().hasSuffix(".xls")
        }) {
            return .failure(Refusal(reason: "\(workbook) is a workbook; the engine reads CSV only"))
        }
        if let odd = paths.first(where: { $0.contains(where: { "*?[]{}\\".contains($0) }) }) {
            return .failure(
                Refusal(
                    reason: "the engine would take \(odd)'s name as a pattern (it holds * ? [ ] { } or \\)"))
        }
        if indicators.contains(where: { $0.headerRow.map { $0 != 1 } ?? false || $0.sheet != nil }) {
            return .failure(Refusal(reason: "its header is not on line 1 (\"header_row\")"))
        }
        let names = LedgerPlan.columnNames(of: indicators)
        let encoding = indicators.compactMap(\.encoding).first
        var parts: [Part] = []
        for path in paths {
            switch part(path, naming: names, encoding: encoding, directory: directory, dialect: dialect) {
            case .success(let part): parts.append(part)
            case .failure(let refusal): return .failure(refusal)
            }
        }
        // A summed column that is also grouped by (a category or date) cannot be both in one row.
        let columnsOf = { (names: [String]) in Set(names.compactMap { parts[0].columns[$0] }) }
        let summed = columnsOf(
            indicators.compactMap { if case .sum(let column) = $0.measure { column } else { nil } })
        let groupedBy = columnsOf(
            indicators.flatMap {
                $0.region.columns + ($0.categoryColumn.map { [$0] } ?? []) + $0.stages.map(\.dateColumn)
            })
        if let column = summed.intersection(groupedBy).min() {
            return .failure(
                Refusal(reason: "its column \(parts[0].header[column]) is both summed and grouped by"))
        }
        return .success(columns(of: ledger, indicators: indicators, parts: parts))
    }

    /// One file of a ledger, when the engine can read it as Bulletin does: CSV, in an encoding
    /// the engine has, every configured column named on line 1 by a text of its own.
    private static func part(
        _ path: String, naming names: [String], encoding configured: TextEncoding?, directory: URL,
        dialect: SQLDialect
    ) -> Result<Part, Refusal> {
        guard let scan = scan(directory.appendingPathComponent(path)) else {
            return .failure(Refusal(reason: "\(path) cannot be read"))
        }
        let encoding = configured ?? scan.encoding
        if encoding == .gb18030, dialect == .duckdb {
            return .failure(
                Refusal(
                    reason:
                        "\(path) is GB18030, which DuckDB reads only with its encodings extension (not installed offline); convert it with iconv -f GB18030 -t UTF-8, or use --dialect spark"
                ))
        }
        guard let header = firstRecord(directory.appendingPathComponent(path), encoding: encoding) else {
            return .failure(Refusal(reason: "\(path) cannot be read as CSV"))
        }
        guard case .success(let found) = LedgerHeader.find(in: [(1, header)], naming: names, fixedLine: 1)
        else {
            return .failure(
                Refusal(
                    reason:
                        "\(path) does not have every configured column on line 1 (title rows above the header, or a two-row header)"
                ))
        }
        // The engine names columns by their header text: the first column (a total row's
        // marker) and every configured one must have a text no other column has.
        let needed = Set(found.columns.values).union([0])
        for column in needed.sorted() {
            let text = header[column]
            let key = HeaderText.normalized(text).lowercased()
            if text.isEmpty
                || header.indices.contains(where: {
                    $0 != column && HeaderText.normalized(header[$0]).lowercased() == key
                })
            {
                return .failure(
                    Refusal(
                        reason:
                            "\(path)'s column \(column + 1) has no header text of its own for the engine to name it by"
                    ))
            }
        }
        return .success(
            Part(
                path: path, encoding: encoding, hasQuotedLineBreaks: scan.hasQuotedLineBreaks, header: header,
                columns: found.columns))
    }

    /// The output's columns for the indicators reading one ledger: what they group by, count
    /// and sum, and which columns mark blank and total rows.
    private static func columns(of ledger: String, indicators: [Indicator], parts: [Part]) -> GroupedLedger {
        var groupColumns: [String] = []
        var sumColumns: [String] = []
        var markerColumns: [String] = []
        var counts = false
        func add(_ name: String, to list: inout [String]) { if !list.contains(name) { list.append(name) } }
        for indicator in indicators {
            for column in indicator.region.columns {
                add(column, to: &groupColumns)
                add(column, to: &markerColumns)
            }
            if let category = indicator.categoryColumn { add(category, to: &groupColumns) }
            for stage in indicator.stages { add(stage.dateColumn, to: &groupColumns) }
            switch indicator.measure {
            case .count: counts = true
            case .sum(let column): add(column, to: &sumColumns)
            }
            if let id = indicator.idColumn { add(id, to: &markerColumns) }
        }
        // Configured names that denote one column of the file (`竣工日期` and `竣工 日期`)
        // become one output column, named as first configured.
        let first = parts[0]
        func distinct(_ list: [String]) -> [String] {
            var seen: Set<Int> = []
            return list.filter { seen.insert(first.columns[$0] ?? -1).inserted }
        }
        groupColumns = distinct(groupColumns)
        sumColumns = distinct(sumColumns)
        var countColumn: String?
        if counts {
            let taken = Set((groupColumns + sumColumns).map { HeaderText.normalized($0).lowercased() })
            var candidate = "rows"
            var suffix = 2
            while taken.contains(candidate) {
                candidate = "rows_\(suffix)"
                suffix += 1
            }
            countColumn = candidate
        }
        return GroupedLedger(
            ledger: ledger, outputName: indicators[0].id, parts: parts, groupColumns: groupColumns,
            countColumn: countColumn, sumColumns: sumColumns,
            configuredColumns: LedgerPlan.columnNames(of: indicators), markerColumns: markerColumns)
    }

    /// What one pass over the file's bytes tells: the encoding Bulletin would read it in (§2.2:
    /// UTF-8 when every byte is, else GB18030 — the whole file is checked, as the reader would
    /// find a GB18030 byte past any prefix), and whether a quoted field holds a line break.
    private static func scan(_ url: URL) -> (encoding: TextEncoding, hasQuotedLineBreaks: Bool)? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return (.utf8, false) }
            let isUTF8 = UTF8Validation.check(base, from: 0, to: bytes.count) == .complete
            return (isUTF8 ? .utf8 : .gb18030, hasQuotedLineBreaks(bytes))
        }
    }

    /// Whether a quoted field holds CR or LF. A quote opens a field only as its first character
    /// (elsewhere it is data, as Excel and Bulletin's reader take it) and `""` inside one is a
    /// quote; `"`, `,`, CR and LF are single bytes in UTF-8 and GB18030 alike.
    static func hasQuotedLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let lf: UInt8 = 0x0A
        let cr: UInt8 = 0x0D
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var isQuoted = false
        var isFieldStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if isQuoted {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        index += 1
                    } else {
                        isQuoted = false
                    }
                } else if byte == lf || byte == cr {
                    return true
                }
            } else if byte == quote, isFieldStart {
                isQuoted = true
                isFieldStart = false
            } else {
                isFieldStart = byte == comma || byte == lf || byte == cr
            }
            index += 1
        }
        return false
    }

    /// The first record's fields, read from the file's first lines only.
    private static func firstRecord(_ url: URL, encoding: TextEncoding) -> [String]? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard var data = try? handle.read(upToCount: 1 << 20) else { return nil }
        // Cut after the last line feed: 0x0A is never part of a UTF-8 or GB18030 character, so
        // no character is cut in two (the header is far shorter than what is read).
        if data.count == 1 << 20, let end = data.lastIndex(of: 0x0A) { data = data.prefix(through: end) }
        guard var reader = try? CSVReader(data: data, encoding: encoding) else { return nil }
        var record = CSVRecord()
        guard (try? reader.readRecord(into: &record)) == true else { return nil }
        return record.strings
    }
}
