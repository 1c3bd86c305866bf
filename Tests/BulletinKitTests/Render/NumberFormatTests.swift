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
