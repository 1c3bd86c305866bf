/// Numbers and dates as the bulletin prints them, per locale (SPEC §7): `12,345`, `72.59%`,
/// `+3.20`, `2020年10月15日` / `Oct 15, 2020`, and 万/亿 in Chinese prose. Never the machine's
/// locale: the output must not depend on where it is built.
struct NumberFormat: Sendable {
    let locale: String

    var isChinese: Bool { locale.hasPrefix("zh") }

    /// A measure with grouping: `12,345`, `1,234.5`.
    func quantity(_ value: Int64) -> String {
        // Whole numbers, nearly every count, skip the general path's splitting.
        if value % Quantity.scale == 0 {
            let whole = value / Quantity.scale
            return (whole < 0 ? "-" : "") + grouped(String(whole.magnitude))
        }
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
        guard let value else { return "–" }
        return value.percent(2) + "%"
    }

    /// Percentage points with a sign and two decimals: `+3.20`, `-12.05`, `0.00`.
    func points(_ value: Rational?) -> String {
        guard let value else { return "–" }
        let text = value.percent(2)
        if text.hasPrefix("-") { return text }
        return (text == "0.00" ? "" : "+") + text
    }

    /// A signed count of new items: `+12`, `0`.
    func signedQuantity(_ value: Int64) -> String {
        value > 0 ? "+" + quantity(value) : quantity(value)
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
