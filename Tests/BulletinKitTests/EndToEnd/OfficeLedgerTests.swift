import Foundation
import Testing

@testable import BulletinKit

/// A county's ledger as an office keeps it, saved as CSV (SPEC §2.5, §2.6, §5.1): title rows, a
/// two-row header, places named (with and without suffixes, full-width spaces) instead of
/// coded, ID numbers, text and eight-digit dates, a wrong 小计, a right 合计 and a footer. Its
/// summary.csv must equal, byte for byte, the summary of the same rows keyed by code in a tidy
/// CSV — the two datasets share nothing but the rows' meaning.
@Suite struct OfficeLedgerTests {
    static let regions = """
        code,name,parent
        621200,陇南市,
        621202,武都区,621200
        621221,成县,621200
        621202001,城关镇,621202
        621202002,城关街道,621202
        621202100,汉王镇,621202
        621221100,城关镇,621221
        621202100201,寺林山村委会,621202100
        621202001001,孟家山社区居民委员会,621202001
        """

    static func configuration(ledger: String, region: String) -> String {
        """
        {
          "title": "陇南市农村危房改造进度通报", "root": "621200", "unit_label": "县区", "as_of": "2020-10-15",
          "indicators": [
            { "id": "housing", "title": "农村危房改造", "measure_unit": "户", "ledger": "\(ledger)",
              "region": \(region), "id_column": "身份证号", "category": "等级",
              "stages": [ { "id": "started", "title": "开工", "date": "开工日期" },
                          { "id": "completed", "title": "竣工", "date": "竣工日期" } ],
              "start": "2020-03-01", "deadline": "2020-10-31" },
            { "id": "people", "title": "危房改造人数", "measure_unit": "人", "ledger": "\(ledger)",
              "region": \(region), "measure": { "sum": "人数" },
              "stages": [ { "id": "completed", "title": "竣工", "date": "竣工日期" } ],
              "start": "2020-03-01", "deadline": "2020-10-31" }
          ]
        }
        """
    }

    // The five households: (county, township, village as the ledger writes them; their code),
    // householder, ID number, grade, people, started, completed.
    static let office = """
        武都区2020年农村危房改造台账,,,,,,,,
        填报单位：武都区住建局,,,,填报日期：2020年10月10日,,,,
        县区,乡镇,村,户主,身份证号,等级,人数,改造进度,
        ,,,,,,,开工日期,竣工日期
        武都区,城关镇,孟家山社区,张三丰,62120219800101123X,C,3,2020-03-05,2020/6/30
        武都,汉王,寺林山村,李四光,621202198502024321,D,4,20200401,
        武都区,城关　街道,,王五,621202197003035678,C,1,2020年5月1日,20201012
        武都区小计,,,,,,9,,
        成县,城关,,赵六,621221199004046789,D,2,2020-04-01,2020-09-30
        成县小计,,,,,,2,,
        合计,,,,,,10,,
        填表人：钱七,,,审核人：孙八,,,,,
        """

    static let tidy = """
        村代码,户主,身份证号,等级,人数,开工日期,竣工日期
        621202001001,张三丰,62120219800101123X,C,3,2020-03-05,2020-06-30
        621202100201,李四光,621202198502024321,D,4,2020-04-01,
        621202002,王五,621202197003035678,C,1,2020-05-01,2020-10-12
        621221100,赵六,621221199004046789,D,2,2020-04-01,2020-09-30
        """

    static let householders = ["张三丰", "李四光", "王五", "赵六", "钱七", "孙八"]
    static let idNumbers = ["62120219800101123X", "621202198502024321", "621202197003035678", "621221199004046789"]

    func build(_ files: [String: String]) throws -> (outcome: BuildJob.Outcome, files: [String: Data], folder: TemporaryDataset) {
        let dataset = try TemporaryDataset(files: files)
        let out = dataset.url.appendingPathComponent("out")
        let outcome = try BuildJob.build(
            BuildJob.Request(dataset: dataset.url, out: out, templates: Repository.templates.path))
        return (outcome, try filesBelow(out), dataset)
    }

    @Test func officeLedgerCountsAsTheTidyOne() throws {
        let office = try build([
            "bulletin.json": Self.configuration(ledger: "危房改造/武都区.csv", region: #"{"names": ["县区", "乡镇", "村"]}"#),
            "regions.csv": Self.regions, "危房改造/武都区.csv": Self.office,
        ])
        let tidy = try build([
            "bulletin.json": Self.configuration(ledger: "housing.csv", region: "\"村代码\""),
            "regions.csv": Self.regions, "housing.csv": Self.tidy,
        ])
        #expect(office.files["summary.csv"] == tidy.files["summary.csv"])
        // The one warning: 武都区小计 says 9 people, its three rows hold 3 + 4 + 1 = 8. 成县小计 (2)
        // and 合计 (3 + 4 + 1 + 2 = 10) are right.
        let findings = office.outcome.quality.findings
        #expect(findings.map(\.kind) == [.totalRow])
        #expect(findings.first?.line == 8)
        #expect(findings.first?.message.description.contains("小计 9 人，明细合计 8 人") == true)
        // Hand count: 4 households, 3 started by 10-15 (all four: 03-05, 04-01, 05-01, 04-01), 3
        // completed (06-30, 10-12, 09-30); 武都区 has 3 households, 2 completed.
        let summary = String(decoding: try #require(office.files["summary.csv"]), as: UTF8.self)
        #expect(summary.contains("621200,陇南市,housing,started,,4,4,100.00,"))
        #expect(summary.contains("621200,陇南市,housing,completed,,4,3,75.00,"))
        #expect(summary.contains("621202,武都区,housing,completed,,3,2,66.67,"))
        #expect(summary.contains("621200,陇南市,people,completed,,10,6,60.00,"))
    }

    /// No householder's name and no whole ID number reaches any output file.
    @Test func nothingPersonalIsPublished() throws {
        var ledger = Self.office
        // A repeated ID (a second household typed with the first one's number) and a
        // householder's name typed into the village column: both are findings, kept going.
        ledger = ledger.replacingOccurrences(
            of: "成县,城关,,赵六,621221199004046789", with: "成县,城关,赵六,赵六,62120219800101123X")
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": Self.configuration(ledger: "武都区.csv", region: #"{"names": ["县区", "乡镇", "村"]}"#),
            "regions.csv": Self.regions, "武都区.csv": ledger,
        ])
        let out = dataset.url.appendingPathComponent("out")
        var request = BuildJob.Request(dataset: dataset.url, out: out, templates: Repository.templates.path)
        request.keepGoing = true
        let outcome = try BuildJob.build(request)
        let messages = outcome.quality.findings.map(\.message.description)
        #expect(messages.contains { $0.contains("\"621202********123X\" appears on an earlier line") })
        #expect(messages.contains { $0.contains("村 (a 2-character text) is not under 城关镇") })
        for (path, bytes) in try filesBelow(out) {
            let text = String(decoding: bytes, as: UTF8.self)
            for secret in Self.householders + Self.idNumbers {
                #expect(!text.contains(secret), "\(path) holds \(secret)")
            }
        }
    }

    /// A misspelt township fails at its file and row, suggesting the right name.
    @Test func misspeltTownshipSuggestsTheName() throws {
        let ledger = Self.office.replacingOccurrences(of: "武都区,城关镇,孟家山社区", with: "武都区,成关镇,孟家山社区")
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": Self.configuration(ledger: "武都区.csv", region: #"{"names": ["县区", "乡镇", "村"]}"#),
            "regions.csv": Self.regions, "武都区.csv": ledger,
        ])
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let errors = bulletin.quality.findings.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.location == "武都区.csv:5:2")
        #expect(errors.first?.message.description.hasPrefix("乡镇 \"成关镇\" is not under 武都区; closest: 城关镇") == true)
    }

    /// A pattern reads every county's file as one ledger, ids unique across them all.
    @Test func patternJoinsCountyFilesAndChecksIDsAcrossThem() throws {
        let lines = Self.office.split(separator: "\n").map(String.init)
        let wudu = (lines[0..<8] + lines[10...]).joined(separator: "\n")
        let cheng = (lines[0..<4] + [lines[8].replacingOccurrences(of: "621221199004046789", with: "621202198502024321")])
            .joined(separator: "\n")
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": Self.configuration(ledger: "危房改造/*.csv", region: #"{"names": ["县区", "乡镇", "村"]}"#),
            "regions.csv": Self.regions, "危房改造/武都区.csv": wudu, "危房改造/成县.csv": cheng,
        ])
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let errors = bulletin.quality.findings.filter { $0.severity == .error }
        // 成县.csv comes first in code-point order (成 U+6210 < 武 U+6B66), so the repeat is in 武都区.csv.
        #expect(errors.map(\.location) == ["危房改造/武都区.csv:6:5"])
        #expect(errors.first?.kind == .duplicateID)
    }
}
