/// A unit's standing on an indicator (SPEC §4.4), first rule that applies.
enum Status: String, Sendable, CaseIterable {
    /// 已完成: rate ≥ 100%.
    case complete
    /// 逾期: past the deadline and not complete.
    case overdue
    /// 红: gap below `red_below_pp`.
    case red
    /// 黄: gap below `yellow_below_pp`.
    case yellow
    /// 绿: otherwise.
    case green
    /// 无任务: no target.
    case noTask = "no-task"

    /// The status of a row with `rate` and `gap` (fractions, not percent) on `day`.
    static func of(
        rate: Rational?, gap: Rational?, day: Day, deadline: Day, yellowBelow: Rational, redBelow: Rational
    ) -> Status {
        guard let rate, let gap else { return .noTask }
        if rate >= .one { return .complete }
        if day > deadline { return .overdue }
        let gapPoints = gap * Rational(100)
        if gapPoints < redBelow { return .red }
        if gapPoints < yellowBelow { return .yellow }
        return .green
    }
}
