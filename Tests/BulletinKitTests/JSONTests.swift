import Foundation
import Testing

@testable import BulletinKit

@Suite struct JSONTests {
    @Test func objectsKeepKeyOrderAndRoundTrip() throws {
        let text = #"{"z":1,"a":[true,false,null],"m":{"k":"v\n\"q\""},"n":-0.5}"#
        let value = try JSONValue.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "n"])
        #expect(value.jsonText(pretty: false) == text)
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try JSONValue.parse(#""\ud83d\ude00 \u4e2d""#) == .string("😀 中"))
    }

    @Test(arguments: [
        ("{\"a\":1,}", 1, 8), ("[1,2", 1, 5), ("{\n  \"a\": tru\n}", 2, 8), ("01", 1, 1), ("{\"a\":1,\"a\":2}", 1, 8),
    ])
    func errorsNameLineAndColumn(text: String, line: Int, column: Int) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test func numbersAreWrittenInShortestForm() {
        #expect(JSONValue.number(12).jsonText() == "12")
        #expect(JSONValue.number(0.1).jsonText() == "0.1")
        #expect(JSONValue.number(-3.25).jsonText() == "-3.25")
    }
}
