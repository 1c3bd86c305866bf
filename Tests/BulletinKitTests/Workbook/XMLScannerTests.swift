import Foundation
import Testing

@testable import BulletinKit

/// The XML tokenizer under the workbook parts: tokens, references, CDATA, prefixes, tokens
/// split at every chunk boundary, and malformed input refused with its byte offset.
@Suite struct XMLScannerTests {
    /// The tokens of `xml` as text: `<name a=value>` (local names, decoded values), `</name>`,
    /// `"text"` (decoded), read `chunk` bytes at a time into a buffer of `bufferSize`.
    static func tokens(_ xml: String, chunk: Int = .max, bufferSize: Int = 1 << 16) throws(WorkbookError)
        -> [String]
    {
        try tokens(Array(xml.utf8), chunk: chunk, bufferSize: bufferSize)
    }

    static func tokens(_ bytes: [UInt8], chunk: Int = .max, bufferSize: Int = 1 << 16) throws(WorkbookError)
        -> [String]
    {
        var scanner = XMLScanner(
            part: "test.xml", source: MemoryPartSource(bytes, chunk: chunk), bufferSize: bufferSize)
        var found: [String] = []
        while true {
            switch try scanner.next() {
            case .endOfPart: return found
            case .endTag: found.append("</\(scanner.localName)>")
            case .text: found.append("\"\(String(decoding: try scanner.text(), as: UTF8.self))\"")
            case .startTag:
                var tag = "<" + scanner.localName
                for index in 0..<scanner.attributeCount {
                    let name = scanner.attributeName(index)
                    tag += " \(name)=\(String(decoding: try scanner.attributeValue(index), as: UTF8.self))"
                }
                found.append(tag + ">")
            }
        }
    }

    @Test func namedAndNumericReferencesAreDecoded() throws {
        let tokens = try Self.tokens(#"<a x="&lt;&amp;&quot;&apos;&gt;">&#10;&#x4E2D;&#25991;&amp;b</a>"#)
        #expect(tokens == [#"<a x=<&"'>>"#, "\"\n中文&b\"", "</a>"])
    }

    @Test func cdataIsTextWithoutReferences() throws {
        let tokens = try Self.tokens("<t>x<![CDATA[a<b>&amp;]]>y</t>")
        #expect(tokens == ["<t>", "\"x\"", "\"a<b>&amp;\"", "\"y\"", "</t>"])
    }

    @Test func prefixesAreIgnoredByLocalNames() throws {
        let tokens = try Self.tokens(
            #"<x:worksheet xmlns:x="urn:x"><x:c r="A1" x14ac:dyDescent="0.25"><x:v>1</x:v></x:c></x:worksheet>"#
        )
        #expect(
            tokens == [
                "<worksheet x=urn:x>", "<c r=A1 dyDescent=0.25>", "<v>", "\"1\"", "</v>", "</c>",
                "</worksheet>",
            ])
    }

    @Test func declarationsCommentsAndInstructionsAreSkipped() throws {
        let tokens = try Self.tokens(
            "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- a <comment> -->\n<!DOCTYPE r>\n<r><?pi x?><a/><!--x--></r>\n"
        )
        #expect(tokens == ["<r>", "<a>", "</a>", "</r>"])
    }

    @Test func lineEndsAreNormalized() throws {
        #expect(try Self.tokens("<t>a\r\nb\rc\nd</t>") == ["<t>", "\"a\nb\nc\nd\"", "</t>"])
    }

    @Test func singleQuotesAndSpacesAroundEquals() throws {
        #expect(try Self.tokens("<a  x = 'say \"hi\"' y='>'/>") == ["<a x=say \"hi\" y=>>", "</a>"])
    }

    /// Every chunk size from 1 byte up, with a 16-byte starting buffer: tokens are whole however
    /// the bytes arrive.
    @Test func tokensSplitAtEveryChunkBoundary() throws {
        let xml =
            #"<?xml version="1.0"?><x:sst xmlns:x="u"><!-- c --><x:si q='a>b"c' r="&gt;>"><x:t xml:space="preserve"> a&amp;b &#x4E2D; </x:t><x:rPh><x:t>ふ</x:t></x:rPh></x:si><si><t><![CDATA[<c>]]></t></si></x:sst>"#
        let whole = try Self.tokens(xml)
        #expect(whole.count == 17)
        #expect(whole[1] == "<si q=a>b\"c r=>>>")
        for chunk in 1...xml.utf8.count {
            #expect(try Self.tokens(xml, chunk: chunk, bufferSize: 16) == whole, "chunk \(chunk)")
        }
    }

    @Test(arguments: [
        ("<a><b></a>", 6),  // the end tag does not close <b>
        ("<a>", 3),  // the part ends with <a> open
        ("<a x=1/>", 5),  // an unquoted value
        ("<a>&foo;</a>", 3),  // an unknown entity
        ("<a>&#0;</a>", 3),  // a character XML does not allow
        ("<a>&amp</a>", 3),  // a reference without `;`
        ("<a x=\"1\"", 0),  // the part ends inside a tag
        ("x<a/>", 0),  // text before the root
        ("<a/><b/>", 4),  // a second root
        ("<a x=\"1\"y=\"2\"/>", 8),  // attributes run together
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", 0),  // an internal subset
        ("<a><!-- open", 3),  // an unclosed comment
        ("", 0),  // no root element
    ])
    func malformedInputNamesThePartAndOffset(xml: String, offset: Int) {
        do {
            let tokens = try Self.tokens(xml)
            Issue.record("\(xml): read \(tokens)")
        } catch {
            #expect(error.kind == .notWellFormed, "\(xml)")
            #expect(error.part == "test.xml")
            #expect(error.byteOffset == offset, "\(xml): \(error)")
        }
    }

    @Test func utf16IsRefusedClearly() {
        #expect(throws: WorkbookError.self) { try Self.tokens([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00]) }
    }

    @Test func aTextLongerThanTheCapIsAnError() {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: XMLScanner.maximumTokenLength + 8)
        bytes.replaceSubrange(0..<3, with: Array("<t>".utf8))
        bytes.replaceSubrange((bytes.count - 4)..., with: Array("</t>".utf8))
        do {
            _ = try Self.tokens(bytes, chunk: 1 << 20)
            Issue.record("a 32 MiB text was accepted")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }

    /// Damaged documents (bytes flipped, cut or repeated) end in tokens or an error — never a
    /// hang or a crash.
    @Test func damagedInputAlwaysEnds() {
        let xml = Array(
            #"<sst><si><t xml:space="preserve">a&amp;b</t></si><si><r><t>c</t></r></si><!-- x --><si><t><![CDATA[d]]></t></si></sst>"#
                .utf8)
        var random = SeededRandom(seed: 2026)
        let specials = Array("<>/&;\"'=![]-?".utf8)
        for _ in 0..<2000 {
            var bytes = xml
            for _ in 0...random.int(0...3) {
                let index = random.int(0...(bytes.count - 1))
                switch random.int(0...2) {
                case 0: bytes[index] = random.pick(specials)
                case 1: bytes.removeSubrange(index...)
                default: bytes.insert(random.pick(specials), at: index)
                }
                if bytes.isEmpty { break }
            }
            _ = try? Self.tokens(bytes, chunk: random.int(1...40), bufferSize: 16)
        }
    }
}

extension XMLScanner {
    /// The local name of attribute `index` (tests).
    func attributeName(_ index: Int) -> String {
        let start = memory.attributes[4 * index]
        return String(
            decoding: UnsafeBufferPointer(
                start: buffer + start, count: memory.attributes[4 * index + 1] - start),
            as: UTF8.self)
    }
}
