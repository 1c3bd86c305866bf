/// An exact fraction, for bulletin arithmetic: rates (完成率), time progress (时序进度) and gaps
/// (进度差) are computed exactly and rounded once, when printed, so that two units tie only when
/// their rates are truly equal and a printed 72.59% is the correctly rounded value.
struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Numerator; carries the sign.
    private(set) var numerator: Int128
    /// Denominator; always positive.
    private(set) var denominator: Int128

    /// `numerator / denominator`, reduced. The denominator must not be zero.
    init(_ numerator: Int128, _ denominator: Int128) {
        precondition(denominator != 0, "Rational with a zero denominator")
        // In 64 bits when both fit, as rates of counts and time progress always do: a 128-bit
        // division is a library call several times slower, and a national build makes millions
        // of these. (`Int64.min` is left to the general path: its negation does not fit.)
        if let small = Int64(exactly: numerator), let smallDenominator = Int64(exactly: denominator),
            small != .min, smallDenominator != .min
        {
            let divisor = Int64(Rational.gcd(small.magnitude, smallDenominator.magnitude))
            let sign: Int64 = smallDenominator < 0 ? -1 : 1
            self.numerator = Int128(sign * (small / divisor))
            self.denominator = Int128(sign * (smallDenominator / divisor))
            return
        }
        let sign: Int128 = denominator < 0 ? -1 : 1
        let divisor = Rational.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int128(divisor)
        self.denominator = sign * denominator / Int128(divisor)
    }

    /// A whole number.
    init(_ integer: Int) { self.init(Int128(integer), 1) }

    static let zero = Rational(0)
    static let one = Rational(1)

    /// Reads a decimal literal such as `-10`, `0.35` or `1e-2` exactly (as written, not as the nearest
    /// binary double); `nil` for anything else.
    init?(decimal text: String) {
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...]), abs(value) < 30 else { return nil }
            exponent = value
            mantissa = String(text[..<e])
        }
        var negative = false
        if mantissa.hasPrefix("-") {
            negative = true
            mantissa.removeFirst()
        } else if mantissa.hasPrefix("+") {
            mantissa.removeFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty || (parts.count == 2 && !parts[1].isEmpty),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), mantissa.count < 30
        else { return nil }
        let digits = parts.joined()
        guard let value = Int128(digits.isEmpty ? "0" : digits) else { return nil }
        exponent -= parts.count == 2 ? parts[1].count : 0
        var result = Rational(negative ? -value : value, 1)
        let ten = Rational(10)
        for _ in 0..<abs(exponent) { result = exponent > 0 ? result * ten : result / ten }
        self = result
    }

    /// The exact value of a double that came from a short decimal literal in JSON (0.35, -10):
    /// read back through its shortest decimal form, so 0.35 is 35/100 and not the binary double.
    init?(shortestDecimalOf value: Double) {
        guard value.isFinite else { return nil }
        self.init(decimal: "\(value)")
    }

    static func + (lhs: Rational, rhs: Rational) -> Rational {
        Rational(
            lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator,
            lhs.denominator * rhs.denominator)
    }
    static func - (lhs: Rational, rhs: Rational) -> Rational {
        Rational(
            lhs.numerator * rhs.denominator - rhs.numerator * lhs.denominator,
            lhs.denominator * rhs.denominator)
    }
    static func * (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
    }
    static func / (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.denominator, lhs.denominator * rhs.numerator)
    }
    static func < (lhs: Rational, rhs: Rational) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    /// The value clamped to [low, high].
    func clamped(_ low: Rational, _ high: Rational) -> Rational { max(low, min(high, self)) }

    /// The value × 10^`places`, rounded half away from zero, as an integer: `(0.72585).scaled(4)` is 7259.
    func rounded(scale places: Int) -> Int128 {
        if let small = roundedInt64(scale: places) { return Int128(small) }
        var factor: Int128 = 1
        for _ in 0..<places { factor *= 10 }
        let scaled = numerator * factor
        let quotient = scaled / denominator
        let remainder = scaled % denominator
        if 2 * remainder.magnitude >= denominator.magnitude {
            return quotient + (scaled < 0 ? -1 : 1)
        }
        return quotient
    }

    /// Fixed-point text with exactly `places` decimals, rounded half away from zero: `72.59`, `-3.20`.
    func fixed(_ places: Int) -> String {
        if let small = roundedInt64(scale: places) { return Rational.fixedText(small, places: places) }
        return Rational.fixedText(rounded(scale: places), places: places)
    }

    /// As a percentage with `places` decimals, no sign for zero: `(1/8).percentText(2)` is `12.50`.
    func percent(_ places: Int = 2) -> String {
        // The value × 100 rounded to `places` decimals is the value rounded to `places + 2`
        // decimals with the point two digits to the right: no multiplying, no reducing.
        if let small = roundedInt64(scale: places + 2) { return Rational.fixedText(small, places: places) }
        return Rational.fixedText(rounded(scale: places + 2), places: places)
    }

    /// An approximation for charts.
    var doubleValue: Double { Double(numerator) / Double(denominator) }

    var description: String { "\(numerator)/\(denominator)" }

    static func fixedText(_ value: Int128, places: Int) -> String {
        fixedText(digits: String(value.magnitude), isNegative: value < 0, places: places)
    }

    static func fixedText(_ value: Int64, places: Int) -> String {
        fixedText(digits: String(value.magnitude), isNegative: value < 0, places: places)
    }

    /// `digits` with a point before the last `places` of them (and zeros in front when there are
    /// not enough of them for a digit before the point), after a `-` when negative.
    private static func fixedText(digits: String, isNegative: Bool, places: Int) -> String {
        let count = digits.utf8.count
        let zeros = places > 0 ? max(0, places + 1 - count) : 0
        let length = (isNegative ? 1 : 0) + zeros + count + (places > 0 ? 1 : 0)
        // Made in place: these strings are short enough to be stored inline, with no allocation.
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            func put(_ byte: UInt8) {
                buffer[position] = byte
                position += 1
            }
            // The point goes after this many of the digits (the zeros included).
            let wholeDigits = places > 0 ? zeros + count - places : -1
            var digitsWritten = 0
            func putDigit(_ digit: UInt8) {
                if digitsWritten == wholeDigits { put(UInt8(ascii: ".")) }
                put(digit)
                digitsWritten += 1
            }
            if isNegative { put(UInt8(ascii: "-")) }
            for _ in 0..<zeros { putDigit(UInt8(ascii: "0")) }
            for digit in digits.utf8 { putDigit(digit) }
            return position
        }
    }

    /// `rounded(scale:)` in 64-bit arithmetic, or nil when the numbers are too large for it.
    /// Rates of counts always fit, and dividing 128-bit integers is several times slower.
    private func roundedInt64(scale places: Int) -> Int64? {
        guard (0...18).contains(places), let numerator = Int64(exactly: numerator),
            let denominator = Int64(exactly: denominator), denominator <= Int64.max / 2
        else { return nil }
        var factor: Int64 = 1
        for _ in 0..<places { factor *= 10 }
        let (scaled, overflow) = numerator.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        let quotient = scaled / denominator
        let remainder = scaled % denominator
        if 2 * remainder.magnitude >= denominator.magnitude {
            return quotient + (scaled < 0 ? -1 : 1)
        }
        return quotient
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        // The same Euclid in 64 bits when both fit: rates of counts always do, and 128-bit
        // remainders are several times slower.
        if let a = UInt64(exactly: a), let b = UInt64(exactly: b) { return UInt128(gcd(a, b)) }
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}
