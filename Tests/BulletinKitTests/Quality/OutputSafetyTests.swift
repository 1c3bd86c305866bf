import Foundation
import Testing

@testable import BulletinKit

/// The output folder (SPEC §1.4): Bulletin replaces only a folder it created, never the dataset
/// or a folder holding it, and a refused or failed build changes nothing anywhere.
@Suite struct OutputSafetyTests {
    /// A valid dataset, a folder to play in, and templates for a build that succeeds.
    struct Setup {
        let dataset: TemporaryDataset
        let folder: TemporaryDataset
        let templates: String

        init() throws {
            dataset = try BaseDataset.write()
            folder = try TemporaryDataset(files: [:])
            templates = try makeTemplates(in: folder)
        }

        func build(_ out: URL) throws(BuildJob.Failure) -> BuildJob.Outcome {
            try BuildJob.build(BuildJob.Request(dataset: dataset.url, out: out, templates: templates))
        }

        /// Builds into `out`, expecting a refusal (exit 2) that mentions `words`, and proves that
        /// `watched` and the dataset did not change and nothing was left beside `out`.
        func expectRefusal(
            _ out: URL, watching watched: URL, _ words: String,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            let before = TreeSnapshot(watched)
            let datasetBefore = TreeSnapshot(dataset.url)
            do {
                _ = try build(out)
                Issue.record("the build wrote to \(out.path)", sourceLocation: sourceLocation)
            } catch {
                #expect(error.exitStatus == 2, sourceLocation: sourceLocation)
                if case .configuration(let diagnostics) = error {
                    let message = diagnostics.map(\.description).joined(separator: "\n")
                    #expect(message.contains(words), "\(message)", sourceLocation: sourceLocation)
                }
            }
            #expect(TreeSnapshot(watched) == before, sourceLocation: sourceLocation)
            #expect(TreeSnapshot(dataset.url) == datasetBefore, sourceLocation: sourceLocation)
            #expect(leftovers(beside: out.standardizedFileURL).isEmpty, sourceLocation: sourceLocation)
        }
    }

    @Test func refusesAFolderItDidNotCreate() throws {
        let setup = try Setup()
        let out = setup.folder.url.appendingPathComponent("mine")
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try Data("会议纪要\n".utf8).write(to: out.appendingPathComponent("notes.txt"))
        try Data("草稿\n".utf8).write(to: out.appendingPathComponent("drafts/a.md"))
        setup.expectRefusal(out, watching: out, "bulletin did not write")
    }

    @Test func refusesTheDatasetItself() throws {
        let setup = try Setup()
        setup.expectRefusal(setup.dataset.url, watching: setup.dataset.url, "is the dataset folder itself")
    }

    @Test func refusesAFolderContainingTheDataset() throws {
        let setup = try Setup()
        // Even marked as Bulletin's, a folder holding the dataset is never replaced.
        let outer = setup.folder.url.appendingPathComponent("outer")
        let inner = outer.appendingPathComponent("dataset")
        try FileManager.default.createDirectory(at: outer, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: setup.dataset.url, to: inner)
        try Data(OutputDirectory.markerText.utf8).write(
            to: outer.appendingPathComponent(OutputDirectory.markerName))
        let before = TreeSnapshot(outer)
        #expect(throws: BuildJob.Failure.self) {
            try BuildJob.build(BuildJob.Request(dataset: inner, out: outer, templates: setup.templates))
        }
        #expect(TreeSnapshot(outer) == before)
        #expect(leftovers(beside: outer).isEmpty)
        // The same through a path with `..` in it, and through the root of the file system.
        #expect(throws: BuildJob.Failure.self) {
            try BuildJob.build(
                BuildJob.Request(
                    dataset: inner, out: inner.appendingPathComponent(".."), templates: setup.templates))
        }
        #expect(TreeSnapshot(outer) == before)
        setup.expectRefusal(URL(fileURLWithPath: "/"), watching: setup.dataset.url, "contains the dataset")
    }

    @Test func refusesAFile() throws {
        let setup = try Setup()
        let out = setup.folder.url.appendingPathComponent("report.html")
        try Data("<p>别人的文件</p>\n".utf8).write(to: out)
        setup.expectRefusal(out, watching: out, "is a file")
    }

    @Test func refusesALinkToAFolderItDidNotCreate() throws {
        let setup = try Setup()
        let target = setup.folder.url.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("重要\n".utf8).write(to: target.appendingPathComponent("important.txt"))
        let link = setup.folder.url.appendingPathComponent("output")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        setup.expectRefusal(link, watching: setup.folder.url, "bulletin did not write")
    }

    @Test func refusesALinkThatPointsNowhere() throws {
        let setup = try Setup()
        let link = setup.folder.url.appendingPathComponent("output")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "gone/away")
        setup.expectRefusal(link, watching: setup.folder.url, "does not exist")
    }

    /// A link to Bulletin's own folder is followed: the folder is replaced, the link stays.
    @Test func followsALinkToItsOwnFolder() throws {
        let setup = try Setup()
        let target = setup.folder.url.appendingPathComponent("site")
        try makePreviousOutput(at: target)
        let link = setup.folder.url.appendingPathComponent("output")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "site")
        _ = try setup.build(link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "site")
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("manifest.json").path))
        #expect(leftovers(beside: target).isEmpty)
    }

    /// `--out .` and `--out ..` name the folder the user is in, or one holding it: replacing it
    /// would pull the floor away, even when Bulletin wrote it.
    @Test func refusesTheWorkingFolderAndItsParents() throws {
        let setup = try Setup()
        let out = setup.folder.url.appendingPathComponent("output")
        try makePreviousOutput(at: out)
        let inside = out.appendingPathComponent("units")
        let before = TreeSnapshot(setup.folder.url)
        for (directory, argument) in [(out, "."), (inside, ".."), (inside, "../")] {
            let result = try BulletinExecutable.run(
                ["build", setup.dataset.url.path, "--out", argument, "--templates", setup.templates],
                in: directory)
            #expect(result.status == 2, "--out \(argument): \(result.stderr)")
            // The dataset is Chinese (zh-Hans): "is (a folder containing) the folder you are working in".
            #expect(result.stderr.contains("当前工作文件夹；输出文件夹会被整个替换"), "\(result.stderr)")
        }
        #expect(TreeSnapshot(setup.folder.url) == before)
    }

    @Test func writesANewFolderAnEmptyOneAndOneWithOnlyAGitkeep() throws {
        let setup = try Setup()
        let new = setup.folder.url.appendingPathComponent("deep/new/output")
        let empty = setup.folder.url.appendingPathComponent("empty")
        let kept = setup.folder.url.appendingPathComponent("kept")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        try Data().write(to: kept.appendingPathComponent(".gitkeep"))
        for out in [new, empty, kept] {
            _ = try setup.build(out)
            #expect(
                FileManager.default.fileExists(
                    atPath: out.appendingPathComponent(OutputDirectory.markerName).path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.csv").path))
            #expect(leftovers(beside: out).isEmpty)
        }
        #expect(FileManager.default.fileExists(atPath: kept.appendingPathComponent(".gitkeep").path))
    }

    /// An output folder inside the dataset is allowed; the dataset's files stay as they were.
    @Test func writesInsideTheDatasetWithoutTouchingItsFiles() throws {
        let setup = try Setup()
        let before = TreeSnapshot(setup.dataset.url)
        let out = setup.dataset.url.appendingPathComponent("output")
        _ = try setup.build(out)
        var after = TreeSnapshot(setup.dataset.url)
        after.entries = after.entries.filter { !$0.key.hasPrefix("output") }
        #expect(after == before)
    }

    /// Replacing the previous output removes its files, not what links inside it point to.
    @Test func replacingTheOutputDoesNotFollowLinksInside() throws {
        let setup = try Setup()
        let precious = setup.folder.url.appendingPathComponent("precious")
        try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
        try Data("台账原件\n".utf8).write(to: precious.appendingPathComponent("ledger.csv"))
        let out = setup.folder.url.appendingPathComponent("output")
        try makePreviousOutput(at: out)
        try FileManager.default.createSymbolicLink(
            at: out.appendingPathComponent("archive"), withDestinationURL: precious)
        let before = TreeSnapshot(precious)
        _ = try setup.build(out)
        #expect(TreeSnapshot(precious) == before)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("archive").path))
        #expect(leftovers(beside: out).isEmpty)
    }

    /// Ctrl-C during the swap: the staging folder goes; a previous output already moved aside
    /// comes back; once the new output is in place, the old one is removed.
    @Test func anInterruptedSwapPutsThePreviousOutputBack() throws {
        let folder = try TemporaryDataset(files: [:])
        let out = folder.url.appendingPathComponent("output")
        try makePreviousOutput(at: out)
        let before = TreeSnapshot(out)
        let staging = folder.url.appendingPathComponent(".output.bulletin-tmp-1")
        let old = folder.url.appendingPathComponent(".output.bulletin-old-1")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: out, to: old)

        let directories = TemporaryDirectories()
        directories.register(staging)
        directories.register(old, restoringTo: out)
        directories.removeAll()
        #expect(TreeSnapshot(out) == before)
        #expect(leftovers(beside: out).isEmpty)

        // After the second rename the new output stays and the old one is removed.
        try FileManager.default.moveItem(at: out, to: old)
        try makePreviousOutput(at: out)
        directories.register(old, restoringTo: out)
        directories.removeAll()
        #expect(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent(OutputDirectory.markerName).path))
        #expect(leftovers(beside: out).isEmpty)
    }

    /// No output file may land outside the output folder, whatever its name.
    @Test func outputPathsStayInsideTheOutputFolder() throws {
        let setup = try Setup()
        let out = setup.folder.url.appendingPathComponent("output")
        let output = try OutputDirectory(url: out, dataset: setup.dataset.url)
        defer { output.discard() }
        for path in ["../escaped.html", "units/../../escaped.html", "/tmp/escaped.html", "units//a.html", ""]
        {
            #expect(throws: OutputDirectory.Refusal.self, "\(path)") { try output.write("x", to: path) }
        }
        try output.write("ok", to: "units/101.html")
        #expect(
            !FileManager.default.fileExists(
                atPath: setup.folder.url.appendingPathComponent("escaped.html").path))
        #expect(
            FileManager.default.fileExists(
                atPath: output.staging.appendingPathComponent("units/101.html").path))
    }
}
