import Foundation
import Testing

@testable import BulletinKit

/// `CSVRecord.trimmedString(at:)` trims exactly what Foundation's `.whitespaces` trims (tabs and
/// Unicode space separators), without calling Foundation per field.
struct TrimmingTests {
    @Test(arguments: [
        "411302", " 411302 ", "\t卧龙区\t", "\u{3000}卧龙区\u{3000}", "\u{00A0}C\u{00A0}", "南阳市", "",
        "   ", "\u{3000}", "a b", " 集中 供水 ", "\u{2003}x\u{202F}", "\u{200B}x",  // zero-width space is not Zs
        "x\u{85}", "\r x \n",  // line breaks are not in .whitespaces either
    ])
    func trimsAsFoundationDoes(_ text: String) throws {
        var reader = try CSVReader(data: Data(("\"" + text + "\"\n").utf8))
        var record = CSVRecord()
        #expect(try reader.readRecord(into: &record))
        #expect(record.trimmedString(at: 0) == text.trimmingCharacters(in: .whitespaces))
    }
}

extension TrimmingTests {
    /// Every Unicode scalar is white space for the reader exactly when Foundation says so.
    @Test func whitespaceIsFoundationsWhitespace() {
        var differences: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if CSVRecord.isWhitespace(scalar) != CharacterSet.whitespaces.contains(scalar) {
                differences.append(String(value, radix: 16))
            }
        }
        #expect(differences.isEmpty, "differ at U+\(differences.prefix(10).joined(separator: ", U+"))")
    }
}
