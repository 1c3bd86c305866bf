import Foundation
import Testing

@testable import BulletinKit

/// `--keep-going` (SPEC §5): rejected rows are skipped, the build still succeeds, and the
/// quality report lists every finding.
///
/// The ledger is the base ledger (h1–h6, lines 2–7) and seven more rows:
///
/// | line | row | finding |
/// |---|---|---|
/// | 8 | h7 in 555 | error: region not in regions.csv |
/// | 9 | h8 with people `abc` | error: not a number |
/// | 10 | h3 again | error: duplicate id |
/// | 11 | h9 completed 2020-13-01 | error: not a date |
/// | 12 | h10 with seven fields | error: field count |
/// | 13 | h11 in 103, completed 08-01 before started 09-01 | warning: stage order (counted) |
/// | 14 | h12 in 101, completed 10-20, after the bulletin date | warning (counted, not done) |
///
/// Counted rows: h1, h2, h3, h12 in 甲县 (101, its township and village); h4, h5 in 乙县; h6, h11
/// in 丙县 — 8 households. Completed by 2020-10-15: h1 (09-01), h3 (10-01), h4 (08-15),
/// h6 (10-10), h11 (08-01) — 5; h2 and h5 have no date, h12's is after the bulletin.
/// Households: target 8, done 5, rate 62.50%. People: target 3+2+4+1 + 1+5 + 2+2 = 20, done
/// 3+4+1+2+2 = 12, rate 60.00%. Were the skipped rows counted, 乙县 alone would have 5 households.
///
/// Time progress on 10-15 over 03-01…10-31: 229/245 = 93.4694 % → gaps 62.50 − 93.47 = −30.97 and
/// 60.00 − 93.47 = −33.47 points, both below −10: red. Previous bulletin 10-08: only h6 (10-10,
/// 2 people) completed since, so 1 household and 2 people are new; rates then 4/8 = 50.00% and
/// 10/20 = 50.00%, changes +12.50 and +10.00 points.
@Suite struct KeepGoingTests {
    static let badRows = [
        "h7,555,1,C,2020-04-01,2020-09-01",
        "h8,101,abc,C,2020-04-01,2020-09-01",
        "h3,102,1,D,2020-04-01,2020-09-01",
        "h9,102,1,C,2020-04-01,2020-13-01",
        "h10,103,1,C,2020-04-01,,x",
        "h11,103,2,C,2020-09-01,2020-08-01",
        "h12,101,1,D,2020-04-01,2020-10-20",
    ]

    static func makeDataset() throws -> TemporaryDataset {
        try BaseDataset.write { files in
            for row in badRows { files.append(line: row, to: "housing.csv") }
        }
    }

    @Test func withoutKeepGoingTheBuildStops() throws {
        let dataset = try Self.makeDataset()
        let folder = try TemporaryDataset(files: [:])
        #expect {
            try BuildJob.build(
                BuildJob.Request(dataset: dataset.url, out: folder.url.appendingPathComponent("output")))
        } throws: { error in
            guard case .data(let quality) = error as? BuildJob.Failure else { return false }
            return quality.errorCount == 5 && quality.warningCount == 2
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("output").path))
    }

    @Test func skipsRejectedRowsAndListsEveryFinding() throws {
        let dataset = try Self.makeDataset()
        let folder = try TemporaryDataset(files: [:])
        let templates = try makeTemplates(in: folder)
        let out = folder.url.appendingPathComponent("output")
        try makePreviousOutput(at: out)

        let outcome = try BuildJob.build(
            BuildJob.Request(dataset: dataset.url, out: out, templates: templates, keepGoing: true))

        let quality = outcome.quality
        #expect(quality.errorCount == 5)
        #expect(quality.warningCount == 2)
        let listed = quality.sortedFindings.map { "\($0.line ?? 0) \($0.severity.rawValue) \($0.kind.rawValue)" }
        #expect(
            listed == [
                "8 error unknown-region", "9 error bad-number", "10 error duplicate-id", "11 error bad-date",
                "12 error field-count", "13 warning stage-order", "14 warning after-as-of",
            ])

        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        let rows = summary.components(separatedBy: "\r\n")
        #expect(rows.contains("100,示例市,housing,completed,,8,5,62.50,93.47,-30.97,1,12.50,,red"))
        #expect(rows.contains("100,示例市,people,completed,,20,12,60.00,93.47,-33.47,2,10.00,,red"))
        // Every counted row started by 10-15: 8 of 8.
        #expect(rows.contains { $0.hasPrefix("100,示例市,housing,started,,8,8,100.00,") })
        // 乙县: h4 and h5 only (the duplicate h3 and h9 were skipped); h4 done → 50.00%.
        #expect(rows.contains { $0.hasPrefix("102,乙县,housing,completed,,2,1,50.00,") })
        // 丙县: h6 and h11, both done → complete, ranked first; h6 (10-10) is new since 10-08,
        // when 1 of 2 was done: +50.00 points. Gap 100 − 93.4694 = 6.53.
        #expect(rows.contains("103,丙县,housing,completed,,2,2,100.00,93.47,6.53,1,50.00,1,complete"))

        // The quality section of the model carries the counts the quality page prints.
        let data = try JSONValue.parse(Data(contentsOf: out.appendingPathComponent("data.json")))
        #expect(data["quality"]?["error_count"] == 5)
        #expect(data["quality"]?["warning_count"] == 2)
        // Errors and warnings with lines and columns: still the shape data.schema.json describes.
        let schema = try JSONValue.parse(Data(contentsOf: Repository.root.appendingPathComponent("data.schema.json")))
        #expect(JSONSchemaValidator(root: schema).errors(in: data) == [])
        let modelFindings = data["quality"]?["findings"]?.arrayValue ?? []
        #expect(
            modelFindings.map { "\(Int($0["line"]?.numberValue ?? 0)) \($0["severity"]?.stringValue ?? "") \($0["kind"]?.stringValue ?? "")" }
                == listed)
        // The previous output was replaced whole, and nothing is left beside it.
        let index = try Data(contentsOf: out.appendingPathComponent("index.html"))
        #expect(index != Data("<!doctype html><title>上期通报</title>\n".utf8))
        #expect(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent(OutputDirectory.markerName).path))
        #expect(leftovers(beside: out).isEmpty)
    }

    /// A ledger that is fatal as a whole (a required column missing) fails the build even with
    /// --keep-going (issue 18): its indicators would be published at 0.00%. Both of its
    /// indicators' missing columns are findings; nothing is written.
    @Test func aFatalLedgerFailsTheBuildEvenWithKeepGoing() throws {
        let dataset = try BaseDataset.write {
            $0.replace("grade,started,completed", with: "grade,started,complete", in: "housing.csv")
        }
        let folder = try TemporaryDataset(files: [:])
        let out = folder.url.appendingPathComponent("output")
        do {
            let templates = try makeTemplates(in: folder)
            _ = try BuildJob.build(
                BuildJob.Request(dataset: dataset.url, out: out, templates: templates, keepGoing: true))
            Issue.record("the build succeeded without its ledger")
        } catch {
            guard case BuildJob.Failure.data(let quality) = error else {
                Issue.record("not a data failure: \(error)")
                return
            }
            // One finding for the missing column, naming both indicators that read it.
            #expect(quality.errorCount == 1)
            #expect(quality.findings.allSatisfy { $0.kind == .missingColumn && $0.file == "housing.csv" })
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// Without a sound region hierarchy no row can be attributed: even --keep-going stops.
    @Test func regionErrorsStopEvenWithKeepGoing() throws {
        let dataset = try BaseDataset.write { $0.append(line: "104,丁县,105", to: "regions.csv") }
        let folder = try TemporaryDataset(files: [:])
        #expect(throws: BuildJob.Failure.self) {
            try BuildJob.build(
                BuildJob.Request(
                    dataset: dataset.url, out: folder.url.appendingPathComponent("output"),
                    templates: try makeTemplates(in: folder), keepGoing: true))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("output").path))
    }

    /// The command line: exit 0, every finding on stderr (7, under the limit of 20), the summary
    /// line on stdout.
    @Test func commandLineSucceedsAndPrintsEveryFinding() throws {
        let dataset = try Self.makeDataset()
        let folder = try TemporaryDataset(files: [:])
        let templates = try makeTemplates(in: folder)
        let result = try BulletinExecutable.run(
            ["build", dataset.url.path, "--out", "output", "--templates", templates, "--keep-going"],
            in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let findings = result.stderr.components(separatedBy: "\n").filter { $0.contains("/housing.csv:") }
        #expect(findings.count == 7)
        #expect(findings.filter { $0.contains(": error: ") }.count == 5)
        #expect(result.stdout.hasPrefix("wrote "))
        #expect(result.stdout.contains("to output/ — as of 2020-10-15"))
    }

    /// Past 20 findings the terminal gets a count of the rest (SPEC §5): 25 unknown regions, in
    /// the dataset's Chinese (25 − 20 = 5 more, 25 errors and no warnings in all).
    @Test func commandLinePrintsTwentyFindingsThenACount() throws {
        let dataset = try BaseDataset.write { files in
            for index in 1...25 { files.append(line: "x\(index),555,1,C,2020-04-01,", to: "housing.csv") }
        }
        let folder = try TemporaryDataset(files: [:])
        let result = try BulletinExecutable.run(["check", dataset.url.path], in: folder.url)
        #expect(result.status == 1)
        let lines = result.stderr.components(separatedBy: "\n")
        #expect(lines.filter { $0.contains("/housing.csv:") && $0.contains(": 错误: ") }.count == 20)
        #expect(lines.contains { $0 == "……另有 5 条问题未列出（共 25 个错误、0 个疑点），详见数据质量页" }, "\(result.stderr)")
    }
}
