import BulletinKit
import Foundation
import SplitMix

/// The design of one unit on one ledger: how many rows, in how many villages, the share of the
/// measure done at each stage as of the bulletin date, and the status that should come out.
struct UnitPlan {
    let unit: String
    let rows: Int
    let villages: Int
    let rates: [Double]
    let status: Status
}

/// Builds the items of a ledger plan by plan: rows spread over distinct villages of the unit
/// (every chosen village gets at least one row), with household ids, names and date styles.
func makeItems(
    _ plans: [UnitPlan], regions: RegionTree, stageCount: Int, dateStyles: [Double], ids: inout HouseholdIDs,
    rng: inout SplitMix64
) throws -> [Item] {
    var items: [Item] = []
    for plan in plans {
        var villages = regions.villages(under: plan.unit)
        guard villages.count >= plan.villages else {
            throw GeneratorError("\(plan.unit): \(villages.count) villages, plan wants \(plan.villages)")
        }
        rng.shuffle(&villages)
        villages = Array(villages.prefix(plan.villages))
        for row in 0..<plan.rows {
            let village = row < villages.count ? villages[row] : rng.pick(villages)
            var item = Item(unit: plan.unit, village: village, dates: Array(repeating: nil, count: stageCount))
            item.id = ids.make(township: regions.township(of: village), rng: &rng)
            item.name = Names.draw(&rng)
            item.style = DateStyle.draw(&rng, weights: dateStyles)
            items.append(item)
        }
    }
    return items
}

/// Dates every plan's items (see `Schedule`). A unit designed complete finished within four
/// weeks before the bulletin date (before its deadline, when that has passed). Every other unit
/// is still at work on the bulletin date, and has moved at least one item through the ranking
/// stage since the previous bulletin (`previous`), so that its 较上期 is never an empty column.
func schedule(
    _ items: inout [Item], plans: [UnitPlan], start: Day, deadline: Day, asOf: Day, previous: Day,
    rankingStage: Int, gaps: [ClosedRange<Int>], weight: (Item) -> Int, rng: inout SplitMix64
) {
    for plan in plans {
        let indices = items.indices.filter { items[$0].unit == plan.unit }
        let isFinished = plan.status == .complete || plan.status == .overTarget
        let latest = isFinished ? min(deadline, asOf).adding(days: -rng.int(0...27)) : asOf
        let schedule = Schedule(start: start, latest: latest, gaps: gaps)
        schedule.assign(&items, indices: indices, rates: plan.rates, weight: weight, rng: &rng)
        guard !isFinished,
            !indices.contains(where: { items[$0].dates[rankingStage].map { $0 > previous } ?? false })
        else { continue }
        // A small unit can miss the last period by chance: one item that stopped at the ranking
        // stage moves into the period, every stage date by the same days (so the gaps between
        // stages, and what is done as of the bulletin date, stay as they were). The item moved
        // is the one that changes the curve least: recent, and small when the measure is a sum.
        let stopped = indices.compactMap { index -> (index: Int, day: Day, cost: Int)? in
            let dates = items[index].dates
            let isLastReached = rankingStage + 1 == dates.count || dates[rankingStage + 1] == nil
            guard let day = dates[rankingStage], isLastReached else { return nil }
            return (index, day, (previous.days(since: day) + 1) * weight(items[index]))
        }
        guard let moved = stopped.min(by: { $0.cost < $1.cost }) else {
            continue  // nothing to move: `Example.verify` reports the unit
        }
        let day = asOf.adding(days: -rng.int(0...(asOf.days(since: previous) - 1)))
        let shift = day.days(since: moved.day)
        items[moved.index].dates = items[moved.index].dates.map { $0?.adding(days: shift) }
    }
}

/// Nudges `measure` of the items one by one, within `range`, until it sums to exactly `total`.
func fitMeasures(_ items: inout [Item], indices: [Int], total: Int, range: ClosedRange<Int>, rng: inout SplitMix64) {
    var sum = indices.reduce(0) { $0 + items[$1].measure }
    while sum != total {
        let index = rng.pick(indices)
        if sum < total, items[index].measure < range.upperBound {
            items[index].measure += 1
            sum += 1
        } else if sum > total, items[index].measure > range.lowerBound {
            items[index].measure -= 1
            sum -= 1
        }
    }
}

/// Spreads `total` over the items in proportion to `weights`, at least `minimum` each, exactly.
func distribute(_ total: Int, over items: inout [Item], indices: [Int], minimum: Int, rng: inout SplitMix64) {
    // Mostly small projects and a few large ones, as village water works are.
    let weights = indices.map { _ in 0.1 + 3 * pow(rng.unit(), 3) }
    let sum = weights.reduce(0, +)
    for (index, weight) in zip(indices, weights) {
        items[index].measure = max(minimum, Int(Double(total) * weight / sum))
    }
    fitMeasures(&items, indices: indices, total: total, range: minimum...Int.max, rng: &rng)
}

extension Array where Element == Item {
    /// File order: by unit, village and id, as a county's clerk keeps the sheet.
    mutating func sortForLedger() {
        sort { ($0.unit, $0.village, $0.id) < ($1.unit, $1.village, $1.id) }
    }
}
