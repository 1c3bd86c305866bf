import BulletinKit

/// Dates for the items of one unit so that, as of the bulletin date, the designed share of the
/// unit's measure has reached each stage; the dates of done items follow an S-curve between the
/// campaign start and `latest`.
struct Schedule {
    let start: Day
    /// The last date a done item may carry (the as-of date, or the deadline for units that
    /// finished on time).
    let latest: Day
    /// Days between stage j and stage j + 1.
    let gaps: [ClosedRange<Int>]

    /// Sets `dates` of `items[indices]`; `rates[s]` is the designed share done at stage `s`
    /// (non-increasing). Items chosen for a later stage are always among those of the earlier
    /// one, so stage dates stay in order.
    func assign(
        _ items: inout [Item], indices: [Int], rates: [Double], weight: (Item) -> Int, rng: inout SplitMix64
    ) {
        // A few shuffles, keeping the one that lands nearest the designed shares: with a sum
        // measure and few large items, one greedy pass can miss by a whole project.
        let total = Double(indices.reduce(0) { $0 + weight(items[$1]) })
        var reached: [Int: Int] = [:]
        var bestError = Double.infinity
        for _ in 0..<40 {
            var order = indices
            rng.shuffle(&order)
            var attempt: [Int: Int] = [:]
            var error = 0.0
            var pool = order
            for (stage, rate) in rates.enumerated() {
                let goal = rate * total
                var chosen: [Int] = []
                var sum = 0.0
                for index in pool {
                    let itemWeight = Double(weight(items[index]))
                    // Take the item when taking it lands nearer the goal than leaving it.
                    if sum + itemWeight / 2 <= goal {
                        chosen.append(index)
                        sum += itemWeight
                        attempt[index] = stage
                    }
                }
                error += abs(sum - goal)
                pool = chosen
            }
            if error < bestError {
                bestError = error
                reached = attempt
            }
            if error < 1 { break }
        }
        for index in indices {
            var dates = [Day?](repeating: nil, count: rates.count)
            if let last = reached[index] {
                let minimumSpan = gaps.prefix(last).reduce(0) { $0 + $1.lowerBound }
                let earliest = min(start.adding(days: minimumSpan), latest)
                let span = latest.days(since: earliest)
                var day = earliest.adding(days: min(span, Int(rng.bell() * Double(span + 1))))
                dates[last] = day
                for stage in stride(from: last - 1, through: 0, by: -1) {
                    day = max(start, day.adding(days: -rng.int(gaps[stage])))
                    dates[stage] = day
                }
            }
            items[index].dates = dates
        }
    }
}

/// A warning planted on purpose, so that the quality page has something to show.
struct PlantedWarning {
    let file: String
    let line: Int
    let what: String
}

extension Ledger {
    /// Makes the `later` stage of one done item of `unit` come before its `earlier` stage.
    mutating func plantStagesOutOfOrder(unit: String, earlier: Int, later: Int, asOf: Day) throws -> PlantedWarning {
        guard let index = items.indices.first(where: { index in
            let dates = items[index].dates
            guard items[index].unit == unit, let first = dates[earlier], let second = dates[later],
                first < second, second.adding(days: 6) <= asOf
            else { return false }
            // Keep the moved date before any stage after `later`, so exactly one pair is out of order.
            return dates.indices.allSatisfy { $0 <= later || dates[$0].map { second.adding(days: 6) <= $0 } ?? true }
        }) else { throw GeneratorError("\(file): no item of \(unit) to plant out-of-order stages on") }
        let moved = items[index].dates[later]!.adding(days: 6)
        items[index].dates[earlier] = moved
        return PlantedWarning(
            file: file, line: Ledger.line(ofItem: index),
            what: "\(stages[earlier].column) \(moved) is after \(stages[later].column) \(items[index].dates[later]!) "
                + "(\(stages[later].title)早于\(stages[earlier].title)); the row still counts")
    }

    /// Gives one item of `unit` that has not reached `stage` a date after the as-of date there.
    mutating func plantDateAfterAsOf(unit: String, stage: Int, asOf: Day, days: Int) throws -> PlantedWarning {
        guard let index = items.indices.first(where: {
            items[$0].unit == unit && items[$0].dates[stage] == nil && (stage == 0 || items[$0].dates[stage - 1] != nil)
        }) else { throw GeneratorError("\(file): no item of \(unit) to plant a future date on") }
        let future = asOf.adding(days: days)
        items[index].dates[stage] = future
        return PlantedWarning(
            file: file, line: Ledger.line(ofItem: index),
            what: "\(stages[stage].column) \(future) is after the as-of date \(asOf) (a planned date typed in early); "
                + "counted as not yet")
    }

    /// Moves the first-stage date of one done item of `unit` before the indicator's start.
    mutating func plantDateBeforeStart(unit: String, start: Day, days: Int) throws -> PlantedWarning {
        guard let index = items.indices.first(where: { items[$0].unit == unit && items[$0].dates[0] != nil })
        else { throw GeneratorError("\(file): no item of \(unit) to plant an early date on") }
        let early = start.adding(days: -days)
        items[index].dates[0] = early
        return PlantedWarning(
            file: file, line: Ledger.line(ofItem: index),
            what: "\(stages[0].column) \(early) is before the indicator's start \(start); the row still counts")
    }
}
