import Foundation
import Testing

@testable import BulletinKit

/// Oddities that are not errors (SPEC §2, §5): they build, with warnings at most.
@Suite struct ToleratedFaultTests {
    /// A ledger with only its header has no tasks: every unit shows "no task", and nothing is
    /// wrong with the file.
    @Test func aLedgerWithOnlyAHeaderBuildsWithNoTasks() throws {
        let dataset = try BaseDataset.write {
            $0["housing.csv"] = Data("hid,village,people,grade,started,completed\r\n".utf8)
        }
        let folder = try TemporaryDataset(files: [:])
        let out = folder.url.appendingPathComponent("output")
        let outcome = try BuildJob.build(
            BuildJob.Request(dataset: dataset.url, out: out, templates: try makeTemplates(in: folder)))
        #expect(outcome.quality.findings.isEmpty)
        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(summary.contains("\r\n101,甲县,housing,completed,,,,,,,,,,no-task\r\n"))
        #expect(!summary.contains("0.00,"))
    }

    /// Names with markup or a formula are data: the build succeeds, `summary.csv` defuses the
    /// formula, and `data.json` holds the names exactly.
    @Test func regionNamesWithMarkupAreData() throws {
        let script = "<script>alert(\"甲\")</script>甲县"
        let formula = "=HYPERLINK(\"http://example.invalid\",\"乙县\")"
        let dataset = try BaseDataset.write {
            $0.replace(
                "101,甲县,100", with: "101,\"<script>alert(\"\"甲\"\")</script>甲县\",100", in: "regions.csv")
            $0.replace(
                "102,乙县,100", with: "102,\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"乙县\"\")\",100",
                in: "regions.csv")
        }
        let folder = try TemporaryDataset(files: [:])
        let out = folder.url.appendingPathComponent("output")
        let outcome = try BuildJob.build(
            BuildJob.Request(dataset: dataset.url, out: out, templates: try makeTemplates(in: folder)))
        #expect(outcome.quality.findings.isEmpty)

        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        // The formula gets a leading ' and, holding quotes and a comma, is quoted.
        #expect(
            summary.contains("\r\n102,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"乙县\"\")\",housing,"))
        let rows = try CSV.parse(Data(summary.utf8))
        #expect(rows.contains { $0.count > 1 && $0[1] == script })

        let data = try JSONValue.parse(Data(contentsOf: out.appendingPathComponent("data.json")))
        func strings(_ value: JSONValue) -> [String] {
            switch value {
            case .string(let text): [text]
            case .array(let array): array.flatMap(strings)
            case .object(let object): object.members.flatMap { strings($0.value) }
            default: []
            }
        }
        let all = Set(strings(data))
        #expect(all.contains(script))
        #expect(all.contains(formula))
    }

    /// Excel on a Chinese Windows: GB18030, CRLF, a BOM-less file with Chinese cells — detected,
    /// nothing to report, the Chinese category counted.
    @Test func aGB18030LedgerIsDetected() throws {
        let dataset = try BaseDataset.write { files in
            var bytes = Data(BaseDataset.ledger.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            // 甲 in GB18030 is BC D7.
            bytes += Data("h7,101,1,".utf8) + Data([0xBC, 0xD7]) + Data(",2020-04-01,2020-09-01\r\n".utf8)
            files["housing.csv"] = bytes
        }
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        #expect(bulletin.quality.findings.isEmpty)
        #expect(bulletin.indicators[0].categories == ["C", "D", "甲"])
    }

    /// Warnings alone do not fail a build: exit status 0, each warning printed — in Chinese, the
    /// base dataset's locale (zh-Hans by default), with the quality page's word for a warning
    /// (疑点) — and in English with `--locale en`.
    @Test func warningsAloneExitZero() throws {
        let dataset = try BaseDataset.write {
            $0.append(line: "h7,101,1,C,2020-09-01,2020-08-01", to: "housing.csv")  // 竣工 before 开工
            $0.append(line: "h8,101,1,C,2020-02-01,", to: "housing.csv")  // started before the start
        }
        let result = try BulletinExecutable.run(["check", dataset.url.path], in: dataset.url)
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.components(separatedBy: "\n").filter { $0.contains(": 疑点: ") }
        #expect(warnings.count == 2)
        #expect(
            warnings.contains {
                $0.contains("housing.csv:8:6: 疑点: 竣工（completed 2020-08-01）早于开工（started 2020-09-01）")
            }, "\(result.stderr)")
        #expect(
            warnings.contains {
                $0.contains("housing.csv:9:5: 疑点: started 2020-02-01 早于起始日期 2020-03-01，计为已完成")
            }, "\(result.stderr)")
        #expect(result.stdout.contains("：0 个错误，2 个疑点"), "\(result.stdout)")

        let english = try BulletinExecutable.run(["check", dataset.url.path, "--locale", "en"], in: dataset.url)
        #expect(english.status == 0)
        let englishWarnings = english.stderr.components(separatedBy: "\n").filter { $0.contains(": warning: ") }
        #expect(
            englishWarnings.contains {
                $0.contains(
                    "housing.csv:8:6: warning: 竣工 (completed 2020-08-01) is before 开工 (started 2020-09-01)")
            })
        #expect(
            englishWarnings.contains {
                $0.contains("housing.csv:9:5: warning: started 2020-02-01 is before the start 2020-03-01; counted as done")
            })
        #expect(english.stdout.contains("0 errors, 2 warnings"))
    }

    /// 甲县 has three households in the ledger (h1, h2, h3), two completed by 10-15 (h1, h3). A
    /// target of 1 is below the ledger's 3, and 2 done against 1 is 200.00% (超任务): two
    /// warnings on the target's line, and the rate is not capped.
    @Test func targetWarningsDoNotStopTheBuild() throws {
        let dataset = try BaseDataset.write {
            $0["targets.csv"] = Data("indicator,region,target\nhousing,101,1\n".utf8)
        }
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        #expect(!bulletin.quality.hasErrors)
        let messages = bulletin.quality.findings.map(\.description)
        #expect(
            messages == [
                "targets.csv:2: warning: housing target for 甲县 (101) is 1 but the ledger lists 3 户",
                "targets.csv:2: warning: housing: 甲县 has done 2 against a target of 1 户 (超任务, 200.00%)",
            ])
        #expect(bulletin.indicators[0].ranked(0).rate?.percent() == "200.00")
    }
}
