/// Field parsers for ledger columns (SPEC §2.2). They take the field's UTF-8 bytes, as
/// `CSVRecord.withBytes(at:)` gives them, and make no strings unless a value is invalid.
/// Invalid reasons are messages that follow the value shown: `"2020-13-01" is not a date (…)`;
/// they are made only for an invalid value.
enum FieldParsing {
    /// A stage date cell.
    enum DateField: Equatable {
        /// Empty or blank: the stage is not reached yet.
        case empty
        /// A date.
        case day(Day)
        /// Not a date, and why.
        case invalid(reason: Diagnostic.Message)
    }

    /// Reads the forms of SPEC §2.2 and no others: `2020-10-31`, `2020/10/31`, `2020.10.31` and
    /// `2020年10月31日`, the year with four digits, month and day with one or two (`2020/1/5`,
    /// `2020年6月5日`). Surrounding spaces (ASCII, tab, no-break space and the ideographic space
    /// U+3000) are ignored.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> DateField {
        guard let base = bytes.baseAddress else { return .empty }
        let (start, end) = trimmed(base, count: bytes.count)
        guard start < end else { return .empty }
        // The usual form, 2020-10-15, read in place; the same day the general reading below
        // would find.
        if end - start == 10, base[start + 4] == UInt8(ascii: "-"), base[start + 7] == UInt8(ascii: "-") {
            let digits = (
                base[start] &- 0x30, base[start + 1] &- 0x30, base[start + 2] &- 0x30,
                base[start + 3] &- 0x30,
                base[start + 5] &- 0x30, base[start + 6] &- 0x30, base[start + 8] &- 0x30,
                base[start + 9] &- 0x30
            )
            if digits.0 < 10, digits.1 < 10, digits.2 < 10, digits.3 < 10, digits.4 < 10, digits.5 < 10,
                digits.6 < 10, digits.7 < 10
            {
                let year = Int(digits.0) * 1000 + Int(digits.1) * 100 + Int(digits.2) * 10 + Int(digits.3)
                let month = Int(digits.4) * 10 + Int(digits.5)
                let day = Int(digits.6) * 10 + Int(digits.7)
                return makeDay(year: year, month: month, day: day) ?? notADate
            }
        }
        if end - start == 8, (start..<end).allSatisfy({ base[$0] &- 0x30 < 10 }) {
            // The eight-digit form 20201031, as a number cell or a text.
            func number(_ from: Int, _ count: Int) -> Int {
                (from..<(from + count)).reduce(0) { $0 * 10 + Int(base[$1] &- 0x30) }
            }
            return makeDay(year: number(start, 4), month: number(start + 4, 2), day: number(start + 6, 2))
                ?? .invalid(reason: .init(.dateEightDigits))
        }
        if isPlainNumber(base, from: start, to: end) {
            return .invalid(reason: .init(.dateIsANumber))
        }
        var cursor = Cursor(bytes: base, position: start, end: end)
        guard let year = cursor.number(minDigits: 4, maxDigits: 4) else { return notADate }
        let month: Int
        let day: Int
        if cursor.skip(ascii: UInt8(ascii: "-")) || cursor.skip(ascii: UInt8(ascii: "/"))
            || cursor.skip(ascii: UInt8(ascii: "."))
        {
            let separator = cursor.bytes[cursor.position - 1]
            guard let parsedMonth = cursor.number(minDigits: 1, maxDigits: 2), cursor.skip(ascii: separator),
                let parsedDay = cursor.number(minDigits: 1, maxDigits: 2), cursor.isAtEnd
            else { return notADate }
            (month, day) = (parsedMonth, parsedDay)
        } else if cursor.skip(Self.year) {
            guard let parsedMonth = cursor.number(minDigits: 1, maxDigits: 2), cursor.skip(Self.month),
                let parsedDay = cursor.number(minDigits: 1, maxDigits: 2), cursor.skip(Self.day),
                cursor.isAtEnd
            else { return notADate }
            (month, day) = (parsedMonth, parsedDay)
        } else {
            return notADate
        }
        return makeDay(year: year, month: month, day: day) ?? notADate
    }

    /// A measure cell (when the indicator sums a column).
    enum MeasureField: Equatable {
        /// Empty or blank.
        case empty
        /// The value in ten-thousandths: `1,234.5` is 12_345_000.
        case value(Int64)
        /// Not a usable measure, and why.
        case invalid(reason: Diagnostic.Message)
    }

    /// Reads a non-negative number: `1234`, `1234.5`, `1,234` (commas only between proper groups
    /// of three digits), at most four decimals. Surrounding spaces are ignored.
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> MeasureField {
        guard let base = bytes.baseAddress else { return .empty }
        var (start, end) = trimmed(base, count: bytes.count)
        guard start < end else { return .empty }
        let isNegative = base[start] == UInt8(ascii: "-")
        if isNegative { start += 1 }
        var integer: Int64 = 0
        var digitsInGroup = 0
        var groups = 0
        var position = start
        var hasOverflowed = false
        while position < end {
            let byte = base[position]
            if byte == UInt8(ascii: ",") {
                // Grouping: 1–3 digits first, then exactly three in every group.
                guard digitsInGroup > 0, groups == 0 ? digitsInGroup <= 3 : digitsInGroup == 3 else {
                    return .invalid(reason: .init(.numberSeparator))
                }
                groups += 1
                digitsInGroup = 0
            } else if let digit = digitValue(byte) {
                hasOverflowed = hasOverflowed || multiplyAdd(&integer, 10, digit)
                digitsInGroup += 1
            } else {
                break
            }
            position += 1
        }
        guard digitsInGroup > 0 || groups > 0 else { return notANumber }
        if groups > 0, digitsInGroup != 3 {
            return .invalid(reason: .init(.numberSeparator))
        }
        var fraction: Int64 = 0
        var decimals = 0
        if position < end, base[position] == UInt8(ascii: ".") {
            position += 1
            while position < end, let digit = digitValue(base[position]) {
                decimals += 1
                if decimals <= 4 { fraction = fraction * 10 + digit }
                position += 1
            }
            guard decimals > 0 else { return notANumber }
        }
        guard position == end else { return notANumber }
        guard decimals <= 4 else {
            return .invalid(reason: .init(.numberDecimals, ["count": .number(decimals)]))
        }
        for _ in decimals..<4 { fraction *= 10 }
        hasOverflowed = hasOverflowed || multiplyAdd(&integer, 10_000, fraction)
        guard !hasOverflowed else {
            return .invalid(reason: .init(.numberTooLarge))
        }
        if isNegative, integer != 0 { return .invalid(reason: .init(.numberNegative)) }
        return .value(integer)
    }

    /// A region code: 1–17 ASCII digits (surrounding spaces ignored) packed losslessly into a
    /// UInt64 that also encodes the length, so "0411" != "411". nil if not digits.
    /// The packed value orders codes by length, then by value — not as strings.
    static func regionCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let base = bytes.baseAddress else { return nil }
        let (start, end) = trimmed(base, count: bytes.count)
        let length = end - start
        guard (1...maximumCodeLength).contains(length) else { return nil }
        var value: UInt64 = 0
        for position in start..<end {
            let digit = base[position] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + UInt64(digit)
        }
        return UInt64(length) << codeLengthShift | value
    }

    /// A region code given as a string; see `regionCode(_:)` for bytes.
    static func regionCode(_ string: String) -> UInt64? {
        var string = string
        return string.withUTF8 { regionCode($0) }
    }

    /// The digits of a packed region code, leading zeros included; nil if `code` was not made by
    /// `regionCode(_:)`.
    static func regionCodeString(_ code: UInt64) -> String? {
        let length = Int(code >> codeLengthShift)
        var value = code & (1 << codeLengthShift - 1)
        guard (1...maximumCodeLength).contains(length) else { return nil }
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: length)
        for index in stride(from: length - 1, through: 0, by: -1) {
            digits[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        guard value == 0 else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}

extension FieldParsing {
    /// The common reasons, made once rather than for every cell parsed.
    fileprivate static let notADate = DateField.invalid(reason: .init(.dateNotADate))
    fileprivate static let notANumber = MeasureField.invalid(reason: .init(.numberNotANumber))

    fileprivate static let maximumCodeLength = 17
    /// 10^17 − 1 < 2^57: the value takes the low 57 bits, the length the bits above.
    fileprivate static let codeLengthShift: UInt64 = 57

    fileprivate static let year: [UInt8] = Array("年".utf8)
    fileprivate static let month: [UInt8] = Array("月".utf8)
    fileprivate static let day: [UInt8] = Array("日".utf8)

    /// The day, or nil when the digits cannot be a date at all (month 13, day 0, year 0).
    /// A day past the month's end is an invalid date with its own reason.
    fileprivate static func makeDay(year: Int, month: Int, day: Int) -> DateField? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        guard let value = Day(year: year, month: month, day: day) else {
            let days = Day.daysIn(month: month, year: year)
            let names = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October",
                "November", "December",
            ]
            let name = Diagnostic.Value.text(names[month - 1])
            return .invalid(
                reason: month == 2
                    ? .init(
                        .dateNoSuchDayInYear,
                        [
                            "month_name": name, "month": .number(month), "days": .number(days),
                            "year": .number(year),
                        ])
                    : .init(
                        .dateNoSuchDay, ["month_name": name, "month": .number(month), "days": .number(days)]))
        }
        return .day(value)
    }

    /// The bounds of `bytes` without surrounding spaces: ASCII space and tab, U+00A0 and U+3000.
    fileprivate static func trimmed(_ bytes: UnsafePointer<UInt8>, count: Int) -> (start: Int, end: Int) {
        var start = 0
        var end = count
        while start < end {
            if bytes[start] == 0x20 || bytes[start] == 0x09 {
                start += 1
            } else if start + 1 < end, bytes[start] == 0xC2, bytes[start + 1] == 0xA0 {
                start += 2
            } else if start + 2 < end, bytes[start] == 0xE3, bytes[start + 1] == 0x80,
                bytes[start + 2] == 0x80
            {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
                end -= 1
            } else if end - 2 >= start, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
                end -= 2
            } else if end - 3 >= start, bytes[end - 3] == 0xE3, bytes[end - 2] == 0x80, bytes[end - 1] == 0x80
            {
                end -= 3
            } else {
                break
            }
        }
        return (start, end)
    }

    /// Digits with at most one decimal point inside them (`2020.1`, `43831`): a number, which
    /// a spreadsheet makes of a date typed without its day.
    fileprivate static func isPlainNumber(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool
    {
        var points = 0
        for index in start..<end {
            if bytes[index] == UInt8(ascii: ".") {
                guard index > start, index < end - 1 else { return false }
                points += 1
            } else if bytes[index] &- 0x30 >= 10 {
                return false
            }
        }
        // A dotted date with a day (2020.10.31) has two points and is read as a date.
        return points <= 1
    }

    fileprivate static func digitValue(_ byte: UInt8) -> Int64? {
        let digit = byte &- UInt8(ascii: "0")
        return digit < 10 ? Int64(digit) : nil
    }

    /// `value = value × factor + addend`; true on overflow (the value is then meaningless).
    fileprivate static func multiplyAdd(_ value: inout Int64, _ factor: Int64, _ addend: Int64) -> Bool {
        let (product, overflowed) = value.multipliedReportingOverflow(by: factor)
        let (sum, overflowedAgain) = product.addingReportingOverflow(addend)
        value = sum
        return overflowed || overflowedAgain
    }

    /// A cursor over the trimmed bytes of a date.
    fileprivate struct Cursor {
        let bytes: UnsafePointer<UInt8>
        var position: Int
        let end: Int

        var isAtEnd: Bool { position == end }

        /// Reads `minDigits`…`maxDigits` ASCII digits; nil (and nothing read) otherwise.
        mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while position + count < end, count < maxDigits {
                let digit = bytes[position + count] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                value = value * 10 + Int(digit)
                count += 1
            }
            // More digits than allowed is not a shorter number followed by a digit.
            guard count >= minDigits, position + count == end || !(bytes[position + count] &- 0x30 < 10)
            else {
                return nil
            }
            position += count
            return value
        }

        mutating func skip(ascii byte: UInt8) -> Bool {
            guard position < end, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func skip(_ sequence: [UInt8]) -> Bool {
            guard end - position >= sequence.count else { return false }
            for (offset, byte) in sequence.enumerated() where bytes[position + offset] != byte {
                return false
            }
            position += sequence.count
            return true
        }
    }
}
