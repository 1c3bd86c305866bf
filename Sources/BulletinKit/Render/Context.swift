import Foundation

/// Builds the render context — the JSON document templates render from, built in memory and
/// never written (`data.json` is the model, `DataModel`) — out of a bulletin. Every number comes
/// twice: raw, and as text formatted for the locale, so that templates hold no logic and data
/// never needs formatting.
///
/// The units' rows and the indicators' lists of units are deferred objects
/// (`JSONObject(deferred:)`), made each time a page reads them: a national
/// bulletin has tens of thousands, and they are never all in memory at once. A class, so that
/// each of them holds one reference to the builder rather than a copy of it.
final class ContextBuilder: Sendable {
    let bulletin: Bulletin
    /// The locale file's labels (`templates/locales/<locale>.json`).
    let labels: JSONValue
    /// The locale file's message templates (`"messages"`): the findings' text.
    let messages: MessageTexts
    let format: NumberFormat
    /// Every string label by its dotted path, found once: labels are asked for in every cell.
    private let labelsByPath: [String: String]
    /// `status.<status>` and `status_symbol.<status>` of each status (six: searched in turn).
    private let statusTexts: [(status: Status, text: String, symbol: String)]
    /// The bulletin's dates, windows, deadlines and trend dates as printed.
    let days: DayTexts
    /// Each unit's rank on the previous bulletin date (`[indicator][unit]`), for ↑2 / ↓1.
    let previousRanks: [[Int?]]
    /// Whether the unit and indicator pages are this bulletin's: an earlier bulletin (history)
    /// has none of its own, and must not link to this week's, so its links are null.
    let linksPages: Bool
    /// Per indicator: the x-axis labels and legend of its trend charts, which every unit's
    /// chart shares (`TrendChart.Axes`).
    let trendAxes: [TrendChart.Axes]

    init(bulletin: Bulletin, labels: JSONValue, linksPages: Bool = true) {
        self.bulletin = bulletin
        self.linksPages = linksPages
        self.labels = labels
        self.messages = MessageTexts(labels: labels)
        self.format = NumberFormat(locale: bulletin.configuration.locale)
        var labelsByPath: [String: String] = [:]
        Self.collectLabels(labels, keys: [], into: &labelsByPath)
        self.labelsByPath = labelsByPath
        statusTexts = Status.allCases.map { status in
            (
                status, Self.label("status.\(status.rawValue)", in: labels, labelsByPath),
                Self.label("status_symbol.\(status.rawValue)", in: labels, labelsByPath)
            )
        }
        var days = [bulletin.asOf, bulletin.previous]
        for result in bulletin.indicators {
            days += [result.indicator.start, result.indicator.deadline] + result.trend.dates
        }
        self.days = DayTexts(days, format: format)
        previousRanks = Self.previousRanks(bulletin)
        let (doneLabel, scheduleLabel) = (
            Self.label("rate", in: labels, labelsByPath),
            Self.label("time_progress", in: labels, labelsByPath)
        )
        trendAxes = bulletin.indicators.map { [days = self.days] result in
            TrendChart.Axes(
                labels: result.trend.dates.map(days.short), doneLabel: doneLabel, scheduleLabel: scheduleLabel
            )
        }
    }

    /// A label by dotted path, or the path itself when the locale file lacks it (so a missing
    /// label shows up on the page instead of vanishing).
    func label(_ path: String) -> String {
        label(path, default: path)
    }

    /// A label by dotted path, or `fallback` when the locale file lacks it.
    func label(_ path: String, default fallback: String) -> String {
        labelsByPath[path] ?? Self.walk(labels, path)?.stringValue ?? fallback
    }

    /// The label at `path` looked up in `labelsByPath`, then by walking `labels`.
    private static func label(_ path: String, in labels: JSONValue, _ labelsByPath: [String: String])
        -> String
    {
        labelsByPath[path] ?? walk(labels, path)?.stringValue ?? path
    }

    /// The value at a dotted path, found key by key.
    private static func walk(_ labels: JSONValue, _ path: String) -> JSONValue? {
        var value: JSONValue? = labels
        for key in path.split(separator: ".") { value = value?[String(key)] }
        return value
    }

    /// Adds every string under `value` to `table` by its dotted path. A path is added only when
    /// splitting it at its dots gives back its keys, so that finding a label in the table and
    /// walking to it key by key always agree; any other label is still found by walking.
    private static func collectLabels(_ value: JSONValue, keys: [String], into table: inout [String: String])
    {
        switch value {
        case .string(let text):
            let path = keys.joined(separator: ".")
            if !keys.isEmpty, path.split(separator: ".").map(String.init) == keys { table[path] = text }
        case .object(let object):
            for member in object.members {
                collectLabels(member.value, keys: keys + [member.key], into: &table)
            }
        default: break
        }
    }

    /// The words and symbol of a status (`status.red`, `status_symbol.red`).
    func statusText(_ status: Status) -> (text: String, symbol: String) {
        if let texts = statusTexts.first(where: { $0.status == status }) { return (texts.text, texts.symbol) }
        return (label("status.\(status.rawValue)"), label("status_symbol.\(status.rawValue)"))
    }

    /// Context shared by every page: the bulletin's identity, labels, and the indicators.
    func siteContext(pathToRoot: String = "") -> JSONObject {
        // A unit's row links to its page: the same deferred row serves the table, the
        // indicator's `units` and its `rows_by_rank`.
        let unitHrefs: [String?] = bulletin.units.map {
            linksPages ? "\(pathToRoot)units/\($0.code).html" : nil
        }
        let linkedRows = bulletin.indicators.indices.map { index in
            bulletin.units.indices.map { unit in
                JSONValue.object(
                    JSONObject(deferred: { [self] in
                        let result = bulletin.indicators[index]
                        var row = regionRow(result.units[unit], indicator: result, href: unitHrefs[unit])
                        for member in standing(index, unit: unit) {
                            row.append(newKey: member.key, member.value)
                        }
                        return row
                    }))
            }
        }
        let rootRows = bulletin.indicators.indices.map { index in
            var row = regionRow(
                bulletin.indicators[index].root, indicator: bulletin.indicators[index], href: nil)
            for member in standing(index, unit: nil) { row.append(newKey: member.key, member.value) }
            return row
        }
        let configuration = bulletin.configuration
        var object = JSONObject()
        object["bulletin"] = .object(
            JSONObject([
                "title": .string(configuration.title),
                "issuer": configuration.issuer.map(JSONValue.string) ?? .null,
                "as_of": .string(bulletin.asOf.description),
                "as_of_text": .string(format.date(bulletin.asOf)),
                "previous": .string(bulletin.previous.description),
                "previous_text": .string(format.date(bulletin.previous)),
                "unit_label": .string(configuration.unitLabel),
                "locale": .string(configuration.locale),
                "root": region(bulletin.root),
                "unit_count": .number(Double(bulletin.units.count)),
                "remarks": .array(configuration.remarks.map(JSONValue.string)),
                "remark_items": .array(
                    configuration.remarks.enumerated().map { index, text in
                        .object(JSONObject(["number": .string(String(index + 1)), "text": .string(text)]))
                    }),
                "has_remarks": .bool(!configuration.remarks.isEmpty),
            ]))
        object["labels"] = labels
        object["print_css_href"] = .string(
            PrintStylesheet.href(
                title: configuration.title, asOf: "\(label("as_of")) \(format.date(bulletin.asOf))"))
        object["root_path"] = .string(pathToRoot)
        object["indicators"] = .array(
            bulletin.indicators.indices.map { index in
                var root = rootRows[index]
                root["is_total"] = .bool(true)
                return indicatorContext(
                    index, root: .object(root), units: linkedRows[index], pathToRoot: pathToRoot)
            })
        object["table"] = table(
            root: rootRows.map(JSONValue.object), units: linkedRows,
            unitHrefs: unitHrefs.map { $0.map(JSONValue.string) ?? .null })
        object["composite"] = composite(pathToRoot: pathToRoot)
        // A composite rank where every unit ties (the first weeks) ranks nothing: one sentence
        // says so instead of a table of first places.
        let compositeTied = bulletin.composite.count > 1 && Set(bulletin.composite.map(\.rank)).count == 1
        object["has_composite"] = .bool(!bulletin.composite.isEmpty && !compositeTied)
        object["composite_tied_text"] =
            compositeTied
            ? .string(
                phrase(
                    "prose.composite_tied",
                    [
                        "unit_label": bulletin.configuration.unitLabel,
                        "score": format.percent(bulletin.composite[0].score),
                    ])) : .null
        let flagHeadings = flagHeadings
        object["flag_headings"] = .object(
            JSONObject(["top": .string(flagHeadings.top), "bottom": .string(flagHeadings.bottom)]))
        object["quality"] = quality()
        object["units"] = .array(bulletin.units.indices.map { unitLink($0, pathToRoot: pathToRoot) })
        return object
    }

    /// A link to one of this bulletin's pages, or null when it has none (`linksPages`).
    func pageHref(_ path: String) -> JSONValue { linksPages ? .string(path) : .null }

    func region(_ region: RegionName) -> JSONValue {
        .object(JSONObject(["code": .string(region.code), "name": .string(region.name)]))
    }

    func unitLink(_ unit: Int, pathToRoot: String) -> JSONValue {
        let region = bulletin.units[unit]
        return .object(
            JSONObject([
                "code": .string(region.code), "name": .string(region.name),
                "href": pageHref("\(pathToRoot)units/\(region.code).html"),
            ]))
    }

    /// The context of indicator `index`; `root` is its total row and `units` its units' rows with
    /// links.
    func indicatorContext(_ index: Int, root: JSONValue, units: [JSONValue], pathToRoot: String) -> JSONValue
    {
        let result = bulletin.indicators[index]
        let indicator = result.indicator
        var object = JSONObject(minimumCapacity: 32)
        object["id"] = .string(indicator.id)
        object["title"] = .string(indicator.title)
        object["measure_unit"] = .string(indicator.measureUnit)
        object["href"] = pageHref("\(pathToRoot)indicators/\(indicator.id).html")
        object["start"] = .string(indicator.start.description)
        object["start_text"] = .string(format.date(indicator.start))
        object["deadline"] = .string(indicator.deadline.description)
        object["deadline_text"] = .string(format.date(indicator.deadline))
        object["stages"] = .array(
            indicator.stages.enumerated().map { index, stage in
                .object(
                    JSONObject([
                        "id": .string(stage.id), "title": .string(stage.title),
                        "is_ranking": .bool(index == indicator.rankingStage),
                    ]))
            })
        object["stage_count"] = .number(Double(indicator.stages.count))
        let stage = indicator.stages[indicator.rankingStage].title
        object["ranking_stage"] = .string(stage)
        // Headings from the locale, so that a title that ends in a bracket gets no second one.
        object["heading_stage"] = .string(
            phrase("heading.indicator_stage", ["title": indicator.title, "stage": stage]))
        object["heading_stage_unit"] = .string(
            phrase(
                "heading.indicator_stage_unit",
                ["title": indicator.title, "stage": stage, "unit": indicator.measureUnit]))
        object["categories"] = .array(result.categories.map(JSONValue.string))
        object["has_categories"] = .bool(!result.categories.isEmpty)
        // The indicator page's split: the root's note, naming the units whose split differs.
        let differing = result.units.filter { categoryNote($0, indicator: result) != nil }.map(\.region.name)
        object["category_note"] =
            categoryNote(result.root, indicator: result).map {
                .string(
                    $0
                        + phrase(
                            "heading.category_note_units",
                            ["units": differing.joined(separator: label("prose.list_separator"))]))
            } ?? .null
        object["root"] = root
        object["trend_id"] = .string("trend-data")
        object["units"] = .array(units)
        // Full rows in rank order, then the units with no task by code: the indicator page's table.
        let noTask = result.units.indices.filter { !result.ranked($0).hasTask }
        object["rows_by_rank"] = .array((result.ranking + noTask).map { units[$0] })
        func list(_ units: [Int]) -> JSONValue {
            .array(
                units.map { unit in
                    .object(
                        JSONObject(deferred: { [self] in listEntry(index, unit: unit, pathToRoot: pathToRoot)
                            }))
                })
        }
        object["ranking"] = list(result.ranking)
        object["top"] = list(result.top)
        object["bottom"] = list(result.bottom)
        object["has_flags"] = .bool(!result.top.isEmpty)
        object["has_behind"] = .bool(!result.behind.isEmpty)
        object["below_average"] = list(result.belowAverage)
        object["behind"] = list(result.behind)
        object["overdue"] = list(result.ranking.filter { result.ranked($0).status == .overdue })
        object["complete"] = list(result.ranking.filter { result.ranked($0).status == .complete })
        object["no_task"] = .array(
            result.units.indices.filter { !result.ranked($0).hasTask }.map {
                .string(bulletin.units[$0].name)
            })
        object["prose"] = prose(result, isFirst: index == 0)
        object["trend"] = trend(
            result.trend.dates, done: result.trend.rootDone, progress: result.trend.rootTimeProgress,
            target: result.rootRanked.target)
        return .object(object)
    }

    /// The index's unit × indicator table: the root's row first, then units by code. `root` are
    /// the root's rows (`[indicator]`), `units` the units' rows with links (`[indicator][unit]`).
    func table(root: [JSONValue], units: [[JSONValue]], unitHrefs: [JSONValue]) -> JSONValue {
        func row(name: RegionName, href: JSONValue, isRoot: Bool, indicators: [JSONValue]) -> JSONValue {
            .object(
                JSONObject([
                    "code": .string(name.code), "name": .string(name.name), "href": href,
                    "is_root": .bool(isRoot), "indicators": .array(indicators),
                ]))
        }
        var rows = [row(name: bulletin.root, href: .null, isRoot: true, indicators: root)]
        rows.reserveCapacity(bulletin.units.count + 1)
        for unit in bulletin.units.indices {
            rows.append(
                row(
                    name: bulletin.units[unit], href: unitHrefs[unit], isRoot: false,
                    indicators: units.map { $0[unit] }))
        }
        return .object(JSONObject(["rows": .array(rows)]))
    }

    func composite(pathToRoot: String) -> JSONValue {
        .array(
            bulletin.composite.map { entry in
                .object(
                    JSONObject([
                        "rank": .number(Double(entry.rank)), "code": .string(bulletin.units[entry.unit].code),
                        "name": .string(bulletin.units[entry.unit].name),
                        "href": pageHref("\(pathToRoot)units/\(bulletin.units[entry.unit].code).html"),
                        "score_pct": percentNumber(entry.score),
                        "score_text": .string(format.percent(entry.score)),
                    ]))
            })
    }

    func quality() -> JSONValue {
        let report = bulletin.quality
        let omitted = omittedFindingCount
        let lists = findingLists()
        return .object(
            JSONObject([
                "error_count": .number(Double(report.errorCount)),
                "warning_count": .number(Double(report.warningCount)),
                "has_findings": .bool(report.errorCount + report.warningCount > 0),
                "has_errors": .bool(report.errorCount > 0),
                // Every kept finding by file and line, errors first on a line: the briefing's list.
                "findings": .array(report.sortedFindings.map(findingObject)),
                "prose": .string(qualityProse()),
                "by_unit_prose": .string(qualityByUnitProse(lists)),
                // One section per county, then the city's own (issue 17: 督办 lists).
                "sections": qualitySections(lists, pathToRoot: ""),
                "has_omitted": .bool(omitted > 0),
                "omitted_text": .string(phrase("quality.omitted", ["count": String(omitted)])),
            ]))
    }

    func findingObject(_ finding: Finding) -> JSONValue {
        .object(
            JSONObject([
                "location": .string(finding.location),
                "line": finding.line.map { .number(Double($0)) } ?? .null,
                "severity": .string(finding.severity.rawValue),
                "severity_text": .string(label("severity.\(finding.severity.rawValue)")),
                "message": .string(messageText(finding)),
            ]))
    }

    /// A finding's message as the pages and the briefing show it.
    func messageText(_ finding: Finding) -> String { messages.text(finding.message) }

    /// The context of one unit's page: the site context plus `unit` with every indicator.
    func unitContext(_ unit: Int, site: JSONObject) -> JSONValue {
        var object = site
        object["unit"] = unitObject(unit)
        return .object(object)
    }

    /// `unit` of a unit's page: the unit with every indicator, its stages, split, breakdown and
    /// trend.
    func unitObject(_ unit: Int) -> JSONValue {
        var unitObject = unitLink(unit, pathToRoot: "../").objectValue ?? JSONObject()
        unitObject["summary"] = .string(unitSummary(unit))
        unitObject["indicators"] = .array(
            bulletin.indicators.indices.map { index in
                let result = bulletin.indicators[index]
                // The row links to the indicator's page; every other key is new to it.
                var row = regionRow(
                    result.units[unit], indicator: result, href: "../indicators/\(result.indicator.id).html")
                row.append(newKey: "title", .string(result.indicator.title))
                row.append(newKey: "id", .string(result.indicator.id))
                row.append(newKey: "measure_unit", .string(result.indicator.measureUnit))
                row.append(newKey: "stage_titles", .array(result.indicator.stages.map { .string($0.title) }))
                row.append(newKey: "has_categories", .bool(!result.categories.isEmpty))
                for member in standing(index, unit: unit) { row.append(newKey: member.key, member.value) }
                row.append(
                    newKey: "category_note",
                    categoryNote(result.units[unit], indicator: result).map(JSONValue.string) ?? .null)
                // Worked out from the township counts when asked for: asked once.
                let breakdown = result.breakdown[unit]
                row.append(
                    newKey: "breakdown",
                    .array(breakdown.map { .object(regionRow($0, indicator: result, href: nil)) }))
                row.append(newKey: "has_breakdown", .bool(!breakdown.isEmpty))
                row.append(
                    newKey: "trend",
                    trend(
                        result.trend.dates, done: result.trend.unitDone[unit],
                        progress: result.trend.unitTimeProgress[unit], target: result.ranked(unit).target))
                row.append(newKey: "trend_chart_svg", .string(unitTrendChart(index, unit: unit)))
                row.append(newKey: "trend_id", .string("trend-data-\(result.indicator.id)"))
                return .object(row)
            })
        return .object(unitObject)
    }
}
