/// The rows of a render context: a region's row on one indicator, its figures cells, a unit in an
/// indicator's lists, a trend series. A national bulletin makes millions of cells, so a cell
/// makes its members when they are looked up (`FiguresCell`), and the rows are built from array
/// literals of members whose keys are known to differ.
extension ContextBuilder {
    /// One row of numbers with its text forms.
    func cell(_ figures: Figures, measureUnit: String) -> JSONValue {
        .object(JSONObject(computed: FiguresCell(self, figures, measureUnit: measureUnit)))
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
        let notStarted = bulletin.asOf < figures.start
        let rankingStage = indicator.indicator.rankingStage
        let stages = indicator.indicator.stages.indices.map { stage in
            JSONValue.object(
                JSONObject(
                    computed: FiguresCell(
                        self, figures.stages[stage].whole, measureUnit: unit, notStarted: notStarted,
                        stage: (indicator.indicator.stages[stage], stage == rankingStage))))
        }
        // The ranked cell is the ranking stage's cell without its stage keys.
        let ranked =
            figures.stages.indices.contains(rankingStage)
            ? JSONValue.object(
                JSONObject(
                    computed: FiguresCell(
                        self, figures.stages[rankingStage].whole, measureUnit: unit, notStarted: notStarted)))
            : .null
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

/// A figures cell of the render context: a row of numbers with their text forms, each member
/// made when a template looks it up. A national build has millions of cells, and a page prints a
/// few members of most of them (a township row: done and rate).
final class FiguresCell: ComputedMembers, @unchecked Sendable {
    static let cellKeys = [
        "has_task", "target", "target_text", "done", "done_text", "rate_pct", "rate_text",
        "new_since_previous", "new_text", "rate_change_pp", "rate_change_text", "time_progress_pct",
        "time_progress_text", "gap_pp", "gap_text", "is_behind", "rank", "rank_text", "status",
        "status_text", "status_symbol", "is_over_target", "deadline", "measure_unit",
    ]
    /// A cell's keys.
    static let plain = MemberKeys(cellKeys)
    /// A stage's cell in a region's row: its stage after the cell's keys.
    static let ofStage = MemberKeys(cellKeys + ["stage_id", "stage_title", "is_ranking"])

    let builder: ContextBuilder
    let figures: Figures
    let measureUnit: String
    /// The bulletin date is before the row's window (an earlier bulletin): a cell with a task
    /// says 未开始 instead of 0.00% and a status.
    let notStarted: Bool
    let stage: (stage: Indicator.Stage, isRanking: Bool)?

    init(
        _ builder: ContextBuilder, _ figures: Figures, measureUnit: String, notStarted: Bool = false,
        stage: (stage: Indicator.Stage, isRanking: Bool)? = nil
    ) {
        self.builder = builder
        self.figures = figures
        self.measureUnit = measureUnit
        self.notStarted = notStarted && figures.hasTask
        self.stage = stage
        super.init(keys: stage == nil ? Self.plain : Self.ofStage)
    }

    override func value(at index: Int) -> JSONValue {
        let figures = figures
        let hasTask = figures.hasTask
        let format = builder.format
        if notStarted, let value = notStartedValue(at: index) { return value }
        switch index {
        case 0: return .bool(hasTask)
        case 1: return hasTask ? builder.number(figures.target) : .null
        case 2: return .string(hasTask ? format.quantity(figures.target) : "–")
        case 3: return hasTask ? builder.number(figures.done) : .null
        case 4: return .string(hasTask ? format.quantity(figures.done) : "–")
        case 5: return figures.ratePercentage.map { .number($0.number) } ?? .null
        case 6: return .string(format.percent(figures.ratePercentage))
        case 7: return hasTask ? builder.number(figures.newSincePrevious) : .null
        case 8: return .string(hasTask ? format.signedQuantity(figures.newSincePrevious) : "–")
        case 9: return figures.rateChangePercentage.map { .number($0.number) } ?? .null
        case 10: return .string(format.points(figures.rateChangePercentage))
        case 11: return .number(figures.timeProgressPercentage.number)
        case 12: return .string(hasTask ? format.percent(figures.timeProgressPercentage) : "–")
        case 13: return figures.gapPercentage.gap.map { .number($0.number) } ?? .null
        case 14: return .string(format.points(figures.gapPercentage.gap))
        case 15: return .bool(figures.gapPercentage.isBehind)
        case 16: return figures.rank.map { .number(Double($0)) } ?? .null
        case 17: return .string(figures.rank.map(String.init) ?? "–")
        case 18: return .string(figures.status.rawValue)
        case 19: return .string(builder.statusText(figures.status).text)
        case 20: return .string(builder.statusText(figures.status).symbol)
        case 21: return .bool(figures.isOverTarget)
        case 22: return .string(builder.days.iso(figures.deadline))
        case 23: return .string(measureUnit)
        case 24: return stage.map { .string($0.stage.id) } ?? .null
        case 25: return stage.map { .string($0.stage.title) } ?? .null
        case 26: return stage.map { .bool($0.isRanking) } ?? .null
        default: return .null
        }
    }

    /// A member as it reads before the window opens: no rate, progress or gap, and the status
    /// 未开始 (`not-started`) with its own symbol; nil for the members that read as always.
    private func notStartedValue(at index: Int) -> JSONValue? {
        switch index {
        case 6, 10, 12, 14: .string("–")
        case 15: .bool(false)
        case 18: .string("not-started")
        case 19: .string(builder.label("status.not-started"))
        case 20: .string("○")
        default: nil
        }
    }
}
