/// The bulletin dates of a campaign: the as-of date and every earlier period back past the
/// earliest indicator start (d, d − period, d − 2·period …). Every date a bulletin needs — the
/// as-of date, the previous bulletin (较上期), each trend point and each history page — is on
/// this grid, so ledgers are tallied once into one bucket per grid step.
struct BulletinCalendar: Sendable {
    /// Grid dates, newest first: `dates[0]` is the as-of date, `dates[1]` the previous bulletin.
    let dates: [Day]
    let period: Period

    /// At most this many periods are kept (ten years of weeks).
    static let maximumSteps = 520

    /// The grid from `asOf` back until a date before `earliestStart` (at least two dates).
    init(asOf: Day, period: Period, earliestStart: Day) {
        var dates = [asOf]
        var step = 1
        while step <= Self.maximumSteps {
            let day = period.day(step, before: asOf)
            dates.append(day)
            if day < earliestStart { break }
            step += 1
        }
        self.dates = dates
        self.period = period
    }

    /// The bucket of a date on or before the as-of date: the largest step `j` whose date is still
    /// on or after `day` (so the row counts for bulletins 0…j). Dates before the grid's last date
    /// fall in the last bucket.
    @inline(__always)
    func bucket(of day: Day) -> Int {
        let last = dates.count - 1
        switch period {
        case .week: return min(last, dates[0].days(since: day) / 7)
        case .days(let length): return min(last, dates[0].days(since: day) / length)
        case .month:
            var low = 0
            var high = last
            while low < high {
                let middle = (low + high + 1) / 2
                if day <= dates[middle] { low = middle } else { high = middle - 1 }
            }
            return low
        }
    }

    /// Number of buckets.
    var count: Int { dates.count }
}
