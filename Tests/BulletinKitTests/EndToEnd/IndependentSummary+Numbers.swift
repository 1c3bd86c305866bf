import BulletinKit
import Foundation

// MARK: - Exact numbers

extension IndependentSummary {
    /// A fraction in lowest terms with a positive denominator.
    struct Fraction: Comparable {
        private(set) var numerator: Int128
        private(set) var denominator: Int128

        init(_ numerator: Int128, _ denominator: Int128 = 1) {
            var (a, b) = (numerator.magnitude, denominator.magnitude)
            while b != 0 { (a, b) = (b, a % b) }
            let divisor = Int128(max(a, 1))
            let sign: Int128 = denominator < 0 ? -1 : 1
            self.numerator = sign * numerator / divisor
            self.denominator = sign * denominator / divisor
        }

        static let zero = Fraction(0)
        static let one = Fraction(1)

        /// `12`, `-2.5`, `0.35` exactly as written; nil for anything else.
        init?(decimal: String) {
            var digits = Substring(decimal)
            let negative = digits.hasPrefix("-")
            if negative { digits = digits.dropFirst() }
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count),
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
                let whole = Int128(String(parts[0])), parts.count == 1 || Int128(String(parts[1])) != nil
            else { return nil }
            var value = Fraction(whole)
            if parts.count == 2 {
                var scale: Int128 = 1
                for _ in parts[1] { scale *= 10 }
                value = value + Fraction(Int128(String(parts[1]))!, scale)
            }
            self = negative ? Fraction.zero - value : value
        }

        static func + (a: Fraction, b: Fraction) -> Fraction {
            Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
        }
        static func - (a: Fraction, b: Fraction) -> Fraction {
            Fraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
        }
        static func * (a: Fraction, b: Fraction) -> Fraction {
            Fraction(a.numerator * b.numerator, a.denominator * b.denominator)
        }
        static func / (a: Fraction, b: Fraction) -> Fraction {
            Fraction(a.numerator * b.denominator, a.denominator * b.numerator)
        }
        static func < (a: Fraction, b: Fraction) -> Bool {
            a.numerator * b.denominator < b.numerator * a.denominator
        }

        /// The value as a percentage with two decimals, rounded half away from zero: 0.72585 → `72.59`.
        var percentText: String {
            let scaled = numerator.magnitude * 10_000
            var hundredths = scaled / denominator.magnitude
            if 2 * (scaled % denominator.magnitude) >= denominator.magnitude { hundredths += 1 }
            let cents = hundredths % 100
            let sign = numerator < 0 && hundredths > 0 ? "-" : ""
            return "\(sign)\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
        }

        /// A plain number with as many decimals as it needs: `12`, `12.5`. The denominator must
        /// divide a power of ten (sums of measures always do).
        var plainText: String {
            var scale: UInt128 = 1
            var places = 0
            while scale % denominator.magnitude != 0 {
                scale *= 10
                places += 1
                precondition(places < 30, "not a decimal: \(numerator)/\(denominator)")
            }
            let scaled = numerator.magnitude * (scale / denominator.magnitude)
            var text = String(scaled / scale)
            if places > 0 {
                let fraction = String(scaled % scale)
                text += "." + String(repeating: "0", count: places - fraction.count) + fraction
            }
            return (numerator < 0 ? "-" : "") + text
        }
    }

    /// A calendar date, compared as (year, month, day); `serial` counts days from 0001-01-01.
    struct CalendarDay: Comparable, Hashable {
        let year: Int
        let month: Int
        let day: Int

        init?(year: Int, month: Int, day: Int) {
            guard (1...9999).contains(year), (1...12).contains(month),
                (1...CalendarDay.length(of: month, in: year)).contains(day)
            else { return nil }
            (self.year, self.month, self.day) = (year, month, day)
        }

        /// Strict `YYYY-MM-DD`, as bulletin.json writes dates.
        init?(iso: String) {
            let parts = iso.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
            else { return nil }
            self.init(year: year, month: month, day: day)
        }

        static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

        static func length(of month: Int, in year: Int) -> Int {
            [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        }

        /// Days since 0001-01-01 (which is 1).
        var serial: Int {
            let before = year - 1
            var days = before * 365 + before / 4 - before / 100 + before / 400
            for earlier in 1..<month { days += CalendarDay.length(of: earlier, in: year) }
            return days + day
        }

        /// The day before.
        var yesterday: CalendarDay {
            if day > 1 { return CalendarDay(year: year, month: month, day: day - 1)! }
            if month > 1 {
                return CalendarDay(
                    year: year, month: month - 1, day: CalendarDay.length(of: month - 1, in: year))!
            }
            return CalendarDay(year: year - 1, month: 12, day: 31)!
        }

        /// The day after.
        var tomorrow: CalendarDay {
            if day < CalendarDay.length(of: month, in: year) {
                return CalendarDay(year: year, month: month, day: day + 1)!
            }
            if month < 12 { return CalendarDay(year: year, month: month + 1, day: 1)! }
            return CalendarDay(year: year + 1, month: 1, day: 1)!
        }

        /// `YYYY-MM-DD`.
        var iso: String {
            "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }

        /// The same day of the previous month, or that month's last day when it is shorter.
        var sameDayLastMonth: CalendarDay {
            let (y, m) = month == 1 ? (year - 1, 12) : (year, month - 1)
            return CalendarDay(year: y, month: m, day: min(day, CalendarDay.length(of: m, in: y)))!
        }

        static func < (a: CalendarDay, b: CalendarDay) -> Bool {
            (a.year, a.month, a.day) < (b.year, b.month, b.day)
        }
    }
}
