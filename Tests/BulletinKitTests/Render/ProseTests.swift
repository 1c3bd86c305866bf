import Foundation
import Testing

@testable import BulletinKit

/// The briefing's sentences on the starter dataset (`bulletin init`), worked out by hand from
/// its ledger: 东县 4 of 4 houses 竣工 by 2020-08-30, 西县 1 of 4 (2020-09-25), 南县 2 of 2
/// (2020-10-08); the city 7 of 10 = 70.00%. Window 2020-03-01 … 2020-10-31 (245 days); on
/// 2020-10-15 day 229, time progress 229/245 = 93.47%, gap 70.00 − 93.47 = −23.47 points.
struct ProseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var flags = #"{ "top": 1, "bottom": 1 }"#
        var asOf: Day? = nil
        /// Lines the briefing must hold, whole.
        var lines: [String]
        /// Text it must not hold anywhere.
        var absent: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a tie under a heading of one is said as 并列; what is left is said",
            lines: [
                "截至2020年10月15日，示例市农村危房改造任务10户，已竣工7户，完成率70.00%，与上期持平，尚有3户未竣工；时序进度93.47%，滞后时序进度23.47个百分点。",
                "第一名：东县、南县并列（100.00%）；末位：西县（25.00%）。",
                "第一名均已全部完成。",
                "西县低于示例市平均水平（70.00%），且滞后时序进度。",
                "### 农村危房改造：竣工（户）",
            ],
            absent: ["前1名", "（竣工，户）", "）（"]),
        Case(
            name: "前N名 follows flags, in Chinese numerals, with the tie's rank",
            flags: #"{ "top": 2, "bottom": 1 }"#,
            lines: ["前二名：东县、南县等2个县（区）并列第一名（100.00%）；末位：西县（25.00%）。", "前二名均已全部完成。"]),
        // 2020-11-05 is past the deadline: 西县 (25.00%) is overdue and below the average.
        Case(
            name: "past the deadline the sentence says so instead of time progress",
            asOf: Day(year: 2020, month: 11, day: 5),
            lines: [
                "截至2020年11月5日，示例市农村危房改造任务10户，已竣工7户，完成率70.00%，与上期持平，尚有3户未竣工；已过完成时限（2020年10月31日）。",
                "西县（25.00%）已过完成时限仍未完成，低于示例市平均水平（70.00%）。",
            ],
            absent: ["时序进度100.00%"]),
    ]

    @Test(arguments: cases)
    func briefingSays(_ example: Case) throws {
        let dataset = try TemporaryFolder()
        try StarterDataset.write(to: dataset.url)
        let configuration = dataset.url.appendingPathComponent("bulletin.json")
        let text = try String(contentsOf: configuration, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #"{ "top": 1, "bottom": 1 }"#, with: example.flags).utf8)
            .write(to: configuration)
        let out = try TemporaryFolder()
        let target = out.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: dataset.url, out: target, asOf: example.asOf, templates: Repository.templates.path))
        let briefing = try String(contentsOf: target.appendingPathComponent("briefing.md"), encoding: .utf8)
        let lines = Set(briefing.components(separatedBy: "\n"))
        for line in example.lines { #expect(lines.contains(line), "missing: \(line)") }
        for text in example.absent { #expect(!briefing.contains(text), "should not say: \(text)") }
    }

    /// 截至… opens the overview once, however many indicators follow (Nanyang has four).
    @Test func theOverviewSaysTheDateOnce() throws {
        let out = try TemporaryFolder()
        let target = out.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: Repository.example("nanyang"), out: target, templates: Repository.templates.path))
        let briefing = try String(contentsOf: target.appendingPathComponent("briefing.md"), encoding: .utf8)
        let overview =
            briefing.components(separatedBy: "## 二、")[0].components(separatedBy: "## 一、").last ?? ""
        #expect(overview.components(separatedBy: "截至").count - 1 == 1)
        // 14,083 households, 13,878 moved in: 205 left; the deadline 2020-09-30 has passed.
        #expect(overview.contains("尚有205户未入住；已过完成时限（2020年9月30日）。"))
    }
}
