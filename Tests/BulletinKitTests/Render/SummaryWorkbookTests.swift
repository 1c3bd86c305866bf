import Foundation
import Testing

@testable import BulletinKit

/// `summary.xlsx` read back with the tests' ZIP reader and XML parser, against `summary.csv` of
/// the same bulletin.
@Suite struct SummaryWorkbookTests {
    /// The sheet's rows as `[column letter: cell]`.
    struct Cell {
        var type: String?
        var style: String?
        var value: String
    }

    static func sheet(_ package: StoredZip) throws -> [[String: Cell]] {
        let sheet = try XMLTree.parse(try #require(package.text("xl/worksheets/sheet1.xml")), part: "sheet1")
        return sheet.all("row").map { row in
            var cells: [String: Cell] = [:]
            for cell in row.all("c") {
                let reference = cell["r"] ?? ""
                let column = String(reference.prefix { $0.isLetter })
                let value =
                    cell["t"] == "inlineStr" ? cell.first("t")?.text ?? "" : cell.first("v")?.text ?? ""
                cells[column] = Cell(type: cell["t"], style: cell["s"], value: value)
            }
            return cells
        }
    }

    static let columns = (0..<14).map { String(UnicodeScalar(UInt8(65 + $0))) }  // A…N

    /// Every cell equals the CSV's field: numbers as numeric cells with the same decimal text,
    /// text as inline strings, empty fields as no cell.
    @Test(arguments: Repository.examples)
    func valuesEqualSummaryCSV(example: String) throws {
        let dataset = Repository.example(example)
        let csv = try CSV.parse(try DocxFixture.file("summary.csv", of: dataset))
        let package = try StoredZip(DocxFixture.file("summary.xlsx", of: dataset))
        for entry in package.entries { _ = try XMLTree.parse(entry.bytes, part: entry.name) }
        let rows = try Self.sheet(package)
        #expect(rows.count == csv.count)
        // Columns F…M (target … rank) are numbers; H, I, J and L are percentages or points.
        let numeric = Set(["F", "G", "H", "I", "J", "K", "L", "M"])
        let twoDecimals = Set(["H", "I", "J", "L"])
        for (index, (row, fields)) in zip(rows, csv).enumerated() {
            for (column, field) in zip(Self.columns, fields) {
                guard let cell = row[column] else {
                    #expect(field.isEmpty, "\(example) row \(index + 1) \(column): missing, CSV has \(field)")
                    continue
                }
                #expect(cell.value == field, "\(example) row \(index + 1) \(column)")
                if index == 0 {
                    #expect(cell.type == "inlineStr" && cell.style == "2")  // the bold header
                } else if numeric.contains(column) {
                    #expect(
                        cell.type == nil && Double(cell.value) != nil, "\(column)\(index + 1) is not a number"
                    )
                    #expect(
                        (cell.style == "1") == twoDecimals.contains(column), "\(column)\(index + 1) format")
                } else {
                    #expect(cell.type == "inlineStr", "\(column)\(index + 1) is not text")
                }
            }
        }
    }

    /// Style 1 is number format 2, which ECMA-376 (18.8.30) defines as `0.00`; style 2 is bold.
    /// The header row is frozen, and the columns are sized to their contents.
    @Test func formatsFrozenHeaderAndWidths() throws {
        let package = try StoredZip(DocxFixture.file("summary.xlsx", of: Repository.example("nanyang")))
        let styles = try XMLTree.parse(try #require(package.text("xl/styles.xml")), part: "styles")
        let formats = try #require(styles.first("cellXfs")).all("xf")
        #expect(formats.count == 3 && formats[1]["numFmtId"] == "2" && formats[1]["applyNumberFormat"] == "1")
        #expect(styles.all("font")[Int(formats[2]["fontId"] ?? "") ?? 0].first("b") != nil)
        let sheet = try XMLTree.parse(try #require(package.text("xl/worksheets/sheet1.xml")), part: "sheet")
        let pane = try #require(sheet.first("pane"))
        #expect(pane["ySplit"] == "1" && pane["topLeftCell"] == "A2" && pane["state"] == "frozen")
        let widths = sheet.all("col").map { $0["width"] ?? "" }
        #expect(widths.count == 14)
        // By hand, plus two characters of padding: unit_code is its header (9) → 11; unit_name
        // 南阳市城乡一体化示范区, 11 wide characters → 22 → 24; indicator
        // "relocation_households" (21) → 23; rate_pct "rate_pct" (8) over "100.00" (6) → 10;
        // status "complete" (8) → 10.
        #expect(
            widths[0] == "11" && widths[1] == "24" && widths[2] == "23" && widths[7] == "10"
                && widths[13] == "10")
        #expect(sheet.first("dimension")?["ref"] == "A1:N\(try Self.sheet(package).count)")
    }

    /// Names that look like formulas stay text: an inline string is never evaluated, so no
    /// cell has a formula, and the CSV's protective `'` is not needed.
    @Test func hostileNamesAreInlineText() throws {
        let dataset = try DocxFixture.hostileDataset()
        let package = try StoredZip(DocxFixture.file("summary.xlsx", of: dataset.url))
        let sheet = try XMLTree.parse(try #require(package.text("xl/worksheets/sheet1.xml")), part: "sheet")
        #expect(sheet.all("f").isEmpty)
        let names = sheet.all("c").filter { $0["r"]?.hasPrefix("B") == true }.map {
            $0.first("t")?.text ?? ""
        }
        #expect(names.contains("=HYPERLINK(\"http://x.invalid\",\"乙县\")|**"))
        #expect(names.contains("<script>alert(1)</script>甲县"))
        let categories = Set(
            sheet.all("c").filter { $0["r"]?.hasPrefix("E") == true }.map { $0.first("t")?.text ?? "" })
        #expect(categories.isSuperset(of: ["@SUM(A1)", "+1|2", "<s>D</s>"]))
    }
}

/// The sheet's column widths and kept white space, measured on ASCII bytes where they can be.
struct SummaryWorkbookTextTests {
    /// A column per ASCII character or narrow scalar, two per CJK character: "12,345" is 6,
    /// "宛城区" 6, "a宛" 3, "é" (one scalar) 1, "e\u{301}" (two scalars) 2, "" 0.
    @Test(arguments: [("12,345", 6), ("宛城区", 6), ("a宛", 3), ("é", 1), ("e\u{301}", 2), ("", 0), ("７５％", 6)])
    func widthCountsWideCharactersTwice(text: String, width: Int) {
        #expect(SummaryWorkbook.displayWidth(text) == width)
    }

    /// Every ASCII byte at either end is judged as Unicode's White_Space property judges it, and
    /// so are the non-ASCII spaces (ideographic, no-break, next line) and letters.
    @Test func whiteSpaceAtEitherEndAgreesWithUnicode() {
        let ends: [Unicode.Scalar] =
            (0..<128).map { Unicode.Scalar(UInt8($0)) } + [
                "\u{3000}", "\u{A0}", "\u{85}", "\u{2003}", "宛", "é",
            ]
        for scalar in ends {
            let expected = scalar.properties.isWhitespace
            let character = String(Character(scalar))
            #expect(SpreadsheetML.startsOrEndsWithWhitespace(character + "x") == expected, "\(scalar.value)")
            #expect(SpreadsheetML.startsOrEndsWithWhitespace("x" + character) == expected, "\(scalar.value)")
        }
        #expect(!SpreadsheetML.startsOrEndsWithWhitespace(""))
        #expect(!SpreadsheetML.startsOrEndsWithWhitespace("宛 城"))
    }
}
