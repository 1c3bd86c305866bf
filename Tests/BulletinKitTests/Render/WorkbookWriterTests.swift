import Foundation
import Testing

@testable import BulletinKit

/// `WorkbookWriter` (the example generator's workbooks), read back two ways: the tests' own ZIP
/// reader and XML parser (`StoredZip`, `XMLTree`) for the parts, and the public `XLSX` reader for
/// the cells. Expected values are worked out by hand: 2020-07-22 is serial 44034 (2020-01-01 is
/// 43831, plus 31 + 29 + 31 + 30 + 31 + 30 + 21 days).
@Suite struct WorkbookWriterTests {
    static func sample() -> WorkbookWriter {
        var notes = WorkbookWriter.Sheet(name: "填表说明")
        notes.set(1, 1, .text("说明"), style: .title)
        var ledger = WorkbookWriter.Sheet(name: "台账")
        ledger.set(1, 1, .text("梨树县台账"), style: .title)
        ledger.merge(rows: 1, 1, columns: 1, 3)
        ledger.style(rows: 2, 3, columns: 1, 4, .body)
        ledger.set(2, 2, .number(20_201_031), style: .centered)
        ledger.set(2, 3, .date(Day(year: 2020, month: 7, day: 22)!), style: .date)
        ledger.set(3, 1, .text(" a&<b"))
        ledger.set(3, 4, .date(Day(year: 2020, month: 7, day: 22)!), style: .chineseDate)
        ledger.set(4, 1, .text("说明"))
        return WorkbookWriter(sheets: [notes, ledger])
    }

    @Test func cellsReadBackThroughTheReader() throws {
        let data = Data(try Self.sample().data())
        #expect(try XLSX.sheetNames(data) == ["填表说明", "台账"])
        #expect(try XLSX.rows(data, sheet: 0) == [["说明"]])
        // Merged A1:C1 is not filled; the styled empty cells are empty text; dates are date cells.
        #expect(
            try XLSX.rows(data, sheet: 1) == [
                ["梨树县台账"], ["", "20201031", "2020-07-22"], [" a&<b", "", "", "2020-07-22"], ["说明"],
            ])
    }

    @Test func partsHoldMergesFormatsAndSharedStrings() throws {
        let package = try StoredZip(try Self.sample().data())
        #expect(
            package.entries.map(\.name) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        for entry in package.entries { _ = try XMLTree.parse(entry.bytes, part: entry.name) }
        let sheet = try XMLTree.parse(try #require(package.entries.last?.bytes), part: "sheet2")
        #expect(sheet.all("mergeCell").map { $0["ref"] } == ["A1:C1"])
        let cells = Dictionary(uniqueKeysWithValues: sheet.all("c").map { ($0["r"] ?? "", $0) })
        #expect(cells["C2"]?.first("v")?.text == "44034")
        #expect(cells["C2"]?["s"] == String(WorkbookWriter.Style.date.rawValue))
        #expect(cells["D3"]?["s"] == String(WorkbookWriter.Style.chineseDate.rawValue))
        #expect(cells["B2"]?.first("v")?.text == "20201031")
        #expect(cells["B2"]?["t"] == nil)
        let styles = try XMLTree.parse(
            try #require(package.entries.first { $0.name == "xl/styles.xml" }?.bytes), part: "styles")
        let formats = Dictionary(
            uniqueKeysWithValues: styles.all("numFmt").map { ($0["numFmtId"] ?? "", $0["formatCode"] ?? "") })
        #expect(formats == ["176": "yyyy/m/d", "177": "yyyy\"年\"m\"月\"d\"日\""])
        let xfs = try #require(styles.first("cellXfs")).all("xf")
        #expect(xfs.count == WorkbookWriter.Style.allCases.count)
        #expect(xfs[WorkbookWriter.Style.date.rawValue]["numFmtId"] == "176")
        // "说明" is used on both sheets and stored once; the strings in order of first use.
        let strings = try XMLTree.parse(
            try #require(package.entries.first { $0.name == "xl/sharedStrings.xml" }?.bytes), part: "sst")
        #expect(strings.all("si").map { $0.first("t")?.text ?? "" } == ["说明", "梨树县台账", " a&<b"])
    }

    @Test func sameSheetsGiveSameBytes() throws {
        #expect(try Self.sample().data() == Self.sample().data())
    }
}
