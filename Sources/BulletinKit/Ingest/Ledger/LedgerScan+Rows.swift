import Foundation

extension LedgerScan {
    /// Rows read ahead and checked together. The region table and the id sets are far larger
    /// than the cache, and so are a national tally's counters: each row's lookups wait for
    /// memory. Asking for a batch's slots to be loaded (`cprefetch_read`), before any row is
    /// checked, lets those waits overlap; the rows are then checked and counted one by one, in
    /// order, and find their slots in the cache. This, and `Tally.Batch`, is the scan's one
    /// speed device. (It used to read the slots instead; a read holds up the instructions
    /// behind it until it arrives, and a prefetch does not: `bulletin check` of the 10M national
    /// rows took 15% less CPU with prefetches. 64 rows a batch did no better than 32.)
    static let batchSize = 32

    /// Finds the part's header, then checks and counts its rows. Returns whether the part had
    /// at least one record (so that its encoding means something).
    mutating func scanRows(of source: inout some RecordSource, file: String, progress: ReadProgress?) -> Bool
    {
        var readRows = 0
        var reported = (rows: 0, bytes: 0)
        defer {
            progress?.add(rows: readRows - reported.rows, bytes: source.bytesRead - reported.bytes)
            rows[file, default: 0] += readRows
        }
        var leading: [CSVRecord] = []
        do throws(SourceFailure) {
            guard let (header, afterHeader) = try findHeader(in: &source, file: file, read: &leading) else {
                return !leading.isEmpty
            }
            source.headerFound(width: header.width)
            let plan = LedgerPlan(indicators: indicators, columns: header.columns)
            let context = RowContext(
                file: file, sheet: source.sheet, plan: plan, regions: setting.regions, places: setting.places,
                asOf: setting.configuration.asOf, fieldCount: source.rowsHaveHeaderWidth ? header.width : nil)
            var counter = RowCounter(scan: self, plan: plan)
            let firstFinding = quality.keptCount
            var row = LedgerRow(plan: plan)
            defer {
                counter.finish(into: &self)
                // A county's own workbook or file: its rows that lie nowhere are still that county's.
                if let unit = counter.soleUnit { quality.attribute(file: file, from: firstFinding, to: unit) }
            }
            for (position, record) in zip(afterHeader.indices, afterHeader) {
                readRows += 1
                // The rows read while looking for the header: a sheet's cell kinds are known for
                // the last of them only (the last record read); the others are read as text.
                let cells =
                    position == afterHeader.indices.last ? source.unusableCells(of: record) : ListedCells()
                counter.handle(record, row: &row, cells: cells, context: context, scan: &self)
            }
            let batchSize = Self.batchSize
            var batch = (0..<batchSize).map { _ in CSVRecord() }
            // Where each record of the batch is handled.
            var record = CSVRecord()
            // A sheet's records' unusable cells, taken as each is read (the source knows its last
            // record's only).
            var unusable = Array(repeating: ListedCells(), count: batchSize)
            var isExhausted = false
            while !isExhausted, !isOver {
                var filled = 0
                var failure: SourceFailure?
                do throws(SourceFailure) {
                    while filled < batchSize {
                        guard try source.readRecord(into: &batch[filled]) else {
                            isExhausted = true
                            break
                        }
                        if type(of: source).hasCellKinds {
                            unusable[filled] = source.unusableCells(of: batch[filled])
                        }
                        filled += 1
                        readRows += 1
                        if readRows & 0xFFFF == 0, let progress {
                            progress.add(
                                rows: readRows - reported.rows, bytes: source.bytesRead - reported.bytes)
                            reported = (readRows, source.bytesRead)
                        }
                    }
                } catch  where error.isRecordSkipped {
                    // A record past a cap: one error for it, and the reading goes on.
                    readRows += 1
                    rejected[file, default: 0] += 1
                    reportFile(
                        file, sheet: source.sheet, line: error.line, column: error.column, kind: error.kind,
                        error.message)
                } catch {
                    failure = error
                    isExhausted = true
                }
                prefetch(batch, count: filled, plan: plan)
                for index in 0..<filled {
                    // Each record is moved out of the batch and back, not copied: a copy would
                    // count a reference to its storage on the way in and out of every row.
                    swap(&record, &batch[index])
                    if type(of: source).hasCellKinds {
                        counter.handle(
                            record, row: &row, cells: unusable[index], context: context, scan: &self)
                    } else {
                        counter.handle(record, row: &row, cells: TextCells(), context: context, scan: &self)
                    }
                    swap(&record, &batch[index])
                }
                counter.flush(into: &tallies)
                if let failure { throw failure }
            }
        } catch {
            reportFile(
                file, sheet: source.sheet, line: error.line, column: error.column, kind: error.kind,
                error.message)
        }
        return true
    }

    /// Reads the rows before the data: the header (the first of the first 30 rows naming every
    /// configured column, or the `header_row`), and the title rows above it. Returns the
    /// header and the rows read past it, or nil (with a finding) when there is none.
    private mutating func findHeader(
        in source: inout some RecordSource, file: String, read leading: inout [CSVRecord]
    ) throws(SourceFailure) -> (LedgerHeader, ArraySlice<CSVRecord>)? {
        let names = LedgerPlan.columnNames(of: indicators)
        let fixedLine = indicators.lazy.compactMap(\.headerRow).first
        let limit = fixedLine.map { max($0, 1) } ?? LedgerHeader.searchedRows
        while leading.count < limit {
            var record = CSVRecord()
            guard try source.readRecord(into: &record) else { break }
            leading.append(record)
            if let fixedLine, record.line >= fixedLine { break }
            // Stop early at the header: the next row is data.
            if fixedLine == nil,
                case .success = LedgerHeader.find(
                    in: cells(leading.suffix(2)), naming: names, fixedLine: record.line)
            {
                break
            }
        }
        guard !leading.isEmpty else {
            reportFile(file, sheet: source.sheet, line: 1, kind: .missingColumn, .init(.ledgerEmpty))
            return nil
        }
        switch LedgerHeader.find(in: cells(leading), naming: names, fixedLine: fixedLine) {
        case .success(let header):
            return (header, leading[(header.position + 1)...])
        case .failure(let problem):
            reportMissingColumns(problem, file: file, sheet: source.sheet, fixedLine: fixedLine)
            return nil
        }
    }

    private func cells(_ records: some Collection<CSVRecord>) -> [(line: Int, cells: [String])] {
        records.map { ($0.line, $0.strings) }
    }

    private mutating func reportMissingColumns(
        _ problem: LedgerHeader.Problem, file: String, sheet: String?, fixedLine: Int?
    ) {
        let ids = Diagnostic.Value.list(indicators.map(\.id), joinedBy: .listComma)
        let whereFound: Diagnostic.Message =
            fixedLine == nil
            ? .init(
                .headerNotFound, ["rows": .number(LedgerHeader.searchedRows), "line": .number(problem.line)])
            : .init(.headerRowLacks, ["line": .number(problem.line)])
        for (name, suggestion) in problem.missing {
            let message = Diagnostic.Message(
                .columnMissing,
                [
                    "column": .text(name), "indicators": ids,
                    "suggestion": suggestion.map {
                        .message(.init(.columnSuggestion, ["suggestion": .text($0)]))
                    } ?? "",
                    "where": .message(whereFound),
                ])
            reportFile(file, sheet: sheet, line: problem.line, kind: .missingColumn, message)
        }
        for name in problem.ambiguous {
            reportFile(
                file, sheet: sheet, line: problem.line, kind: .missingColumn,
                .init(.columnAmbiguous, ["column": .text(name), "indicators": ids]))
        }
    }

    /// Asks for the table slots the batch's region codes will need to be loaded, all before the
    /// first row is checked (see `batchSize`): a prefetch holds nothing up, so the waits overlap.
    private func prefetch(_ records: [CSVRecord], count: Int, plan: LedgerPlan) {
        // Records read in place, not copied out (which retained each one's storage).
        records.withUnsafeBufferPointer { records in
            for column in plan.codeColumns {
                for index in 0..<count {
                    guard let code = records[index].withBytes(at: column, { FieldParsing.regionCode($0) })
                    else { continue }
                    setting.regions.prefetch(code)
                }
            }
        }
    }

}
