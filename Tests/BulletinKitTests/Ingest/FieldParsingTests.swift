import Testing

@testable import BulletinKit

/// The ledger cell parsers (SPEC §2.2). Expected days are given as days since 1970-01-01,
/// worked out by hand so that `Day`'s own arithmetic is not what checks them:
///
/// - 1970 → 2020 is 50 years of which 12 are leap (1972 … 2016): 2020-01-01 is 50 × 365 + 12 =
///   18262. 2020 is a leap year, so its months start at 18262 + 0, 31, 60, 91, 121, 152, 182,
///   213, 244, 274, 305, 335.
/// - 2000-01-01 is 30 × 365 + 7 (1972 … 1996) = 10957; 2021-01-01 is 18262 + 366 = 18628.
@Suite struct FieldParsingTests {
    static let notADate = "is not a date (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日)"
    static let notANumber = "is not a number (like 1234, 1234.5 or 1,234)"
    static let misplacedSeparator = "has a misplaced thousands separator (write 1,234 or 1234)"

    /// The English reason of an invalid date, or nil for a valid or empty one.
    static func reason(_ field: FieldParsing.DateField) -> String? {
        if case .invalid(let reason) = field { reason.description } else { nil }
    }

    /// The English reason of an invalid measure, or nil for a valid or empty one.
    static func reason(_ field: FieldParsing.MeasureField) -> String? {
        if case .invalid(let reason) = field { reason.description } else { nil }
    }

    // MARK: Dates

    @Test(arguments: [
        ("2020-10-31", 18566 as Int32),  // 18262 + 274 (October) + 30
        ("2020/10/31", 18566),
        ("2020.10.31", 18566),
        ("2020年10月31日", 18566),
        ("2020/1/5", 18266),  // 18262 + 4
        ("2020-1-5", 18266),
        ("2020.1.5", 18266),
        ("2020-01-05", 18266),
        ("2020/01/5", 18266),
        ("2020年1月5日", 18266),
        ("2020年6月5日", 18418),  // 18262 + 152 (June) + 4
        ("2020年06月05日", 18418),
        ("2020-02-29", 18321),  // 18262 + 31 + 28: 2020 is a leap year
        ("2000/2/29", 11016),  // 10957 + 31 + 28: 2000 is divisible by 400
        ("2020-12-31", 18627),  // 18262 + 365, the 366th day
        ("2021-03-01", 18687),  // 18628 + 31 + 28
        ("1970.1.1", 0),
    ])
    func acceptedFormsGiveTheDay(text: String, index: Int32) {
        #expect(date(text) == .day(Day(index: index)))
    }

    /// `YYYY-MM-DD` is read in place, and must read as the other separators do: good days,
    /// days past their month's end, month 13 and 00, day 00, year 0000, and digits that are not
    /// digits (`2020-1a-05`).
    @Test(arguments: [
        "2020-10-31", "2019-02-29", "2020-02-29", "2020-02-30", "2020-04-31", "2020-13-01", "2020-00-10",
        "2020-01-00", "0000-01-01", "9999-12-31", "1899-12-31", "2200-01-01", "2020-1a-05", "202a-01-05",
    ])
    func theUsualFormReadsAsTheOtherSeparators(text: String) {
        let slashed = text.replacingOccurrences(of: "-", with: "/")
        #expect(date(text) == date(slashed))
        #expect(date(" \(text)\u{3000}") == date(slashed))
    }

    @Test(arguments: [
        " 2020-10-31 ", "\t2020/10/31\t", "  2020.10.31", "2020年10月31日  ",
        "\u{3000}2020年10月31日\u{3000}",  // the ideographic space an IME types
        "\u{A0}2020-10-31\u{A0}",  // the no-break space Excel and web pages leave
    ])
    func surroundingSpacesAreIgnored(text: String) {
        #expect(date(text) == .day(Day(index: 18566)))
    }

    @Test(arguments: ["", " ", "   ", "\t", "\u{3000}", "\u{A0} \u{3000}"])
    func blankCellsAreEmpty(text: String) {
        #expect(date(text) == .empty)
    }

    @Test func aCellWithNoBytesIsEmpty() {
        #expect(FieldParsing.date(UnsafeBufferPointer(start: nil, count: 0)) == .empty)
    }

    /// Days past the month's end name the month's length.
    @Test(arguments: [
        ("2020/2/30", "is not a date (no such day: February has 29 days in 2020)"),
        ("2021-02-29", "is not a date (no such day: February has 28 days in 2021)"),
        // 1900 is divisible by 100 but not by 400: not a leap year.
        ("1900-02-29", "is not a date (no such day: February has 28 days in 1900)"),
        ("2020-04-31", "is not a date (no such day: April has 30 days)"),
        ("2020年9月31日", "is not a date (no such day: September has 30 days)"),
        ("2020.11.31", "is not a date (no such day: November has 30 days)"),
    ])
    func daysPastTheMonthsEndAreErrors(text: String, reason: String) {
        #expect(Self.reason(date(text)) == reason)
    }

    /// Month 0 or 13, day 0 or 32 and year 0 cannot be a date in any calendar: the reason gives
    /// the forms (as SPEC §5 shows for "2020-13-01").
    @Test(arguments: [
        "2020-13-01", "2020-00-10", "2020-10-00", "2020-10-32", "2020/0/1", "2020年13月1日", "0000-01-01",
    ])
    func impossibleMonthsAndDaysAreErrors(text: String) {
        #expect(Self.reason(date(text)) == Self.notADate)
    }

    @Test(arguments: [
        "2020-1",  // no day
        "2020-10",
        "2020-10-",
        "2020-10-31x",
        "2020-10-31 x",
        "2020-10-31日",
        "2020年10月31",  // 日 missing
        "2020年10月31日日",
        "2020年10-31",
        "2020-10/31",  // two different separators
        "2020/10.31",
        "2020--10-31",
        "2020 10 31",
        "20-10-31",  // two-digit year
        "02020-10-31",
        "2020-100-1",
        "2020-1-100",
        "２０２０-10-31",  // full-width digits
        "2020-10-3l",
        "10/31/2020",
        "31.10.2020",
        "2020-10-31T08:00",
        "-2020-10-31",
        "2020-10 -31",
        "2020-\u{3000}10-31",
        "x",
        "-",
    ])
    func malformedDatesAreErrors(text: String) {
        #expect(Self.reason(date(text)) == Self.notADate)
    }

    /// The caller quotes what it found before the reason, so the message reads
    /// `completed_on "2020-13-01" is not a date (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日)` (SPEC §5).
    @Test func theReasonFollowsTheQuotedValue() throws {
        guard case .invalid(let reason) = date("2020-13-01") else {
            Issue.record("2020-13-01 was accepted")
            return
        }
        #expect(
            "completed_on \"2020-13-01\" \(reason)"
                == "completed_on \"2020-13-01\" is not a date (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日)")
    }

    // MARK: Measures (in ten-thousandths)

    @Test(arguments: [
        ("1234", 12_340_000 as Int64),
        ("1234.5", 12_345_000),
        ("1,234", 12_340_000),
        ("1,234.5", 12_345_000),
        ("1,234,567", 12_345_670_000),
        ("12,345,678.9012", 123_456_789_012),
        ("999,999", 9_999_990_000),
        ("0", 0),
        ("0.0001", 1),
        ("0.5", 5000),
        ("3.25", 32500),
        ("00012", 120_000),  // leading zeros are the same number
        (" 42 ", 420_000),
        ("\u{3000}7\u{3000}", 70000),
        ("922337203685477.5807", Int64.max),  // the largest: 922337203685477 × 10,000 + 5807
    ])
    func numbersAreReadInTenThousandths(text: String, value: Int64) {
        #expect(measure(text) == .value(value))
    }

    @Test(arguments: ["", "  ", "\t", "\u{3000}"])
    func blankMeasuresAreEmpty(text: String) {
        #expect(measure(text) == .empty)
    }

    @Test(arguments: [
        ("-3", "is negative; a measure cannot be below zero"),
        ("-1,234.5", "is negative; a measure cannot be below zero"),
        ("1,23", misplacedSeparator),
        (",123", misplacedSeparator),
        ("1,2345", misplacedSeparator),
        ("1234,567", misplacedSeparator),  // the first group has at most three digits
        ("12,34,567", misplacedSeparator),  // Indian grouping
        ("1,,234", misplacedSeparator),
        ("1,234,", misplacedSeparator),
        ("12a", notANumber),
        ("1e5", notANumber),
        ("1.5e3", notANumber),
        (".5", notANumber),
        ("1.", notANumber),
        ("1.2.3", notANumber),
        ("1 234", notANumber),
        ("+5", notANumber),
        ("-", notANumber),
        ("--1", notANumber),
        ("三", notANumber),
        ("１２３", notANumber),  // full-width digits
        ("1,234.", notANumber),
        ("1.23456", "has 5 decimal places; round it to 4 at most"),
        ("0.0000001", "has 7 decimal places; round it to 4 at most"),
        ("922337203685477.5808", "is too large to be a measure (at most 922,337,203,685,477)"),
        ("922337203685478", "is too large to be a measure (at most 922,337,203,685,477)"),
        ("99999999999999999999", "is too large to be a measure (at most 922,337,203,685,477)"),
    ])
    func invalidMeasuresSayWhatIsWrong(text: String, reason: String) {
        #expect(Self.reason(measure(text)) == reason)
    }

    // MARK: Region codes

    /// A packed code is the length above bit 57 and the digits' value below it.
    @Test(arguments: [
        ("411323100201", 12 as UInt64, 411_323_100_201 as UInt64),
        ("411300", 6, 411_300),
        (" 411300 ", 6, 411_300),
        ("\u{3000}411300", 6, 411_300),
        ("0411", 4, 411),
        ("411", 3, 411),
        ("0", 1, 0),
        ("12345678901234567", 17, 12_345_678_901_234_567),
    ])
    func regionCodesAreDigitStrings(text: String, length: UInt64, value: UInt64) {
        #expect(FieldParsing.regionCode(text) == length << 57 | value)
        var bytes = text
        #expect(bytes.withUTF8 { FieldParsing.regionCode($0) } == length << 57 | value)
    }

    @Test func leadingZerosMakeADifferentCode() {
        #expect(FieldParsing.regionCode("0411") != FieldParsing.regionCode("411"))
        #expect(FieldParsing.regionCode("00") != FieldParsing.regionCode("0"))
    }

    @Test(arguments: [
        "", "  ", "41a", "10X", "4113 00", "41\u{3000}13", "４１", "４１１３００", "-411", "+411", "411.0", "4,113",
        "123456789012345678",  // 18 digits: more than fit
        "٤١١٣٠٠",  // Arabic-Indic digits
    ])
    func anythingButASCIIDigitsIsNotARegionCode(text: String) {
        #expect(FieldParsing.regionCode(text) == nil)
    }

    @Test(arguments: ["0411", "411323100201", "0", "00000000000000000", "12345678901234567"])
    func packedCodesGiveBackTheirDigits(text: String) throws {
        let code = try #require(FieldParsing.regionCode(text))
        #expect(FieldParsing.regionCodeString(code) == text)
    }

    @Test(
        arguments: [
            0,  // length 0
            18 << 57 | 1,  // length 18
            2 << 57 | 100,  // 100 does not fit in two digits
        ] as [UInt64])
    func numbersNotMadeByRegionCodeHaveNoDigits(code: UInt64) {
        #expect(FieldParsing.regionCodeString(code) == nil)
    }
}

private func date(_ text: String) -> FieldParsing.DateField {
    var text = text
    return text.withUTF8 { FieldParsing.date($0) }
}

private func measure(_ text: String) -> FieldParsing.MeasureField {
    var text = text
    return text.withUTF8 { FieldParsing.measure($0) }
}
