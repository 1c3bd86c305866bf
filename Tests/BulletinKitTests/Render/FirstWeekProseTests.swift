import Foundation
import Testing

@testable import BulletinKit

/// The briefing of a campaign's first week (issue 17: never list ten names under 前三名 without
/// saying why; no empty headings). Nanyang on 2020-01-02: relocation started on 2020-01-01 and
/// nobody has moved in yet, so each of the 14 units with a task stands at 0 of its target,
/// 0.00%, while time progress is already above zero — all tied, all behind; water and housing
/// start on 2020-03-01.
@Suite struct FirstWeekProseTests {
    @Test func aFirstWeekSaysWhyNothingIsRanked() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("output")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: Repository.example("nanyang"), out: out, asOf: Day(year: 2020, month: 1, day: 2),
                templates: Repository.templates.path))
        let briefing = try String(contentsOf: out.appendingPathComponent("briefing.md"), encoding: .utf8)
        let ranking = try #require(briefing.components(separatedBy: "## 三、排名").last?.components(separatedBy: "## 四、").first)
        // Both relocation indicators: one sentence, no names.
        #expect(ranking.components(separatedBy: "各县（市、区）完成率均为0.00%，均滞后时序进度，不排名次。").count == 3)
        #expect(!ranking.contains("前三名"))
        #expect(!ranking.contains("宛城区"))
        // Water and housing: the heading says why it has nothing under it.
        #expect(ranking.components(separatedBy: "该项任务2020年3月1日开始，尚未开始，不排名次。").count == 3)
        // The composite rank of fourteen first places is a sentence, not a table.
        #expect(ranking.contains("各县（市、区）综合得分均为0.00%，不排名次。"))
        #expect(!ranking.contains("| 1 |"))
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!index.contains("class=\"flags\""))
    }
}
