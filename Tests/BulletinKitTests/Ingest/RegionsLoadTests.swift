import Foundation
import Testing

@testable import BulletinKit

/// `regions.csv` is read a batch of rows at a time: what a row says is the same wherever it falls
/// in a batch, and the rows before a broken one still say it.
@Suite struct RegionsLoadTests {
    /// Repeated codes at lines 4 and 38 and a quote left open at line 40: all three reported, in
    /// line order. Lines 5–39 are villages; line 38 repeats the first village's code in the batch
    /// of 16 rows (lines 34–49) that the broken row ends.
    @Test func theRowsBeforeABrokenOneAreStillChecked() throws {
        var lines = ["code,name,parent", "411300,南阳市,", "411302,宛城区,411300", "411302,宛城区重复,411300"]
        for village in 1...35 {
            let code = village == 34 ? 1 : village
            lines.append("411302\(String(format: "%06d", code)),村\(village),411302")
        }
        lines.append("\"411303,卧龙区,411300")
        let folder = try TemporaryDataset(files: ["regions.csv": lines.joined(separator: "\n") + "\n"])
        let (_, findings) = Regions.load(
            path: folder.url.appendingPathComponent("regions.csv").path, file: "regions.csv",
            rootCode: "411300")
        #expect(findings.map(\.line) == [4, 38, 40])
        #expect(findings.prefix(2).map(\.kind) == [.duplicateCode, .duplicateCode])
    }

    /// 1,100 villages (past line 1,025, where the table is sized for the whole file): every code
    /// is found, and every village's parent is its county.
    @Test func everyRegionOfALongFileIsFound() throws {
        var lines = ["code,name,parent", "411300,南阳市,", "411302,宛城区,411300"]
        for village in 1...1100 {
            lines.append("411302\(String(format: "%06d", village)),村\(village),411302")
        }
        let folder = try TemporaryDataset(files: ["regions.csv": lines.joined(separator: "\n") + "\n"])
        let (regions, findings) = Regions.load(
            path: folder.url.appendingPathComponent("regions.csv").path, file: "regions.csv",
            rootCode: "411300")
        #expect(findings.isEmpty)
        let county = try #require(regions.index(of: "411302"))
        for village in 1...1100 {
            let index = try #require(regions.index(of: "411302\(String(format: "%06d", village))"))
            #expect(regions.parents[index] == Int32(county))
        }
    }
}
