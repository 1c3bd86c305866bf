import Dispatch
import Foundation

/// Turns tallies into a bulletin (SPEC §4): targets, done per stage, rates, time progress,
/// gaps, change since the previous bulletin, status, ranks, flags, composite rank and trend.
struct Aggregator {
    let configuration: Configuration
    let regions: Regions
    /// `targets.csv`'s overrides, by indicator id and unit position.
    let targets: TargetOverrides
    let calendar: BulletinCalendar
    let tallies: [Tally]
    /// How many indicators are worked out at once; the bulletin does not depend on it.
    var concurrency = ProcessInfo.processInfo.activeProcessorCount

    /// The bulletin as of grid date `step` (0 = the as-of date, 1 = the previous bulletin …).
    /// Township breakdowns and target warnings are made for step 0 only.
    func bulletin(step: Int = 0, quality: QualityReport) -> Bulletin {
        let asOf = calendar.dates[step]
        let previous = configuration.period.day(1, before: asOf)
        var quality = quality
        let units = regions.units.map {
            RegionName(code: regions.codes[$0], name: regions.names[$0], shortName: regions.shortNames[Int32($0)])
        }
        // Indicators are independent: worked out on every core, then taken in configuration order.
        let indicators = configuration.indicators
        let slots = IndexedResults<(IndicatorResult, [Finding])>(count: indicators.count)
        let work: @Sendable (Int) -> Void = { index in
            var findings: [Finding] = []
            let result = indicatorResult(
                indicator: indicators[index], tally: tallies[index], step: step, asOf: asOf, units: units
            ) { findings.append($0) }
            slots.set(index, (result, findings))
        }
        if concurrency > 1 && indicators.count > 1 {
            DispatchQueue.concurrentPerform(iterations: indicators.count, execute: work)
        } else {
            for index in indicators.indices { work(index) }
        }
        var results: [IndicatorResult] = []
        // The loop above set every slot.
        for case (let result, let findings)? in slots.values {
            if step == 0 { quality.add(contentsOf: findings) }
            results.append(result)
        }
        var configuration = configuration
        configuration.asOf = asOf
        return Bulletin(
            configuration: configuration, previous: previous,
            root: RegionName(code: regions.codes[regions.root], name: regions.names[regions.root]),
            units: units,
            indicators: results, composite: composite(results, unitCount: units.count), quality: quality)
    }

    private func indicatorResult(
        indicator: Indicator, tally: Tally, step: Int, asOf: Day, units: [RegionName],
        report: (Finding) -> Void
    ) -> IndicatorResult {
        let overrides = targets[indicator.id] ?? [:]
        // Categories sorted by value; `order[k]` is the tally's index of the k-th sorted category.
        let hasCategories = indicator.categoryColumn != nil
        let order = tally.categoryNames.indices.sorted { tally.categoryNames[$0] < tally.categoryNames[$1] }
        let categoryNames = hasCategories ? order.map { tally.categoryNames[$0] } : []
        let stepPrevious = step + 1
        func progress(_ day: Day, _ start: Day, _ deadline: Day) -> Rational {
            TimeProgress.on(day, start: start, deadline: deadline, rule: indicator.timeProgress)
        }
        func done(_ unit: Int, _ stage: Int, _ category: Int, _ step: Int) -> Int64 {
            step < calendar.count ? tally.done(unit: unit, stage: stage, category: category, step: step) : 0
        }
        let figures = FigureMaker(
            rule: indicator.timeProgress, asOf: asOf, previous: configuration.period.day(1, before: asOf),
            yellowBelow: configuration.yellowBelow, redBelow: configuration.redBelow)

        var unitResults: [RegionFigures] = []
        for unit in units.indices {
            let override = overrides[unit]
            let start = override?.start ?? indicator.start
            let deadline = override?.deadline ?? indicator.deadline
            let ledgerTarget = (0..<tally.categoryCount).reduce(Int64(0)) {
                $0 + tally.target(unit: unit, category: $1)
            }
            let target = override?.target ?? ledgerTarget
            var stages: [StageFigures] = []
            for stage in indicator.stages.indices {
                let wholeDone = (0..<tally.categoryCount).reduce(Int64(0)) {
                    $0 + done(unit, stage, $1, step)
                }
                let wholePrevious = (0..<tally.categoryCount).reduce(Int64(0)) {
                    $0 + done(unit, stage, $1, stepPrevious)
                }
                let whole = figures(
                    target: target, done: wholeDone, previousDone: wholePrevious, start: start,
                    deadline: deadline)
                let split =
                    hasCategories
                    ? order.map { category in
                        figures(
                            target: tally.target(unit: unit, category: category),
                            done: done(unit, stage, category, step),
                            previousDone: done(unit, stage, category, stepPrevious), start: start,
                            deadline: deadline)
                    } : []
                stages.append(StageFigures(whole: whole, categories: split))
            }
            unitResults.append(
                RegionFigures(region: units[unit], start: start, deadline: deadline, stages: stages))
            if step == 0, let override {
                if let overridden = override.target, overridden < ledgerTarget {
                    report(
                        Finding(
                            file: TargetsFile.name, line: override.line, severity: .warning,
                            kind: .targetBelowLedger,
                            message: .init(
                                .targetBelowLedger,
                                [
                                    "indicator": .text(indicator.id), "title": .text(indicator.title),
                                    "unit": .text(units[unit].name),
                                    "code": .text(units[unit].code), "target": .text(Quantity.plain(overridden)),
                                    "ledger": .text(Quantity.plain(ledgerTarget)), "measure_unit": .text(indicator.measureUnit),
                                ])).attributed(to: unit))
                }
                let ranked = stages[indicator.rankingStage].whole
                if ranked.isOverTarget {
                    report(
                        Finding(
                            file: TargetsFile.name, line: override.line, severity: .warning,
                            kind: .overTarget,
                            message: .init(
                                .overTarget,
                                [
                                    "indicator": .text(indicator.id), "title": .text(indicator.title),
                                    "unit": .text(units[unit].name), "done": .text(Quantity.plain(ranked.done)), "target": .text(Quantity.plain(ranked.target)),
                                    "measure_unit": .text(indicator.measureUnit),
                                    "rate": .text(ranked.rate.map { $0.percent() } ?? "–"),
                                ])).attributed(to: unit))
                }
            }
        }

        // Root totals: ΣA / ΣT over units, in the indicator's own window.
        var rootStages: [StageFigures] = []
        for stage in indicator.stages.indices {
            func sum(_ pick: (Figures) -> Int64, category: Int?) -> Int64 {
                unitResults.reduce(0) { total, unit in
                    let row = category.map { unit.stages[stage].categories[$0] } ?? unit.stages[stage].whole
                    return total + pick(row)
                }
            }
            func rootRow(_ category: Int?) -> Figures {
                figures(
                    target: sum(\.target, category: category), done: sum(\.done, category: category),
                    previousDone: sum(\.previousDone, category: category), start: indicator.start,
                    deadline: indicator.deadline)
            }
            rootStages.append(
                StageFigures(whole: rootRow(nil), categories: categoryNames.indices.map { rootRow($0) }))
        }
        let root = RegionFigures(
            region: RegionName(code: regions.codes[regions.root], name: regions.names[regions.root]),
            start: indicator.start, deadline: indicator.deadline, stages: rootStages)

        // Ranks on the ranking stage: the whole and each category.
        let rankStage = indicator.rankingStage
        func rank(category: Int?) -> (order: [Int], reverseRanks: [Int?]) {
            func row(_ unit: Int) -> Figures {
                category.map { unitResults[unit].stages[rankStage].categories[$0] }
                    ?? unitResults[unit].stages[rankStage].whole
            }
            let (ranks, order, reverseRanks) = Ranking.competition(
                count: unitResults.count, hasValue: { row($0).hasTask },
                isBelow: { row($0).rateIsBelow(row($1)) })
            for unit in unitResults.indices {
                if let category {
                    unitResults[unit].stages[rankStage].categories[category].rank = ranks[unit]
                } else {
                    unitResults[unit].stages[rankStage].whole.rank = ranks[unit]
                }
            }
            return (order, reverseRanks)
        }
        let (ranking, reverseRanks) = rank(category: nil)
        for category in categoryNames.indices { _ = rank(category: category) }
        let ranked = { (unit: Int) in unitResults[unit].stages[rankStage].whole }
        var top: [Int] = []
        var bottom: [Int] = []
        if ranking.count >= configuration.flagsTop + configuration.flagsBottom, ranking.count > 0 {
            top = ranking.filter { (ranked($0).rank ?? .max) <= configuration.flagsTop }
            bottom = ranking.filter { (reverseRanks[$0] ?? .max) <= configuration.flagsBottom }.reversed()
            // Ties can put a unit among the best and the worst at once (all at 0.00% in the
            // first week): such flags would say nothing, so there are none.
            if !Set(top).isDisjoint(with: bottom) {
                top = []
                bottom = []
            }
        }
        let rootRanked = rootStages[rankStage].whole
        let belowAverage = ranking.filter { ranked($0).rateIsBelow(rootRanked) }
        let behind = ranking.filter { (ranked($0).gap ?? .zero) < .zero }
            .sorted { (ranked($0).gap ?? .zero) < (ranked($1).gap ?? .zero) }

        // Township breakdown (main bulletin only), kept as counts (see `Breakdown`).
        var breakdownRows: [[Breakdown.Row]] = Array(repeating: [], count: units.count)
        if step == 0 {
            for slot in tally.childSlots {
                let key = tally.childKey(slot: slot)
                let unit: Int
                let region: RegionName
                if key < 0 {
                    unit = Int(-1 - key)
                    region = RegionName(code: units[unit].code, name: units[unit].name)
                } else {
                    guard
                        case .inUnit(let owner, _) = regions.location(ofRegion: Int(key))
                    else { continue }
                    unit = owner
                    region = RegionName(code: regions.codes[Int(key)], name: regions.names[Int(key)])
                }
                let stageCount = indicator.stages.count
                var counts = [Int64](repeating: 0, count: 1 + 2 * stageCount)
                for category in 0..<tally.categoryCount {
                    let child = tally.child(slot: slot, category: category)
                    counts[0] += child.target
                    for stage in 0..<stageCount {
                        counts[1 + stage] += child.done[stage]
                        counts[1 + stageCount + stage] += child.previous[stage]
                    }
                }
                breakdownRows[unit].append(Breakdown.Row(region: region, counts: counts))
            }
            for unit in breakdownRows.indices { breakdownRows[unit].sort { $0.region.code < $1.region.code } }
        }
        let breakdown = Breakdown(
            rows: breakdownRows, windows: unitResults.map { ($0.start, $0.deadline) }, makeFigures: figures)

        // Trend of the ranking stage from the indicator's start to the bulletin date.
        let steps = (step..<calendar.count).filter { calendar.dates[$0] >= indicator.start }.reversed()
        var trend = Trend(
            dates: [], rootDone: [], rootTimeProgress: [], unitDone: Array(repeating: [], count: units.count),
            unitTimeProgress: Array(repeating: [], count: units.count))
        for point in steps {
            let day = calendar.dates[point]
            trend.dates.append(day)
            var total: Int64 = 0
            for unit in units.indices {
                let value = (0..<tally.categoryCount).reduce(Int64(0)) {
                    $0 + done(unit, rankStage, $1, point)
                }
                trend.unitDone[unit].append(value)
                trend.unitTimeProgress[unit].append(
                    progress(day, unitResults[unit].start, unitResults[unit].deadline))
                total += value
            }
            trend.rootDone.append(total)
            trend.rootTimeProgress.append(progress(day, indicator.start, indicator.deadline))
        }

        return IndicatorResult(
            indicator: indicator, categories: categoryNames, root: root, units: unitResults, ranking: ranking,
            top: top,
            bottom: bottom, belowAverage: belowAverage, behind: behind, breakdown: breakdown, trend: trend)
    }

    /// Composite rank: weighted mean of ranking-stage rates capped at 100%, over the indicators
    /// where the unit has a task and the weight is above zero.
    ///
    /// Exact fractions would overflow here (the common denominator is the product of every
    /// indicator's target), so each capped rate is taken in units of 10⁻¹⁸ (rounded down) and
    /// scores are compared by cross-multiplying the weighted sums: exact to 18 decimal places,
    /// far below the two decimals printed.
    private func composite(_ results: [IndicatorResult], unitCount: Int) -> [CompositeEntry] {
        let resolution: Int128 = 1_000_000_000_000_000_000
        // Weights have at most four decimals (Configuration), so w × 10⁴ is a whole number.
        let weightScale = Rational(Int128(Quantity.scale), 1)
        var scores = [(weighted: Int128, weights: Int128)?](repeating: nil, count: unitCount)
        for unit in 0..<unitCount {
            var weighted: Int128 = 0
            var weights: Int128 = 0
            for result in results where result.indicator.weight > .zero {
                let figures = result.ranked(unit)
                guard figures.hasTask else { continue }
                let weight = (result.indicator.weight * weightScale).rounded(scale: 0)
                let capped = Int128(min(figures.done, figures.target)) * resolution / Int128(figures.target)
                weighted += weight * capped
                weights += weight
            }
            if weights > 0 { scores[unit] = (weighted, weights) }
        }
        func isBelow(_ a: Int, _ b: Int) -> Bool {
            guard let x = scores[a], let y = scores[b] else { return false }
            return x.weighted * y.weights < y.weighted * x.weights
        }
        let (ranks, order, _) = Ranking.competition(
            count: unitCount, hasValue: { scores[$0] != nil }, isBelow: isBelow)
        return order.map { unit in
            let score = scores[unit].map { Rational($0.weighted, $0.weights * resolution) } ?? .zero
            return CompositeEntry(unit: unit, score: score, rank: ranks[unit] ?? 0)
        }
    }
}

/// Measures are kept in ten-thousandths so that sums such as 12.5 km add exactly.
enum Quantity {
    static let scale: Int64 = 10_000

    /// `12`, `12.5`, `0.0001`: no grouping, no trailing zeros.
    static func plain(_ value: Int64) -> String {
        let whole = value / scale
        var fraction = abs(value % scale)
        if fraction == 0 { return String(whole) }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        let sign = value < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - text.count))\(text)"
    }
}
