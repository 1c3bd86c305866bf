import Foundation

/// Inline SVG charts for the pages (SPEC §6): per indicator the units' rates as bars with the
/// time-progress line, and trends of done against the schedule. Added to page contexts only:
/// `data.json` carries the numbers, not their drawings.
extension ContextBuilder {
    /// Fills `{name}` placeholders of a locale phrase, one name after the other in the order of
    /// their keys (so a value that holds a later placeholder has it filled too).
    func phrase(_ path: String, _ values: KeyValuePairs<String, String>) -> String {
        var text = label(path)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            text = text.replacingPlaceholder("{\(key)}", with: value)
        }
        return text
    }

    /// The bars of an indicator's ranking stage, ranked units first, then units with no task.
    func barChart(_ result: IndicatorResult) -> String {
        let stage = result.indicator.stages[result.indicator.rankingStage].title
        let order = result.ranking + result.units.indices.filter { !result.ranked($0).hasTask }
        let progress = result.rootRanked.timeProgress
        let bars = order.map { unit in
            let figures = result.ranked(unit)
            // A unit with its own window (targets.csv) is read against its own time progress.
            let own = figures.hasTask && figures.timeProgress != progress ? figures.timeProgress : nil
            return BarChart.Bar(
                label: bulletin.units[unit].shortName, value: figures.rate.map { $0.quickDoubleValue * 100 },
                valueText: format.percent(figures.rate), status: figures.status.rawValue,
                statusText: label("status.\(figures.status.rawValue)"),
                ownReference: own.map { $0.quickDoubleValue * 100 },
                ownReferenceText: own.map {
                    "\(bulletin.units[unit].name) \(label("time_progress")) \(format.percent($0))"
                } ?? "")
        }
        let chart = BarChart(
            id: "bars-\(result.indicator.id)",
            title: phrase(
                "chart.bars_title",
                [
                    "indicator": result.indicator.title, "stage": stage,
                    "unit": bulletin.configuration.unitLabel,
                ]),
            summary: phrase(
                "chart.bars_summary",
                [
                    "indicator": result.indicator.title, "stage": stage,
                    "count": String(result.ranking.count),
                    "progress": format.percent(progress), "total": format.percent(result.rootRanked.rate),
                ]),
            bars: bars, reference: progress.quickDoubleValue * 100,
            referenceLabel: "\(label("time_progress")) \(format.percent(progress))")
        return chart.svg()
    }

    /// Done rate against time progress at each bulletin date.
    func trendChart(
        id: String, title: String, dates: [Day], done: [Int64], progress: [Rational], target: Int64,
        axes: TrendChart.Axes
    ) -> String {
        let points = dates.indices.map { index in
            TrendChart.Point(
                label: days.short(dates[index]),
                done: target > 0 ? Double(done[index]) / Double(target) * 100 : nil,
                schedule: progress[index].quickDoubleValue * 100)
        }
        let last = dates.indices.last
        let chart = TrendChart(
            id: id, title: title,
            summary: phrase(
                "chart.trend_summary",
                [
                    "title": title, "count": String(dates.count),
                    "rate": last.map {
                        target > 0 ? format.percent(Rational(Int128(done[$0]), Int128(target))) : "–"
                    } ?? "–",
                    "progress": last.map { format.percent(progress[$0]) } ?? "–",
                ]),
            doneLabel: label("rate"), scheduleLabel: label("time_progress"), points: points)
        return chart.svg(axes: axes)
    }

    /// Each indicator's bar chart and trend chart (`bar_chart_svg`, `trend_chart_svg`).
    func charts() -> [(bars: String, trend: String)] {
        zip(bulletin.indicators, trendAxes).map { result, axes in
            (
                barChart(result),
                trendChart(
                    id: "trend-\(result.indicator.id)",
                    title: phrase(
                        "chart.trend_title",
                        ["indicator": result.indicator.title, "region": bulletin.root.name]),
                    dates: result.trend.dates, done: result.trend.rootDone,
                    progress: result.trend.rootTimeProgress,
                    target: result.rootRanked.target, axes: axes)
            )
        }
    }

    /// Adds `bar_chart_svg` and `trend_chart_svg` to each indicator of a site context, from
    /// `charts()`.
    func addingCharts(_ charts: [(bars: String, trend: String)], to site: JSONObject) -> JSONObject {
        var site = site
        guard let indicators = site["indicators"]?.arrayValue else { return site }
        site["indicators"] = .array(
            indicators.enumerated().map { index, value in
                guard var object = value.objectValue else { return value }
                object["bar_chart_svg"] = .string(charts[index].bars)
                object["trend_chart_svg"] = .string(charts[index].trend)
                return .object(object)
            })
        return site
    }

    /// The trend chart of one unit on one indicator.
    func unitTrendChart(_ index: Int, unit: Int) -> String {
        let result = bulletin.indicators[index]
        return trendChart(
            id: "trend-\(result.indicator.id)-\(bulletin.units[unit].code)",
            title: phrase(
                "chart.trend_title",
                ["indicator": result.indicator.title, "region": bulletin.units[unit].name]),
            dates: result.trend.dates, done: result.trend.unitDone[unit],
            progress: result.trend.unitTimeProgress[unit],
            target: result.ranked(unit).target, axes: trendAxes[index])
    }
}
