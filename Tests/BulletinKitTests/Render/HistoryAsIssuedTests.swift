import Foundation
import Testing

@testable import BulletinKit

/// Earlier bulletins as issued (`--history` on Nanyang): they link to no page of this week's,
/// an indicator before its start says 未开始, and the archive lists 期数, date and rates.
struct HistoryAsIssuedTests {
    static let built: Result<[String: String], any Error> = Result {
        let out = try TemporaryFolder()
        let target = out.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: Repository.example("nanyang"), out: target, templates: Repository.templates.path,
                history: true))
        var pages: [String: String] = [:]
        for path in ["history/2020-10-08/index.html", "history/2020-02-27/index.html", "history/index.html"] {
            pages[path] = try String(contentsOf: target.appendingPathComponent(path), encoding: .utf8)
        }
        return pages
    }

    @Test func anEarlierBulletinLinksToNoPageOfThisWeeks() throws {
        let page = try #require(try Self.built.get()["history/2020-10-08/index.html"])
        #expect(!page.contains("units/"))
        #expect(!page.contains("indicators/"))
        // Its numbers are still there: 宛城区 is named in its table.
        #expect(page.contains("<th scope=\"row\" class=\"name-col\">宛城区</th>"))
    }

    /// Water and housing start on 2020-03-01: on 2020-02-27 they have not started.
    @Test func anIndicatorBeforeItsStartSaysNotStarted() throws {
        let page = try #require(try Self.built.get()["history/2020-02-27/index.html"])
        #expect(page.contains("<span aria-hidden=\"true\">○</span> 未开始"))
        #expect(page.contains("农村安全饮水任务6.59万人，2020年3月1日开始，尚未开始。"))
    }

    /// 2020-10-08 is 41 weeks after the campaign's start (2020-01-01, 40 whole weeks and a day
    /// before it): 第41期. Its relocation rate: 98.54% now, 0.71 points up since it: 97.83%.
    @Test func theArchiveListsIssueDateAndRates() throws {
        let page = try #require(try Self.built.get()["history/index.html"])
        #expect(
            page.contains(
                "<tr><td>第41期</td><th scope=\"row\"><a href=\"2020-10-08/index.html\"><time datetime=\"2020-10-08\">2020年10月8日</time></a></th><td class=\"num\">97.83%</td>"
            ))
        // The earliest bulletin, 2020-01-02, is 第1期; water had not started.
        #expect(page.contains("<tr><td>第1期</td>"))
        #expect(page.contains("<td class=\"num\">未开始</td>"))
    }
}
