import Testing

@testable import BulletinKit

@Suite struct DayTests {
    // 1970-01-01 is day 0; 2000-03-01 is 11,017 days later (30 years × 365 + 7 leap days
    // (72,76,80,84,88,92,96) + 31 (Jan 2000) + 29 (Feb 2000, a leap year) = 10,950 + 7 + 60).
    @Test func indexCountsDaysSinceTheEpoch() {
        #expect(Day(year: 1970, month: 1, day: 1)?.index == 0)
        #expect(Day(year: 2000, month: 3, day: 1)?.index == 11_017)
        #expect(Day(year: 1969, month: 12, day: 31)?.index == -1)
    }

    @Test(arguments: [
        (2020, 2, 30), (2019, 2, 29), (2020, 13, 1), (2020, 4, 31), (2020, 0, 1), (1900, 2, 29),
    ])
    func impossibleDaysAreRejected(year: Int, month: Int, day: Int) {
        #expect(Day(year: year, month: month, day: day) == nil)
    }

    /// Every day from 1895 to 2205 — inside the table of month starts (1900–2199) and on both
    /// sides of it — is the day reached by counting days from 1895-01-01; the day after each
    /// month's last (by the leap-year rule) and day 0 are none.
    @Test func everyDayOfThreeCenturiesIsFoundByItsDate() {
        var day = Day(year: 1895, month: 1, day: 1)!
        var (year, month, dayOfMonth) = (1895, 1, 1)
        while year < 2206 {
            let found = Day(year: year, month: month, day: dayOfMonth)
            #expect(found == day, "\(year)-\(month)-\(dayOfMonth)")
            if found != day { break }
            if dayOfMonth == 1 {
                #expect(Day(year: year, month: month, day: 0) == nil)
                #expect(Day(year: year, month: month, day: Day.daysIn(month: month, year: year) + 1) == nil)
            }
            day = day.adding(days: 1)
            dayOfMonth += 1
            if dayOfMonth > Day.daysIn(month: month, year: year) {
                (month, dayOfMonth) = (month + 1, 1)
                if month > 12 { (year, month) = (year + 1, 1) }
            }
        }
        #expect((year, month, dayOfMonth) == (2206, 1, 1))
    }

    @Test func componentsRoundTripOverFourHundredYears() {
        var day = Day(year: 1900, month: 1, day: 1)!
        var expected = (1900, 1, 1)
        for _ in 0..<(146_097) {
            let components = day.components
            #expect(
                components.year == expected.0 && components.month == expected.1
                    && components.day == expected.2)
            if components != (expected.0, expected.1, expected.2) { break }
            day = day.adding(days: 1)
            expected.2 += 1
            if expected.2 > Day.daysIn(month: expected.1, year: expected.0) {
                expected.2 = 1
                expected.1 += 1
                if expected.1 > 12 { expected = (expected.0 + 1, 1, 1) }
            }
        }
    }

    @Test func monthArithmeticClampsToTheLastDay() {
        #expect(Day(iso: "2020-03-31")!.adding(months: -1).description == "2020-02-29")
        #expect(Day(iso: "2020-01-15")!.adding(months: -1).description == "2019-12-15")
        #expect(Day(iso: "2021-03-31")!.adding(months: -1).description == "2021-02-28")
    }

    @Test func isoParsingIsStrict() {
        #expect(Day(iso: "2020-10-15")?.description == "2020-10-15")
        #expect(Day(iso: "2020-1-5") == nil)
        #expect(Day(iso: "2020/10/15") == nil)
    }
}
