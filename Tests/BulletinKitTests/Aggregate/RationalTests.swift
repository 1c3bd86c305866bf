import Testing

@testable import BulletinKit

@Suite struct RationalTests {
    @Test(arguments: [
        (1, 8, "12.50"), (2, 3, "66.67"), (1, 3, "33.33"), (-1, 8, "-12.50"), (7259, 10000, "72.59"),
        (1, 32, "3.13"), (-1, 32, "-3.13"), (-1, 100_000, "0.00"), (1047, 1000, "104.70"),
    ])
    func percentRoundsHalfAwayFromZero(numerator: Int, denominator: Int, expected: String) {
        #expect(Rational(Int128(numerator), Int128(denominator)).percent(2) == expected)
    }

    @Test(arguments: [("0.35", 35, 100), ("-10", -10, 1), ("1e-2", 1, 100), ("2.5E1", 25, 1)])
    func decimalLiteralsAreExact(text: String, numerator: Int, denominator: Int) {
        #expect(Rational(decimal: text) == Rational(Int128(numerator), Int128(denominator)))
    }

    @Test func shortestDecimalOfADoubleIsTheLiteral() {
        #expect(Rational(shortestDecimalOf: 0.35) == Rational(35, 100))
    }

    @Test func comparisonIsExact() {
        #expect(Rational(1, 3) < Rational(333_334, 1_000_000))
        #expect(Rational(2, 4) == Rational(1, 2))
    }
}
