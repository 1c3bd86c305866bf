import Foundation
import Testing

@testable import BulletinKit

/// Rank change since the previous bulletin, 第N位/共M个 and the unit summary, on Nanyang's water
/// indicator. Previous rates worked out from the golden summary.csv (rate − rate change):
/// 卧龙、西峡、内乡、新野 100 (rank 1 both times); 镇平 90.91 − 2.12 = 88.79 (was 5th),
/// 方城 93.95 − 6.36 = 87.59 (6th), 淅川 92.06 − 11.00 = 81.06 (7th), 社旗 80.18 − 0.94 = 79.24
/// (8th), 唐河 79.02 − 1.87 = 77.15 (9th), 桐柏 79.93 − 4.85 = 75.08 (10th). Now 方城 5, 淅川 6,
/// 镇平 7, 社旗 8, 桐柏 9, 唐河 10, of 12 units with a water task.
struct StandingTests {
    static let built: Result<[String: String], any Error> = Result {
        let out = try TemporaryFolder()
        let target = out.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: Repository.example("nanyang"), out: target, templates: Repository.templates.path))
        var pages: [String: String] = [:]
        for code in ["411322", "411326", "411324", "411327", "411330", "411328", "411372"] {
            pages[code] = try String(
                contentsOf: target.appendingPathComponent("units/\(code).html"), encoding: .utf8)
        }
        return pages
    }

    @Test(arguments: [
        ("411322", "第5位/共12个（<span title=\"较上期上升1位\">↑1</span>）"),
        ("411326", "第6位/共12个（<span title=\"较上期上升1位\">↑1</span>）"),
        ("411324", "第7位/共12个（<span title=\"较上期下降2位\">↓2</span>）"),
        ("411330", "第9位/共12个（<span title=\"较上期上升1位\">↑1</span>）"),
        ("411328", "第10位/共12个（<span title=\"较上期下降1位\">↓1</span>）"),
        // 社旗 stays 8th: no arrow.
        ("411327", "第8位/共12个</p>"),
    ])
    func aUnitPageSaysItsRankAndHowItMoved(code: String, expected: String) throws {
        let page = try #require(try Self.built.get()[code])
        #expect(page.contains(expected))
    }

    /// 示范区 has relocation (households and people, both overdue) and housing (50.00%, 43.47
    /// points behind: red); no water task. It is last of 14 in the composite rank.
    @Test func aUnitPageOpensWithOneSentence() throws {
        let page = try #require(try Self.built.get()["411372"])
        #expect(page.contains("<p class=\"summary\">南阳市城乡一体化示范区3项重点任务中，逾期未完成2项、严重滞后1项；综合排名第14位/共14个。</p>"))
    }
}
