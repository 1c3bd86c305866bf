extension RowCounter {
    /// Counts an accepted row into each member's batch.
    mutating func count(_ record: CSVRecord, row: LedgerRow, context: RowContext, scan: inout LedgerScan) {
        let asOf = context.asOf
        for position in scan.members.indices {
            guard case .inUnit(let unit, let township) = row.locations[plan.region[position]] else {
                continue
            }
            let amount = plan.measure[position].map { row.measures[$0] } ?? 10_000
            var category = 0
            if let slot = plan.category[position] {
                guard
                    let index = categoryIndex(
                        record, column: plan.categoryColumns[slot], member: position, file: context.file,
                        scan: &scan)
                else { return }
                category = index
            }
            let batch = batches[position]
            let stored = batch.append(unit: unit, township: township, category: category, amount: amount)
            for (stage, slot) in plan.dates[position].enumerated() {
                let bucket =
                    row.days[slot].map { $0 <= asOf ? scan.setting.calendar.bucket(of: $0) : -1 } ?? -1
                batch.buckets[stored &* batch.stageCount &+ stage] = bucket
            }
            if batch.count == batch.capacity {
                scan.tallies[position].add(batch)
                batch.removeAll()
            }
        }
    }

    /// The tally's index of the row's category. Category values are few: their raw bytes are
    /// remembered, so a row's value is found without making a string. Past
    /// `LedgerScan.maximumCategories` values the column is taken for one of names or ids — a
    /// configuration mistake that would publish them — and the scan stops (nil).
    private func categoryIndex(
        _ record: CSVRecord, column: Int, member: Int, file: String, scan: inout LedgerScan
    ) -> Int? {
        let cache = scan.categoryCache[member]
        if let known = record.withBytes(
            at: column, { bytes in cache.first { $0.bytes.elementsEqual(bytes) } })
        {
            return known.index
        }
        let index = scan.tallies[member].category(named: record.trimmedString(at: column))
        guard scan.tallies[member].categoryCount <= LedgerScan.maximumCategories else {
            let indicator = scan.indicators[member]
            scan.configurationProblem = Diagnostic(
                file: Dataset.configurationFile, jsonPath: "indicators[\(scan.members[member])].category",
                severity: .error,
                kind: .configuration,
                message: .init(
                    .tooManyCategories,
                    [
                        "column": .text(indicator.categoryColumn ?? ""),
                        "maximum": .number(LedgerScan.maximumCategories),
                        "next": .number(LedgerScan.maximumCategories + 1), "line": .number(record.line),
                        "file": .text(file),
                    ]))
            return nil
        }
        if cache.count < LedgerScan.maximumCategories {
            scan.categoryCache[member].append((record.withBytes(at: column) { Array($0) }, index))
        }
        return index
    }

    /// Counts the batches into the tallies.
    func flush(into tallies: inout [Tally]) {
        for (position, batch) in batches.enumerated() where batch.count > 0 {
            tallies[position].add(batch)
            batch.removeAll()
        }
    }

    /// At the end of the part.
    func finish(into scan: inout LedgerScan) { flush(into: &scan.tallies) }

    /// Adds a detail row's sum-measure figures to the running sums its total rows are checked
    /// against (a rejected row's too, when its figure is a number: the total row counts it).
    mutating func addToSums(_ record: CSVRecord, row: LedgerRow, isAccepted: Bool) {
        // By position: the plan's list is not held (nor its reference counted) on every row.
        for slot in 0..<plan.measureColumns.count {
            if isAccepted {
                sums.add(row.measures[slot], slot: slot)
            } else if case .value(let value) = record.withBytes(
                at: plan.measureColumns[slot], FieldParsing.measure)
            {
                sums.add(value, slot: slot)
            }
        }
    }

    /// Checks a total row's sum-measure figures against the detail rows it covers: a
    /// difference is a warning quoting both (SPEC §2.5).
    mutating func checkTotal(
        _ record: CSVRecord, kind: TotalRow.Kind, context: RowContext, scan: inout LedgerScan
    ) {
        defer { if kind == .subtotal { sums.closeSubtotal() } }
        for (slot, column) in plan.measureColumns.enumerated() {
            guard case .value(let stated) = record.withBytes(at: column, FieldParsing.measure) else {
                continue
            }
            let expected = sums.expected(for: kind, slot: slot)
            guard stated != expected else { continue }
            let label = kind == .subtotal ? "小计" : "合计"
            let unit =
                scan.indicators.first { $0.measure == .sum(column: plan.name(of: column)) }?.measureUnit ?? ""
            scan.quality.add(
                Finding(
                    file: context.file, sheet: context.sheet, line: record.line, column: column + 1,
                    severity: .warning,
                    kind: .totalRow,
                    message: .init(
                        .totalRow,
                        [
                            "column": .text(plan.name(of: column)), "label": .text(label),
                            "stated": .text(Self.figure(stated)),
                            "unit": .text(unit), "expected": .text(Self.figure(expected)),
                        ])))
        }
    }

    /// A measure in ten-thousandths as people write it: `3,421`, `12.5` — `Quantity.plain` with
    /// its whole part grouped by thousands (measures are never negative).
    static func figure(_ value: Int64) -> String {
        let plain = Quantity.plain(value)
        let parts = plain.split(separator: ".", maxSplits: 1)
        var digits = String(parts[0])
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
