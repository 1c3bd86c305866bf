import Testing

@testable import BulletinKit

@Suite struct TimeProgressTests {
    let start = Day(iso: "2020-03-01")!
    let deadline = Day(iso: "2020-10-31")!

    @Test func daysCountBothEnds() {
        // 229 of 245 days (see AggregationTests).
        #expect(TimeProgress.on(Day(iso: "2020-10-15")!, start: start, deadline: deadline, rule: .days) == Rational(229, 245))
        // The start day itself is one day of 245.
        #expect(TimeProgress.on(start, start: start, deadline: deadline, rule: .days) == Rational(1, 245))
        // Clamped to [0, 1] before the start and after the deadline.
        #expect(TimeProgress.on(Day(iso: "2020-01-01")!, start: start, deadline: deadline, rule: .days) == .zero)
        #expect(TimeProgress.on(Day(iso: "2020-12-01")!, start: start, deadline: deadline, rule: .days) == .one)
    }

    @Test func monthsOfACalendarYearTaskInNovemberAreElevenTwelfths() {
        let value = TimeProgress.on(
            Day(iso: "2020-11-20")!, start: Day(iso: "2020-01-01")!, deadline: Day(iso: "2020-12-31")!, rule: .months)
        #expect(value == Rational(11, 12))
        #expect(value.percent(1) == "91.7")
    }

    @Test func milestonesInterpolateLinearlyAndStayFlatAfterTheLast() {
        let rule = Indicator.TimeProgressRule.milestones([
            .init(date: Day(iso: "2020-06-30")!, rate: Rational(1, 2)), .init(date: Day(iso: "2020-10-31")!, rate: .one),
        ])
        // 04-30: 60 of the 121 days from 03-01 to 06-30, times 0.5 → 30/121 = 24.79%.
        #expect(TimeProgress.on(Day(iso: "2020-04-30")!, start: start, deadline: deadline, rule: rule) == Rational(30, 121))
        // 10-15: 0.5 + 0.5 × 107/123 (06-30 → 10-15 is 107 days of 123) = 230/246 = 93.50%.
        let october = TimeProgress.on(Day(iso: "2020-10-15")!, start: start, deadline: deadline, rule: rule)
        #expect(october == Rational(1, 2) + Rational(107, 246))
        #expect(october.percent() == "93.50")
        #expect(TimeProgress.on(Day(iso: "2020-12-15")!, start: start, deadline: deadline, rule: rule) == .one)
        #expect(TimeProgress.on(start, start: start, deadline: deadline, rule: rule) == .zero)
    }
}
