import BulletinKit
import Foundation

/// One example dataset as designed: configuration, ledgers, targets, the status every unit is
/// meant to have, and the warnings planted. `write(to:)` checks the design against the rows it
/// wrote before writing anything, so a README never promises what the ledgers do not hold.
struct Example {
    let folder: String
    let regions: RegionTree
    let title: String
    let unitLabel: String
    let asOf: Day
    /// How far back the previous bulletin (较上期) lies.
    let period: Period
    var locale = "zh-Hans"
    let issuer: String
    var flags = (top: 3, bottom: 3)
    let remarks: [String]
    var ledgers: [Ledger] = []
    var indicators: [Indicator] = []
    var targets: [TargetOverride] = []
    /// Labels of category values (`"categories"` in bulletin.json), in the order written.
    var categoryLabels: [(value: String, label: String)] = []
    /// Designed status by indicator id and unit code; units left out have no task.
    var design: [String: [String: Status]] = [:]
    var planted: [PlantedWarning] = []
    /// Published totals the targets must add up to, by indicator id (and category).
    var publishedTotals: [(indicator: String, category: String?, total: Int)] = []
    /// The README's opening paragraphs (what the dataset is and what it shows).
    var about = ""
    /// Other files of the dataset (`aliases.csv`), by name, with what they are for the README.
    var extraFiles: [(file: String, rows: Int, what: String, data: Data)] = []

    func ledger(_ file: String) -> Ledger? { ledgers.first { $0.file == file } }

    /// The previous bulletin's date (SPEC §4.3).
    var previous: Day { period.day(1, before: asOf) }

    var periodJSON: JSONValue {
        switch period {
        case .week: "week"
        case .month: "month"
        case .days(let days): .number(Double(days))
        }
    }
}

/// The numbers of one unit (or the root) on one indicator as of the bulletin date.
struct Outcome {
    let code: String
    let target: Int
    let ledgerTotal: Int
    let done: [Int]
    /// Done per stage as of the previous bulletin.
    let previousDone: [Int]
    let rate: Double
    let progress: Double
    let deadline: Day
    let status: Status
    var gap: Double { (rate - progress) * 100 }

    /// New items on `stage` since the previous bulletin (较上期).
    func new(on stage: Int) -> Int { done[stage] - previousDone[stage] }
}

extension Example {
    func outcome(of indicator: Indicator, unit: String?, category: String? = nil) -> Outcome? {
        guard let ledger = ledger(indicator.ledger) else { return nil }
        let items = ledger.items.filter { item in
            (unit == nil || item.unit == unit) && (category == nil || item.category == category)
        }
        let override = unit.flatMap { unit in
            targets.first { $0.indicator == indicator.id && $0.unit == unit }
        }
        let ledgerTotal = items.reduce(0) { $0 + indicator.measure(of: $1) }
        let target: Int
        if unit == nil, category == nil {
            // The root's target is the sum of the units' targets (SPEC §4.1).
            target = regions.units.compactMap { self.outcome(of: indicator, unit: $0)?.target }.reduce(0, +)
        } else {
            target = category == nil ? override?.target ?? ledgerTotal : ledgerTotal
        }
        guard target > 0 else { return nil }
        func tally(asOf day: Day) -> [Int] {
            indicator.stages.indices.map { stage in
                items.filter { $0.dates[stage].map { $0 <= day } ?? false }.reduce(0) {
                    $0 + indicator.measure(of: $1)
                }
            }
        }
        let done = tally(asOf: asOf)
        let start = override?.start ?? indicator.start
        let deadline = override?.deadline ?? indicator.deadline
        let rate = Double(done[indicator.rankingStage]) / Double(target)
        let progress = indicator.timeProgress.value(at: asOf, start: start, deadline: deadline)
        let status: Status
        let gap = (rate - progress) * 100
        if done[indicator.rankingStage] >= target {
            status = done[indicator.rankingStage] > target ? .overTarget : .complete
        } else if asOf > deadline {
            status = .overdue
        } else if gap < -10 {
            status = .red
        } else if gap < 0 {
            status = .yellow
        } else {
            status = .green
        }
        return Outcome(
            code: unit ?? regions.root, target: target, ledgerTotal: ledgerTotal, done: done,
            previousDone: tally(asOf: previous), rate: rate, progress: progress, deadline: deadline,
            status: status)
    }

    /// Throws unless every unit comes out exactly as designed, clear of the status thresholds
    /// (so that an off-by-one-day reading of time progress cannot flip it), every unit not yet
    /// complete (and the city, while it is not) has new items on the ranking stage since the
    /// previous bulletin, and the targets add up to the published totals.
    func verify() throws {
        for indicator in indicators {
            let designed = design[indicator.id] ?? [:]
            for unit in regions.units {
                let outcome = self.outcome(of: indicator, unit: unit)
                let expected = designed[unit] ?? .noTask
                let actual = outcome?.status ?? .noTask
                guard actual == expected else {
                    throw GeneratorError(
                        "\(folder) \(indicator.id) \(unit) \(regions.name(unit)): designed \(expected.rawValue), "
                            + "got \(actual.rawValue) (rate \(outcome.map { $0.rate * 100 } ?? 0), "
                            + "progress \(outcome.map { $0.progress * 100 } ?? 0))")
                }
                if let outcome, [.green, .yellow, .red, .overdue].contains(actual),
                    outcome.new(on: indicator.rankingStage) <= 0
                {
                    throw GeneratorError(
                        "\(folder) \(indicator.id) \(unit) \(regions.name(unit)): \(actual.rawValue) but nothing new "
                            + "since \(previous)")
                }
                if let outcome, [.green, .yellow, .red].contains(actual) {
                    let margin = min(abs(outcome.gap), abs(outcome.gap + 10))
                    guard margin >= 0.6 else {
                        throw GeneratorError(
                            "\(folder) \(indicator.id) \(unit): gap \(outcome.gap) too close to a threshold")
                    }
                }
            }
        }
        for indicator in indicators {
            // The city total is not designed unit by unit, but it must not sit on a threshold either.
            guard let total = outcome(of: indicator, unit: nil) else { continue }
            guard total.status == .complete || total.new(on: indicator.rankingStage) > 0 else {
                throw GeneratorError("\(folder) \(indicator.id) city total: nothing new since \(previous)")
            }
            guard
                [.green, .yellow, .red].contains(total.status) == false
                    || min(abs(total.gap), abs(total.gap + 10)) >= 0.6
            else {
                throw GeneratorError(
                    "\(folder) \(indicator.id) city total: gap \(total.gap) too close to a threshold")
            }
        }
        for published in publishedTotals {
            guard let indicator = indicators.first(where: { $0.id == published.indicator }),
                let outcome = outcome(of: indicator, unit: nil, category: published.category)
            else { throw GeneratorError("\(folder): no \(published.indicator)") }
            guard outcome.target == published.total else {
                throw GeneratorError(
                    "\(folder) \(published.indicator) \(published.category ?? ""): target \(outcome.target), "
                        + "published \(published.total)")
            }
        }
    }

    var configuration: JSONValue {
        var object = JSONObject()
        object["title"] = .string(title)
        object["root"] = .string(regions.root)
        object["unit_label"] = .string(unitLabel)
        object["as_of"] = .string(asOf.description)
        object["period"] = periodJSON
        object["locale"] = .string(locale)
        object["issuer"] = .string(issuer)
        object["flags"] = .object(
            JSONObject(["top": .number(Double(flags.top)), "bottom": .number(Double(flags.bottom))]))
        object["status"] = .object(JSONObject(["yellow_below_pp": 0, "red_below_pp": -10]))
        object["remarks"] = .array(remarks.map { .string($0) })
        if !categoryLabels.isEmpty {
            var labels = JSONObject()
            for item in categoryLabels { labels[item.value] = .string(item.label) }
            object["categories"] = .object(labels)
        }
        object["indicators"] = .array(indicators.map(\.json))
        return .object(object)
    }

    var targetsCSV: String? {
        guard !targets.isEmpty else { return nil }
        let windows = targets.contains { $0.start != nil || $0.deadline != nil }
        var text = windows ? "indicator,region,target,start,deadline\n" : "indicator,region,target\n"
        for row in targets {
            text += "\(row.indicator),\(row.unit),\(row.target)"
            if windows { text += ",\(row.start?.description ?? ""),\(row.deadline?.description ?? "")" }
            text += "\n"
        }
        return text
    }

    /// Writes `bulletin.json`, the ledgers, `targets.csv` and `README.md` into `directory`
    /// (which already holds `regions.csv`).
    func write(to directory: URL) throws {
        try verify()
        var files: [(String, Data)] = [("bulletin.json", Data((configuration.jsonText() + "\n").utf8))]
        for ledger in ledgers { files += try ledger.files() }
        if let targetsCSV { files.append(("targets.csv", Data(targetsCSV.utf8))) }
        files += extraFiles.map { ($0.file, $0.data) }
        files.append(("README.md", Data(readme.utf8)))
        for (name, data) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}
