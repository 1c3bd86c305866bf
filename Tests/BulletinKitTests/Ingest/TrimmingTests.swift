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

extension TrimmingTests {
    /// The byte-level test `trimmedString` uses finds white space exactly where `isWhitespace`
    /// does, for every scalar, at the start of a field and at its end, next to other text.
    @Test func byteLevelWhitespaceIsScalarWhitespace() {
        var differences: [String] = []
        let before = Array("卧".utf8)
        let after = Array("x".utf8)
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let encoded = Array(String(scalar).utf8)
            let expected = CSVRecord.isWhitespace(scalar) ? encoded.count : nil
            let field = before + encoded + after
            field.withUnsafeBufferPointer { bytes in
                let starting = CSVRecord.whitespaceLength(bytes, startingAt: before.count)
                let ending = CSVRecord.whitespaceLength(bytes, endingAt: before.count + encoded.count)
                if starting != expected || ending != expected { differences.append(String(value, radix: 16)) }
            }
        }
        #expect(differences.isEmpty, "differ at U+\(differences.prefix(10).joined(separator: ", U+"))")
    }
}
