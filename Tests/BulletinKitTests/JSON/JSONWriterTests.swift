import Foundation
import Testing

@testable import BulletinKit

/// The writer's bytes, escapes and layout, written out by hand.
struct JSONWriterTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"\\", #""say \"hi\"\\""#),
        ("a\nb\rc\td", #""a\nb\rc\td""#),
        ("\u{1}\u{1F}", #""\u0001\u001f""#),
        ("line\u{2028}para\u{2029}", #""line\u2028para\u2029""#),
        ("南阳市 – ●▼ \u{2027}", "\"南阳市 – ●▼ \u{2027}\""),
        ("", #""""#),
    ])
    func stringsAreEscaped(value: String, expected: String) {
        #expect(JSONValue.string(value).jsonText() == expected)
    }

    @Test func prettyAndCompactLayout() {
        let value = JSONValue.object(
            JSONObject(["a": [1, 2.5, nil], "b": .object(JSONObject()), "c": [], "d": true]))
        #expect(
            value.jsonText() == """
                {
                  "a": [
                    1,
                    2.5,
                    null
                  ],
                  "b": {},
                  "c": [],
                  "d": true
                }
                """)
        #expect(value.jsonText(pretty: false) == #"{"a":[1,2.5,null],"b":{},"c":[],"d":true}"#)
    }

    /// Integers are written digit by digit; everything else as `numberText` has it.
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (7, "7"), (-42, "-42"), (1_000_000, "1000000"),
        (999_999_999_999_999, "999999999999999"), (-999_999_999_999_999, "-999999999999999"),
        (1e15, "1000000000000000.0"), (72.59, "72.59"), (-0.05, "-0.05"), (.nan, "null"), (.infinity, "null"),
    ])
    func numbersAreWrittenAsTheirText(value: Double, expected: String) {
        #expect(JSONValue.number(value).jsonText() == expected)
        #expect(JSONValue.numberText(value) == expected)
    }

    /// Two spaces a level, also past the 63 levels the writer has a ready-made line start for:
    /// level 40 is 80 spaces, level 70 is 140.
    @Test func deepNestingIsIndentedTwoSpacesALevel() {
        var value = JSONValue.number(1)
        for _ in 0..<70 { value = .array([value]) }
        let lines = value.jsonText().split(separator: "\n")
        #expect(lines[40] == String(repeating: " ", count: 80) + "[")
        #expect(lines[70] == String(repeating: " ", count: 140) + "1")
        #expect(lines[71] == String(repeating: " ", count: 138) + "]")
        #expect(lines.last == "]")
    }

    @Test func bytesAreTheTextsBytes() {
        let value = JSONValue.object(JSONObject(["名称": "宛城区", "rate": 72.59]))
        var bytes: [UInt8] = [UInt8(ascii: "x")]
        value.writeJSON(to: &bytes)
        #expect(bytes == [UInt8(ascii: "x")] + Array(value.jsonText().utf8))
    }
}
