import Foundation

/// Builds the render context — the JSON document templates render from and `data.json` is
/// written from — out of a bulletin. Every number comes twice: raw, for machines, and as text
/// formatted for the locale, so that templates hold no logic and data never needs formatting.
struct ContextBuilder: Sendable {
    let bulletin: Bulletin
    /// The locale file's labels (`templates/locales/<locale>.json`).
    let labels: JSONValue
    let format: NumberFormat

    init(bulletin: Bulletin, labels: JSONValue) {
        self.bulletin = bulletin
        self.labels = labels
        self.format = NumberFormat(locale: bulletin.configuration.locale)
    }

    /// A label by dotted path, or the path itself when the locale file lacks it (so a missing
    /// label shows up on the page instead of vanishing).
    func label(_ path: String) -> String {
        label(path, default: path)
    }

    /// A label by dotted path, or `fallback` when the locale file lacks it.
    func label(_ path: String, default fallback: String) -> String {
        var value: JSONValue? = labels
        for key in path.split(separator: ".") { value = value?[String(key)] }
        return value?.stringValue ?? fallback
    }

    /// Context shared by every page: the bulletin's identity, labels, and the indicators.
    func siteContext(pathToRoot: String = "") -> JSONObject {
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
            PrintStylesheet.href(title: configuration.title, asOf: "\(label("as_of")) \(format.date(bulletin.asOf))"))
        object["root_path"] = .string(pathToRoot)
        object["indicators"] = .array(bulletin.indicators.map { indicatorContext($0, pathToRoot: pathToRoot) })
        object["table"] = table(pathToRoot: pathToRoot)
        object["composite"] = composite(pathToRoot: pathToRoot)
        object["has_composite"] = .bool(!bulletin.composite.isEmpty)
        object["quality"] = quality()
        object["units"] = .array(bulletin.units.indices.map { unitLink($0, pathToRoot: pathToRoot) })
        return object
    }

    func region(_ region: RegionName) -> JSONValue {
        .object(JSONObject(["code": .string(region.code), "name": .string(region.name)]))
    }

    func unitLink(_ unit: Int, pathToRoot: String) -> JSONValue {
        let region = bulletin.units[unit]
        return .object(
            JSONObject([
                "code": .string(region.code), "name": .string(region.name),
                "href": .string("\(pathToRoot)units/\(region.code).html"),
            ]))
    }

    /// One row of numbers with its text forms.
    func cell(_ figures: Figures, measureUnit: String) -> JSONValue {
        var object = JSONObject()
        object["has_task"] = .bool(figures.hasTask)
        object["target"] = figures.hasTask ? number(figures.target) : .null
        object["target_text"] = .string(figures.hasTask ? format.quantity(figures.target) : "–")
        object["done"] = figures.hasTask ? number(figures.done) : .null
        object["done_text"] = .string(figures.hasTask ? format.quantity(figures.done) : "–")
        object["rate_pct"] = figures.rate.map { percentNumber($0) } ?? .null
        object["rate_text"] = .string(format.percent(figures.rate))
        object["new_since_previous"] = figures.hasTask ? number(figures.newSincePrevious) : .null
        object["new_text"] = .string(figures.hasTask ? format.signedQuantity(figures.newSincePrevious) : "–")
        object["rate_change_pp"] = figures.rateChange.map { percentNumber($0) } ?? .null
        object["rate_change_text"] = .string(format.points(figures.rateChange))
        object["time_progress_pct"] = percentNumber(figures.timeProgress)
        object["time_progress_text"] = .string(figures.hasTask ? format.percent(figures.timeProgress) : "–")
        object["gap_pp"] = figures.gap.map { percentNumber($0) } ?? .null
        object["gap_text"] = .string(format.points(figures.gap))
        object["is_behind"] = .bool((figures.gap ?? .zero) < .zero)
        object["rank"] = figures.rank.map { .number(Double($0)) } ?? .null
        object["rank_text"] = .string(figures.rank.map(String.init) ?? "–")
        object["status"] = .string(figures.status.rawValue)
        object["status_text"] = .string(label("status.\(figures.status.rawValue)"))
        object["status_symbol"] = .string(label("status_symbol.\(figures.status.rawValue)"))
        object["is_over_target"] = .bool(figures.isOverTarget)
        object["deadline"] = .string(figures.deadline.description)
        object["measure_unit"] = .string(measureUnit)
        return .object(object)
    }

    func number(_ quantity: Int64) -> JSONValue {
        .number(Double(Quantity.plain(quantity)) ?? 0)
    }

    func percentNumber(_ value: Rational) -> JSONValue {
        .number(Double(value.percent(2)) ?? 0)
    }

    /// A region's row on one indicator: its stages, and the ranking stage's cell.
    func regionRow(_ figures: RegionFigures, indicator: IndicatorResult, href: String?) -> JSONObject {
        let unit = indicator.indicator.measureUnit
        var object = JSONObject()
        object["code"] = .string(figures.region.code)
        object["name"] = .string(figures.region.name)
        object["href"] = href.map(JSONValue.string) ?? .null
        object["start"] = .string(figures.start.description)
        object["deadline"] = .string(figures.deadline.description)
        object["deadline_text"] = .string(format.date(figures.deadline))
        object["start_text"] = .string(format.date(figures.start))
        object["stages"] = .array(
            indicator.indicator.stages.indices.map { stage in
                var cellObject = cell(figures.stages[stage].whole, measureUnit: unit).objectValue ?? JSONObject()
                cellObject["stage_id"] = .string(indicator.indicator.stages[stage].id)
                cellObject["stage_title"] = .string(indicator.indicator.stages[stage].title)
                cellObject["is_ranking"] = .bool(stage == indicator.indicator.rankingStage)
                return .object(cellObject)
            })
        object["ranked"] = cell(figures.stages[indicator.indicator.rankingStage].whole, measureUnit: unit)
        // Township breakdowns carry no category split: their stages have no category figures.
        let hasSplit = figures.stages.allSatisfy { $0.categories.count == indicator.categories.count }
        object["categories"] = .array(
            (hasSplit ? indicator.categories.indices : 0..<0).map { category in
                .object(
                    JSONObject([
                        "category": .string(indicator.categories[category]),
                        "target_text": .string(
                            figures.stages.first.map { $0.categories[category].hasTask ? format.quantity($0.categories[category].target) : "–" } ?? "–"),
                        "stages": .array(
                            indicator.indicator.stages.indices.map {
                                cell(figures.stages[$0].categories[category], measureUnit: unit)
                            }),
                    ]))
            })
        return object
    }

    func indicatorContext(_ result: IndicatorResult, pathToRoot: String) -> JSONValue {
        let indicator = result.indicator
        var object = JSONObject()
        object["id"] = .string(indicator.id)
        object["title"] = .string(indicator.title)
        object["measure_unit"] = .string(indicator.measureUnit)
        object["href"] = .string("\(pathToRoot)indicators/\(indicator.id).html")
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
        object["ranking_stage"] = .string(indicator.stages[indicator.rankingStage].title)
        object["categories"] = .array(result.categories.map(JSONValue.string))
        object["has_categories"] = .bool(!result.categories.isEmpty)
        var rootRow = regionRow(result.root, indicator: result, href: nil)
        rootRow["is_total"] = .bool(true)
        object["root"] = .object(rootRow)
        object["trend_id"] = .string("trend-data")
        object["units"] = .array(
            result.units.indices.map { unit in
                .object(regionRow(result.units[unit], indicator: result, href: "\(pathToRoot)units/\(result.units[unit].region.code).html"))
            })
        // Full rows in rank order, then the units with no task by code: the indicator page's table.
        let noTask = result.units.indices.filter { !result.ranked($0).hasTask }
        object["rows_by_rank"] = .array(
            (result.ranking + noTask).map { unit in
                .object(regionRow(result.units[unit], indicator: result, href: "\(pathToRoot)units/\(result.units[unit].region.code).html"))
            })
        func list(_ units: [Int]) -> JSONValue {
            .array(
                units.map { unit in
                    let figures = result.ranked(unit)
                    return .object(
                        JSONObject([
                            "code": .string(bulletin.units[unit].code), "name": .string(bulletin.units[unit].name),
                            "href": .string("\(pathToRoot)units/\(bulletin.units[unit].code).html"),
                            "rate_text": .string(format.percent(figures.rate)), "gap_text": .string(format.points(figures.gap)),
                            "rank_text": .string(figures.rank.map(String.init) ?? "–"),
                            "status": .string(figures.status.rawValue),
                            "status_text": .string(label("status.\(figures.status.rawValue)")),
                        ]))
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
            result.units.indices.filter { !result.ranked($0).hasTask }.map { .string(bulletin.units[$0].name) })
        object["prose"] = prose(result)
        object["trend"] = trend(result.trend.dates, done: result.trend.rootDone, progress: result.trend.rootTimeProgress, target: result.rootRanked.target)
        return .object(object)
    }

    /// A trend series as rows (date, done, rate, time progress).
    func trend(_ dates: [Day], done: [Int64], progress: [Rational], target: Int64) -> JSONValue {
        .array(
            dates.indices.map { index in
                let rate = target > 0 ? Rational(Int128(done[index]), Int128(target)) : nil
                return .object(
                    JSONObject([
                        "date": .string(dates[index].description), "date_text": .string(format.shortDate(dates[index])),
                        "done": number(done[index]), "done_text": .string(format.quantity(done[index])),
                        "rate_pct": rate.map { percentNumber($0) } ?? .null, "rate_text": .string(format.percent(rate)),
                        "time_progress_pct": percentNumber(progress[index]),
                        "time_progress_text": .string(format.percent(progress[index])),
                    ]))
            })
    }

    /// The index's unit × indicator table: the root's row first, then units by code.
    func table(pathToRoot: String) -> JSONValue {
        func row(name: RegionName, href: String?, isRoot: Bool, figures: (IndicatorResult) -> RegionFigures) -> JSONValue {
            .object(
                JSONObject([
                    "code": .string(name.code), "name": .string(name.name), "href": href.map(JSONValue.string) ?? .null,
                    "is_root": .bool(isRoot),
                    "indicators": .array(
                        bulletin.indicators.map { result in
                            .object(regionRow(figures(result), indicator: result, href: href))
                        }),
                ]))
        }
        var rows = [row(name: bulletin.root, href: nil, isRoot: true) { $0.root }]
        for unit in bulletin.units.indices {
            rows.append(row(name: bulletin.units[unit], href: "\(pathToRoot)units/\(bulletin.units[unit].code).html", isRoot: false) { $0.units[unit] })
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
                        "href": .string("\(pathToRoot)units/\(bulletin.units[entry.unit].code).html"),
                        "score_pct": percentNumber(entry.score), "score_text": .string(format.percent(entry.score)),
                    ]))
            })
    }

    func quality() -> JSONValue {
        let report = bulletin.quality
        var groups: [(file: String, kind: String, findings: [Finding])] = []
        for finding in report.sortedFindings {
            if let index = groups.firstIndex(where: { $0.file == finding.file && $0.kind == finding.kind }) {
                groups[index].findings.append(finding)
            } else {
                groups.append((finding.file, finding.kind, [finding]))
            }
        }
        groups.sort { $0.file != $1.file ? $0.file < $1.file : $0.kind < $1.kind }
        return .object(
            JSONObject([
                "error_count": .number(Double(report.errorCount)),
                "warning_count": .number(Double(report.warningCount)),
                "has_findings": .bool(report.errorCount + report.warningCount > 0),
                "has_errors": .bool(report.errorCount > 0),
                // Every kept finding by file and line, errors first on a line: the briefing's list.
                "findings": .array(report.sortedFindings.map(findingObject)),
                "prose": .string(qualityProse()),
                "groups": .array(
                    groups.enumerated().map { index, group in
                        let omitted = report.omitted[group.file + "\u{0}" + group.kind] ?? 0
                        return .object(
                            JSONObject([
                                "file": .string(group.file), "kind": .string(group.kind),
                                "anchor": .string("group-\(index + 1)"),
                                "omitted_text": .string(phrase("quality.omitted", ["count": String(omitted)])),
                                "kind_text": .string(label("finding.\(group.kind)", default: group.kind)),
                                "count": .number(Double(group.findings.count + omitted)),
                                "omitted": .number(Double(omitted)), "has_omitted": .bool(omitted > 0),
                                "findings": .array(group.findings.map(findingObject)),
                            ]))
                    }),
            ]))
    }

    func findingObject(_ finding: Finding) -> JSONValue {
        .object(
            JSONObject([
                "location": .string(finding.location),
                "line": finding.line.map { .number(Double($0)) } ?? .null,
                "severity": .string(finding.severity.rawValue),
                "severity_text": .string(label("severity.\(finding.severity.rawValue)")),
                "message": .string(finding.message),
            ]))
    }

    /// The context of one unit's page: the site context plus `unit` with every indicator.
    func unitContext(_ unit: Int, site: JSONObject) -> JSONValue {
        var object = site
        object["unit"] = unitObject(unit)
        return .object(object)
    }

    /// `unit` of a unit's page: the unit with every indicator, its stages, split, breakdown and trend.
    func unitObject(_ unit: Int) -> JSONValue {
        var unitObject = unitLink(unit, pathToRoot: "../").objectValue ?? JSONObject()
        unitObject["indicators"] = .array(
            bulletin.indicators.map { result in
                var row = regionRow(result.units[unit], indicator: result, href: nil)
                row["title"] = .string(result.indicator.title)
                row["id"] = .string(result.indicator.id)
                row["measure_unit"] = .string(result.indicator.measureUnit)
                row["href"] = .string("../indicators/\(result.indicator.id).html")
                row["stage_titles"] = .array(result.indicator.stages.map { .string($0.title) })
                row["has_categories"] = .bool(!result.categories.isEmpty)
                row["breakdown"] = .array(
                    result.breakdown[unit].map { .object(regionRow($0, indicator: result, href: nil)) })
                row["has_breakdown"] = .bool(!result.breakdown[unit].isEmpty)
                row["trend"] = trend(
                    result.trend.dates, done: result.trend.unitDone[unit], progress: result.trend.unitTimeProgress[unit],
                    target: result.ranked(unit).target)
                row["trend_chart_svg"] = .string(unitTrendChart(result, unit: unit))
                row["trend_id"] = .string("trend-data-\(result.indicator.id)")
                return .object(row)
            })
        return .object(unitObject)
    }
}

extension Finding {
    /// `file:line:column`, as printed on the terminal.
    var location: String {
        var text = file
        if let line { text += ":\(line)" }
        if line != nil, let column { text += ":\(column)" }
        return text
    }
}
