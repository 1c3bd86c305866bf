import Foundation
import Testing

@testable import BulletinKit

/// Findings follow the dataset's locale on the terminal, the quality page and the briefing, and
/// `--locale` overrides it (SPEC §8; issue 17). The expected texts are the locale files'
/// templates filled in by hand with the finding's column, value and dates.
@Suite struct LocaleFindingsTests {
    /// examples/nanyang (zh-Hans) has two warnings worked out in its README: water.csv line 104,
    /// column 6 started 2020-02-18, before the indicator's start 2020-03-01; and targets.csv
    /// line 2, 卧龙区's housing target of 40 against 46 done (46 / 40 = 115.00%).
    static let nanyangWarnings = [
        "water.csv:104:6: 疑点: started_on 2020-02-18 早于起始日期 2020-03-01，计为已完成",
        "targets.csv:2: 疑点: 农村危房改造：卧龙区已完成 46 户，任务数为 40 户（超任务，115.00%）",
    ]

    @Test func chineseDatasetGetsChineseFindingsOnTheTerminal() throws {
        let folder = try TemporaryFolder()
        let result = try BulletinExecutable.run(["check", Repository.example("nanyang").path], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        for warning in Self.nanyangWarnings {
            #expect(result.stderr.contains("examples/nanyang/" + warning), "\(result.stderr)")
        }
        #expect(!result.stderr.contains("counted as"))
        #expect(result.stdout.contains("（截至 2020-10-15）：0 个错误，"), "\(result.stdout)")
    }

    @Test func localeOptionGivesEnglishFindings() throws {
        let folder = try TemporaryFolder()
        let result = try BulletinExecutable.run(
            ["check", Repository.example("nanyang").path, "--locale", "en"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "examples/nanyang/water.csv:104:6: warning: started_on 2020-02-18 is before the start 2020-03-01; counted as done"),
            "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "examples/nanyang/targets.csv:2: warning: housing: 卧龙区 has done 46 against a target of 40 户 (超任务, 115.00%)"))
        #expect(result.stdout.contains("as of 2020-10-15: 0 errors, "), "\(result.stdout)")
    }

    /// The quality page and the briefing's 四、数据质量 say the same in Chinese; with
    /// `--locale en` they say it in English.
    @Test func qualityPageAndBriefingFollowTheLocale() throws {
        let folder = try TemporaryFolder()
        for locale in ["zh-Hans", "en"] {
            let out = folder.url.appendingPathComponent(locale)
            var request = BuildJob.Request(
                dataset: Repository.example("nanyang"), out: out, templates: Repository.templates.path,
                locale: locale == "en" ? "en" : nil)
            request.threads = 1
            _ = try BuildJob.build(request)
            let quality = try String(contentsOf: out.appendingPathComponent("quality.html"), encoding: .utf8)
            // Markdown escapes the underscores of column names (started\_on).
            let briefing = try String(contentsOf: out.appendingPathComponent("briefing.md"), encoding: .utf8)
                .replacingOccurrences(of: "\\_", with: "_")
            for page in [quality, briefing] {
                if locale == "en" {
                    #expect(page.contains("started_on 2020-02-18 is before the start 2020-03-01; counted as done"))
                } else {
                    #expect(page.contains("started_on 2020-02-18 早于起始日期 2020-03-01，计为已完成"))
                    #expect(page.contains("农村危房改造：卧龙区已完成 46 户，任务数为 40 户（超任务，115.00%）"))
                    #expect(!page.contains("counted as"))
                }
            }
        }
    }

    /// A templates folder customised before messages were worded per locale (its zh-Hans.json
    /// has no "messages") still gets Chinese findings: the shipped templates supply them.
    @Test func customTemplatesWithoutMessagesUseTheShippedOnes() throws {
        let folder = try TemporaryFolder()
        // Not named templates/ in the working folder, which the command line would take for
        // the shipped templates.
        let custom = folder.url.appendingPathComponent("custom")
        try FileManager.default.copyItem(at: Repository.templates, to: custom)
        let localeFile = custom.appendingPathComponent("locales/zh-Hans.json")
        guard case .object(let labels) = try JSONValue.parse(try Data(contentsOf: localeFile)) else {
            Issue.record("zh-Hans.json is not an object")
            return
        }
        let kept = JSONObject(uniqueMembers: labels.members.filter { $0.key != "messages" })
        try Data(JSONValue.object(kept).jsonText().utf8).write(to: localeFile)
        #expect(MessageTexts(labels: try TemplateLocation.labels(in: custom, locale: "zh-Hans")).isEmpty)

        let out = folder.url.appendingPathComponent("out")
        var request = BuildJob.Request(dataset: Repository.example("nanyang"), out: out, templates: custom.path)
        request.shippedTemplates = Repository.templates
        _ = try BuildJob.build(request)
        let quality = try String(contentsOf: out.appendingPathComponent("quality.html"), encoding: .utf8)
        #expect(quality.contains("started_on 2020-02-18 早于起始日期 2020-03-01，计为已完成"))

        let result = try BulletinExecutable.run(
            ["build", Repository.example("nanyang").path, "--templates", custom.path, "--out", "again"],
            in: folder.url)
        #expect(result.stderr.contains("water.csv:104:6: 疑点: started_on 2020-02-18 早于起始日期"), "\(result.stderr)")
    }

    /// A data error in the (zh-Hans) base dataset: the row's error and the closing line in
    /// Chinese, with the value and the forms that would be right; nothing written.
    @Test func chineseDataErrorSaysWhatWouldBeRight() throws {
        let dataset = try BaseDataset.write { $0.append(line: "h7,101,1,C,2020-04-01,2020-13-01", to: "housing.csv") }
        let folder = try TemporaryFolder()
        let result = try BulletinExecutable.run(
            ["build", dataset.url.path, "--out", folder.url.appendingPathComponent("out").path], in: folder.url)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "/housing.csv:8:6: 错误: completed“2020-13-01”不是有效日期（应为 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日）"),
            "\(result.stderr)")
        #expect(
            result.stderr.contains("错误: 发现 1 个数据错误，未写出任何文件（原有输出不变）。请修正以上各行，或加 --keep-going 跳过这些行。"))
    }

    /// A configuration mistake in a readable bulletin.json is told in its locale: the base
    /// dataset (zh-Hans) with `"perod"` for `"period"`.
    @Test func configurationProblemsFollowTheLocale() throws {
        let dataset = try BaseDataset.write { files in
            let text = String(decoding: files["bulletin.json"] ?? Data(), as: UTF8.self)
            files["bulletin.json"] = Data(text.replacingOccurrences(of: "\"period\"", with: "\"perod\"").utf8)
        }
        let chinese = try BulletinExecutable.run(["check", dataset.url.path], in: dataset.url)
        #expect(chinese.status == 2)
        #expect(chinese.stderr.contains("bulletin.json: 错误: perod: 未知的键“perod”；是否应为“period”？（可用的键：title、"), "\(chinese.stderr)")
        let english = try BulletinExecutable.run(["check", dataset.url.path, "--locale", "en"], in: dataset.url)
        #expect(english.stderr.contains("bulletin.json: error: perod: unknown key \"perod\"; did you mean \"period\"? (allowed: title, "), "\(english.stderr)")
    }

    /// A bulletin.json that is not JSON has no locale to follow: the error is still printed, in
    /// the compiled-in English.
    @Test func brokenConfigurationStillGetsItsErrorInEnglish() throws {
        let dataset = try BaseDataset.write { $0["bulletin.json"] = Data("{\"title\": ".utf8) }
        let result = try BulletinExecutable.run(["check", dataset.url.path], in: dataset.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("bulletin.json:1:"), "\(result.stderr)")
        #expect(result.stderr.contains(": error: "), "\(result.stderr)")
    }
}
