import Foundation
import Testing

@testable import BulletinKit

/// Filling `{name}` placeholders byte by byte must give the text Foundation's
/// `replacingOccurrences(of:with:)` gives, whatever surrounds the placeholder: that is where the
/// phrases of every page used to be made.
struct PlaceholderTests {
    @Test(arguments: [
        // Worked out by hand.
        ("{region}{indicator}逐期进展", "{region}", "南阳市", "南阳市{indicator}逐期进展"),
        ("{indicator}逐期进展", "{indicator}", "入住", "入住逐期进展"),
        ("{title}: {count} periods", "{count}", "33", "{title}: 33 periods"),
        ("{a}{a}x{a}", "{a}", "-", "--x-"),
        ("no placeholder", "{a}", "-", "no placeholder"),
        ("", "{a}", "-", ""),
        ("{a}", "{a}", "", ""),
        // A value holding a placeholder is put in as it is, not searched again.
        ("{a}", "{a}", "{a}{a}", "{a}{a}"),
    ])
    func fillsEveryOccurrence(text: String, placeholder: String, value: String, expected: String) {
        #expect(text.replacingPlaceholder(placeholder, with: value) == expected)
        #expect(text.replacingOccurrences(of: placeholder, with: value) == expected)
    }

    /// Texts around the placeholder that byte matching alone could get wrong: combining marks,
    /// characters canonically equivalent to ASCII ones, fullwidth and CJK punctuation, emoji.
    static let surroundings = [
        "", "a", " ", "。", "，", "（", "：", "…", "—", "逐", "\u{301}", "\u{338}", "\u{3099}", "\u{302A}",
        "\u{FE0F}", "\u{200D}", "\u{200B}", "🙂", "👍🏽", "\r\n", "\n", "é", "e\u{301}", "\u{212A}", "K",
        "\u{37E}", ";", "`", "\u{1FEF}", "ｋ", "\u{FF9E}",
    ]

    @Test(arguments: surroundings)
    func agreesWithFoundationWhateverSurroundsThePlaceholder(around: String) {
        for placeholder in ["{title}", "{rank}", "{k}", "{a;b}", "{a`b}"] {
            for text in [
                around + placeholder, placeholder + around, around + placeholder + around,
                placeholder + around + placeholder, "x" + placeholder + around + "y" + placeholder,
            ] {
                for value in ["", "南阳市", "{title}", around] {
                    #expect(
                        text.replacingPlaceholder(placeholder, with: value)
                            == text.replacingOccurrences(of: placeholder, with: value),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(placeholder)")
                }
            }
        }
    }

    @Test func agreesWithFoundationWhereThePlaceholderIsSpelledWithOtherCharacters() {
        // The Kelvin sign is canonically equivalent to K: Foundation may match it, bytes do not.
        for (text, placeholder) in [("{\u{212A}}", "{K}"), ("{a\u{37E}b}", "{a;b}"), ("{ti\u{200B}tle}", "{title}")] {
            #expect(
                text.replacingPlaceholder(placeholder, with: "v")
                    == text.replacingOccurrences(of: placeholder, with: "v"))
        }
    }
}
