/// The fields of a row that need more than a parser: its place, its dates and their order.
extension LedgerRow {
    /// Reads the row's region from `source` into `locations[slot]`; false (with an error) when
    /// the row cannot be attributed to a unit.
    mutating func locate(_ record: CSVRecord, source: LedgerPlan.RegionSource, slot: Int, context: RowContext)
        -> Bool
    {
        let plan = context.plan
        switch source {
        case .code(let column):
            let location = record.withBytes(at: column) { bytes in
                FieldParsing.regionCode(bytes).map(context.regions.location(ofPackedCode:))
            }
            locations[slot] = location ?? .unknown
            // The names below are for a finding only: an accepted row looks nothing up.
            if case .inUnit? = location { return true }
            let name = Diagnostic.Value.text(plan.name(of: column))
            let rootName = Diagnostic.Value.text(context.regions.names[context.regions.root])
            switch location {
            case .inUnit?: return true
            case nil:
                report(
                    .error, record, column, .unknownRegion, context,
                    .init(.notACode, ["column": name, "value": Self.shown(record.string(at: column))]))
            case .unknown?:
                report(
                    .error, record, column, .unknownRegion, context,
                    .init(.codeNotInRegions, ["column": name, "code": .text(record.string(at: column))]))
            case .root?:
                report(
                    .error, record, column, .rootRegion, context,
                    .init(
                        .rootRegion,
                        ["column": name, "code": .text(record.string(at: column)), "root": rootName]))
            case .outsideRoot?:
                report(
                    .error, record, column, .outsideRoot, context,
                    .init(
                        .outsideRoot,
                        [
                            "column": name, "code": .text(record.string(at: column)), "root": rootName,
                            "root_code": .text(context.regions.codes[context.regions.root]),
                        ]))
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
                    .init(
                        .placeOutsideRoot,
                        [
                            "places": .text(texts.joined(separator: " ")),
                            "root": .text(context.regions.names[context.regions.root]),
                        ]))
            case .noName:
                report(
                    .error, record, columns[0], .unknownRegion, context,
                    .init(.placeEmpty, ["column": .text(plan.name(of: columns[0]))]))
            case .gap(let level):
                report(
                    .error, record, columns[level], .unknownRegion, context,
                    .init(
                        .placeGap,
                        [
                            "column": .text(plan.name(of: columns[level])),
                            "next": .text(plan.name(of: columns[level + 1])),
                        ]))
            case .unknown(let level, let parent, let closest):
                locations[slot] = context.regions.location(ofRegion: parent)
                let suggestion: Diagnostic.Value =
                    closest.isEmpty
                    ? "" : .message(.init(.placeClosest, ["names": .list(closest, joinedBy: .listComma)]))
                report(
                    .error, record, columns[level], .unknownPlace, context,
                    .init(
                        parent == context.regions.root ? .placeNotAUnitOf : .placeNotUnder,
                        [
                            "column": .text(plan.name(of: columns[level])),
                            "place": Self.shownPlace(texts[level]),
                            "parent": .text(context.regions.names[parent]), "closest": suggestion,
                        ]))
            case .ambiguous(let level, let parent, let candidates):
                locations[slot] = context.regions.location(ofRegion: parent)
                report(
                    .error, record, columns[level], .unknownPlace, context,
                    .init(
                        .placeAmbiguous,
                        [
                            "column": .text(plan.name(of: columns[level])),
                            "place": Self.shownPlace(texts[level]),
                            "candidates": .list(candidates, joinedBy: .listAnd),
                            "parent": .text(context.regions.names[parent]),
                        ]))
            }
            return false
        }
    }

    /// A place name as a finding shows it: quoted when it ends like one (`成关镇`, `东岭村`),
    /// described otherwise — a householder's name typed into the column is not published.
    static func shownPlace(_ text: String) -> Diagnostic.Value {
        let normalized = HeaderText.normalized(text)
        if PlaceNames.suffixes.contains(where: { normalized.hasSuffix($0) }) && normalized.count <= 24 {
            return .message(.init(.valueQuoted, ["value": .text(text)]))
        }
        let shown = shown(text)
        if case .message(let message) = shown, message.key == .valueQuoted { return shown }
        return .message(.init(.placeDescribed, ["description": .message(PersonalData.description(of: text))]))
    }

    /// Reads the date in `column` into `days[slot]`; false (with an error) when it is not one.
    mutating func readDate(
        _ record: CSVRecord, column: Int, slot: Int, cells: some CellKinds, context: RowContext
    ) -> Bool {
        if cells.isUnusableCell(column) {
            days[slot] = nil
            report(
                .error, record, column, .badDate, context,
                .init(.unusableCell, ["column": .text(context.plan.name(of: column))]))
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
            report(
                .error, record, column, .badDate, context,
                .init(
                    .invalidValue,
                    [
                        "column": .text(context.plan.name(of: column)), "value": Self.shown(value),
                        "reason": .message(reason),
                    ]))
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
                    .init(
                        .afterAsOf,
                        [
                            "column": .text(plan.name(of: column)), "day": .shown(day),
                            "as_of": .shown(context.asOf),
                        ]))
            } else if day < plan.dateColumnStart[slot] {
                report(
                    .warning, record, column, .beforeStart, context,
                    .init(
                        .beforeStart,
                        [
                            "column": .text(plan.name(of: column)), "day": .shown(day),
                            "start": .shown(plan.dateColumnStart[slot]),
                        ]))
            }
        }
        for check in plan.orderChecks where !isInOrder(check.slots, plan: plan) {
            checkOrder(record, indicator: check.indicator, context: context)
        }
    }

    /// Whether the dates in `slots` of `plan.orderSlots` (one indicator's stages) are in order:
    /// no later stage dated before an earlier one, none dated while an earlier one is empty.
    /// The common case, read from flat lists; `checkOrder` says what is wrong.
    private func isInOrder(_ slots: Range<Int>, plan: LedgerPlan) -> Bool {
        var previous: Day??
        for position in slots {
            let day = days[plan.orderSlots[position]]
            defer { previous = day }
            guard let earlier = previous, let day else { continue }
            guard let earlierDay = earlier, day >= earlierDay else { return false }
        }
        return true
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
            // In order (or no earlier stage to compare with): nothing to say, nothing looked up.
            if let earlierDay = earlier.day, day >= earlierDay { continue }
            let column = plan.dateColumns[slot]
            let title = Diagnostic.Value.text(plan.stageTitles[indicator][stage])
            let earlierTitle = Diagnostic.Value.text(plan.stageTitles[indicator][earlier.stage])
            let earlierColumn = Diagnostic.Value.text(plan.name(of: plan.dateColumns[slots[earlier.stage]]))
            let name = Diagnostic.Value.text(plan.name(of: column))
            if let earlierDay = earlier.day, day < earlierDay {
                report(
                    .warning, record, column, .stageOrder, context,
                    .init(
                        .stageBeforeEarlier,
                        [
                            "stage": title, "column": name, "day": .shown(day), "earlier_stage": earlierTitle,
                            "earlier_column": earlierColumn, "earlier_day": .shown(earlierDay),
                        ]))
            } else if earlier.day == nil {
                report(
                    .warning, record, column, .stageOrder, context,
                    .init(
                        .stageWithoutEarlier,
                        [
                            "stage": title, "column": name, "day": .shown(day), "earlier_stage": earlierTitle,
                            "earlier_column": earlierColumn,
                        ]))
            }
        }
    }
}
