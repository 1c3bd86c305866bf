import Foundation
import Testing

@testable import BulletinKit


@Suite struct BrokenDatasetTests {
    @Test func theCorpusCoversEnoughFaults() {
        #expect(BrokenCorpus.all.count >= 20)
        #expect(Set(BrokenCorpus.all.map(\.name)).count == BrokenCorpus.all.count)
        #expect(BaseDataset.ledger.utf8.count == baseLedgerBytes)
    }

    @Test func theBaseDatasetIsValid() throws {
        let dataset = try BaseDataset.write()
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        #expect(bulletin.quality.findings.isEmpty)
    }

    /// The library: the build fails with the right exit status and a finding (or configuration
    /// problem) at the right place naming the value and what would be right; the previous output
    /// and the dataset are untouched, and nothing is left beside the output.
    @Test(arguments: BrokenCorpus.all)
    func buildFailsAndChangesNothing(_ test: BrokenCase) throws {
        let dataset = try BaseDataset.write(test.change)
        let folder = try TemporaryDataset(files: [:])
        let out = folder.url.appendingPathComponent("output")
        try makePreviousOutput(at: out)
        let outputBefore = TreeSnapshot(out)
        let datasetBefore = TreeSnapshot(dataset.url)

        var lines: [String] = []
        do {
            _ = try BuildJob.build(BuildJob.Request(dataset: dataset.url, out: out))
            Issue.record("the build succeeded")
        } catch {
            #expect(error.exitStatus == test.status)
            switch error {
            case .data(let quality): lines = quality.findings.map(\.description)
            case .configuration(let diagnostics): lines = diagnostics.map(\.description)
            }
        }
        let matching = lines.filter { test.matches($0) }
        #expect(matching.contains { line in test.mentions.allSatisfy(line.contains) }, "\(lines)")
        for line in lines { #expect(line.count < 1000, "a message a terminal can show") }

        #expect(TreeSnapshot(out) == outputBefore)
        #expect(TreeSnapshot(dataset.url) == datasetBefore)
        #expect(leftovers(beside: out).isEmpty)
    }

    /// The command line: the same status from `bulletin build`, the finding on stderr in
    /// compiler style, nothing on stdout but what the summary says, and nothing written. The
    /// base dataset is Chinese (no `"locale"`: zh-Hans); `--locale en` asks for the English
    /// words the corpus mentions (`chineseDatasetGetsChineseFindings` checks the Chinese).
    @Test(arguments: BrokenCorpus.all)
    func commandLineReportsOnStandardError(_ test: BrokenCase) throws {
        let dataset = try BaseDataset.write(test.change)
        let folder = try TemporaryDataset(files: [:])
        let out = folder.url.appendingPathComponent("output")
        try makePreviousOutput(at: out)
        let before = TreeSnapshot(out)

        let result = try BulletinExecutable.run(
            ["build", dataset.url.path, "--out", out.path, "--locale", "en"], in: folder.url)
        #expect(result.status == test.status, "\(result.stderr)")
        let lines = result.stderr.components(separatedBy: "\n")
        // Findings carry the dataset folder, as typed, before the file name.
        let located = lines.map { $0.replacingOccurrences(of: dataset.url.path + "/", with: "") }.filter(
            test.matches)
        #expect(located.contains { line in test.mentions.allSatisfy(line.contains) }, "\(result.stderr)")
        if test.status == 1 { #expect(result.stderr.contains("nothing was written")) }
        #expect(result.stdout.isEmpty)
        #expect(TreeSnapshot(out) == before)
        #expect(leftovers(beside: out).isEmpty)
    }

    /// A fatal file problem stops that file: no row of it is checked or counted.
    @Test func missingColumnIsFatalForTheFile() throws {
        let dataset = try BaseDataset.write {
            $0.replace("grade,started,completed", with: "grade,started,complete", in: "housing.csv")
            $0.append(line: "h7,555,1,C,2020-04-01,", to: "housing.csv")  // would be unknown-region
        }
        let scan = try BuildJob.analyse(dataset: dataset.url, asOf: nil, locale: nil)
        let findings = scan.bulletin.quality.findings
        // One finding for the column, naming both indicators reading it, on line 1; nothing
        // about line 8.
        #expect(findings.map(\.kind) == [.missingColumn])
        #expect(findings.first?.message.description.contains("housing, people") == true)
        #expect(findings.allSatisfy { $0.line == 1 })
        #expect(scan.bulletin.indicators.allSatisfy { $0.rootRanked.target == 0 })
    }
}
