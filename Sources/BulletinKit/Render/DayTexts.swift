/// The texts of the days a bulletin prints again and again — its windows, deadlines and trend
/// dates, in every row and on every unit's page — made once: `2020-10-31`, `2020年10月31日`,
/// `10月31日`. Any other day is formatted when asked for.
struct DayTexts: Sendable {
    private struct Texts: Sendable {
        var iso: String
        var full: String
        var short: String
    }

    private let format: NumberFormat
    /// The days in order, and their texts in the same order: a few dozen, found by halving,
    /// which is quicker than hashing.
    private let days: [Day]
    private let texts: [Texts]

    /// The texts of `days` in the locale of `format`.
    init(_ days: some Sequence<Day>, format: NumberFormat) {
        self.format = format
        self.days = Set(days).sorted()
        texts = self.days.map { Texts(iso: $0.description, full: format.date($0), short: format.shortDate($0)) }
    }

    /// `2020-10-31`.
    func iso(_ day: Day) -> String { texts(of: day)?.iso ?? day.description }

    /// `2020年10月31日`, `Oct 31, 2020` (`NumberFormat.date`).
    func full(_ day: Day) -> String { texts(of: day)?.full ?? format.date(day) }

    /// `10月31日`, `Oct 31` (`NumberFormat.shortDate`).
    func short(_ day: Day) -> String { texts(of: day)?.short ?? format.shortDate(day) }

    private func texts(of day: Day) -> Texts? {
        var low = 0
        var high = days.count
        while low < high {
            let middle = (low + high) / 2
            if days[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low < days.count && days[low] == day ? texts[low] : nil
    }
}
