import SplitMix
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

    /// Reduced, with the sign on the numerator, in the 64-bit path and the 128-bit one alike:
    /// cases worked out by hand, on both sides of the 64-bit edge.
    @Test(arguments: [
        (Int128(6), Int128(-4), Int128(-3), Int128(2)),
        (Int128(-6), Int128(-4), Int128(3), Int128(2)),
        (Int128(0), Int128(-7), Int128(0), Int128(1)),
        (Int128(Int64.max), Int128(Int64.max), Int128(1), Int128(1)),
        // Int64.min takes the general path (its negation does not fit in 64 bits).
        (Int128(Int64.min), Int128(-2), Int128(1) << 62, Int128(1)),
        (Int128(Int64.min), Int128(Int64.min), Int128(1), Int128(1)),
        // 2^64 · 3 / 2^64 · 6, past 64 bits: 1/2.
        (Int128(3) << 64, Int128(6) << 64, Int128(1), Int128(2)),
        (Int128(10_000) * 1_000_000_007, Int128(-25_000) * 1_000_000_007, Int128(-2), Int128(5)),
    ])
    func reducedWithTheSignOnTheNumerator(
        numerator: Int128, denominator: Int128, reducedNumerator: Int128, reducedDenominator: Int128
    ) {
        let value = Rational(numerator, denominator)
        #expect(value.numerator == reducedNumerator)
        #expect(value.denominator == reducedDenominator)
    }

    /// Pairs of counts as a ledger gives them: each fraction equals its input, is in lowest
    /// terms and has a positive denominator (checked with 128-bit arithmetic of the test's own).
    @Test func fractionsOfCountsAreReducedAndEqual() {
        var generator = SplitMix64(seed: 15)
        for _ in 0..<20_000 {
            let numerator = Int128(Int64(bitPattern: generator.next()) >> Int64(generator.next() % 63))
            var denominator = Int128(Int64(bitPattern: generator.next()) >> Int64(generator.next() % 63))
            if denominator == 0 { denominator = 1 }
            let value = Rational(numerator, denominator)
            #expect(value.denominator > 0)
            #expect(value.numerator * denominator == numerator * value.denominator)
            var (a, b) = (value.numerator.magnitude, value.denominator.magnitude)
            while b != 0 { (a, b) = (b, a % b) }
            #expect(a == 1 || value.numerator == 0)
        }
    }
}
