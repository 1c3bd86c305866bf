import Foundation
import Testing

@testable import BulletinKit

/// Cell values as text: serial dates in both systems (with Excel's 1900 leap-year bug), times,
/// elapsed times, ISO date cells, numbers as Python's repr writes them, and which number formats
/// are dates. Expected values are worked out by hand (and, for numbers, by Python's repr).
@Suite struct CellValueTests {
    static func serial(_ value: Double, uses1904: Bool = false, datesAsDays: Bool = false) -> String? {
        var out: [UInt8] = []
        guard DateText.appendSerial(value, uses1904: uses1904, datesAsDays: datesAsDays, to: &out) else {
            return nil
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: [
        (1.0, "1900-01-01"),
        (59.0, "1900-02-28"),
        (60.0, "1900-02-28"),  // Excel's fictitious 1900-02-29, read as calamine reads it
        (61.0, "1900-03-01"),
        (43831.0, "2020-01-01"),
        (44197.5, "2021-01-01T12:00:00"),
        (44140.604166666664, "2020-11-05T14:30:00"),
        (0.5, "12:00:00"),  // before 1900-01-01: a time of day alone
        (0.99999999, "23:59:59"),  // 23:59:59.999 shown to the second
        (2_958_465.0, "9999-12-31"),
    ])
    func serialDatesIn1900(value: Double, text: String) {
        #expect(Self.serial(value) == text)
    }

    @Test func serialDatesIn1904AndAsDays() {
        #expect(Self.serial(0, uses1904: true) == "1904-01-01")
        #expect(Self.serial(42735, uses1904: true) == "2021-01-01")  // 42735 + 1462 = 44197
        #expect(Self.serial(44140.604166666664, datesAsDays: true) == "2020-11-05")
        #expect(Self.serial(2_958_466) == nil)  // year 10000: shown as a number instead
        #expect(Self.serial(1e300) == nil)
    }

    @Test func elapsedTimesAreTotalHours() {
        var out: [UInt8] = []
        #expect(DateText.appendElapsed(10.6320601851852, to: &out))  // 918,610 s = 255 h 10 min 10 s
        #expect(String(decoding: out, as: UTF8.self) == "255:10:10")
        out = []
        #expect(DateText.appendElapsed(1.5, to: &out))
        #expect(String(decoding: out, as: UTF8.self) == "36:00:00")
    }

    @Test(arguments: [
        ("2021-01-01", "2021-01-01"), ("2021-01-01T00:00:00", "2021-01-01"),
        ("2021-01-01T10:10:10.5Z", "2021-01-01T10:10:10"), ("10:10:10", "10:10:10"),
        ("not a date", "not a date"),
    ])
    func isoDateCells(text: String, shown: String) {
        var out: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { DateText.appendISO($0, datesAsDays: false, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == shown)
    }

    /// Python: repr(0.1) '0.1', repr(1.5e-07) '1.5e-07', repr(1e15) '1000000000000000.0',
    /// repr(1e16) '1e+16', repr(0.1 + 0.2) '0.30000000000000004'.
    @Test(arguments: [
        (15.0, "15"), (-3.0, "-3"), (-0.0, "0"), (0.1, "0.1"), (1.5e-07, "1.5e-07"),
        (123_456_789_012_345.0, "123456789012345"),
        (1e15, "1000000000000000.0"), (1e16, "1e+16"), (0.1 + 0.2, "0.30000000000000004"),
    ])
    func numbersAsPythonReprWritesThem(value: Double, text: String) {
        var out: [UInt8] = []
        NumberText.append(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == text)
    }

    @Test(arguments: [
        ("yyyy-mm-dd", NumberFormatKind.date), (#"[$-804]yyyy"年"m"月"d"日""#, .date), ("yyyy/m/d;@", .date),
        ("mmm", .date), ("m/d/yy h:mm", .date), ("h:mm:ss", .timeOfDay), ("mm:ss", .timeOfDay),
        ("h:mm AM/PM", .timeOfDay), ("[h]:mm:ss", .elapsed), ("[mm]:ss", .elapsed), ("General", .number),
        ("0.00E+00", .number), ("[Red]0.00", .number), ("0.00;[Red]-0.00", .number), (#"#,##0 "元""#, .number),
        (#"0.0 "days""#, .number), (#"0\d"#, .number), ("@", .number),
    ])
    func customFormatKinds(code: String, kind: NumberFormatKind) {
        #expect(CellStyles.kind(ofFormatCode: code) == kind, "\(code)")
    }

    @Test func builtInFormatKinds() {
        for id in [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58] {
            #expect(CellStyles.kind(ofBuiltInFormat: id) == .date, "\(id)")
        }
        for id in [18, 19, 20, 21, 32, 33, 45, 47] {
            #expect(CellStyles.kind(ofBuiltInFormat: id) == .timeOfDay, "\(id)")
        }
        #expect(CellStyles.kind(ofBuiltInFormat: 46) == .elapsed)
        for id in [0, 1, 2, 9, 10, 11, 12, 13, 37, 44, 48, 49] {
            #expect(CellStyles.kind(ofBuiltInFormat: id) == .number, "\(id)")
        }
    }

    /// Shared strings: `_xHHHH_` escapes (`_x005F_` is an underscore, so the rest stays literal),
    /// rich-text runs joined, phonetic runs left out, white space kept only where preserved.
    @Test func sharedStringsTable() throws {
        let xml = #"""
            <sst><si><t>a_x000D_b</t></si><si><r><t>x</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh><r><t xml:space="preserve"> y</t></r></si>
            <si><t>_x005F_x0041_</t></si><si/><si><t> trimmed </t></si><si><t>_xD83D__xDE00_</t></si></sst>
            """#
        for chunk in [1, 7, 1000] {
            var scanner = XMLScanner(
                part: "xl/sharedStrings.xml", source: MemoryPartSource(Array(xml.utf8), chunk: chunk))
            let table = try SharedStrings(reading: &scanner)
            #expect(
                (0..<table.count).map { table.string(at: $0) } == [
                    "a\rb", "x y", "_x0041_", "", "trimmed", "😀",
                ])
            #expect(table.string(at: 6) == nil)
        }
    }

    @Test func mergedRangesAreFoundAcrossChunks() throws {
        let xml =
            #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCell C</t></is></c></row></sheetData><mergeCells count="3"><x:mergeCell ref="B5:B8"/><mergeCell  ref = 'A1:G1' /><mergeCell ref="C3"/></mergeCells></worksheet>"#
        for chunk in 1...40 {
            let ranges = try MergedRangeFinder.ranges(
                in: MemoryPartSource(Array(xml.utf8), chunk: chunk), part: "s.xml")
            #expect(
                ranges == [
                    MergedRange(top: 1, left: 0, bottom: 1, right: 6),
                    MergedRange(top: 3, left: 2, bottom: 3, right: 2),
                    MergedRange(top: 5, left: 1, bottom: 8, right: 1),
                ], "chunk \(chunk)")
        }
    }
}
