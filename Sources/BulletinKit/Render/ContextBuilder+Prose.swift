/// The bulletin's sentences (通报文字), generated from the numbers with the locale's phrases, as
/// an office writes them: 截至…，南阳市…完成率…，较上期提高…个百分点；…等县区滞后时序进度。
/// The phrases live in the locale file (`prose.*`) with `{name}` placeholders; the sentences
/// are plain text, so templates escape them like any other data.
extension ContextBuilder {
    /// `prose` for one indicator: the overall sentence and the ranking sentences.
    func prose(_ result: IndicatorResult) -> JSONValue {
        let indicator = result.indicator
        let root = result.rootRanked
        let stage = indicator.stages[indicator.rankingStage].title
        var object = JSONObject()
        if root.hasTask {
            object["overall"] = .string(
                phrase(
                    "prose.overall",
                    [
                        "date": format.date(bulletin.asOf), "root": bulletin.root.name, "indicator": indicator.title,
                        "target": format.proseQuantity(root.target), "done": format.proseQuantity(root.done),
                        "unit": indicator.measureUnit, "stage": stage, "rate": format.percent(root.rate),
                        "change": change(root, measureUnit: indicator.measureUnit),
                        "progress": format.percent(root.timeProgress), "gap": gapPhrase(root.gap),
                    ]))
        } else {
            object["overall"] = .string(
                phrase("prose.no_task", ["date": format.date(bulletin.asOf), "root": bulletin.root.name, "indicator": indicator.title]))
        }
        var sentences: [String] = []
        if !result.top.isEmpty {
            let configuration = bulletin.configuration
            sentences.append(
                phrase(
                    "prose.flags",
                    [
                        "top_count": String(configuration.flagsTop), "top": names(result.top, rated: result),
                        "bottom_count": String(configuration.flagsBottom), "bottom": names(result.bottom, rated: result),
                    ]))
        }
        let complete = result.ranking.filter { result.ranked($0).status == .complete }
        if !complete.isEmpty {
            sentences.append(phrase("prose.complete", ["units": names(complete), "count": String(complete.count), "unit_label": unitLabel]))
        }
        let overdue = result.ranking.filter { result.ranked($0).status == .overdue }
        if !overdue.isEmpty {
            sentences.append(
                phrase("prose.overdue", ["units": names(overdue, rated: result), "count": String(overdue.count), "unit_label": unitLabel]))
        }
        if !result.belowAverage.isEmpty {
            sentences.append(
                phrase(
                    "prose.below_average",
                    ["units": names(result.belowAverage), "root": bulletin.root.name, "rate": format.percent(root.rate)]))
        }
        if root.hasTask {
            if result.behind.isEmpty {
                sentences.append(phrase("prose.none_behind", ["unit_label": unitLabel]))
            } else {
                sentences.append(
                    phrase(
                        "prose.behind",
                        ["units": names(result.behind), "count": String(result.behind.count), "unit_label": unitLabel]))
            }
        }
        object["ranking"] = .array(sentences.map(JSONValue.string))
        object["ranking_text"] = .string(sentences.joined(separator: label("prose.sentence_separator")))
        return .object(object)
    }

    /// The quality sentence of the briefing's 数据质量 section.
    func qualityProse() -> String {
        let report = bulletin.quality
        if report.errorCount + report.warningCount == 0 { return label("prose.quality_none") }
        return phrase("prose.quality", ["errors": String(report.errorCount), "warnings": String(report.warningCount)])
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
        if points == "0.00" { return phrase(figures.newSincePrevious > 0 ? "prose.change_new_only" : "prose.change_none", values) }
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
            return phrase("prose.name_with_rate", ["name": name, "rate": format.percent(result.ranked(unit).rate)])
        }.joined(separator: label("prose.list_separator"))
    }
}
