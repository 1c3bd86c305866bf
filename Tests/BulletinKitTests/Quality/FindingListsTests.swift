import Foundation
import Testing

@testable import BulletinKit

/// Findings that can go back to the counties (issue 17, item 7): each finding is put with the
/// unit its row lies in — or, for a row that lies nowhere, with the county whose own file it
/// is in — and each unit gets `quality/<code>.csv`, a section on the quality page and a phrase
/// in the briefing. Findings of no unit are the city's own, filed under the root's code.
@Suite struct FindingListsTests {
    /// The rows of a `quality/*.csv` after its header: fields split on commas (no cell of these
    /// fixtures holds a comma except the message, which is the eighth column and quoted).
    static func rows(_ file: URL) throws -> [[String]] {
        // Decoded by hand: Foundation's reading would drop the byte-order mark.
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}文件,工作表,行,列,编号,级别,类别,问题,改正方法\r\n"))
        return text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { line in
            // Keep the first seven fields; the message and the fix follow.
            Array(
                line.split(separator: ",", maxSplits: 7, omittingEmptySubsequences: false).prefix(7).map(
                    String.init))
        }
    }

    /// Builds `dataset` with the shipped templates and --keep-going into `folder`/output; the
    /// output folder and the names of its `quality/` lists.
    static func build(_ dataset: TemporaryDataset, into folder: TemporaryFolder) throws -> (URL, [String]) {
        let out = folder.url.appendingPathComponent("output")
        _ = try BuildJob.build(
            BuildJob.Request(dataset: dataset.url, out: out, templates: Repository.templates.path, keepGoing: true))
        return (out, try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("quality").path))
    }

    /// The `--keep-going` fixture (KeepGoingTests): by hand, line 8 (region 555, in no unit) and
    /// line 12 (seven fields: its region cannot be trusted) are the city's; lines 9 (h8 in 101,
    /// people `abc`) and 14 (h12 in 101, after the bulletin date) are 甲县's; lines 10 (h3 again,
    /// in 102) and 11 (h9 in 102, bad date) 乙县's; line 13 (h11 in 103, stage order) 丙县's.
    /// housing.csv holds rows of all three counties, so no file fallback applies.
    @Test func eachFindingGoesToTheCountyOfItsRow() throws {
        let dataset = try KeepGoingTests.makeDataset()
        let folder = try TemporaryFolder()
        let (out, lists) = try Self.build(dataset, into: folder)
        #expect(lists.sorted() == ["100.csv", "101.csv", "102.csv", "103.csv"])
        func lines(_ code: String) throws -> [String] {
            try Self.rows(out.appendingPathComponent("quality/\(code).csv")).map { $0[2] }
        }
        #expect(try lines("100") == ["8", "12"])
        #expect(try lines("101") == ["9", "14"])
        #expect(try lines("102") == ["10", "11"])
        #expect(try lines("103") == ["13"])
        // File, sheet, line, column, id, severity, kind: h8's people cell is column 3.
        let first = try Self.rows(out.appendingPathComponent("quality/101.csv"))[0]
        #expect(first == ["housing.csv", "", "9", "3", "h8", "错误", "数值无法识别"])
        let text = try String(contentsOf: out.appendingPathComponent("quality/101.csv"), encoding: .utf8)
        #expect(text.contains(",填写不小于0的数字\r\n"))

        // The model says the same: line 9 is 甲县's (101) with id h8, line 8 nobody's.
        let model = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("data.json")))
                as? [String: Any])
        let findings = try #require((model["quality"] as? [String: Any])?["findings"] as? [[String: Any]])
        let line9 = try #require(findings.first { $0["line"] as? Int == 9 })
        #expect(line9["unit"] as? String == "101")
        #expect(line9["id"] as? String == "h8")
        let line8 = try #require(findings.first { $0["line"] as? Int == 8 })
        #expect(line8["unit"] is NSNull)

        // The page: a section per county headed with its counts, and a link to its list.
        let page = try String(contentsOf: out.appendingPathComponent("quality.html"), encoding: .utf8)
        #expect(page.contains(">甲县（错误1条、疑点1条）</h2>"))
        #expect(page.contains(">乙县（错误2条）</h2>"))
        #expect(page.contains(">未能归属到县的问题（错误2条）</h2>"))
        #expect(page.contains("href=\"quality/101.csv\""))
        // The briefing says where the findings are in words, most frequent kind first (ties by
        // key: after-as-of before bad-number, bad-date before duplicate-id), the city's own last.
        let briefing = try String(contentsOf: out.appendingPathComponent("briefing.md"), encoding: .utf8)
        #expect(
            briefing.contains(
                "分单位看，甲县错误1条、疑点1条（日期晚于通报日期1条、数值无法识别1条）；乙县错误2条（日期无法识别1条、编号重复1条）；"
                    + "丙县疑点1条（环节日期先后颠倒1条）；另有错误2条未能归属到县（字段个数不对1条、区划代码不在 regions.csv 中1条）。"))
        #expect(!briefing.contains("详见数据质量页"))
    }

    /// One file per county (`housing/*.csv`): a row whose region is not in regions.csv is still
    /// its county's, since every counted row of that file lies in 甲县; its resident ID number
    /// is listed masked (SPEC §5.1), never whole.
    @Test func aCountysOwnFileKeepsItsUnplacedRows() throws {
        let housing = BaseDataset.housing.setting("ledger", to: "housing/*.csv")
        let header = "hid,village,people,grade,started,completed\n"
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": BaseDataset.bulletinJSON(indicators: [housing]),
            "regions.csv": BaseDataset.regions,
            "housing/甲县.csv": header + "110101199003074578,101001001,3,C,2020-04-01,2020-09-01\n"
                + "110101199003074579,555,1,C,2020-04-01,2020-09-01\n",
            "housing/乙县.csv": header + "H0001,102,1,D,2020-04-01,2020-08-15\n",
        ])
        let folder = try TemporaryFolder()
        let (out, lists) = try Self.build(dataset, into: folder)
        #expect(lists == ["101.csv"])
        let rows = try Self.rows(out.appendingPathComponent("quality/101.csv"))
        #expect(
            rows == [["housing/甲县.csv", "", "3", "2", "110101********4579", "错误", "区划代码不在 regions.csv 中"]])
        let everything = try filesBelow(out).values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!everything.contains("199003074579"))
    }

    /// What a list shows of a row's id: resident ID numbers masked, household numbers as they
    /// are, anything that is not a code (a name typed into the id column) not at all.
    @Test(
        arguments: [
            ("411002199001010055", "411002********0055"),
            ("411002900101005", "411002*****1005"),
            ("H0001", "H0001"),
            ("4113270010034", "4113270010034"),
            ("张三", nil),
            ("", nil),
        ] as [(String, String?)])
    func listedIDs(id: String, listed: String?) {
        #expect(LedgerRow.listedID(id) == listed)
    }
}
