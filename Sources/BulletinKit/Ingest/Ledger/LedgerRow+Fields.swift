/// The fields of a row that need more than a parser: its place, its dates and their order.
extension LedgerRow {
    /// Reads the row's region from `source` into `locations[slot]`; false (with an error) when
    /// the row cannot be attributed to a unit.
    mutating func locate(_ record: CSVRecord, source: LedgerPlan.RegionSource, slot: Int, context: RowContext) -> Bool {
        let plan = context.plan
        switch source {
        case .code(let column):
            let location = record.withBytes(at: column) { bytes in
                FieldParsing.regionCode(bytes).map(context.regions.location(ofPackedCode:))
            }
            locations[slot] = location ?? .unknown
            let name = plan.name(of: column)
            let rootName = context.regions.names[context.regions.root]
            switch location {
            case .inUnit?: return true
            case nil:
                report(
                    .error, record, column, .unknownRegion, context,
                    "\(name) \(Self.shown(record.string(at: column))) is not a region code (digits such as 411323100201)")
            case .unknown?:
                report(
                    .error, record, column, .unknownRegion, context,
                    "\(name) \"\(record.string(at: column))\" is not in regions.csv")
            case .root?:
                report(
                    .error, record, column, .rootRegion, context,
                    "\(name) \"\(record.string(at: column))\" is the root \(rootName) itself; a row must name a unit or a region below one"
                )
            case .outsideRoot?:
                report(
                    .error, record, column, .outsideRoot, context,
                    "\(name) \"\(record.string(at: column))\" is not under \(rootName) (\(context.regions.codes[context.regions.root]))"
                )
            }
            return false
        case .names(let columns):
            // A row whose place is not found lies nowhere — or, for the findings' sake, in the
            // unit of the last level that was found (a misspelt village of a known county).
            locations[slot] = .unknown
            guard let places = context.places else { return false }
            let texts = columns.map { record.trimmedString(at: $0) }
            switch context.placeCache.match(texts, in: places) {
            case .region(let region):
                locations[slot] = context.regions.location(ofRegion: region)
                if case .inUnit = locations[slot] { return true }
                report(
                    .error, record, columns[0], .outsideRoot, context,
                    "\(texts.joined(separator: " ")) is not under \(context.regions.names[context.regions.root])")
            case .noName:
                report(
                    .error, record, columns[0], .unknownRegion, context,
                    "\(plan.name(of: columns[0])) is empty; every row must name its \(plan.name(of: columns[0]))")
            case .gap(let level):
                report(
                    .error, record, columns[level], .unknownRegion, context,
                    "\(plan.name(of: columns[level])) is empty, but \(plan.name(of: columns[level + 1])) is not; name the place level by level"
                )
            case .unknown(let level, let parent, let closest):
                locations[slot] = context.regions.location(ofRegion: parent)
                let under = parent == context.regions.root ? "a unit of" : "under"
                let suggestion = closest.isEmpty ? "" : "; closest: \(closest.joined(separator: ", "))"
                report(
                    .error, record, columns[level], .unknownPlace, context,
                    "\(plan.name(of: columns[level])) \(Self.shownPlace(texts[level])) is not \(under) \(context.regions.names[parent])\(suggestion)"
                )
            case .ambiguous(let level, let parent, let candidates):
                locations[slot] = context.regions.location(ofRegion: parent)
                report(
                    .error, record, columns[level], .unknownPlace, context,
                    "\(plan.name(of: columns[level])) \(Self.shownPlace(texts[level])) fits \(candidates.joined(separator: " and ")) under \(context.regions.names[parent]); write the full name, or add it to aliases.csv"
                )
            }
            return false
        }
    }

    /// A place name as a finding shows it: quoted when it ends like one (`成关镇`, `东岭村`),
    /// described otherwise — a householder's name typed into the column is not published.
    static func shownPlace(_ text: String) -> String {
        let normalized = HeaderText.normalized(text)
        if PlaceNames.suffixes.contains(where: { normalized.hasSuffix($0) }) && normalized.count <= 24 {
            return "\"\(text)\""
        }
        let shown = shown(text)
        return shown.hasPrefix("\"") ? shown : "(\(PersonalData.describe(text)))"
    }

    /// Reads the date in `column` into `days[slot]`; false (with an error) when it is not one.
    mutating func readDate(
        _ record: CSVRecord, column: Int, slot: Int, cells: some CellKinds, context: RowContext
    ) -> Bool {
        let name = context.plan.name(of: column)
        if cells.isUnusableCell(column) {
            days[slot] = nil
            report(
                .error, record, column, .badDate, context,
                "\(name) holds an error value or a formula with no saved result; open and save the workbook in Excel or WPS, or fix the formula"
            )
            return false
        }
        switch record.withBytes(at: column, FieldParsing.date) {
        case .empty:
            days[slot] = nil
            return true
        case .day(let day):
            days[slot] = day
            return true
        case .invalid(let reason):
            days[slot] = nil
            let value = record.string(at: column)
            report(.error, record, column, .badDate, context, "\(name) \(Self.shown(value)) \(reason)")
            return false
        }
    }

    /// Warnings on an accepted row's dates: after the bulletin date (not yet counted), before
    /// the start, and stages out of order.
    mutating func checkDates(_ record: CSVRecord, context: RowContext) {
        let plan = context.plan
        for (slot, column) in plan.dateColumns.enumerated() {
            guard let day = days[slot] else { continue }
            if day > context.asOf {
                report(
                    .warning, record, column, .afterAsOf, context,
                    "\(plan.name(of: column)) \(day) is after the bulletin date \(context.asOf); counted as not yet done")
            } else if day < plan.dateColumnStart[slot] {
                report(
                    .warning, record, column, .beforeStart, context,
                    "\(plan.name(of: column)) \(day) is before the start \(plan.dateColumnStart[slot]); counted as done")
            }
        }
        for indicator in plan.dates.indices where plan.checksOrder[indicator] {
            checkOrder(record, indicator: indicator, context: context)
        }
    }

    /// Warns when a later stage is dated before an earlier one, or dated while an earlier one is empty.
    private mutating func checkOrder(_ record: CSVRecord, indicator: Int, context: RowContext) {
        let plan = context.plan
        let slots = plan.dates[indicator]
        var previous: (stage: Int, day: Day?)?
        for (stage, slot) in slots.enumerated() {
            let day = days[slot]
            defer { previous = (stage, day) }
            guard let earlier = previous, let day else { continue }
            let column = plan.dateColumns[slot]
            let title = plan.stageTitles[indicator][stage]
            let earlierTitle = plan.stageTitles[indicator][earlier.stage]
            let earlierColumn = plan.name(of: plan.dateColumns[slots[earlier.stage]])
            if let earlierDay = earlier.day, day < earlierDay {
                report(
                    .warning, record, column, .stageOrder, context,
                    "\(title) (\(plan.name(of: column)) \(day)) is before \(earlierTitle) (\(earlierColumn) \(earlierDay))")
            } else if earlier.day == nil {
                report(
                    .warning, record, column, .stageOrder, context,
                    "\(title) (\(plan.name(of: column)) \(day)) is dated but \(earlierTitle) (\(earlierColumn)) is empty")
            }
        }
    }
}
