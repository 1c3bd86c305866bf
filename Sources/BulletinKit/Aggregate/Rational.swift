/// An exact fraction, for bulletin arithmetic: rates (完成率), time progress (时序进度) and gaps
/// (进度差) are computed exactly and rounded once, when printed, so that two units tie only when
/// their rates are truly equal and a printed 72.59% is the correctly rounded value.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Numerator; carries the sign.
    public private(set) var numerator: Int128
    /// Denominator; always positive.
    public private(set) var denominator: Int128

    /// `numerator / denominator`, reduced. The denominator must not be zero.
    public init(_ numerator: Int128, _ denominator: Int128) {
        precondition(denominator != 0, "Rational with a zero denominator")
        let sign: Int128 = denominator < 0 ? -1 : 1
        let divisor = Rational.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int128(divisor)
        self.denominator = sign * denominator / Int128(divisor)
    }

    /// A whole number.
    public init(_ integer: Int) { self.init(Int128(integer), 1) }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    /// Reads a decimal literal such as `-10`, `0.35` or `1e-2` exactly (as written, not as the nearest
    /// binary double); `nil` for anything else.
    public init?(decimal text: String) {
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
    public init?(shortestDecimalOf value: Double) {
        guard value.isFinite else { return nil }
        self.init(decimal: "\(value)")
    }

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }
    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.denominator - rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }
    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
    }
    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        Rational(lhs.numerator * rhs.denominator, lhs.denominator * rhs.numerator)
    }
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    /// The value clamped to [low, high].
    public func clamped(_ low: Rational, _ high: Rational) -> Rational { max(low, min(high, self)) }

    /// The value × 10^`places`, rounded half away from zero, as an integer: `(0.72585).scaled(4)` is 7259.
    public func rounded(scale places: Int) -> Int128 {
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
    public func fixed(_ places: Int) -> String {
        Rational.fixedText(rounded(scale: places), places: places)
    }

    /// As a percentage with `places` decimals, no sign for zero: `(1/8).percentText(2)` is `12.50`.
    public func percent(_ places: Int = 2) -> String { (self * Rational(100)).fixed(places) }

    /// An approximation for charts.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public var description: String { "\(numerator)/\(denominator)" }

    static func fixedText(_ value: Int128, places: Int) -> String {
        let negative = value < 0
        var digits = String(value.magnitude)
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return negative ? "-" + digits : digits
    }

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}
