import Testing

@testable import BulletinKit

@Suite struct LedgerHeaderTests {
    static let names = ["县区", "乡镇", "村", "开工日期", "竣工日期"]

    /// A county's sheet saved as CSV: a title row, a 填报单位 line, then a two-row header whose
    /// `改造进度` spanned the two date columns and whose place columns were merged down (so the
    /// lower row is empty under them). The header is the lower row, line 4.
    @Test func titleRowsAndTwoRowHeaderFromACSV() throws {
        let rows: [(line: Int, cells: [String])] = [
            (1, ["武都区2020年农村危房改造台账", "", "", "", "", ""]),
            (2, ["填报单位：武都区住建局", "", "", "填报日期：2020年10月10日", "", ""]),
            (3, ["县区", "乡镇", "村", "户主", "改造进度", ""]),
            (4, ["", "", "", "", "开工日期", "竣工日期"]),
            (5, ["武都区", "城关镇", "东岭村", "张三", "2020-03-01", ""]),
        ]
        let header = try LedgerHeader.find(in: rows, naming: Self.names, fixedLine: nil).get()
        #expect(header.line == 4)
        #expect(header.position == 3)
        #expect(header.columns == ["县区": 0, "乡镇": 1, "村": 2, "开工日期": 4, "竣工日期": 5])
    }

    /// A column named `上级/下级` picks the one under its upper cell, where the lower text alone
    /// appears twice (计划 and 实际 both have a 竣工日期).
    @Test func upperSlashLowerSelectsAmongEqualLowerCells() throws {
        let rows: [(line: Int, cells: [String])] = [
            (1, ["村代码", "计划", "", "实际", ""]),
            (2, ["", "开工日期", "竣工日期", "开工日期", "竣工日期"]),
        ]
        let header = try LedgerHeader.find(
            in: rows, naming: ["村代码", "实际/开工日期", "实际/竣工日期"], fixedLine: nil
        ).get()
        #expect(header.columns == ["村代码": 0, "实际/开工日期": 3, "实际/竣工日期": 4])
        // Named by the lower cell alone, the column is ambiguous: a finding, not a guess.
        let problem = LedgerHeader.find(in: rows, naming: ["村代码", "竣工日期"], fixedLine: nil)
        guard case .failure(let failure) = problem else {
            Issue.record("an ambiguous name was taken")
            return
        }
        #expect(failure.ambiguous == ["竣工日期"])
    }

    /// White space inside a cell (a line break typed with Alt+Enter) and full-width letters and
    /// brackets do not stop a match.
    @Test func whitespaceAndFullWidthAreFolded() throws {
        let rows: [(line: Int, cells: [String])] = [(1, ["村　代码", "竣工\n日期", "人数（人）", "ＩＤ"])]
        let header = try LedgerHeader.find(
            in: rows, naming: ["村代码", "竣工日期", "人数(人)", "ID"], fixedLine: nil
        ).get()
        #expect(header.columns == ["村代码": 0, "竣工日期": 1, "人数(人)": 2, "ID": 3])
    }

    /// No row names every column: the closest row is reported with what it lacks and the near
    /// text it has.
    @Test func missingColumnNamesTheClosestRow() {
        let rows: [(line: Int, cells: [String])] = [
            (1, ["台账"]),
            (2, ["县区", "乡镇", "村", "开工日期", "竣工时间"]),
        ]
        guard case .failure(let problem) = LedgerHeader.find(in: rows, naming: Self.names, fixedLine: nil) else {
            Issue.record("found a header")
            return
        }
        #expect(problem.line == 2)
        #expect(problem.missing.map(\.name) == ["竣工日期"])
        #expect(problem.missing.first?.suggestion == "竣工时间")
    }

    /// `header_row` fixes the row: an earlier row that also names the columns is not taken.
    @Test func fixedHeaderRow() throws {
        let rows: [(line: Int, cells: [String])] = [
            (1, ["县区", "乡镇", "村", "开工日期", "竣工日期"]),
            (2, ["县区", "乡镇", "村", "开工日期", "竣工日期"]),
        ]
        #expect(try LedgerHeader.find(in: rows, naming: Self.names, fixedLine: 2).get().line == 2)
        #expect(try LedgerHeader.find(in: rows, naming: Self.names, fixedLine: nil).get().line == 1)
    }
}

@Suite struct TotalRowTests {
    @Test(arguments: [
        ("合计", TotalRow.Kind?.some(.total)), ("总计", .total), ("小计", .subtotal), ("全县合计", .total),
        ("本页小计", .subtotal), ("武都区小计", .subtotal), ("合　计", .total), (" 合计 ", .total),
        ("合计数", nil), ("东岭村", nil), ("", nil), ("计", nil),
    ])
    func totalRowMarkers(text: String, kind: TotalRow.Kind?) {
        var text = text
        let found = text.withUTF8 { TotalRow.kind(ofCell: $0) }
        #expect(found == kind)
    }
}

@Suite struct LedgerFilesTests {
    @Test(arguments: [
        ("武都区.xlsx", "*.xlsx", true), ("武都区.xls", "*.xlsx", false), ("a.csv", "?.csv", true),
        ("ab.csv", "?.csv", false), ("part-00001.csv", "part-*.csv", true), ("x", "*", true),
        ("abc", "a*b*c", true), ("abxc", "a*b*c", true), ("acb", "a*b*c", false), ("", "*", true),
    ])
    func patterns(name: String, pattern: String, matches: Bool) {
        #expect(LedgerFiles.matches(Array(name.unicodeScalars), Array(pattern.unicodeScalars)) == matches)
    }

    @Test(arguments: [
        ("housing.csv", true), ("危房改造/*.xlsx", true), ("../housing.csv", false), ("/etc/passwd", false),
        ("a/../b.csv", false), (".hidden/x.csv", false), ("*/x.csv", false), ("a\\b.csv", false), ("", false),
    ])
    func acceptedPatterns(pattern: String, isAccepted: Bool) {
        #expect((LedgerFiles.problem(withPattern: pattern) == nil) == isAccepted)
    }
}

@Suite struct TotalRowFigureTests {
    // Measures are kept in ten-thousandths: 3,421 people are 34,210,000; 12.5 is 125,000.
    @Test(arguments: [
        (Int64(0), "0"), (34_210_000, "3,421"), (125_000, "12.5"), (123_456_780_001, "12,345,678.0001"),
        (9_990_000, "999"), (10_000_000, "1,000"),
    ])
    func figuresAreGroupedAsPeopleWriteThem(value: Int64, text: String) {
        #expect(RowCounter.figure(value) == text)
    }
}
