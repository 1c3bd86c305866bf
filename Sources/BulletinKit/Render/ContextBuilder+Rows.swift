/// The rows of a render context: a region's row on one indicator, its figures cells, a unit in an
/// indicator's lists, a trend series. A national bulletin makes millions of cells, so these are
/// built from array literals of members whose keys are known to differ.
extension ContextBuilder {
    /// One row of numbers with its text forms.
    func cell(_ figures: Figures, measureUnit: String) -> JSONValue {
        .object(cellObject(figures, measureUnit: measureUnit, extraCapacity: 0))
    }

    /// The members of `cell`, with room for `extraCapacity` more (a stage's id, title and flag).
    /// `notStarted`: the bulletin date is before the row's window (an earlier bulletin): the
    /// cell says 未开始 instead of 0.00% and a status.
    private func cellObject(_ figures: Figures, measureUnit: String, extraCapacity: Int, notStarted: Bool = false)
        -> JSONObject
    {
        // Each percentage is rounded once for both its text and its number.
        let percentages = figures.percentages
        let (rate, gap, rateChange) = (percentages.rate, percentages.gap, percentages.rateChange)
        let timeProgress = percentages.timeProgress
        let status = statusText(figures.status)
        // One array literal: a national build makes millions of cells.
        var members: [(key: String, value: JSONValue)] = [
            ("has_task", .bool(figures.hasTask)),
            ("target", figures.hasTask ? number(figures.target) : .null),
            ("target_text", .string(figures.hasTask ? format.quantity(figures.target) : "–")),
            ("done", figures.hasTask ? number(figures.done) : .null),
            ("done_text", .string(figures.hasTask ? format.quantity(figures.done) : "–")),
            ("rate_pct", rate.map { .number($0.number) } ?? .null),
            ("rate_text", .string(format.percent(rate))),
            ("new_since_previous", figures.hasTask ? number(figures.newSincePrevious) : .null),
            ("new_text", .string(figures.hasTask ? format.signedQuantity(figures.newSincePrevious) : "–")),
            ("rate_change_pp", rateChange.map { .number($0.number) } ?? .null),
            ("rate_change_text", .string(format.points(rateChange))),
            ("time_progress_pct", .number(timeProgress.number)),
            ("time_progress_text", .string(figures.hasTask ? format.percent(timeProgress) : "–")),
            ("gap_pp", gap.map { .number($0.number) } ?? .null),
            ("gap_text", .string(format.points(gap))),
            ("is_behind", .bool(percentages.isBehind)),
            ("rank", figures.rank.map { .number(Double($0)) } ?? .null),
            ("rank_text", .string(figures.rank.map(String.init) ?? "–")),
            ("status", .string(figures.status.rawValue)),
            ("status_text", .string(status.text)),
            ("status_symbol", .string(status.symbol)),
            ("is_over_target", .bool(figures.isOverTarget)),
            ("deadline", .string(days.iso(figures.deadline))),
            ("measure_unit", .string(measureUnit)),
        ]
        if notStarted, figures.hasTask { members = members.map(Self.notStarted(label("status.not-started"))) }
        if extraCapacity > 0 { members.reserveCapacity(members.count + extraCapacity) }
        return JSONObject(uniqueMembers: members)
    }

    /// A cell member as it reads before the window opens: no rate, progress or gap, and the
    /// status 未开始 (`not-started`) with its own symbol.
    private static func notStarted(_ text: String) -> ((key: String, value: JSONValue)) -> (key: String, value: JSONValue) {
        { member in
            switch member.key {
            case "rate_text", "rate_change_text", "time_progress_text", "gap_text": (member.key, .string("–"))
            case "status": (member.key, .string("not-started"))
            case "status_text": (member.key, .string(text))
            case "status_symbol": (member.key, .string("○"))
            case "is_behind": (member.key, .bool(false))
            default: member
            }
        }
    }

    func number(_ quantity: Int64) -> JSONValue {
        // A whole number converts exactly as its decimal text would (both round to nearest).
        if quantity % Quantity.scale == 0 { return .number(Double(quantity / Quantity.scale)) }
        // So does a quotient of exact doubles (up to 2⁵³), which is quicker than reading the text.
        if quantity.magnitude <= 1 << 53 { return .number(Double(quantity) / Double(Quantity.scale)) }
        return .number(Double(Quantity.plain(quantity)) ?? 0)
    }

    func percentNumber(_ value: Rational) -> JSONValue {
        .number(Percentage(value).number)
    }

    /// A region's row on one indicator: its stages, and the ranking stage's cell.
    func regionRow(_ figures: RegionFigures, indicator: IndicatorResult, href: String?) -> JSONObject {
        let unit = indicator.indicator.measureUnit
        // The ranked cell is the ranking stage's cell without its stage keys: made once for both.
        var ranked = JSONValue.null
        let stages = indicator.indicator.stages.indices.map { stage in
            var cellObject = cellObject(
                figures.stages[stage].whole, measureUnit: unit, extraCapacity: 3, notStarted: bulletin.asOf < figures.start)
            let isRanking = stage == indicator.indicator.rankingStage
            if isRanking { ranked = .object(cellObject) }
            cellObject.append(newKey: "stage_id", .string(indicator.indicator.stages[stage].id))
            cellObject.append(newKey: "stage_title", .string(indicator.indicator.stages[stage].title))
            cellObject.append(newKey: "is_ranking", .bool(isRanking))
            return JSONValue.object(cellObject)
        }
        // Township breakdowns carry no category split: their stages have no category figures.
        let hasSplit = figures.stages.allSatisfy { $0.categories.count == indicator.categories.count }
        let categories = (hasSplit ? indicator.categories.indices : 0..<0).map { category in
            JSONValue.object(
                JSONObject(uniqueMembers: [
                    ("category", .string(indicator.categories[category])),
                    ("category_text", .string(categoryLabel(indicator.categories[category]))),
                    (
                        "target_text",
                        .string(
                            figures.stages.first.map {
                                $0.categories[category].hasTask
                                    ? format.quantity($0.categories[category].target) : "–"
                            } ?? "–")
                    ),
                    (
                        "stages",
                        .array(
                            indicator.indicator.stages.indices.map {
                                cell(figures.stages[$0].categories[category], measureUnit: unit)
                            })
                    ),
                ]))
        }
        // Room for the keys the unit pages and the indicator's total row add.
        var members: [(key: String, value: JSONValue)] = [
            ("code", .string(figures.region.code)),
            ("name", .string(figures.region.name)),
            ("href", href.map(JSONValue.string) ?? .null),
            ("start", .string(days.iso(figures.start))),
            ("deadline", .string(days.iso(figures.deadline))),
            ("deadline_text", .string(days.full(figures.deadline))),
            ("start_text", .string(days.full(figures.start))),
            ("stages", .array(stages)),
            ("ranked", ranked),
            ("categories", .array(categories)),
        ]
        members.reserveCapacity(20)
        let object = JSONObject(uniqueMembers: members)
        return object
    }

    /// What the pages print for a category value: its label from the configuration, or the value.
    func categoryLabel(_ value: String) -> String {
        bulletin.configuration.document.categoryLabels[value] ?? value
    }

    /// A note under a category split whose targets do not add up to the region's target: the
    /// split is counted from the ledger, the target came from `targets.csv` (SPEC §3).
    func categoryNote(_ figures: RegionFigures, indicator: IndicatorResult) -> String? {
        guard let first = figures.stages.first, first.categories.count == indicator.categories.count,
            !indicator.categories.isEmpty
        else { return nil }
        let ledger = first.categories.reduce(Int64(0)) { $0 &+ $1.target }
        guard ledger != first.whole.target else { return nil }
        let unit = indicator.indicator.measureUnit
        return phrase(
            "heading.category_note",
            ["ledger": format.quantity(ledger), "target": format.quantity(first.whole.target), "unit": unit])
    }

    /// A unit in an indicator's lists (`ranking`, `top`, `behind`…): its name, link and figures.
    func listEntry(_ index: Int, unit: Int, pathToRoot: String) -> JSONObject {
        let result = bulletin.indicators[index]
        let figures = result.ranked(unit)
        let rate = figures.rate
        return JSONObject(uniqueMembers: [
            ("code", .string(bulletin.units[unit].code)),
            ("name", .string(bulletin.units[unit].name)),
            ("href", pageHref("\(pathToRoot)units/\(bulletin.units[unit].code).html")),
            ("rate_text", .string(format.percent(rate))),
            ("gap_text", .string(format.points(rate.map { $0 - figures.timeProgress }))),
            ("rank_text", .string(figures.rank.map(String.init) ?? "–")),
            ("status", .string(figures.status.rawValue)),
            ("status_text", .string(statusText(figures.status).text)),
        ])
    }

    /// A trend series as rows (date, done, rate, time progress).
    func trend(_ dates: [Day], done: [Int64], progress: [Rational], target: Int64) -> JSONValue {
        .array(
            dates.indices.map { index in
                // Each percentage rounded once for its number and its text.
                let rate =
                    target > 0
                    ? Percentage(done[index], over: target)
                        ?? Percentage(Rational(Int128(done[index]), Int128(target))) : nil
                let timeProgress = Percentage(progress[index])
                return .object(
                    JSONObject(uniqueMembers: [
                        ("date", .string(days.iso(dates[index]))),
                        ("date_text", .string(days.short(dates[index]))),
                        ("done", number(done[index])),
                        ("done_text", .string(format.quantity(done[index]))),
                        ("rate_pct", rate.map { .number($0.number) } ?? .null),
                        ("rate_text", .string(format.percent(rate))),
                        ("time_progress_pct", .number(timeProgress.number)),
                        ("time_progress_text", .string(format.percent(timeProgress))),
                    ]))
            })
    }
}
