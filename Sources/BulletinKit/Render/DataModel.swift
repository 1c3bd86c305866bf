/// `data.json` (SPEC §6.2): the bulletin's model for anyone who takes the numbers elsewhere —
/// every computed number once, as JSON numbers, with no display text, links or chart markup.
/// Written straight from the aggregate values (`Bulletin`, `IndicatorResult`, the quality
/// report), not from the templates' context, and described by the repository's
/// `data.schema.json`.
///
/// Sized for a national bulletin (SPEC §10: under 20 MB with some 3,000 units and 40,000
/// townships on each of several indicators), so:
/// - a figures row is an array in the order of `figureFields`, not an object: keys on each of
///   tens of thousands of rows would double the file;
/// - a unit's rank is given once per unit (`ranks`), not as a column that is null on every
///   other row;
/// - a township is named once, under its unit, and its breakdown rows carry the counts
///   (`townshipFields`): its rate, gap and status are those counts over the unit's time
///   progress, worked out as for any row, and would have tripled the largest part of the file;
/// - a region's trend time progress is written only where its window is not the indicator's.
///
/// Percentages are rounded once, half away from zero, to two decimals, from the exact fraction,
/// as `summary.csv` rounds them, and written in their shortest form (`75`, `72.59`, `6.5`).
struct DataModel {
    let bulletin: Bulletin
    /// The findings' text in the bulletin's locale (the locale file's `"messages"`), as the
    /// quality page prints it; English when the templates have none.
    var messages = MessageTexts.english

    /// The version of the model's shape, raised when a field changes meaning or goes away.
    static let version = 1

    /// The positions of a figures row (SPEC §6.1's columns from `target` on, but `rank`).
    static let figureFields = [
        "target", "done", "rate_pct", "gap_pp", "new_since_previous", "rate_change_pp", "status",
    ]

    /// The positions of a township's breakdown row.
    static let townshipFields = ["target", "done", "new_since_previous"]

    /// Hands the file to `sink` in chunks of about `chunkSize` bytes, cut between values.
    func write(into sink: ChunkSink, chunkSize: Int = 1 << 20) {
        var json = CompactJSONWriter(sink: sink, chunkSize: chunkSize)
        json.object { json in
            json.member("version") { $0.integer(Self.version) }
            json.member("figure_fields") { json in json.array { for field in Self.figureFields { $0.string(field) } } }
            json.member("township_fields") { json in
                json.array { for field in Self.townshipFields { $0.string(field) } }
            }
            json.member("bulletin") { writeBulletin(&$0) }
            let townships = townshipsByUnit()
            json.member("units") { json in
                json.array { json in
                    for (unit, region) in bulletin.units.enumerated() {
                        json.object { json in
                            writeRegionName(region, into: &json)
                            json.member("townships") { json in
                                json.array { json in
                                    for township in townships[unit] {
                                        json.object { json in
                                            json.member("code") { $0.string(township.code) }
                                            json.member("name") { $0.string(township.name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            json.member("indicators") { json in
                json.array { json in
                    for result in bulletin.indicators { writeIndicator(result, townships: townships, into: &json) }
                }
            }
            json.member("composite") { json in
                json.array { json in
                    for entry in bulletin.composite {
                        json.object { json in
                            json.member("code") { $0.string(bulletin.units[entry.unit].code) }
                            json.member("rank") { $0.integer(entry.rank) }
                            json.member("score_pct") { $0.percent(Percentage(entry.score)) }
                        }
                    }
                }
            }
            json.member("quality") { writeQuality(&$0) }
        }
        json.finish()
    }
}

private extension DataModel {
    func writeBulletin(_ json: inout CompactJSONWriter) {
        let configuration = bulletin.configuration
        json.object { json in
            json.member("title") { $0.string(configuration.title) }
            json.member("issuer") { $0.string(configuration.issuer) }
            json.member("root") { json in json.object { writeRegionName(bulletin.root, into: &$0) } }
            json.member("unit_label") { $0.string(configuration.unitLabel) }
            json.member("as_of") { $0.string(bulletin.asOf.description) }
            json.member("previous") { $0.string(bulletin.previous.description) }
            json.member("period") { json in
                json.object { json in
                    switch configuration.period {
                    case .week:
                        json.member("kind") { $0.string("week") }
                        json.member("days") { $0.null() }
                    case .month:
                        json.member("kind") { $0.string("month") }
                        json.member("days") { $0.null() }
                    case .days(let days):
                        json.member("kind") { $0.string("days") }
                        json.member("days") { $0.integer(days) }
                    }
                }
            }
            json.member("locale") { $0.string(configuration.locale) }
            json.member("yellow_below_pp") { $0.rational(configuration.yellowBelow) }
            json.member("red_below_pp") { $0.rational(configuration.redBelow) }
            json.member("flags_top") { $0.integer(configuration.flagsTop) }
            json.member("flags_bottom") { $0.integer(configuration.flagsBottom) }
        }
    }

    func writeRegionName(_ region: RegionName, into json: inout CompactJSONWriter) {
        json.member("code") { $0.string(region.code) }
        json.member("name") { $0.string(region.name) }
        json.member("short_name") { $0.string(region.shortName) }
    }

    /// Each unit's townships that have ledger rows on some indicator, by code: the breakdown of
    /// every indicator is aligned with this list.
    func townshipsByUnit() -> [[RegionName]] {
        bulletin.units.indices.map { unit in
            var byCode: [String: RegionName] = [:]
            for result in bulletin.indicators where unit < result.breakdown.count {
                for region in result.breakdown.regions(of: unit) { byCode[region.code] = region }
            }
            return byCode.values.sorted { $0.code < $1.code }
        }
    }

    func writeIndicator(_ result: IndicatorResult, townships: [[RegionName]], into json: inout CompactJSONWriter) {
        let indicator = result.indicator
        json.object { json in
            json.member("id") { $0.string(indicator.id) }
            json.member("title") { $0.string(indicator.title) }
            json.member("measure_unit") { $0.string(indicator.measureUnit) }
            json.member("measure") { json in
                switch indicator.measure {
                case .count: json.string("count")
                case .sum: json.string("sum")
                }
            }
            json.member("stages") { json in
                json.array { json in
                    for stage in indicator.stages {
                        json.object { json in
                            json.member("id") { $0.string(stage.id) }
                            json.member("title") { $0.string(stage.title) }
                        }
                    }
                }
            }
            json.member("ranking_stage") { $0.string(indicator.stages[indicator.rankingStage].id) }
            json.member("categories") { json in json.array { for category in result.categories { $0.string(category) } } }
            json.member("start") { $0.string(indicator.start.description) }
            json.member("deadline") { $0.string(indicator.deadline.description) }
            json.member("time_progress") { writeRule(indicator.timeProgress, into: &$0) }
            json.member("weight") { $0.rational(indicator.weight) }
            json.member("top") { json in json.array { for unit in result.top { $0.string(bulletin.units[unit].code) } } }
            json.member("bottom") { json in
                json.array { for unit in result.bottom { $0.string(bulletin.units[unit].code) } }
            }
            json.member("trend_dates") { json in json.array { for day in result.trend.dates { $0.string(day.description) } } }
            json.member("root") { json in
                writeRegion(
                    result.root, of: result, trendDone: result.trend.rootDone,
                    trendProgress: result.trend.rootTimeProgress, into: &json)
            }
            json.member("units") { json in
                json.array { json in
                    for unit in result.units.indices {
                        let figures = result.units[unit]
                        // The trend's time progress is the root's wherever the window is the indicator's.
                        let ownWindow = figures.start != indicator.start || figures.deadline != indicator.deadline
                        writeRegion(
                            figures, of: result, trendDone: result.trend.unitDone[unit],
                            trendProgress: ownWindow ? result.trend.unitTimeProgress[unit] : nil,
                            unit: (unit, townships[unit]), into: &json)
                    }
                }
            }
        }
    }

    func writeRule(_ rule: Indicator.TimeProgressRule, into json: inout CompactJSONWriter) {
        json.object { json in
            switch rule {
            case .days:
                json.member("kind") { $0.string("days") }
                json.member("milestones") { $0.null() }
            case .months:
                json.member("kind") { $0.string("months") }
                json.member("milestones") { $0.null() }
            case .milestones(let milestones):
                json.member("kind") { $0.string("milestones") }
                json.member("milestones") { json in
                    json.array { json in
                        for milestone in milestones {
                            json.object { json in
                                json.member("date") { $0.string(milestone.date.description) }
                                json.member("rate") { $0.rational(milestone.rate) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A region's figures on one indicator: its window, time progress, figures by stage and
    /// category, trend, and for a unit its ranks and its townships' counts (aligned with
    /// `townships`, null where a township has no rows on this indicator).
    func writeRegion(
        _ figures: RegionFigures, of result: IndicatorResult, trendDone: [Int64], trendProgress: [Rational]?,
        unit: (index: Int, townships: [RegionName])? = nil, into json: inout CompactJSONWriter
    ) {
        json.object { json in
            json.member("code") { $0.string(figures.region.code) }
            json.member("start") { $0.string(figures.start.description) }
            json.member("deadline") { $0.string(figures.deadline.description) }
            // One window per region: every stage and category has the same time progress.
            let progress = figures.stages.first?.whole.timeProgressPercentage ?? Percentage(.zero)
            json.member("time_progress_pct") { $0.percent(progress) }
            json.member("figures") { writeStages(figures.stages, into: &$0) }
            json.member("trend_done") { json in json.array { for done in trendDone { $0.quantity(done) } } }
            json.member("trend_time_progress_pct") { json in
                guard let trendProgress else { return json.null() }
                json.array { for progress in trendProgress { $0.percent(Percentage(progress)) } }
            }
            guard let unit else { return }
            let ranking = figures.stages[result.indicator.rankingStage]
            json.member("ranks") { json in
                json.array { json in
                    json.integer(ranking.whole.rank)
                    for category in ranking.categories { json.integer(category.rank) }
                }
            }
            json.member("townships") { json in
                let rows = result.breakdown[unit.index]
                var next = rows.startIndex
                json.array { json in
                    for township in unit.townships {
                        guard next < rows.endIndex, rows[next].region.code == township.code else {
                            json.null()
                            continue
                        }
                        writeTownship(rows[next], into: &json)
                        next += 1
                    }
                }
            }
        }
    }

    /// A township's counts per stage, in the order of `townshipFields`.
    func writeTownship(_ township: RegionFigures, into json: inout CompactJSONWriter) {
        json.array { json in
            for stage in township.stages {
                json.array { json in
                    json.quantity(stage.whole.target)
                    json.quantity(stage.whole.done)
                    json.quantity(stage.whole.newSincePrevious)
                }
            }
        }
    }

    /// Per stage, the whole's figures row and then each category's.
    func writeStages(_ stages: [StageFigures], into json: inout CompactJSONWriter) {
        json.array { json in
            for stage in stages {
                json.array { json in
                    writeFigures(stage.whole, into: &json)
                    for category in stage.categories { writeFigures(category, into: &json) }
                }
            }
        }
    }

    /// One figures row in the order of `figureFields`.
    func writeFigures(_ figures: Figures, into json: inout CompactJSONWriter) {
        let percentages = figures.percentages
        json.array { json in
            json.quantity(figures.target)
            json.quantity(figures.done)
            json.percent(percentages.rate)
            json.percent(percentages.gap)
            json.quantity(figures.newSincePrevious)
            json.percent(percentages.rateChange)
            json.string(figures.status.rawValue)
        }
    }

    func writeQuality(_ json: inout CompactJSONWriter) {
        let report = bulletin.quality
        json.object { json in
            json.member("error_count") { $0.integer(report.errorCount) }
            json.member("warning_count") { $0.integer(report.warningCount) }
            json.member("omitted") { json in
                json.array { json in
                    // Sorted: the report keeps them in a dictionary.
                    for (key, count) in report.omitted.sorted(by: { $0.key < $1.key }) {
                        let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
                        json.object { json in
                            json.member("file") { $0.string(String(parts[0])) }
                            json.member("kind") { $0.string(parts.count > 1 ? String(parts[1]) : "") }
                            json.member("count") { $0.integer(count) }
                        }
                    }
                }
            }
            json.member("findings") { json in
                json.array { json in
                    for finding in report.sortedFindings {
                        json.object { json in
                            json.member("file") { $0.string(finding.file) }
                            json.member("sheet") { $0.string(finding.sheet) }
                            json.member("line") { $0.integer(finding.line) }
                            json.member("column") { $0.integer(finding.column) }
                            json.member("severity") { $0.string(finding.severity.rawValue) }
                            json.member("kind") { $0.string(finding.kind.rawValue) }
                            // The unit whose list it is on (quality/<code>.csv), and the row's id
                            // as that list shows it (masked, SPEC §5.1).
                            json.member("unit") { $0.string(finding.unit.map { bulletin.units[$0].code }) }
                            json.member("id") { $0.string(finding.recordID) }
                            // The one place the model reads a finding's text (masked where made, SPEC §5.1).
                            json.member("message") { $0.string(messages.text(finding.message)) }
                        }
                    }
                }
            }
        }
    }
}

/// The model's numbers as JSON numbers.
private extension CompactJSONWriter {
    /// A measure in ten-thousandths as a plain decimal: `12`, `12.5`.
    mutating func quantity(_ value: Int64) {
        number(text: Quantity.plain(value).utf8)
    }

    /// A percentage rounded to two decimals, in its shortest form (`72.59`, `-3.2`, `100`), or null.
    mutating func percent(_ value: Percentage?) {
        guard let value else { return null() }
        var text = value.text(sign: .minusOnly, percentSign: false).utf8[...]
        // Trailing zeros of the fraction, then a bare point, say nothing about the number.
        while text.last == UInt8(ascii: "0") { text = text.dropLast() }
        if text.last == UInt8(ascii: ".") { text = text.dropLast() }
        number(text: text)
    }

    /// A configuration value (a weight, a milestone rate, a threshold) in its shortest decimal form.
    mutating func rational(_ value: Rational) {
        number(text: JSONValue.numberText(value.doubleValue).utf8)
    }
}
