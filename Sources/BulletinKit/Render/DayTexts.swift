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
    private let texts: [Day: Texts]

    /// The texts of `days` in the locale of `format`.
    init(_ days: some Sequence<Day>, format: NumberFormat) {
        self.format = format
        var texts: [Day: Texts] = [:]
        for day in days where texts[day] == nil {
            texts[day] = Texts(iso: day.description, full: format.date(day), short: format.shortDate(day))
        }
        self.texts = texts
    }

    /// `2020-10-31`.
    func iso(_ day: Day) -> String { texts[day]?.iso ?? day.description }

    /// `2020年10月31日`, `Oct 31, 2020` (`NumberFormat.date`).
    func full(_ day: Day) -> String { texts[day]?.full ?? format.date(day) }

    /// `10月31日`, `Oct 31` (`NumberFormat.shortDate`).
    func short(_ day: Day) -> String { texts[day]?.short ?? format.shortDate(day) }
}
