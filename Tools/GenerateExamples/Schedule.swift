import BulletinKit
import SplitMix

/// Dates for the items of one unit so that, as of the bulletin date, the designed share of the
/// unit's measure has reached each stage, and the dates run the way a campaign's do right up to
/// `latest`: items through every stage follow the unit's own S-curve (`SCurve`), items still
/// in the pipeline reached their last stage recently.
struct Schedule {
    let start: Day
    /// The last date an item may carry: the as-of date for a unit still at work, its finishing
    /// day for a unit designed complete.
    let latest: Day
    /// Days between stage j and stage j + 1.
    let gaps: [ClosedRange<Int>]

    /// Sets `dates` of `items[indices]`; `rates[s]` is the designed share done at stage `s`
    /// (non-increasing). Items chosen for a later stage are always among those of the earlier
    /// one, so stage dates stay in order.
    func assign(
        _ items: inout [Item], indices: [Int], rates: [Double], weight: (Item) -> Int, rng: inout SplitMix64
    ) {
        let reached = choose(items, indices: indices, rates: rates, weight: weight, rng: &rng)
        let final = rates.count - 1
        // Items through the last stage: where the unit stands on its S-curve at `latest` follows
        // from the share done (a unit 60% through is in the steep middle, one 95% through is
        // slowing down); only a finished unit reaches the flat end, so every other unit is still
        // completing items in the last period. Strata of the curve, one per item in random
        // order (by measure when the measure is a sum), keep the weekly counts smooth.
        var throughAllStages = indices.filter { reached[$0] == final }
        rng.shuffle(&throughAllStages)
        let total = throughAllStages.reduce(0) { $0 + weight(items[$1]) }
        let rate = rates[final]
        let phase = rate >= 1 ? 1 : min(0.97, max(0.3, SCurve.time(reaching: rate)))
        let shareAtLatest = SCurve.share(at: phase)
        // The curve begins a little after the earliest possible day, as the first items of a
        // campaign do not all go through at the fastest pace.
        let slack = gaps.reduce(0) { $0 + $1.upperBound - $1.lowerBound } / 4
        let curveStart = min(earliest(stage: final).adding(days: slack), latest)
        let span = Double(latest.days(since: curveStart))
        var before = 0
        var lastDates: [Int: Day] = [:]
        for index in throughAllStages {
            let itemWeight = weight(items[index])
            let within = Double(before) + rng.unit() * Double(itemWeight)
            let share = shareAtLatest * within / Double(max(1, total))
            before += itemWeight
            let offset = min(span, (SCurve.time(reaching: share) / phase * span).rounded(.down))
            lastDates[index] = curveStart.adding(days: Int(offset))
        }
        // Items still in the pipeline reached their last stage within one gap of `latest`.
        for index in indices {
            guard let last = reached[index], last < final else { continue }
            let lag = rng.int(0...gaps[last].upperBound)
            lastDates[index] = max(earliest(stage: last), latest.adding(days: -lag))
        }
        for index in indices {
            var dates = [Day?](repeating: nil, count: rates.count)
            if let last = reached[index], var day = lastDates[index] {
                dates[last] = day
                for stage in stride(from: last - 1, through: 0, by: -1) {
                    // Never before the campaign's start: an item that got far early went through
                    // its first stages quickly.
                    let (shortest, longest) = (gaps[stage].lowerBound, gaps[stage].upperBound)
                    let gap = shortest...max(shortest, min(longest, day.days(since: earliest(stage: stage))))
                    day = max(start, day.adding(days: -rng.int(gap)))
                    dates[stage] = day
                }
            }
            items[index].dates = dates
        }
    }

    /// The first day an item can reach `stage`: the start plus the shortest gaps before it.
    private func earliest(stage: Int) -> Day {
        min(start.adding(days: gaps.prefix(stage).reduce(0) { $0 + $1.lowerBound }), latest)
    }

    /// The last stage each item has reached, by index (absent: not started): a few shuffles,
    /// keeping the one that lands nearest the designed shares (with a sum measure and few large
    /// items, one greedy pass can miss by a whole project).
    private func choose(
        _ items: [Item], indices: [Int], rates: [Double], weight: (Item) -> Int, rng: inout SplitMix64
    ) -> [Int: Int] {
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
        return reached
    }
}

/// A campaign's S-curve: the share of a unit's work done when a share `x` of its time has passed
/// (smoothstep 3x² − 2x³: a slow start, a steady middle, a slow finish).
enum SCurve {
    static func share(at x: Double) -> Double { x * x * (3 - 2 * x) }

    /// The share of time at which `share` of the work is done. Bisection rather than the closed
    /// form (which needs `sin` and `asin`), so that only + and × are used and every platform's
    /// floating point gives the same dates.
    static func time(reaching share: Double) -> Double {
        var low = 0.0
        var high = 1.0
        for _ in 0..<50 {
            let middle = (low + high) / 2
            if self.share(at: middle) < share { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

/// A warning planted on purpose, so that the quality page has something to show.
struct PlantedWarning {
    var file: String
    var line: Int
    let what: String
    /// The ledger item it was planted on, so that a workbook layout can say where that row went.
    var item: Int? = nil
}

extension Ledger {
    /// Makes the `later` stage of one done item of `unit` come before its `earlier` stage.
    mutating func plantStagesOutOfOrder(unit: String, earlier: Int, later: Int, asOf: Day) throws
        -> PlantedWarning
    {
        guard
            let index = items.indices.first(where: { index in
                let dates = items[index].dates
                guard items[index].unit == unit, let first = dates[earlier], let second = dates[later],
                    first < second, second.adding(days: 6) <= asOf
                else { return false }
                // Keep the moved date before any stage after `later`, so exactly one pair is out of order.
                return dates.indices.allSatisfy {
                    $0 <= later || dates[$0].map { second.adding(days: 6) <= $0 } ?? true
                }
            })
        else { throw GeneratorError("\(file): no item of \(unit) to plant out-of-order stages on") }
        let moved = items[index].dates[later]!.adding(days: 6)
        items[index].dates[earlier] = moved
        return PlantedWarning(
            file: file, line: Ledger.line(ofItem: index),
            what:
                "\(stages[earlier].column) \(moved) is after \(stages[later].column) \(items[index].dates[later]!) "
                + "(\(stages[later].title)早于\(stages[earlier].title)); the row still counts", item: index)
    }

    /// Gives one item of `unit` that has not reached `stage` a date after the as-of date there.
    mutating func plantDateAfterAsOf(unit: String, stage: Int, asOf: Day, days: Int) throws -> PlantedWarning
    {
        guard
            let index = items.indices.first(where: {
                items[$0].unit == unit && items[$0].dates[stage] == nil
                    && (stage == 0 || items[$0].dates[stage - 1] != nil)
            })
        else { throw GeneratorError("\(file): no item of \(unit) to plant a future date on") }
        let future = asOf.adding(days: days)
        items[index].dates[stage] = future
        return PlantedWarning(
            file: file, line: Ledger.line(ofItem: index),
            what:
                "\(stages[stage].column) \(future) is after the as-of date \(asOf) (a planned date typed in early); "
                + "counted as not yet", item: index)
    }

    /// Moves the first-stage date of one done item of `unit` before the indicator's start.
    mutating func plantDateBeforeStart(unit: String, start: Day, days: Int) throws -> PlantedWarning {
        guard let index = items.indices.first(where: { items[$0].unit == unit && items[$0].dates[0] != nil })
        else { throw GeneratorError("\(file): no item of \(unit) to plant an early date on") }
        let early = start.adding(days: -days)
        items[index].dates[0] = early
        return PlantedWarning(
            file: file, line: Ledger.line(ofItem: index),
            what:
                "\(stages[0].column) \(early) is before the indicator's start \(start); the row still counts",
            item: index)
    }
}
