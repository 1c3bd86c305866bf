import BulletinKit
import Foundation

// MARK: - Figures (SPEC §4)

extension IndependentSummary {
    /// Target, done by the bulletin date and done by the previous bulletin, for one row.
    struct Figures {
        var target = Fraction.zero
        var done = Fraction.zero
        var previousDone = Fraction.zero
    }

    struct Key: Hashable {
        var unit: String
        var category: String?
    }

    /// One indicator's numbers: ledger targets and amounts done, by unit, stage and category.
    struct IndicatorTable {
        let indicator: Indicator
        let units: [String]
        let overrides: [String: Overrides.Entry]
        /// Category values in the ledger, sorted by code point; empty without a category column.
        let categories: [String]
        private var ledgerTarget: [Key: Fraction] = [:]
        /// By stage.
        private var done: [[Key: Fraction]]
        private var previousDone: [[Key: Fraction]]

        init(
            indicator: Indicator, rows: [Item], units: [String], day: CalendarDay, previous: CalendarDay,
            overrides: [String: Overrides.Entry]
        ) {
            self.indicator = indicator
            self.units = units
            self.overrides = overrides
            categories =
                indicator.categoryColumn == nil
                ? []
                : Set(rows.map(\.category)).sorted {
                    Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes(
                        $1.unicodeScalars.map(\.value))
                }
            done = Array(repeating: [:], count: indicator.stages.count)
            previousDone = done
            for row in rows {
                let keys =
                    [Key(unit: row.unit, category: nil)]
                    + (indicator.categoryColumn == nil ? [] : [Key(unit: row.unit, category: row.category)])
                for key in keys {
                    ledgerTarget[key, default: .zero] = ledgerTarget[key, default: .zero] + row.amount
                    for (stage, date) in row.stageDates.enumerated() {
                        guard let date else { continue }
                        if date <= day {
                            done[stage][key, default: .zero] = done[stage][key, default: .zero] + row.amount
                        }
                        if date <= previous {
                            previousDone[stage][key, default: .zero] =
                                previousDone[stage][key, default: .zero] + row.amount
                        }
                    }
                }
            }
        }

        /// A unit's window: its own start and deadline from targets.csv where set.
        func window(of unit: String) -> Window {
            Window(
                start: overrides[unit]?.start ?? indicator.window.start,
                deadline: overrides[unit]?.deadline ?? indicator.window.deadline)
        }

        func unitFigures(unit: String, stage: Int, category: String?) -> Figures {
            let key = Key(unit: unit, category: category)
            // targets.csv replaces the unit's whole target; category targets always come from the ledger.
            let target = category == nil ? overrides[unit]?.target ?? ledgerTarget[key] : ledgerTarget[key]
            return Figures(
                target: target ?? .zero, done: done[stage][key] ?? .zero,
                previousDone: previousDone[stage][key] ?? .zero)
        }

        /// The root: sums over units.
        func rootFigures(stage: Int, category: String?) -> Figures {
            var total = Figures()
            for unit in units {
                let figures = unitFigures(unit: unit, stage: stage, category: category)
                total.target = total.target + figures.target
                total.done = total.done + figures.done
                total.previousDone = total.previousDone + figures.previousDone
            }
            return total
        }

        /// Competition ranks (1, 2, 2, 4) by exact rate among units with a task, for the whole and
        /// each category.
        func ranks(stage: Int) -> [Key: Int] {
            var ranks: [Key: Int] = [:]
            for category in [nil] + categories.map(Optional.some) {
                let rates = units.compactMap { unit -> (String, Fraction)? in
                    let figures = unitFigures(unit: unit, stage: stage, category: category)
                    return figures.target > .zero ? (unit, figures.done / figures.target) : nil
                }
                for (unit, rate) in rates {
                    ranks[Key(unit: unit, category: category)] = 1 + rates.filter { $0.1 > rate }.count
                }
            }
            return ranks
        }
    }

    /// Time progress (时序进度, SPEC §4.2) on `day` for `window`, in [0, 1].
    static func timeProgress(on day: CalendarDay, window: Window, rule: Rule) -> Fraction {
        let value: Fraction
        switch rule {
        case .days:
            value = Fraction(
                Int128(day.serial - window.start.serial + 1),
                Int128(window.deadline.serial - window.start.serial + 1))
        case .months:
            func months(_ from: CalendarDay, _ to: CalendarDay) -> Int {
                (to.year - from.year) * 12 + to.month - from.month + 1
            }
            value = Fraction(Int128(months(window.start, day)), Int128(months(window.start, window.deadline)))
        case .milestones(let milestones):
            let points = [(day: window.start, rate: Fraction.zero)] + milestones
            var result = points.last!.rate
            if day <= window.start {
                result = .zero
            } else if let next = points.firstIndex(where: { day <= $0.day }) {
                let (a, b) = (points[next - 1], points[next])
                let elapsed = Fraction(Int128(day.serial - a.day.serial), Int128(b.day.serial - a.day.serial))
                result = a.rate + (b.rate - a.rate) * elapsed
            }
            value = result
        }
        return min(max(value, .zero), .one)
    }

    /// The cells `target` … `status` of one row.
    static func cells(
        _ figures: Figures, day: CalendarDay, window: Window, rule: Rule, rank: Int?, thresholds: Thresholds
    ) -> [String] {
        guard figures.target > .zero else { return Array(repeating: "", count: 8) + ["no-task"] }
        let rate = figures.done / figures.target
        let progress = timeProgress(on: day, window: window, rule: rule)
        let gap = rate - progress
        let change = (figures.done - figures.previousDone) / figures.target
        let gapPoints = gap * Fraction(100)
        let status =
            rate >= .one
            ? "complete"
            : day > window.deadline
                ? "overdue"
                : gapPoints < thresholds.red
                    ? "red"
                    : gapPoints < thresholds.yellow
                        ? "yellow"
                        : "green"
        return [
            figures.target.plainText, figures.done.plainText, rate.percentText, progress.percentText,
            gap.percentText,
            (figures.done - figures.previousDone).plainText, change.percentText, rank.map(String.init) ?? "",
            status,
        ]
    }
}
