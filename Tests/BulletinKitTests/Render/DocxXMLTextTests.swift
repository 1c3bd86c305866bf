import Foundation
import Testing

@testable import BulletinKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// XML 1.0 escaping of data (`XMLText`), worked out by hand, and the byte-level escaper of the
/// writers against it.
@Suite struct DocxXMLTextTests {
    /// The five markup characters become entities, a carriage return `&#13;`, C0 controls and
    /// U+FFFE/U+FFFF are dropped; tab, line feed, U+FFFD and CJK text stay.
    @Test func escapesMarkupAndDropsForbiddenCharacters() {
        let text = "a&b<c>\"d'e\r\n\t\u{0}\u{1}\u{B}\u{1F}\u{FFFE}\u{FFFF}\u{FFFD}南阳]]>"
        #expect(XMLText.escaped(text) == "a&amp;b&lt;c&gt;&quot;d&apos;e&#13;\n\t\u{FFFD}南阳]]&gt;")
        #expect(
            XMLText.escaped(text, inAttribute: true)
                == "a&amp;b&lt;c&gt;&quot;d&apos;e&#13;&#10;&#9;\u{FFFD}南阳]]&gt;")
        #expect(XMLText.escaped("宛脱贫办〔2020〕45号") == "宛脱贫办〔2020〕45号")
        #expect(XMLText.allowed("a\u{7}b\u{FFFF}c") == "abc")
    }

    /// Random strings over the characters that matter (and astral, CJK and full-width ones):
    /// the byte escaper writes what `XMLText.escaped` returns, and a parser reads the string
    /// back less the forbidden characters (a carriage return included, as `&#13;`).
    @Test func byteEscaperAgreesAndParsesBack() throws {
        var random = SeededRandom(seed: 9704)
        let alphabet: [Unicode.Scalar] = [
            "&", "<", ">", "\"", "'", "\r", "\n", "\t", "\u{0}", "\u{8}", "\u{1F}", " ", "a", "]", "南", "（",
            "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFBF}", "\u{1F600}", "\u{7F}", "\u{85}",
        ]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<random.int(0...24) { text.unicodeScalars.append(random.pick(alphabet)) }
            let bytes = ByteStream.collect { $0.appendEscaped(text) }
            #expect(
                String(decoding: bytes, as: UTF8.self) == XMLText.escaped(text), "\(text.debugDescription)")
            let document = "<t>" + XMLText.escaped(text) + "</t>"
            let tree = try XMLTree.parse(document, part: text.debugDescription)
            var expected = ""
            expected.unicodeScalars.append(contentsOf: text.unicodeScalars.filter(XMLText.isAllowed))
            #expect(tree.text == expected, "\(text.debugDescription)")
        }
    }
}
