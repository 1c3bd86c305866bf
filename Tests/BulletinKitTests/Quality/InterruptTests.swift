import Foundation
import Testing

@testable import BulletinKit

/// Ctrl-C during a build (SPEC §1.4, issue 7): the half-written output is removed, the previous
/// output stays exactly as it was, and the exit status says the build was interrupted.
struct InterruptTests {
    /// A dataset of 1,500 units, one ledger row each: writing its 1,500 unit pages takes long
    /// enough (seconds in a debug build) to interrupt while the staging folder exists.
    static func largeDataset() throws -> TemporaryDataset {
        var regions = "code,name,parent\n100,示例市,\n"
        var ledger = "village,done\n"
        for unit in 1...1_500 {
            regions += "\(100_000 + unit),单位\(unit),100\n"
            ledger += "\(100_000 + unit),\(unit % 3 == 0 ? "" : "2020-05-01")\n"
        }
        return try TemporaryDataset(files: [
            "bulletin.json": """
            {"title": "中断测试", "root": "100", "as_of": "2020-10-15",
             "indicators": [{"id": "tasks", "title": "任务", "ledger": "tasks.csv", "region": "village",
               "stages": [{"id": "done", "title": "完成", "date": "done"}],
               "start": "2020-03-01", "deadline": "2020-10-31"}]}
            """,
            "regions.csv": regions, "tasks.csv": ledger,
        ])
    }

    /// Interrupted as soon as the staging folder exists, and again once `pagesWritten` unit
    /// pages are in it (pages still being written on both cores while it is removed).
    @Test(arguments: [0, 200])
    func interruptedBuildLeavesThePreviousOutputAndNoTemporaryFolder(pagesWritten: Int) throws {
        guard let executable = BulletinExecutable.url else {
            Issue.record("the bulletin executable was not built beside the tests")
            return
        }
        let dataset = try Self.largeDataset()
        let parent = try TemporaryFolder()
        // A previous output that Bulletin made (its marker) with a page in it.
        let out = parent.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data(OutputDirectory.markerText.utf8).write(
            to: out.appendingPathComponent(OutputDirectory.markerName))
        try Data("<p>last week</p>\n".utf8).write(to: out.appendingPathComponent("index.html"))
        let before = TreeSnapshot(parent.url)

        let process = Process()
        process.executableURL = executable
        process.arguments = ["build", dataset.url.path, "--out", out.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the build is writing into its staging folder, then press Ctrl-C.
        var sawStaging = false
        for _ in 0..<12_000 where process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.url.path)) ?? []
            if let staging = names.first(where: { $0.hasPrefix(".site.bulletin-tmp-") }) {
                let units = parent.url.appendingPathComponent(staging).appendingPathComponent("units").path
                if pagesWritten == 0
                    || ((try? FileManager.default.contentsOfDirectory(atPath: units))?.count ?? 0)
                        >= pagesWritten
                {
                    sawStaging = true
                    break
                }
            }
            usleep(5_000)
        }
        #expect(sawStaging, "the build ended before \(pagesWritten) pages were seen in its staging folder")
        process.interrupt()  // SIGINT
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let names = try FileManager.default.contentsOfDirectory(atPath: parent.url.path)
        #expect(names == ["site"], "left behind: \(names)")
        #expect(TreeSnapshot(parent.url) == before)
    }
}
