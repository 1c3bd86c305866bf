import Testing

@testable import BulletinKit

/// Personal data (SPEC §5.1): what looks like a resident ID number, how it is masked, how a
/// value in the wrong column is described without quoting it, and the GB 11643 check.
struct PersonalDataTests {
    @Test(arguments: [
        ("411002199001010018", true),  // 18 digits
        ("11010519491231002X", true),  // 17 digits and X
        ("11010519491231002x", true),  // and a lowercase x
        ("411002900101001", true),  // 15 digits, the first-generation card
        ("  411002199001010018 ", true),  // spaces around it are trimmed
        ("\u{3000}411002199001010018\t", true),  // an ideographic space and a tab too
        ("41100219900101001", false),  // 17 digits
        ("4110021990010100188", false),  // 19 digits
        ("41100290010100X", false),  // 14 digits and X: X only as the 18th
        ("41100219900101001Y", false),  // a letter other than X
        ("4110021990 01010018", false),  // a space inside
        ("411002-19900101-0018", false),
        ("", false),
        ("张三", false),
        ("h1", false),
    ])
    func looksLikeIDNumber(text: String, expected: Bool) {
        #expect(PersonalData.looksLikeIDNumber(text) == expected)
        #expect(PersonalData.looksLikeIDNumber(Substring(text)) == expected)
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { PersonalData.looksLikeIDNumber(bytes: $0) } == expected)
    }

    /// First 6 and last 4 characters kept: 18 − 10 = 8 stars, 15 − 10 = 5 stars.
    @Test(arguments: [
        ("411002199001010055", "411002********0055"),
        ("62242119800101123X", "622421********123X"),
        ("411002900101001", "411002*****1001"),
        (" 411002199001010055 ", "411002********0055"),
        ("h1", "h1"),  // not ID-like: unchanged
        ("41100219900101005", "41100219900101005"),  // 17 digits: unchanged
        ("", ""),
    ])
    func masked(id: String, expected: String) {
        #expect(PersonalData.masked(id) == expected)
    }

    @Test(arguments: [
        ("户主 411002199001010055 重复", "户主 411002********0055 重复"),
        ("ids 411002900101001 and 62242119800101123x.", "ids 411002*****1001 and 622421********123x."),
        ("h4110021990010100551", "h4110021990010100551"),  // joined to a letter and 19 digits: not an id
        ("order 1234567890123456", "order 1234567890123456"),  // 16 digits
        ("no digits", "no digits"),
    ])
    func maskingIDNumbersInText(text: String, expected: String) {
        #expect(PersonalData.maskingIDNumbers(in: text) == expected)
    }

    @Test(arguments: [
        ("411002199001010055", "an 18-digit number"),
        ("41100290010100", "a 14-digit number"),
        ("2020", "a 4-digit number"),
        ("8", "a 1-digit number"),
        ("12345678901", "an 11-digit number"),
        ("11010519491231002X", "an 18-character ID-like number ending in X"),
        ("-12.5", "a number with 3 digits"),
        ("3.14", "a number with 3 digits"),
        ("+7", "a number with 1 digit"),
        ("张三", "a 2-character text"),
        ("欧阳娜娜", "a 4-character text"),
        ("h1", "a 2-character text"),
        ("1.2.3", "a 5-character text"),  // two points: not a number
        ("", "empty"),
        ("   ", "empty"),
        (" 张三 ", "a 2-character text"),
    ])
    func describe(value: String, expected: String) {
        #expect(PersonalData.describe(value) == expected)
        // Never the value itself.
        if !value.trimmingCharacters(in: .whitespaces).isEmpty {
            #expect(!PersonalData.describe(value).contains(value.trimmingCharacters(in: .whitespaces)))
        }
    }

    @Test(arguments: [
        (1, "a"), (8, "an"), (11, "an"), (18, "an"), (80, "an"), (89, "an"), (90, "a"), (100, "a"),
        (800, "an"), (1800, "a"), (8000, "an"), (11_000, "an"), (18_500, "an"), (21, "a"),
    ])
    func article(number: Int, expected: String) {
        #expect(PersonalData.article(number) == expected)
    }
}

/// GB 11643-1999 resident ID numbers. Check characters worked out by hand: the weighted sum of
/// the first 17 digits with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, modulo 11, indexes
/// `1 0 X 9 8 7 6 5 4 3 2`.
struct IDCardCheckTests {
    static let asOf = Day(year: 2020, month: 10, day: 15)!

    /// Valid ids:
    /// - 11010519491231002X, the standard's own example: 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2
    ///   + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2 = 167; 167 = 15·11 + 2 → X.
    /// - 411002199001010018: 28 + 9 + 10 + 0 + 0 + 8 + 2 + 9 + 54 + 0 + 0 + 9 + 0 + 5 + 0 + 0 + 2
    ///   = 136; 136 = 12·11 + 4 → 8.
    /// - 41100220200229001X, born on the leap day 2020-02-29: 28 + 9 + 10 + 0 + 0 + 8 + 4 + 0 + 12
    ///   + 0 + 0 + 18 + 20 + 45 + 0 + 0 + 2 = 156; 156 = 14·11 + 2 → X.
    /// - 411002202010150017, born on the bulletin date itself: 28 + 9 + 10 + 8 + 4 + 0 + 12 + 0
    ///   + 7 + 0 + 5 + 40 + 0 + 0 + 2 = 115 (zeros left out); 115 = 10·11 + 5 → 7.
    /// - 510100199901011230: 35 + 9 + 0 + 5 + 0 + 0 + 2 + 9 + 54 + 27 + 0 + 9 + 0 + 5 + 8 + 8 + 6
    ///   = 177; 177 = 16·11 + 1 → 0.
    @Test(arguments: [
        "11010519491231002X", "11010519491231002x", "411002199001010018", "41100220200229001X",
        "411002202010150017", "510100199901011230", " 411002199001010018 ",
    ])
    func validIDsPass(id: String) {
        #expect(IDCardCheck.problem(id, asOf: Self.asOf) == nil)
    }

    @Test(arguments: [
        // The last valid id above with its check character changed.
        ("411002199001010019", "check character"),
        ("110105194912310021", "check character"),
        // 15 digits: the first-generation card.
        ("411002900101001", "15-digit ID number of the old form"),
        ("41100219900101001", "has 17 characters"),
        ("张三", "has 2 characters"),
        ("", "has 0 characters"),
        ("4110021990O1010018", "character 11 is not a digit"),
        ("41100219900101001A", "character 18 is neither a digit nor X"),
        // 2019 is not a leap year.
        ("411002201902290011", "not a birth date"),
        ("411002199013010018", "not a birth date"),
        // Born 1880-01-01 (the birth date is checked before the check character, so these
        // date cases fail on the date whatever their last character).
        ("411002188001010014", "before 1900"),
        // Born on 2020-10-16, a day after the bulletin date.
        ("411002202010160013", "after the bulletin date"),
    ])
    func invalidIDsAreExplainedWithoutQuotingThem(id: String, reason: String) {
        let problem = IDCardCheck.problem(id, asOf: Self.asOf)
        #expect(problem?.description.contains(reason) == true, "\(problem?.description ?? "nil")")
        if id.count > 3 { #expect(problem?.description.contains(id) == false) }
        // Nor its birth date, which with the region narrows down the person.
        #expect(problem?.description.contains("1990") == false)
    }

    /// Born on the bulletin date is fine; a day earlier bulletin date makes it a birth after it.
    @Test func birthDateIsComparedWithTheBulletinDate() {
        let earlier = Day(year: 2020, month: 10, day: 14)!
        #expect(IDCardCheck.problem("411002202010150017", asOf: Self.asOf) == nil)
        #expect(
            IDCardCheck.problem("411002202010150017", asOf: earlier)?.description.contains("after the bulletin date")
                == true)
        let beforeLeapDay = Day(year: 2020, month: 2, day: 28)!
        #expect(IDCardCheck.problem("41100220200229001X", asOf: beforeLeapDay) != nil)
    }
}
