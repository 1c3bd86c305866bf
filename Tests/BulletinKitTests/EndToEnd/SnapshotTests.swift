import Foundation
import Testing

@testable import BulletinKit

/// Golden files: the Nanyang briefing and summary.csv as reviewed, byte for byte, so that any
/// change to what a clerk receives shows up in review. Re-record on purpose with
/// `BULLETIN_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`, then read the diff.
struct SnapshotTests {
    static let folder = Repository.root.appendingPathComponent("Tests/BulletinKitTests/Snapshots")

    @Test(arguments: ["briefing.md", "summary.csv"])
    func nanyangMatchesItsGoldenFile(_ name: String) throws {
        let out = try TemporaryFolder()
        let target = out.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(dataset: Repository.example("nanyang"), out: target, templates: Repository.templates.path))
        let actual = try Data(contentsOf: target.appendingPathComponent(name))
        let golden = Self.folder.appendingPathComponent("nanyang-\(name)")
        if ProcessInfo.processInfo.environment["BULLETIN_RECORD_SNAPSHOTS"] == "1" {
            try actual.write(to: golden)
            return
        }
        let expected = try Data(contentsOf: golden)
        if actual != expected {
            let a = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
            let e = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record(
                """
                \(name) differs from \(golden.lastPathComponent) at line \(line + 1):
                  golden: \(line < e.count ? e[line] : "(end)")
                  built:  \(line < a.count ? a[line] : "(end)")
                """)
        }
    }
}
