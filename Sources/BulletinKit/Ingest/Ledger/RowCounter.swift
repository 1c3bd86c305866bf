/// What the scan does with each checked row of one part: the checks that need earlier rows —
/// duplicate ids, running totals, total rows' sums — and the counting of accepted rows into
/// per-indicator batches (`Tally.Batch`), flushed into the tallies a batch at a time.
struct RowCounter {
    let plan: LedgerPlan
    /// Per member: the batch of accepted rows waiting to be counted.
    let batches: [Tally.Batch]
    /// Running sums of the detail rows, for total rows (SPEC §2.5).
    var sums: TotalRow.Sums
    /// Per id column, the row's hash (nil when empty).
    var hashes: [UInt64?]
    /// The unit of the part's counted rows so far, and whether they lie in more than one.
    private var partUnit: Int?
    private var partIsMixed = false

    init(scan: LedgerScan, plan: LedgerPlan) {
        self.plan = plan
        batches = scan.indicators.map {
            Tally.Batch(stageCount: $0.stages.count, capacity: LedgerScan.batchSize + 32)
        }
        sums = TotalRow.Sums(columns: plan.measureColumns.count)
        hashes = Array(repeating: nil, count: plan.idColumns.count)
    }

    /// Checks `record` and counts it when it is accepted.
    mutating func handle(
        _ record: CSVRecord, row: inout LedgerRow, cells: some CellKinds, context: RowContext,
        scan: inout LedgerScan
    ) {
        // After a configuration mistake the scan is over: the rest of its batch is not read.
        guard !scan.isOver else { return }
        var verdict = row.check(record, cells: cells, context: context)
        switch verdict {
        case .skipped: return
        case .total(let kind):
            checkTotal(record, kind: kind, context: context, scan: &scan)
            return
        case .malformed:
            // Its fields do not line up: not even its region can be trusted.
            attribute(&row, record, inUnit: false)
            for finding in row.findings { scan.quality.add(finding) }
            scan.rejected[context.file, default: 0] += 1
            return
        case .accepted, .rejected: break
        }
        addToSums(record, row: row, isAccepted: verdict == .accepted)
        if !checkIDs(record, row: &row, context: context, scan: &scan) { verdict = .rejected }
        if verdict == .accepted, !checkTotals(record, row: &row, context: context, scan: &scan) {
            verdict = .rejected
        }
        if verdict == .rejected {
            attribute(&row, record, inUnit: true)
            // A rejected row's warnings would only distract: its errors say what to fix.
            for finding in row.findings where finding.severity == .error { scan.quality.add(finding) }
            scan.rejected[context.file, default: 0] += 1
            return
        }
        if plan.checksIDCards.contains(true) { checkIDCards(record, row: &row, context: context) }
        attribute(&row, record, inUnit: true)
        for finding in row.findings { scan.quality.add(finding) }
        count(record, row: row, context: context, scan: &scan)
        noteUnit(of: row)
    }

    /// Puts the row's unit and id on its findings, so that each county gets its own list back
    /// (SPEC §5.1: the id masked when it is a resident ID number). Only rows with findings pay.
    private func attribute(_ row: inout LedgerRow, _ record: CSVRecord, inUnit: Bool) {
        guard !row.findings.isEmpty else { return }
        let unit = inUnit ? row.unit : nil
        let id = plan.idColumns.first.flatMap { LedgerRow.listedID(record.trimmedString(at: $0)) }
        for index in row.findings.indices {
            row.findings[index].unit = unit
            row.findings[index].recordID = id
        }
    }

    /// Follows which unit the part's counted rows lie in, while they all lie in one.
    private mutating func noteUnit(of row: LedgerRow) {
        guard !partIsMixed, let unit = row.unit else { return }
        if partUnit == nil {
            partUnit = unit
        } else if partUnit != unit {
            partIsMixed = true
        }
    }

    /// The one unit every counted row of the part lies in (a county's own workbook), if any.
    var soleUnit: Int? { partIsMixed ? nil : partUnit }

    /// Whether the row's ids are new; a duplicate is an error at its line.
    private mutating func checkIDs(
        _ record: CSVRecord, row: inout LedgerRow, context: RowContext, scan: inout LedgerScan
    ) -> Bool {
        guard !plan.idColumns.isEmpty else { return true }
        if scan.seenIDs.isEmpty, scan.idLogs.isEmpty {
            if scan.idCheck == .everyRow {
                scan.seenIDs = Array(repeating: IDSet(), count: plan.idColumns.count)
            } else {
                scan.idLogs = plan.idColumns.map { _ in IDLog() }
            }
        }
        var isNew = true
        // By position rather than through the list's iterator, which would hold (and count a
        // reference to) the plan's list on every row.
        for slot in 0..<plan.idColumns.count {
            let column = plan.idColumns[slot]
            // An empty id is not checked for uniqueness.
            guard let hash = record.withBytes(at: column, LedgerScanner.idHash) else { continue }
            if scan.idCheck == .atTheEnd {
                scan.idAppenders[slot].append(hash)
            } else if !scan.seenIDs[slot].insert(hash) {
                row.report(
                    .error, record, column, .duplicateID, context,
                    .init(
                        .duplicateID,
                        [
                            "column": .text(plan.name(of: column)),
                            "id": LedgerRow.shownID(record.trimmedString(at: column)),
                        ]))
                isNew = false
            }
        }
        return isNew
    }

    /// Whether the row keeps every indicator's total within what Bulletin counts.
    private mutating func checkTotals(
        _ record: CSVRecord, row: inout LedgerRow, context: RowContext, scan: inout LedgerScan
    ) -> Bool {
        var fits = true
        for position in scan.members.indices {
            let amount = plan.measure[position].map { row.measures[$0] } ?? 10_000
            let (sum, overflowed) = scan.totals[position].addingReportingOverflow(amount)
            guard overflowed || sum > Tally.maximumTotal else { continue }
            let column = plan.measure[position].map { plan.measureColumns[$0] }
            let indicator = Diagnostic.Value.text(scan.indicators[position].id)
            let maximum = Diagnostic.Value.text(Tally.maximumTotalText)
            row.report(
                .error, record, column, .badNumber, context,
                column.map {
                    .init(
                        .totalTooLarge,
                        [
                            "column": .text(plan.name(of: $0)),
                            "value": LedgerRow.shown(record.string(at: $0)),
                            "indicator": indicator, "maximum": maximum,
                        ])
                } ?? .init(.rowTotalTooLarge, ["indicator": indicator, "maximum": maximum]))
            fits = false
        }
        guard fits else { return false }
        for position in scan.members.indices {
            scan.totals[position] += plan.measure[position].map { row.measures[$0] } ?? 10_000
        }
        return true
    }

    /// Warns about ids that fail the resident ID number check (`"id_check": "id-card"`).
    private func checkIDCards(_ record: CSVRecord, row: inout LedgerRow, context: RowContext) {
        for (slot, column) in plan.idColumns.enumerated() where plan.checksIDCards[slot] {
            let id = record.trimmedString(at: column)
            guard !id.isEmpty, let problem = IDCardCheck.problem(id, asOf: context.asOf) else { continue }
            row.report(
                .warning, record, column, .idCard, context,
                .init(
                    .idCard,
                    [
                        "column": .text(plan.name(of: column)), "id": LedgerRow.shownID(id),
                        "problem": .message(problem),
                    ]))
        }
    }
}
