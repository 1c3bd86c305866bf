import Testing

@testable import BulletinKit

/// Percentages, points and quantities as printed, worked out by hand; the 64-bit shortcut and
/// the 128-bit path must agree on either side of where one gives way to the other.
struct NumberFormatTests {
    let format = NumberFormat(locale: "zh-Hans")

    static let percentCases: [(Rational, String)] = [
        // 1/8 = 12.5% exactly.
        (Rational(1, 8), "12.50"),
        // 2/3 = 66.666…% → 66.67; −2/3 → −66.67 (half away from zero does not matter here).
        (Rational(2, 3), "66.67"), (Rational(-2, 3), "-66.67"),
        // 1/16 = 6.25%: exact; 1/1600 = 0.0625% → 0.06; 1/800 = 0.125% → 0.13 (half away).
        (Rational(1, 16), "6.25"), (Rational(1, 1600), "0.06"), (Rational(1, 800), "0.13"),
        (Rational(-1, 800), "-0.13"),
        // −1/100000 = −0.001% rounds to zero, printed without a sign.
        (Rational(-1, 100_000), "0.00"),
        (Rational(0), "0.00"), (Rational(3), "300.00"),
        // Past 64 bits: 10^20 / 3 = 3.33…×10^21 % → 3333…33.33 (22 digits before the point).
        (Rational(100_000_000_000_000_000_000, 3), "3333333333333333333333.33"),
    ]

    @Test(arguments: percentCases)
    func percentText(value: Rational, expected: String) {
        #expect(value.percent(2) == expected)
    }

    @Test func shortcutAgreesWithExactArithmeticNearItsLimit() {
        // 92233720368547 × 10^4 fits in 64 bits (the shortcut); 922337203685478 × 10^4 is past
        // Int64.max = 9223372036854775807 (the exact path).
        for numerator: Int128 in [92_233_720_368_547, 922_337_203_685_478, -922_337_203_685_478] {
            let value = Rational(numerator, 7)
            let exact = (value * Rational(100)).rounded(scale: 2)
            #expect(value.rounded(scale: 4) == exact)
            #expect(value.percent(2) == Rational.fixedText(exact, places: 2))
        }
    }

    /// Quantities are in ten-thousandths: 12,345 is 123,450,000.
    static let quantityCases: [(Int64, String)] = [
        (0, "0"), (123_450_000, "12,345"), (-12_345_670_000, "-1,234,567"),
        (9_990_000, "999"), (10_000_000, "1,000"), (12_345_000, "1,234.5"), (-5_000, "-0.5"),
    ]

    @Test(arguments: quantityCases)
    func quantities(value: Int64, expected: String) {
        #expect(format.quantity(value) == expected)
    }

    static let pointCases: [(Rational, String)] = [
        (Rational(1, 100), "+1.00"), (Rational(-1, 100), "-1.00"), (Rational(1, 10_000_000), "0.00"),
    ]

    @Test(arguments: pointCases)
    func points(value: Rational, expected: String) {
        #expect(format.points(value) == expected)
    }
}

/// The charts' conversion of exact fractions to doubles agrees with `doubleValue`, in 64 bits and
/// past them.
struct RationalDoubleTests {
    @Test(arguments: [
        Rational(1, 8), Rational(2, 3), Rational(-2, 3), Rational(0), Rational(93_47, 100_00),
        Rational(Int128(Int64.max), 7), Rational(Int128(Int64.max) * 3, 7), Rational(1, Int128(Int64.max) * 2),
    ])
    func quickDoubleValueIsDoubleValue(value: Rational) {
        #expect(value.quickDoubleValue == value.doubleValue)
    }

    @Test func quickDoubleValueOfSimpleFractions() {
        #expect(Rational(1, 8).quickDoubleValue == 0.125)
        #expect(Rational(-3, 4).quickDoubleValue == -0.75)
    }
}

/// Decimal texts written in place, worked out by hand, and the figures of a cell made from one
/// rounding agreeing with the two roundings (text, then the number read back from it) they replace.
struct DecimalTextTests {
    @Test(arguments: [
        (Int64(0), 2, false, false, "0.00"), (5, 2, false, false, "0.05"), (-5, 2, false, false, "-0.05"),
        (1250, 2, false, true, "12.50%"), (320, 2, true, false, "+3.20"), (-320, 2, true, false, "-3.20"),
        (0, 2, true, false, "0.00"), (12, 0, false, false, "12"), (0, 0, true, false, "0"),
        (100_000, 2, false, true, "1000.00%"),
        (Int64.min, 2, false, false, "-92233720368547758.08"),
    ])
    func fixed(value: Int64, places: Int, plus: Bool, percent: Bool, text: String) {
        #expect(DecimalText.fixed(value, places: places, plus: plus, percent: percent) == text)
    }

    @Test(arguments: [
        (Int64(0), false, "0"), (999, false, "999"), (1000, false, "1,000"), (-1_234_567, false, "-1,234,567"),
        (12_345, true, "+12,345"), (-12, true, "-12"), (0, true, "0"),
        (Int64.max, false, "9,223,372,036,854,775,807"), (Int64.min, false, "-9,223,372,036,854,775,808"),
    ])
    func grouped(value: Int64, plus: Bool, text: String) {
        #expect(DecimalText.grouped(value, plus: plus) == text)
    }

    @Test func signedQuantities() {
        let format = NumberFormat(locale: "zh-Hans")
        // Ten-thousandths: 120000 is 12, 5000 is 0.5.
        #expect(format.signedQuantity(0) == "0")
        #expect(format.signedQuantity(120_000) == "+12")
        #expect(format.signedQuantity(-120_000) == "-12")
        #expect(format.signedQuantity(12_345_670_000) == "+1,234,567")
        #expect(format.signedQuantity(5000) == "+0.5")
        #expect(format.quantity(-12_345_678_900) == "-1,234,567.89")
    }

    /// Seeded random fractions, small and past 64 bits: one rounding gives what `percent(2)`
    /// prints and what reading that text back as a double gives.
    @Test func percentageAgreesWithPrintingAndReadingBack() {
        var random = SeededRandom(seed: 2020_10_15)
        let format = NumberFormat(locale: "en")
        for round in 0..<20_000 {
            let scale: Int128 = round % 10 == 0 ? 1 << 70 : 1
            let numerator = Int128(random.int(-2_000_000...2_000_000)) * scale
            let denominator = Int128(random.int(1...1_000_000))
            let value = Rational(numerator, denominator)
            let percentage = Percentage(value)
            let text = value.percent(2)
            #expect(percentage.text(sign: .minusOnly, percentSign: false) == text)
            #expect(format.percent(value) == text + "%")
            #expect(format.points(value) == (text.hasPrefix("-") ? text : (text == "0.00" ? "" : "+") + text))
            #expect(percentage.number == Double(text))
        }
    }

    @Test func datesAreFormattedOnceAndAsAsked() throws {
        let format = NumberFormat(locale: "zh-Hans")
        let known = try #require(Day(year: 2020, month: 10, day: 31))
        let other = try #require(Day(year: 2021, month: 1, day: 5))
        let days = DayTexts([known, known], format: format)
        for day in [known, other] {
            #expect(days.iso(day) == day.description)
            #expect(days.full(day) == format.date(day))
            #expect(days.short(day) == format.shortDate(day))
        }
        #expect(days.full(known) == "2020年10月31日")
        #expect(days.short(other) == "1月5日")
    }
}

/// A cell's percentages worked out in 64-bit integers agree with rounding the exact fractions,
/// for seeded random figures of every size (past 64 bits the exact path takes over).
struct CellPercentagesTests {
    @Test func percentagesAreTheExactFractionsRounded() {
        var random = SeededRandom(seed: 411_302)
        for round in 0..<20_000 {
            // Now and then numbers too large for 64-bit products.
            let scale: Int64 = round % 7 == 0 ? 1 << 40 : 10_000
            let target = Int64(random.int(0...5_000)) * scale
            let done = Int64(random.int(0...6_000)) * scale
            let previousDone = Int64(random.int(0...6_000)) * scale
            let denominator = Int128(random.int(1...400))
            let progress = Rational(Int128(random.int(0...Int(denominator))) * (round % 5 == 0 ? 1 << 62 : 1), denominator * (round % 5 == 0 ? 1 << 62 : 1))
            let figures = Figures(
                target: target, done: done, previousDone: previousDone, timeProgress: progress,
                previousTimeProgress: progress, deadline: Day(index: 18_566))
            let cell = figures.percentages
            #expect(cell.rate?.hundredths == figures.rate?.rounded(scale: 4))
            #expect(cell.gap?.hundredths == figures.gap?.rounded(scale: 4))
            #expect(cell.rateChange?.hundredths == figures.rateChange?.rounded(scale: 4))
            #expect(cell.timeProgress.hundredths == figures.timeProgress.rounded(scale: 4))
            #expect(cell.isBehind == ((figures.gap ?? .zero) < .zero))
        }
    }

    @Test func percentagesWorkedOutByHand() {
        // done 3 of 8 = 37.5%; time progress 1/2 = 50%; gap −12.5 points; previous 1 of 8, so
        // the rate rose 25 points.
        let figures = Figures(
            target: 80_000, done: 30_000, previousDone: 10_000, timeProgress: Rational(1, 2),
            previousTimeProgress: Rational(1, 4), deadline: Day(index: 0))
        let cell = figures.percentages
        #expect(cell.rate?.hundredths == 3750)
        #expect(cell.timeProgress.hundredths == 5000)
        #expect(cell.gap?.hundredths == -1250)
        #expect(cell.rateChange?.hundredths == 2500)
        #expect(cell.isBehind)
        // 1 of 3 = 33.333…% → 33.33; −2 of 3 = −66.666…% → −66.67.
        #expect(Percentage(1, over: 3)?.hundredths == 3333)
        #expect(Percentage(-2, over: 3)?.hundredths == -6667)
        // 1 of 80,000 = 0.00125% rounds down to 0.00.
        #expect(Percentage(1, over: 80_000)?.hundredths == 0)
        // 1 of 20000 = 0.005% rounds half away from zero to 0.01.
        #expect(Percentage(1, over: 20_000)?.hundredths == 1)
        #expect(Percentage(-1, over: 20_000)?.hundredths == -1)
        #expect(Percentage(Int64.max, over: 3) == nil)
    }
}
