extension Figures {
    /// The four percentages of a figures cell, each rounded once: the rate (完成率), time progress
    /// (时序进度), the gap (进度差) and the rate change, and whether the row is behind.
    ///
    /// Worked out in 64-bit integers from done, target and time progress where they fit: making
    /// the exact fractions (`rate`, `gap`, `rateChange`: 128-bit products and a reduction each)
    /// costs more than the rest of a cell, and a national build makes millions of cells. Either
    /// way the same value is rounded the same way, so the figures are the same.
    var percentages: CellPercentages {
        let timeProgress = Percentage(self.timeProgress)
        guard hasTask else {
            return CellPercentages(rate: nil, timeProgress: timeProgress, gap: nil, rateChange: nil, isBehind: false)
        }
        let rate = Percentage(done, over: target) ?? self.rate.map(Percentage.init)
        let rateChange =
            done.subtractingReportingOverflow(previousDone).overflow
            ? nil : Percentage(done - previousDone, over: target)
        // gap = done / target − p / q = (done × q − p × target) / (target × q).
        if let p = Int64(exactly: self.timeProgress.numerator), let q = Int64(exactly: self.timeProgress.denominator),
            let difference = Self.difference(done, q, p, target), let product = Self.product(target, q),
            let gap = Percentage(difference, over: product)
        {
            return CellPercentages(
                rate: rate, timeProgress: timeProgress, gap: gap,
                rateChange: rateChange ?? self.rateChange.map(Percentage.init), isBehind: difference < 0)
        }
        let exactGap = self.gap
        return CellPercentages(
            rate: rate, timeProgress: timeProgress, gap: exactGap.map(Percentage.init),
            rateChange: rateChange ?? self.rateChange.map(Percentage.init), isBehind: (exactGap ?? .zero) < .zero)
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
