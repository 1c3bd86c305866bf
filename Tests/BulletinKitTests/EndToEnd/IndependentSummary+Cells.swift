import BulletinKit
import Foundation

// MARK: - Cells (SPEC §2.2)

extension IndependentSummary {
    enum DateCell {
        case empty
        case day(CalendarDay)
        case invalid
    }

    /// `2020-10-31`, `2020/10/31`, `2020.10.31`, `2020年10月31日`, month and day with one or two
    /// digits, surrounding spaces ignored; empty means "not yet".
    static func dateCell(_ raw: String) -> DateCell {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return .empty }
        var parts: [String]
        if value.count == 8, value.allSatisfy({ ("0"..."9").contains($0) }) {
            // `20201031` (SPEC §2.2): the eight-digit form, month and day with two digits each.
            parts = [String(value.prefix(4)), String(value.dropFirst(4).prefix(2)), String(value.suffix(2))]
        } else if value.hasSuffix("日"), value.contains("年"), value.contains("月") {
            parts = String(value.dropLast()).components(separatedBy: "年")
            guard parts.count == 2 else { return .invalid }
            let monthAndDay = parts[1].components(separatedBy: "月")
            guard monthAndDay.count == 2 else { return .invalid }
            parts = [parts[0]] + monthAndDay
        } else {
            guard let separator = ["-", "/", "."].first(where: { value.contains($0) }) else {
                return .invalid
            }
            parts = value.components(separatedBy: separator)
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count),
            (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
            let day = CalendarDay(year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!)
        else { return .invalid }
        return .day(day)
    }

    /// A non-negative number `1234`, `1234.5` or `1,234`; nil for anything else.
    static func measureCell(_ raw: String) -> Fraction? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        let isDigits = { (text: Substring) in !text.isEmpty && text.allSatisfy { ("0"..."9").contains($0) } }
        guard groups.allSatisfy(isDigits), parts.count == 1 || isDigits(parts[1]) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        return Fraction(decimal: groups.joined())
            .flatMap { whole in
                parts.count == 2 ? Fraction(decimal: "0." + parts[1]).map { whole + $0 } : whole
            }
    }

    static func readCSV(_ url: URL, gb18030: Bool = false) throws -> [[String]] {
        var data = try Data(contentsOf: url)
        if gb18030 {
            // Declared GB18030: decode it ourselves so that the declaration wins over detection.
            guard let text = String(data: data, encoding: String.Encoding(rawValue: 0x8000_0632)) else {
                throw Unsupported(description: "\(url.lastPathComponent) is not GB18030")
            }
            data = Data(text.utf8)
        }
        return try CSV.parse(data)
    }
}
