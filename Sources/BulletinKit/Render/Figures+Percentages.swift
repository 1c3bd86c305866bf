extension Figures {
    /// The four percentages of a figures cell, each rounded once: the rate (完成率), time progress
    /// (时序进度), the gap (进度差) and the rate change, and whether the row is behind.
    ///
    /// Worked out in 64-bit integers from done, target and time progress where they fit: making
    /// the exact fractions (`rate`, `gap`, `rateChange`: 128-bit products and a reduction each)
    /// costs more than the rest of a cell, and a national build makes millions of cells. Either
    /// way the same value is rounded the same way, so the figures are the same.
    var percentages: CellPercentages {
        let (gap, isBehind) = gapPercentage
        return CellPercentages(
            rate: ratePercentage, timeProgress: timeProgressPercentage, gap: gap,
            rateChange: rateChangePercentage, isBehind: isBehind)
    }

    /// The rate (完成率) rounded; nil without a task.
    var ratePercentage: Percentage? {
        guard hasTask else { return nil }
        return Percentage(done, over: target) ?? rate.map(Percentage.init)
    }

    /// Time progress (时序进度) rounded.
    var timeProgressPercentage: Percentage { Percentage(timeProgress) }

    /// The rate's change since the previous bulletin rounded; nil without a task.
    var rateChangePercentage: Percentage? {
        guard hasTask else { return nil }
        let change =
            done.subtractingReportingOverflow(previousDone).overflow
            ? nil : Percentage(done - previousDone, over: target)
        return change ?? rateChange.map(Percentage.init)
    }

    /// The gap (进度差) rounded, and whether the exact gap is below zero; nil and false without a task.
    var gapPercentage: (gap: Percentage?, isBehind: Bool) {
        guard hasTask else { return (nil, false) }
        // gap = done / target − p / q = (done × q − p × target) / (target × q).
        if let p = Int64(exactly: timeProgress.numerator), let q = Int64(exactly: timeProgress.denominator),
            let difference = Self.difference(done, q, p, target), let product = Self.product(target, q),
            let gap = Percentage(difference, over: product)
        {
            return (gap, difference < 0)
        }
        let exactGap = self.gap
        return (exactGap.map(Percentage.init), (exactGap ?? .zero) < .zero)
    }

    /// `a × b − c × d`, or nil past 64 bits.
    private static func difference(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Int64? {
        guard let left = product(a, b), let right = product(c, d) else { return nil }
        let (result, overflow) = left.subtractingReportingOverflow(right)
        return overflow ? nil : result
    }

    /// `a × b`, or nil past 64 bits.
    private static func product(_ a: Int64, _ b: Int64) -> Int64? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }
}

/// A figures cell's percentages (`Figures.percentages`).
struct CellPercentages {
    /// Nil without a task.
    var rate: Percentage?
    var timeProgress: Percentage
    /// Rate minus time progress; nil without a task.
    var gap: Percentage?
    /// Nil without a task.
    var rateChange: Percentage?
    /// The exact gap is below zero.
    var isBehind: Bool
}
