/// Time progress (时序进度, SPEC §4.2): the share of the work that should be done by a date.
enum TimeProgress {
    /// Time progress on `day` for a window from `start` to `deadline` under `rule`, in [0, 1].
    static func on(_ day: Day, start: Day, deadline: Day, rule: Indicator.TimeProgressRule) -> Rational {
        switch rule {
        case .days:
            // Both ends count: on the start day one day of the window has passed.
            let elapsed = day.days(since: start) + 1
            let length = deadline.days(since: start) + 1
            return Rational(Int128(elapsed), Int128(max(length, 1))).clamped(.zero, .one)
        case .months:
            let (startYear, startMonth, _) = start.components
            let (year, month, _) = day.components
            let (endYear, endMonth, _) = deadline.components
            let elapsed = (year - startYear) * 12 + (month - startMonth) + 1
            let length = (endYear - startYear) * 12 + (endMonth - startMonth) + 1
            return Rational(Int128(elapsed), Int128(max(length, 1))).clamped(.zero, .one)
        case .milestones(let milestones):
            // Linear from (start, 0) through each milestone; flat after the last.
            var previous = (day: start, rate: Rational.zero)
            if day <= start { return .zero }
            for milestone in milestones {
                if day <= milestone.date {
                    let span = milestone.date.days(since: previous.day)
                    guard span > 0 else { return milestone.rate }
                    let fraction = Rational(Int128(day.days(since: previous.day)), Int128(span))
                    return (previous.rate + (milestone.rate - previous.rate) * fraction).clamped(.zero, .one)
                }
                previous = (milestone.date, milestone.rate)
            }
            return previous.rate
        }
    }
}
