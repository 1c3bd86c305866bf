/// Numbers and dates as the bulletin prints them, per locale (SPEC §7): `12,345`, `72.59%`,
/// `+3.20`, `2020年10月15日` / `Oct 15, 2020`, and 万/亿 in Chinese prose. Never the machine's
/// locale: the output must not depend on where it is built.
struct NumberFormat: Sendable {
    let locale: String

    var isChinese: Bool { locale.hasPrefix("zh") }

    /// A measure with grouping: `12,345`, `1,234.5`.
    func quantity(_ value: Int64) -> String {
        // Whole numbers, nearly every count, are written in place.
        if value % Quantity.scale == 0 { return DecimalText.grouped(value / Quantity.scale) }
        let plain = Quantity.plain(value)
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = grouped(String(parts[0]))
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + whole + fraction
    }

    /// A measure in prose: Chinese uses 万 and 亿 past ten thousand (`4.88万`), English groups.
    func proseQuantity(_ value: Int64) -> String {
        guard isChinese else { return quantity(value) }
        let units = Rational(Int128(value), Int128(Quantity.scale))
        if units >= Rational(100_000_000) { return trimmed((units / Rational(100_000_000)).fixed(2)) + "亿" }
        if units >= Rational(10_000) { return trimmed((units / Rational(10_000)).fixed(2)) + "万" }
        return quantity(value)
    }

    /// A rate as a percentage with two decimals: `72.59%`; "–" without a task.
    func percent(_ value: Rational?) -> String {
        percent(value.map(Percentage.init))
    }

    /// `percent` of a percentage rounded already.
    func percent(_ value: Percentage?) -> String {
        guard let value else { return "–" }
        return value.text(sign: .minusOnly, percentSign: true)
    }

    /// Percentage points with a sign and two decimals: `+3.20`, `-12.05`, `0.00`.
    func points(_ value: Rational?) -> String {
        points(value.map(Percentage.init))
    }

    /// `points` of a percentage rounded already.
    func points(_ value: Percentage?) -> String {
        guard let value else { return "–" }
        return value.text(sign: .always, percentSign: false)
    }

    /// A signed count of new items: `+12`, `0`.
    func signedQuantity(_ value: Int64) -> String {
        if value % Quantity.scale == 0 { return DecimalText.grouped(value / Quantity.scale, plus: true) }
        return value > 0 ? "+" + quantity(value) : quantity(value)
    }

    /// A date in full: `2020年10月15日` or `Oct 15, 2020`.
    func date(_ day: Day) -> String {
        let (year, month, dayOfMonth) = day.components
        if isChinese { return "\(year)年\(month)月\(dayOfMonth)日" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[month - 1]) \(dayOfMonth), \(year)"
    }

    /// A short date for chart ticks: `10-15` / `Oct 15`.
    func shortDate(_ day: Day) -> String {
        let (_, month, dayOfMonth) = day.components
        if isChinese { return "\(month)月\(dayOfMonth)日" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[month - 1]) \(dayOfMonth)"
    }

    /// ASCII digits with a comma before each group of three from the right: `12,345`.
    private func grouped(_ digits: String) -> String {
        let count = digits.utf8.count
        guard count > 3 else { return digits }
        var result: [UInt8] = []
        result.reserveCapacity(count + count / 3)
        for (index, digit) in digits.utf8.enumerated() {
            if index > 0, (count - index) % 3 == 0 { result.append(UInt8(ascii: ",")) }
            result.append(digit)
        }
        return String(decoding: result, as: UTF8.self)
    }

    private func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// A fraction as a percentage rounded once, half away from zero, to two decimals: a figure's
/// printed text (`72.59%`, `+3.20`) and its JSON number (72.59) both come from the one rounding.
struct Percentage {
    /// Hundredths of a percent: 7259 for 72.59%.
    let hundredths: Int128

    init(_ fraction: Rational) {
        hundredths = fraction.rounded(scale: 4)
    }

    /// `numerator / denominator` (a positive denominator), rounded as `Rational.rounded(scale:)`
    /// rounds, in 64-bit arithmetic; nil when the numbers are too large for it. The fraction
    /// need not be reduced: the rounding depends on its value only.
    init?(_ numerator: Int64, over denominator: Int64) {
        let (scaled, overflow) = numerator.multipliedReportingOverflow(by: 10_000)
        guard !overflow, denominator > 0, denominator <= Int64.max / 2 else { return nil }
        var quotient = scaled / denominator
        let remainder = scaled % denominator
        if 2 * remainder.magnitude >= denominator.magnitude { quotient += scaled < 0 ? -1 : 1 }
        hundredths = Int128(quotient)
    }

    /// How the text is signed.
    enum Sign {
        /// `-3.20`, `0.00`, `3.20`, as `Rational.percent(2)`.
        case minusOnly
        /// `-3.20`, `0.00`, `+3.20`.
        case always
    }

    /// The percentage with two decimals, signed as asked, with `%` after it if asked.
    func text(sign: Sign, percentSign: Bool) -> String {
        if let small = Int64(exactly: hundredths) {
            return DecimalText.fixed(small, places: 2, plus: sign == .always, percent: percentSign)
        }
        let digits = Rational.fixedText(hundredths, places: 2)
        return (sign == .always && hundredths > 0 ? "+" : "") + digits + (percentSign ? "%" : "")
    }

    /// The percentage as a JSON number: 72.59. Hundredths up to 2⁵³ and 100 are exact doubles and
    /// dividing rounds to nearest, so this is the double nearest to the printed decimal, as
    /// reading back `text` would give.
    var number: Double {
        guard hundredths.magnitude <= 1 << 53 else {
            return Double(text(sign: .minusOnly, percentSign: false)) ?? 0
        }
        return Double(Int64(hundredths)) / 100
    }
}

/// Decimal text of integers, written in place: the strings are short enough to be stored inside
/// the `String` itself, with no allocation, and a national build prints millions of them.
enum DecimalText {
    /// `value` with a point before its last `places` digits (zeros in front where there are too
    /// few digits for one before the point), after `-` when negative and, with `plus`, after
    /// `+` when positive; `%` at the end with `percent`. `fixed(-320, places: 2, …)` is `-3.20`,
    /// as `Rational.fixedText` makes it.
    static func fixed(_ value: Int64, places: Int, plus: Bool = false, percent: Bool = false) -> String {
        // Digits are written from the right end of the buffer towards its start.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            if percent { put(UInt8(ascii: "%")) }
            var magnitude = value.magnitude
            var digits = 0
            repeat {
                if digits == places && places > 0 { put(UInt8(ascii: ".")) }
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
                digits += 1
            } while magnitude > 0 || digits <= places
            if value < 0 {
                put(UInt8(ascii: "-"))
            } else if plus && value > 0 {
                put(UInt8(ascii: "+"))
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }

    /// `value` with a comma before each group of three digits from the right: `-12,345`; with
    /// `plus`, a positive value has a `+` before it: `+12,345`.
    static func grouped(_ value: Int64, plus: Bool = false) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var start = buffer.count
            var magnitude = value.magnitude
            var digits = 0
            repeat {
                if digits > 0 && digits % 3 == 0 {
                    start -= 1
                    buffer[start] = UInt8(ascii: ",")
                }
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                digits += 1
            } while magnitude > 0
            if value < 0 || (plus && value > 0) {
                start -= 1
                buffer[start] = value < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }
}
