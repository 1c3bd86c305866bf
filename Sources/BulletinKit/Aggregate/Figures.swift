/// The numbers of one row of a bulletin — a region (root, unit or township), an indicator, a
/// stage and optionally a category — as of the bulletin date and the previous bulletin.
struct Figures: Sendable, Equatable {
    /// Target `T` in ten-thousandths of the measure; 0 means no task.
    var target: Int64
    /// Done `A` by the bulletin date, in ten-thousandths.
    var done: Int64
    /// Done by the previous bulletin date.
    var previousDone: Int64
    /// Time progress `P` for the row's window on the bulletin date.
    var timeProgress: Rational
    /// Time progress on the previous bulletin date.
    var previousTimeProgress: Rational
    /// The deadline that applies to the row.
    var deadline: Day
    /// Status (SPEC §4.4).
    var status: Status = .noTask
    /// Competition rank among units, on the ranking stage only.
    var rank: Int? = nil

    /// Whether the row has a task (`T > 0`).
    var hasTask: Bool { target > 0 }
    /// Rate `R = A / T` (completion rate, 完成率), not capped; nil without a task.
    var rate: Rational? { hasTask ? Rational(Int128(done), Int128(target)) : nil }
    /// Rate by the previous bulletin date.
    var previousRate: Rational? { hasTask ? Rational(Int128(previousDone), Int128(target)) : nil }
    /// Gap `G = R − P` (进度差) as a fraction (× 100 for percentage points).
    var gap: Rational? { rate.map { $0 - timeProgress } }
    /// Rate change since the previous bulletin, as a fraction.
    var rateChange: Rational? {
        guard let rate, let previousRate else { return nil }
        return rate - previousRate
    }
    /// New items since the previous bulletin (A(d) − A(d′)), in ten-thousandths.
    var newSincePrevious: Int64 { done - previousDone }
    /// Done exceeds target (超任务).
    var isOverTarget: Bool { hasTask && done > target }

    /// Whether this row's rate is exactly below another's (compares A·T′ with A′·T).
    func rateIsBelow(_ other: Figures) -> Bool {
        Int128(done) * Int128(other.target) < Int128(other.done) * Int128(target)
    }

    /// Whether the two rates are exactly equal.
    func rateEquals(_ other: Figures) -> Bool {
        Int128(done) * Int128(other.target) == Int128(other.done) * Int128(target)
    }
}
