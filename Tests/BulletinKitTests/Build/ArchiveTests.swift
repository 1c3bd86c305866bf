import Foundation
import Testing

@testable import BulletinKit

/// `--archive DIR` (SPEC §8, issue 17): each build keeps what it published under DIR/<as-of>/;
/// an issued date is never rewritten; with `--history` the history page says whether each
/// earlier period, recomputed from today's ledgers, still gives what was issued.
///
/// The base dataset (BaseDataset): housing h1–h6, bulletin date 2020-10-15, weekly, so the
/// previous period is 2020-10-08.
@Suite struct ArchiveTests {
    func build(_ dataset: TemporaryDataset, out: URL, archive: URL, asOf: Day? = nil, history: Bool = false)
        throws
        -> BuildJob.Outcome
    {
        var request = BuildJob.Request(
            dataset: dataset.url, out: out, asOf: asOf, templates: Repository.templates.path, history: history
        )
        request.archive = archive
        return try BuildJob.build(request)
    }

    @Test func anIssuedDateIsKeptAndNeverRewritten() throws {
        let dataset = try BaseDataset.write()
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("output")
        let archive = folder.url.appendingPathComponent("issued")

        let first = try build(dataset, out: out, archive: archive)
        let issued = archive.appendingPathComponent("2020-10-15")
        #expect(first.archive == .issued(folder: issued))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: issued.path).sorted()
                == Archive.files.sorted())
        // The issued copy is the published file, byte for byte.
        for name in Archive.files {
            #expect(
                FileManager.default.contents(atPath: issued.appendingPathComponent(name).path)
                    == FileManager.default.contents(atPath: out.appendingPathComponent(name).path))
        }
        // Nothing half-written is left beside the dated folders.
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path) == ["2020-10-15"])

        // The same ledgers again: nothing to say.
        #expect(try build(dataset, out: out, archive: archive).archive == .unchanged(folder: issued))

        // h2 completed on 10-01 after all: the bulletin of 10-15 changes, the issued copy not.
        let issuedSummary = FileManager.default.contents(
            atPath: issued.appendingPathComponent("summary.csv").path)
        try dataset.write(
            BaseDataset.ledger.replacingOccurrences(
                of: "h2,101001,2,D,2020-04-01,", with: "h2,101001,2,D,2020-04-01,2020-10-01"),
            to: "housing.csv")
        let changed = try build(dataset, out: out, archive: archive)
        guard case .differs(let differing, let files) = changed.archive else {
            Issue.record("expected the issued date to differ, got \(String(describing: changed.archive))")
            return
        }
        #expect(differing == issued)
        #expect(
            files.contains("summary.csv") && files.contains("index.html") && files.contains("briefing.md"))
        #expect(
            FileManager.default.contents(atPath: issued.appendingPathComponent("summary.csv").path)
                == issuedSummary)
        // The new output was still published.
        #expect(
            FileManager.default.contents(atPath: out.appendingPathComponent("summary.csv").path)
                != issuedSummary)
    }

    /// 10-08 is issued, then a build of 10-15 with --history compares 10-08 recomputed with
    /// its issued copy: the same until a ledger date before 10-08 changes (h6's completion moves
    /// from 10-10 to 10-05, so by 10-08 three households were done, not two).
    @Test func theHistoryPageShowsALedgerChangedAfterIssue() throws {
        let dataset = try BaseDataset.write()
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("output")
        let archive = folder.url.appendingPathComponent("issued")
        _ = try build(dataset, out: out, archive: archive, asOf: Day(year: 2020, month: 10, day: 8))

        _ = try build(dataset, out: out, archive: archive, history: true)
        let page = try String(contentsOf: out.appendingPathComponent("history/index.html"), encoding: .utf8)
        #expect(page.contains("<td>与存档一致</td>"))
        #expect(!page.contains("与存档不一致"))

        try dataset.write(
            BaseDataset.ledger.replacingOccurrences(of: "2020-10-10", with: "2020-10-05"), to: "housing.csv")
        _ = try build(dataset, out: out, archive: archive, history: true)
        let changed = try String(
            contentsOf: out.appendingPathComponent("history/index.html"), encoding: .utf8)
        #expect(changed.contains("<td>与存档不一致（台账在印发后有改动）</td>"))
    }

    @Test func anArchiveThatIsAFileFailsTheBuildAndKeepsTheOutput() throws {
        let dataset = try BaseDataset.write()
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("output")
        let archive = folder.url.appendingPathComponent("issued")
        _ = try build(dataset, out: out, archive: archive)
        let published = try filesBelow(out)
        // The date's folder is a file: the archive cannot be compared or kept.
        try FileManager.default.removeItem(at: archive.appendingPathComponent("2020-10-15"))
        try Data("x".utf8).write(to: archive.appendingPathComponent("2020-10-15"))
        #expect(throws: BuildJob.Failure.self) { try build(dataset, out: out, archive: archive) }
        #expect(try filesBelow(out) == published)
    }
}
