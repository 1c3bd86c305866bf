import Foundation
import Testing

@testable import BulletinKit

/// The output swap cannot strand the site (issue 18): what a killed build leaves is cleaned up
/// or put back by the next one, concurrent builds take turns, signals and file-size limits end
/// a build cleanly, and a folder the user made keeps its mode and identity.
struct OutputSwapTests {
    typealias Setup = OutputSafetyTests.Setup

    /// A folder made by `mkdir`, with `files` in it (relative path → text).
    static func makeFolder(_ url: URL, _ files: [String: String]) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    static let marker = [OutputDirectory.markerName: OutputDirectory.markerText]

    static func stat(_ url: URL) -> stat {
        var info = Glibc.stat()
        _ = lstat(url.path, &info)
        return info
    }

    /// kill -9 at each step leaves, beside the previous output, a staging folder (killed while
    /// writing pages, or after the exchange with the old output in it) and, with the two-step
    /// swap, an `-old-` copy: the next build removes them. Folders that are not this output's —
    /// one without the marker, another output's — stay.
    @Test func theNextBuildRemovesWhatAKilledBuildLeft() throws {
        let setup = try Setup()
        let parent = setup.folder.url
        let out = parent.appendingPathComponent("site")
        try makePreviousOutput(at: out)
        try Self.makeFolder(
            parent.appendingPathComponent(".site.bulletin-tmp-4242-dead0001"),
            Self.marker.merging(["units/101.html": "<p>half</p>\n"]) { $1 })
        try Self.makeFolder(parent.appendingPathComponent(".site.bulletin-old-4242-dead0002"), Self.marker)
        try Self.makeFolder(parent.appendingPathComponent(".site.bulletin-tmp-4242-dead0003"), [:])  // empty
        try Self.makeFolder(
            parent.appendingPathComponent(".site.bulletin-tmp-mine"), ["notes.txt": "不是 bulletin 的\n"])
        try Self.makeFolder(parent.appendingPathComponent(".other.bulletin-tmp-4242-dead0004"), Self.marker)
        let foreign = TreeSnapshot(parent.appendingPathComponent(".site.bulletin-tmp-mine"))

        _ = try setup.build(out)
        #expect(leftovers(beside: out) == [".site.bulletin-tmp-mine"])
        #expect(TreeSnapshot(parent.appendingPathComponent(".site.bulletin-tmp-mine")) == foreign)
        #expect(
            FileManager.default.fileExists(
                atPath: parent.appendingPathComponent(".other.bulletin-tmp-4242-dead0004").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
    }

    /// Killed between the two renames of the two-step swap: no output, its `-old-` copy and the
    /// finished staging folder. The next build puts the previous output back before anything
    /// else, so even a build that then fails leaves the previous output as it was.
    @Test func aMissingOutputIsPutBackFromItsOldCopy() throws {
        let setup = try Setup()
        let parent = setup.folder.url
        let out = parent.appendingPathComponent("site")
        let old = parent.appendingPathComponent(".site.bulletin-old-4242-dead0001")
        try makePreviousOutput(at: old)
        let previous = TreeSnapshot(old)
        try Self.makeFolder(parent.appendingPathComponent(".site.bulletin-tmp-4242-dead0002"), Self.marker)

        let output = try OutputDirectory(url: out, dataset: setup.dataset.url)
        output.discard()  // a build that failed after the output was checked
        #expect(TreeSnapshot(out) == previous)
        #expect(leftovers(beside: out).isEmpty)
    }

    /// `renameat2(RENAME_EXCHANGE)` swaps two folders in one step where the kernel and file
    /// system have it (EINVAL or ENOSYS where they do not, and the swap takes two steps).
    @Test func exchangeSwapsTwoFolders() throws {
        let folder = try TemporaryFolder()
        let first = folder.url.appendingPathComponent("first")
        let second = folder.url.appendingPathComponent("second")
        try Self.makeFolder(first, ["a.txt": "a\n"])
        try Self.makeFolder(second, ["b.txt": "b\n"])
        let result = OutputSwap.exchange(first, second)
        #expect([0, EINVAL, ENOSYS].contains(result))
        if result == 0 {
            #expect(FileManager.default.fileExists(atPath: first.appendingPathComponent("b.txt").path))
            #expect(FileManager.default.fileExists(atPath: second.appendingPathComponent("a.txt").path))
        }
    }

    /// The fallback for kernels and file systems without RENAME_EXCHANGE swaps too.
    @Test func theTwoStepSwapReplacesTheOutput() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("site")
        let staging = folder.url.appendingPathComponent(".site.bulletin-tmp-1")
        try makePreviousOutput(at: out)
        try Self.makeFolder(staging, Self.marker.merging(["index.html": "new\n"]) { $1 })
        try OutputSwap.swapInTwoSteps(staging, out)
        #expect(try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8) == "new\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("units").path))
        #expect(leftovers(beside: out).isEmpty)
    }

    /// An empty folder made by the user, mode 2770 (shared with a group): written in place —
    /// the same folder (inode), the same mode — and again on the next build, which swaps a new
    /// folder in but gives it the old one's mode.
    @Test func anEmptyFolderIsWrittenInPlaceAndKeepsItsMode() throws {
        let setup = try Setup()
        let out = setup.folder.url.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        #expect(chmod(out.path, 0o2770) == 0)
        try Data().write(to: out.appendingPathComponent(".gitkeep"))
        let before = Self.stat(out)
        #expect(before.st_mode & 0o7777 == 0o2770)

        _ = try setup.build(out)
        let after = Self.stat(out)
        #expect(after.st_ino == before.st_ino, "the folder was replaced")
        #expect(after.st_mode & 0o7777 == 0o2770)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".gitkeep").path))
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.contains { $0.hasPrefix(".bulletin-tmp-") }, "\(names)")
        #expect(leftovers(beside: out).isEmpty)

        _ = try setup.build(out)
        let again = Self.stat(out)
        #expect(again.st_mode & 0o7777 == 0o2770)
        #expect((again.st_uid, again.st_gid) == (before.st_uid, before.st_gid))
        #expect(leftovers(beside: out).isEmpty)
    }

    /// `.DS_Store` and `.gitkeep` leave a folder "empty" only as regular files: a folder of
    /// that name may hold anything, and is not removed.
    @Test(arguments: [".DS_Store", ".gitkeep"])
    func aPlaceholderThatIsAFolderIsRefused(name: String) throws {
        let setup = try Setup()
        let out = setup.folder.url.appendingPathComponent("output")
        try Self.makeFolder(out, ["\(name)/photo.jpg": "照片\n"])
        setup.expectRefusal(out, watching: out, "bulletin did not write")
    }

    /// Two builds into one --out at once: both succeed (one waits for the other), and the
    /// output is whole — the same files as a build on its own — with nothing left beside it.
    @Test func concurrentBuildsTakeTurns() throws {
        guard let executable = BulletinExecutable.url else {
            Issue.record("the bulletin executable was not built beside the tests")
            return
        }
        let setup = try Setup()
        let reference = setup.folder.url.appendingPathComponent("reference")
        _ = try setup.build(reference)
        let out = setup.folder.url.appendingPathComponent("site")
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = executable
            process.arguments = [
                "build", setup.dataset.url.path, "--out", out.path, "--templates", setup.templates, "--quiet",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        #expect(try Set(filesBelow(out).keys) == Set(filesBelow(reference).keys))
        #expect(leftovers(beside: out).isEmpty)
    }

    /// SIGHUP (the terminal closed) is handled like Ctrl-C: the half-written output goes, the
    /// previous output stays, exit status 130.
    @Test func aHangUpDuringABuildLeavesThePreviousOutput() throws {
        guard let executable = BulletinExecutable.url else {
            Issue.record("the bulletin executable was not built beside the tests")
            return
        }
        let dataset = try InterruptTests.largeDataset()
        let parent = try TemporaryFolder()
        let out = parent.url.appendingPathComponent("site")
        try makePreviousOutput(at: out)
        let before = TreeSnapshot(parent.url)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["build", dataset.url.path, "--out", out.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var sawStaging = false
        for _ in 0..<12_000 where process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.url.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".site.bulletin-tmp-") }) {
                sawStaging = true
                break
            }
            usleep(5_000)
        }
        #expect(sawStaging, "the build ended before its staging folder was seen")
        kill(process.processIdentifier, SIGHUP)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.url.path) == ["site"])
        #expect(TreeSnapshot(parent.url) == before)
    }

    /// A file-size limit (RLIMIT_FSIZE, 16 blocks of 512 bytes) passed while pages are written:
    /// not killed by SIGXFSZ but a write error, reported with the file's name (exit 2); the
    /// previous output stays and no staging folder is left.
    @Test func aFileSizeLimitIsReportedAndLeavesThePreviousOutput() throws {
        let dataset = try InterruptTests.largeDataset()
        let parent = try TemporaryFolder()
        let out = parent.url.appendingPathComponent("site")
        try makePreviousOutput(at: out)
        let before = TreeSnapshot(parent.url)
        let result = try LimitedRun.run(
            ["build", dataset.url.path, "--out", out.path, "--quiet"], limits: ["-f 16"], in: parent.url)
        #expect(result.status == 2, "\(result.stderr)")
        // The dataset is Chinese: "error: cannot write … in the output", the system's reason as
        // it gives it.
        #expect(result.stderr.contains("错误: 无法写出输出文件 "), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.url.path) == ["site"])
        #expect(TreeSnapshot(parent.url) == before)
    }
}
