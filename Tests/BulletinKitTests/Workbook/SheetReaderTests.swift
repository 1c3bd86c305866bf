import Foundation
import Testing

@testable import BulletinKit

/// The ledger path over workbooks from three writers (`Fixtures/Workbooks/make_workbooks.py`):
/// records with Excel's row numbers, merged ranges filled, dates as days, and each field's kind.
/// Every expected value is worked out by hand from what the script wrote (serials in comments).
@Suite struct SheetReaderTests {
    struct Row: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var kinds: [CellKind]
        var description: String { "\(line): \(fields) \(kinds)" }
    }

    static func fixture(_ name: String) -> String {
        Repository.root.appendingPathComponent("Tests/BulletinKitTests/Fixtures/Workbooks/\(name)").path
    }

    static func read(_ name: String, sheet: SheetSelector, fillsMergedCells: Bool = true) throws -> [Row] {
        let path = fixture(name)
        var reader = try SheetReader(archive: try ZipArchive.workbook(path: path), file: name, sheet: sheet)
        reader.fillsMergedCells = fillsMergedCells
        var record = CSVRecord()
        var rows: [Row] = []
        while try reader.readRecord(into: &record) {
            rows.append(
                Row(
                    line: record.line, fields: record.strings,
                    kinds: (0..<record.count).map(reader.kind(ofField:))))
        }
        return rows
    }

    static let title = "武都区2020年农村危房改造台账"

    /// openpyxl: inline strings (one rich), a title merged across A1:G1, a two-row header with
    /// `改造进度` over `开工日期|竣工日期`, the county merged down B5:B8, dates in four formats,
    /// a text date, an eight-digit number, a formula openpyxl leaves without a cached value, an
    /// error, a boolean, and no row 9.
    @Test func openpyxlLedgerSheet() throws {
        let rows = try Self.read("ledger-openpyxl.xlsx", sheet: .name("台账"))
        let t = CellKind.text
        let n = CellKind.number
        let d = CellKind.date
        let e = CellKind.empty
        #expect(rows.map(\.line) == [1, 2, 3, 4, 5, 6, 7, 8, 10])
        #expect(
            rows[0]
                == Row(
                    line: 1, fields: Array(repeating: Self.title, count: 7),
                    kinds: Array(repeating: t, count: 7)))
        #expect(rows[1].fields == ["填报单位：武都区住建局  填报日期：2020年11月5日"])
        #expect(rows[2].fields == ["序号", "县区", "户主", "改造进度", "改造进度", "补助资金", "备注"])
        #expect(rows[3].fields == ["序号", "县区", "户主", "开工日期", "竣工日期", "补助资金", "备注"])
        // D5 43892 = 2020-01-01 (43831) + 61 days: 2020-03-02 (yyyy-mm-dd).
        #expect(
            rows[4]
                == Row(
                    line: 5, fields: ["1", "武都区", "张三", "2020-03-02", "2020/10/31", "20000", "TRUE"],
                    kinds: [n, t, t, d, t, n, .boolean]))
        // D6 43936 = 2020-04-15 (yyyy"年"m"月"d"日"); E6 20201031 has no date format; F6 =1000*2
        // with an empty <v>; G6 #N/A.
        #expect(
            rows[5]
                == Row(
                    line: 6, fields: ["2", "武都区", "李四", "2020-04-15", "20201031", "", "#N/A"],
                    kinds: [n, t, t, d, n, .formulaWithoutValue, .error]))
        // D7 43957 = 2020-05-06 (built-in 14); E7 44140.604… = 2020-11-05 14:30, the day kept.
        #expect(
            rows[6]
                == Row(
                    line: 7, fields: ["3", "武都区", "王五", "2020-05-06", "2020-11-05", "12345678"],
                    kinds: [n, t, t, d, d, n]))
        // D8 43989 = 2020-06-07 (yyyy/m/d;@); E8 empty; G8 keeps its preserved spaces.
        #expect(
            rows[7]
                == Row(
                    line: 8, fields: ["4", "武都区", "赵六", "2020-06-07", "", "0.1", "  说明  "],
                    kinds: [n, t, t, d, e, n, t]))
        #expect(
            rows[8] == Row(line: 10, fields: ["合计", "", "", "", "", "12367678"], kinds: [t, e, e, e, e, n]))
    }

    @Test func mergedCellsAreLeftAsStoredWhenNotFilled() throws {
        let rows = try Self.read("ledger-openpyxl.xlsx", sheet: .position(2), fillsMergedCells: false)
        #expect(rows[0].fields == [Self.title])
        #expect(rows[3].fields == ["", "", "", "开工日期", "竣工日期"])
        #expect(rows[5].fields[1] == "")
    }

    @Test func theNotesSheetComesFirst() throws {
        let rows = try Self.read("ledger-openpyxl.xlsx", sheet: .first)
        #expect(rows == [Row(line: 1, fields: ["填表说明：日期填写为日期格式"], kinds: [.text])])
    }

    /// xlsxwriter, 1904 date system: serials are 1,462 days smaller than in 1900; shared strings
    /// with a rich-text run; cached formula values (number, text, error); built-in formats 14, 31
    /// and 58 and a custom Chinese one; the county merged down A2:A4; no row 5.
    @Test func xlsxwriterLedgerIn1904() throws {
        let rows = try Self.read("ledger-xlsxwriter-1904.xlsx", sheet: .name("台账"))
        let t = CellKind.text
        let n = CellKind.number
        let d = CellKind.date
        let e = CellKind.empty
        #expect(rows.map(\.line) == [1, 2, 3, 4, 6])
        #expect(rows[0].fields == ["县区", "乡镇", "户主", "竣工日期", "人数", "检查", "开工日期"])
        // D2 42673 + 1462 = 44135 = 2020-10-31 (14); G2 42429 + 1462 = 43891 = 2020-03-01 (31).
        #expect(
            rows[1]
                == Row(
                    line: 2, fields: ["文县", "城关镇", "甲", "2020-10-31", "3", "多", "2020-03-01"],
                    kinds: [t, t, t, d, n, t, d]))
        // D3 42735 + 1462 = 44197 = 2021-01-01; E3 =1+1 cached 2; G3 42428 + 1462 = 2020-02-29 (58).
        #expect(
            rows[2]
                == Row(
                    line: 3, fields: ["文县", "城关镇", "乙二", "2021-01-01", "2", "#N/A", "2020-02-29"],
                    kinds: [t, t, t, d, n, .error, d]))
        #expect(
            rows[3]
                == Row(
                    line: 4, fields: ["文县", "碧口镇", "丙", "2020年6月5日", "1.5", "FALSE"],
                    kinds: [t, t, t, t, n, .boolean]))
        #expect(
            rows[4]
                == Row(line: 6, fields: ["", "", "", "", "", "", "", "尾注"], kinds: [e, e, e, e, e, e, e, t]))
    }

    /// The same sheet through `XLSX.rows`: merged cells as stored, full canonical dates, error
    /// values empty as the reference reader shows them, the missing row 5 as `[]`.
    @Test func xlsxwriterSheetAsCanonicalRows() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("ledger-xlsxwriter-1904.xlsx")))
        #expect(try XLSX.sheetNames(data) == ["说明", "台账"])
        #expect(
            try XLSX.rows(data, sheet: 1) == [
                ["县区", "乡镇", "户主", "竣工日期", "人数", "检查", "开工日期"],
                ["文县", "城关镇", "甲", "2020-10-31", "3", "多", "2020-03-01"],
                ["", "城关镇", "乙二", "2021-01-01", "2", "", "2020-02-29"],
                ["", "碧口镇", "丙", "2020年6月5日", "1.5", "FALSE"],
                [],
                ["", "", "", "", "", "", "", "尾注"],
            ])
    }

    /// LibreOffice converting a CSV: shared strings, the ISO date made a date cell (44135 =
    /// 2020-10-31), the slash date left text, twelve-digit codes as numbers.
    @Test func libreOfficeConvertedCSV() throws {
        let rows = try Self.read("ledger-libreoffice.xlsx", sheet: .name("ledger-libreoffice"))
        #expect(
            rows.map(\.fields) == [
                ["危房改造台账"],
                ["村代码", "户主", "竣工日期", "补助"],
                ["621202100201", "张三", "2020-10-31", "20201031"],
                ["621202100202", "李四", "2020/11/5", "1234.5"],
                ["621202100203", "王五"],
                ["合计", "", "", "20202265.5"],
            ])
        #expect(rows[2].kinds == [.number, .text, .date, .number])
        #expect(rows[3].kinds[2] == .text)
    }

    /// Rows and cells without `r` take the next position, a row without `r` is where its first
    /// cell says; a merged range whose top row is not in the sheet fills nothing; a range
    /// reaching past the last row ends with the sheet.
    @Test func positionsWithoutReferencesAndPartialMerges() throws {
        var parts = WorkbookErrorTests.minimalParts
        parts["xl/worksheets/sheet1.xml"] = #"""
            <worksheet><sheetData>
            <row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>
            <row><c r="C4"><v>2</v></c><c><v>3</v></c></row>
            <row r="6"><c r="B6"><v>4</v></c></row>
            <row><c r="A7"><v>5</v></c></row>
            </sheetData><mergeCells><mergeCell ref="A5:B6"/><mergeCell ref="A7:C9"/></mergeCells></worksheet>
            """#
        var reader = try SheetReader(
            package: PartsPackage(parts: parts, chunk: 5), file: "p.xlsx", sheet: .first)
        var record = CSVRecord()
        var rows: [Row] = []
        while try reader.readRecord(into: &record) {
            rows.append(
                Row(
                    line: record.line, fields: record.strings,
                    kinds: (0..<record.count).map(reader.kind(ofField:))))
        }
        let n = CellKind.number
        #expect(
            rows == [
                Row(line: 1, fields: ["a", "1"], kinds: [.text, n]),
                Row(line: 4, fields: ["", "", "2", "3"], kinds: [.empty, .empty, n, n]),
                Row(line: 6, fields: ["", "4"], kinds: [.empty, n]),  // A5 (the top-left) is not in the sheet
                Row(line: 7, fields: ["5", "5", "5"], kinds: [n, n, n]),
            ])
    }

    @Test func aMissingSheetListsTheSheets() throws {
        do {
            _ = try Self.read("ledger-openpyxl.xlsx", sheet: .name("汇总"))
            Issue.record("a missing sheet was read")
        } catch let error as WorkbookError {
            #expect(error.kind == .noSuchSheet)
            #expect(error.file == "ledger-openpyxl.xlsx")
            #expect(error.message.contains("\"说明\", \"台账\""))
        }
        #expect(throws: WorkbookError.self) { try Self.read("ledger-openpyxl.xlsx", sheet: .position(3)) }
    }

    /// The merged-range look-ahead reads the sheet without its CRC-32, and the row reader stops
    /// at `</sheetData>`, so the row reader must still run the part to its end and refuse a
    /// sheet whose CRC-32 is wrong, merged cells filled or not: here the openpyxl ledger (merged
    /// A1:G1 and B5:B8) with its worksheets' CRC-32 changed in the local and central headers.
    @Test(arguments: [true, false]) func aWrongChecksumIsFound(fillingMergedCells: Bool) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("ledger-openpyxl.xlsx")))
        let archive = try ZipArchive(data: data)
        let sheets = archive.entries.filter { $0.path.hasPrefix("xl/worksheets/") }
        #expect(!sheets.isEmpty)
        for entry in sheets {
            let stored = withUnsafeBytes(of: entry.crc32.littleEndian) { Data($0) }
            let changed = withUnsafeBytes(of: (entry.crc32 ^ 1).littleEndian) { Data($0) }
            var replaced = 0
            while let range = data.range(of: stored) {
                data.replaceSubrange(range, with: changed)
                replaced += 1
            }
            #expect(replaced == 2, "\(entry.path): its CRC-32 in the local and the central header")
        }
        let damaged = try ZipArchive(data: data)
        var reader = try SheetReader(archive: damaged, file: "ledger.xlsx", sheet: .name("台账"))
        reader.fillsMergedCells = fillingMergedCells
        var record = CSVRecord()
        var rows = 0
        do {
            while try reader.readRecord(into: &record) { rows += 1 }
            Issue.record("a sheet with a wrong CRC-32 was read to its end (\(rows) rows)")
        } catch {
            #expect(error.kind == .damaged, "\(error)")
            #expect(error.message.contains("CRC-32"), "\(error.message)")
        }
    }
}
