/// A calendar day (proleptic Gregorian), free of time zones and clocks: the unit of every date
/// in a bulletin. Stored as the number of days since 1970-01-01 so that comparing and
/// subtracting days is integer arithmetic.
package struct Day: Hashable, Comparable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    var index: Int32

    /// The day with this index.
    init(index: Int32) { self.index = index }

    /// The day `year`-`month`-`day`, or `nil` when no such day exists (2020-02-30, month 13).
    package init?(year: Int, month: Int, day: Int) {
        // The years of ledgers: the first of each month looked up (a ledger has millions of dates).
        let offset = (year &- Self.tableYears.lowerBound) &* 12 &+ (month &- 1)
        if Self.tableYears.contains(year), (1...12).contains(month) {
            let first = Self.monthStarts[offset]
            guard day >= 1, day <= Int(Self.monthStarts[offset + 1] &- first) else { return nil }
            self.init(index: first &+ Int32(truncatingIfNeeded: day &- 1))
            return
        }
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(civilYear: year, month: month, day: day)
    }

    /// The years whose months' first days are in `monthStarts`.
    static let tableYears = 1900...2199

    /// The index of the first day of each month of `tableYears`, and of the month after the
    /// last: a month's length is the next start minus its own.
    static let monthStarts: [Int32] = {
        var starts: [Int32] = []
        for year in tableYears {
            for month in 1...12 { starts.append(Day(civilYear: year, month: month, day: 1).index) }
        }
        starts.append(Day(civilYear: tableYears.upperBound + 1, month: 1, day: 1).index)
        return starts
    }()

    /// Howard Hinnant's days_from_civil, for a valid date.
    private init(civilYear year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        index = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// Year, month and day of this day.
    package var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(index) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The number of days in `month` of `year`.
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day `count` days later (earlier when negative).
    package func adding(days count: Int) -> Day { Day(index: index + Int32(count)) }

    /// The same day `count` months later (earlier when negative), clamped to the month's last
    /// day: 2020-03-31 minus one month is 2020-02-29.
    func adding(months count: Int) -> Day {
        let (year, month, day) = components
        let total = year * 12 + (month - 1) + count
        let newYear = total / 12
        let newMonth = total % 12 + 1
        return Day(year: newYear, month: newMonth, day: min(day, Day.daysIn(month: newMonth, year: newYear)))!
    }

    /// Days from `other` to this day: positive when this day is later.
    package func days(since other: Day) -> Int { Int(index) - Int(other.index) }

    /// ISO 8601: `2020-10-15`.
    package var description: String {
        let (year, month, day) = components
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// Reads `YYYY-MM-DD` strictly, as used in the configuration and on the command line.
    init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    package static func < (lhs: Day, rhs: Day) -> Bool { lhs.index < rhs.index }
}
