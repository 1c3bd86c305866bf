/// The bulletin's sentences (通报文字), generated from the numbers with the locale's phrases, as
/// an office writes them: 截至…，南阳市…完成率…，尚有…未入住；…滞后时序进度。
/// The phrases live in the locale file (`prose.*`) with `{name}` placeholders; the sentences
/// are plain text, so templates escape them like any other data. Which sentences a ranking
/// paragraph has is `RankingParagraph`'s choice.
extension ContextBuilder {
    /// `prose` for one indicator: `overall` (a sentence that stands alone, with 截至… and the
    /// root), `overview` (the same, led by 截至… only for the first indicator: the overview
    /// paragraphs follow one another) and the ranking sentences.
    func prose(_ result: IndicatorResult, isFirst: Bool) -> JSONValue {
        var object = JSONObject()
        object["overall"] = .string(overall(result, withLead: true))
        object["overview"] = .string(
            isFirst ? overall(result, withLead: true) : overall(result, withLead: false))
        let sentences = rankingSentences(result)
        object["ranking"] = .array(sentences.map(JSONValue.string))
        object["ranking_text"] = .string(sentences.joined(separator: label("prose.sentence_separator")))
        return .object(object)
    }

    /// 前N名 / 后N位 as the flags set them (`前三名`, `第一名`).
    var flagHeadings: (top: String, bottom: String) {
        let configuration = bulletin.configuration
        func heading(_ key: String, _ count: Int) -> String {
            count == 1 ? label("prose.\(key)_one") : phrase("prose.\(key)", ["n": numeral(count)])
        }
        return (
            heading("top_heading", configuration.flagsTop),
            heading("bottom_heading", configuration.flagsBottom)
        )
    }

    /// The quality sentence of the briefing's 数据质量 section.
    func qualityProse() -> String {
        let report = bulletin.quality
        if report.errorCount + report.warningCount == 0 { return label("prose.quality_none") }
        return phrase(
            "prose.quality", ["errors": String(report.errorCount), "warnings": String(report.warningCount)])
    }

    /// The overall sentence: target, done, rate, 较上期, what is left, and time progress — or,
    /// past the deadline with work left, that the deadline has passed.
    private func overall(_ result: IndicatorResult, withLead: Bool) -> String {
        let indicator = result.indicator
        let root = result.rootRanked
        let lead =
            withLead
            ? phrase("prose.lead", ["date": format.date(bulletin.asOf), "root": bulletin.root.name]) : ""
        guard root.hasTask else {
            return phrase("prose.no_task", ["lead": lead, "indicator": indicator.title])
        }
        if bulletin.asOf < indicator.start {
            return phrase(
                "prose.not_started",
                [
                    "lead": lead, "indicator": indicator.title, "target": format.proseQuantity(root.target),
                    "unit": indicator.measureUnit, "start": format.date(indicator.start),
                ])
        }
        let stage = indicator.stages[indicator.rankingStage].title
        let remaining = root.target - root.done
        let left =
            remaining > 0
            ? phrase(
                "prose.left",
                ["left": format.proseQuantity(remaining), "unit": indicator.measureUnit, "stage": stage])
            : label("prose.left_none")
        let progress =
            remaining > 0 && bulletin.asOf > root.deadline
            ? phrase("prose.past_deadline", ["deadline": format.date(root.deadline)])
            : phrase(
                "prose.progress", ["progress": format.percent(root.timeProgress), "gap": gapPhrase(root.gap)])
        return phrase(
            "prose.overall",
            [
                "lead": lead, "indicator": indicator.title, "target": format.proseQuantity(root.target),
                "done": format.proseQuantity(root.done), "unit": indicator.measureUnit, "stage": stage,
                "rate": format.percent(root.rate), "change": change(root, measureUnit: indicator.measureUnit),
                "left": left, "progress": progress,
            ])
    }

    /// The ranking paragraph's sentences, as `RankingParagraph` plans them.
    private func rankingSentences(_ result: IndicatorResult) -> [String] {
        // Before the window opens there is nothing to rank: the heading says why it is empty.
        if bulletin.asOf < result.indicator.start {
            guard result.rootRanked.hasTask else { return [] }
            return [phrase("prose.ranking_not_started", ["start": format.date(result.indicator.start)])]
        }
        let complete = result.ranking.filter { result.ranked($0).status == .complete }
        let overdue = result.ranking.filter { result.ranked($0).status == .overdue }
        let plan = RankingParagraph.plan(
            top: result.top, complete: complete, overdue: overdue, belowAverage: result.belowAverage,
            behind: result.behind, rootHasTask: result.rootRanked.hasTask,
            allTied: result.ranking.count > 1
                && Set(result.ranking.map { result.ranked($0).rank }).count == 1)
        let root = bulletin.root.name
        let average = format.percent(result.rootRanked.rate)
        func averaged(_ path: String, _ units: [Int]) -> String {
            phrase(path, ["units": names(units), "root": root, "rate": average])
        }
        return plan.sentences.map { sentence in
            switch sentence {
            case .flags:
                let headings = flagHeadings
                return phrase(
                    "prose.flags",
                    [
                        "top_heading": headings.top,
                        "top": flagNames(result.top, result, count: bulletin.configuration.flagsTop),
                        "bottom_heading": headings.bottom,
                        "bottom": flagNames(result.bottom, result, count: bulletin.configuration.flagsBottom),
                    ])
            case .complete(let units): return phrase("prose.complete", ["units": names(units)])
            case .completeAreTop: return phrase("prose.complete_are_top", ["top_heading": flagHeadings.top])
            case .overdue(let units, let below):
                let path =
                    switch below {
                    case 0: "prose.overdue"
                    case units.count: units.count == 1 ? "prose.overdue_below" : "prose.overdue_all_below"
                    default: "prose.overdue_some_below"
                    }
                return phrase(
                    path,
                    [
                        "units": names(units, rated: result), "count": String(below), "root": root,
                        "rate": average,
                    ])
            case .belowAverageAndBehind(let units): return averaged("prose.below_average_and_behind", units)
            case .belowAverage(let units): return averaged("prose.below_average", units)
            case .behind(let units): return phrase("prose.behind", ["units": names(units)])
            case .noneBehind: return phrase("prose.none_behind", ["unit_label": unitLabel])
            case .allTied(let behind):
                let rate = result.ranking.first.map { format.percent(result.ranked($0).rate) } ?? average
                return phrase(behind ? "prose.all_tied_behind" : "prose.all_tied", ["unit_label": unitLabel, "rate": rate])
            }
        }
    }

    /// The flagged units with their rates, a tie said once for its group:
    /// `甲县、乙县等2个县（市、区）并列第一名（100.00%）`; under a heading of one (第一名, 末位),
    /// `甲县、乙县并列（100.00%）`.
    private func flagNames(_ units: [Int], _ result: IndicatorResult, count: Int) -> String {
        var groups: [[Int]] = []
        for unit in units {
            if let last = groups.last?.last, result.ranked(last).rank == result.ranked(unit).rank {
                groups[groups.count - 1].append(unit)
            } else {
                groups.append([unit])
            }
        }
        return groups.map { group in
            guard group.count > 1, let first = group.first else { return names(group, rated: result) }
            return phrase(
                count == 1 ? "prose.tied_one" : "prose.tied",
                [
                    "units": names(group), "count": String(group.count), "unit_label": unitLabel,
                    "rank": numeral(result.ranked(first).rank ?? 0),
                    "rate": format.percent(result.ranked(first).rate),
                ])
        }.joined(separator: label("prose.list_separator"))
    }

    /// A small count or rank in the locale's numerals (`三` in Chinese, `3` otherwise).
    func numeral(_ number: Int) -> String {
        label("document.numerals") == "chinese" ? BriefingDocument.chineseNumeral(number) : String(number)
    }

    private var unitLabel: String { bulletin.configuration.unitLabel }

    /// 较上期: the rate change in points and the items added.
    private func change(_ figures: Figures, measureUnit: String) -> String {
        guard let rateChange = figures.rateChange else { return "" }
        let points = unsignedPoints(rateChange)
        let values: KeyValuePairs = [
            "pp": points, "new": format.proseQuantity(figures.newSincePrevious), "unit": measureUnit,
        ]
        // Decided on the printed figure, so that a change that rounds to 0.00 reads as 持平.
        if points == "0.00" {
            return phrase(
                figures.newSincePrevious > 0 ? "prose.change_new_only" : "prose.change_none", values)
        }
        return phrase(rateChange > .zero ? "prose.change_up" : "prose.change_down", values)
    }

    /// 超/滞后时序进度 x 个百分点.
    private func gapPhrase(_ gap: Rational?) -> String {
        guard let gap else { return "" }
        let points = unsignedPoints(gap)
        let values: KeyValuePairs = ["pp": points]
        if points == "0.00" { return phrase("prose.gap_even", values) }
        return phrase(gap > .zero ? "prose.gap_ahead" : "prose.gap_behind", values)
    }

    /// Percentage points without a sign: `1.46`.
    private func unsignedPoints(_ value: Rational) -> String {
        (value < .zero ? .zero - value : value).percent(2)
    }

    /// Unit names joined the locale's way (`宛城区、卧龙区`), with rates when `rated` is given.
    private func names(_ units: [Int], rated result: IndicatorResult? = nil) -> String {
        units.map { unit in
            let name = bulletin.units[unit].name
            guard let result else { return name }
            return phrase(
                "prose.name_with_rate", ["name": name, "rate": format.percent(result.ranked(unit).rate)])
        }.joined(separator: label("prose.list_separator"))
    }
}
