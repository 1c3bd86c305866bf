import Foundation
import Testing

@testable import BulletinKit

/// The pages agree with themselves where a target comes from `targets.csv`, categories print
/// their configured labels, and charts use `short_name`. On the starter dataset (`bulletin init`)
/// with 东县's housing target set to 3 and its deadline to 2020-09-30: its ledger has 4 houses
/// (C 2, D 2), so the split adds up to 4 against a target of 3; past its own deadline its time
/// progress is 100%, while the city's, on 2020-10-15, is 229/245 = 93.47%.
struct FiguresAgreeTests {
    /// Builds the changed starter into `out` and returns a reader of its files as text.
    static func build(into out: TemporaryFolder) throws -> (String) throws -> String {
        let dataset = try TemporaryFolder()
        try StarterDataset.write(to: dataset.url)
        let configuration = dataset.url.appendingPathComponent("bulletin.json")
        let text = try String(contentsOf: configuration, encoding: .utf8)
        try Data(
            text.replacingOccurrences(of: #""issuer": "#, with: #""categories": {"C": "C级"}, "issuer": "#)
                .utf8
        ).write(to: configuration)
        try Data("indicator,region,target,start,deadline\nhousing,990101,3,,2020-09-30\n".utf8)
            .write(to: dataset.url.appendingPathComponent("targets.csv"))
        let regionsFile = dataset.url.appendingPathComponent("regions.csv")
        let regions = try String(contentsOf: regionsFile, encoding: .utf8).split(separator: "\n").enumerated()
            .map {
                index, line in
                index == 0 ? line + ",short_name" : line + (line.hasPrefix("990101,") ? ",东" : ",")
            }
        try Data((regions.joined(separator: "\n") + "\n").utf8).write(to: regionsFile)
        let target = out.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: dataset.url, out: target, asOf: Day(year: 2020, month: 10, day: 15),
                templates: Repository.templates.path))
        return { try String(contentsOf: target.appendingPathComponent($0), encoding: .utf8) }
    }

    @Test func aSplitCountedFromTheLedgerSaysSoBesideTheTarget() throws {
        let out = try TemporaryFolder()
        let read = try Self.build(into: out)
        let unit = try read("units/990101.html")
        #expect(unit.contains("注：分类任务数按台账统计，合计4户；任务数3户为下达任务数（targets.csv），故分类之和与任务数不一致。"))
        // 西县's split (C 1 + D 3 = 4) is its target: no note.
        #expect(!(try read("units/990102.html")).contains("注：分类任务数"))
        // The city: 3 + 4 + 2 = 9 against 4 + 4 + 2 = 10 in the ledger; 东县 is named.
        let indicator = try read("indicators/housing.html")
        #expect(indicator.contains("合计10户；任务数9户为下达任务数"))
        #expect(indicator.contains("分类之和与任务数不一致的单位：东县。"))
    }

    @Test func categoriesPrintTheirLabels() throws {
        let out = try TemporaryFolder()
        let read = try Self.build(into: out)
        let unit = try read("units/990102.html")
        #expect(unit.contains("<th scope=\"row\">C级</th>"))
        // A value without a label prints as it is.
        #expect(unit.contains("<th scope=\"row\">D</th>"))
        // summary.csv keeps the values.
        #expect(!(try read("summary.csv")).contains("C级"))
    }

    @Test func aUnitsBarIsMarkedWithItsOwnTimeProgress() throws {
        let out = try TemporaryFolder()
        let read = try Self.build(into: out)
        let index = try read("index.html")
        #expect(index.contains("<title>东县 时序进度 100.00%</title>"))
        // 西县 and 南县 share the city's window: one mark only.
        #expect(index.components(separatedBy: "class=\"own-reference\"").count - 1 == 1)
    }

    @Test func chartsUseTheShortName() throws {
        let out = try TemporaryFolder()
        let read = try Self.build(into: out)
        let index = try read("index.html")
        #expect(index.contains(">东</text>"))
        #expect(!index.contains(">东县</text>"))
        // Tables and prose keep the full name.
        #expect(index.contains(">东县</a>"))
    }
}
