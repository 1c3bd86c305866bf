import Foundation
import Testing

@testable import BulletinKit

/// End-to-end aggregation over a small dataset whose every number is worked out by hand.
///
/// Window 2020-03-01 … 2020-10-31, bulletin 2020-10-15, previous 2020-10-08.
/// Time progress by days: elapsed 03-01…10-15 inclusive = 31+30+31+30+31+31+30+15 = 229;
/// window 03-01…10-31 inclusive = 245. P = 229/245 = 0.934693… → 93.47%.
/// On 10-08: elapsed 222, P = 222/245 = 0.906122… → 90.61%.
@Suite struct AggregationTests {
    /// 甲县 4 rows all completed (one on 10-10, after the previous bulletin);
    /// 乙县 4 rows, 3 completed; 丙县 10 rows, 9 completed (grades: 5 C, 5 D; C all completed);
    /// 丁县 none.
    static func makeDataset() throws -> TemporaryDataset {
        let ledger = [
            "hid,village,grade,started,completed",
            ledgerLines(prefix: "a", region: "101001001", grade: "C", count: 3, completed: 3),
            "a-4,101001,D,2020-04-01,2020-10-10",
            ledgerLines(prefix: "b", region: "102001001", grade: "D", count: 4, completed: 3),
            ledgerLines(prefix: "c", region: "103001", grade: "C", count: 5, completed: 5),
            ledgerLines(prefix: "d", region: "103", grade: "D", count: 5, completed: 4),
        ].joined(separator: "\n") + "\n"
        return try TemporaryDataset(files: [
            "bulletin.json": housingConfiguration(), "regions.csv": smallRegions, "housing.csv": ledger,
        ])
    }

    @Test func ratesTimeProgressGapAndStatus() throws {
        let dataset = try Self.makeDataset()
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        #expect(bulletin.quality.errorCount == 0)
        let housing = bulletin.indicators[0]
        #expect(bulletin.units.map(\.name) == ["甲县", "乙县", "丙县", "丁县"])

        let jia = housing.ranked(0)
        #expect(jia.target == 4 * 10_000 && jia.done == 4 * 10_000)
        #expect(jia.rate?.percent() == "100.00")
        #expect(jia.status == .complete)
        // One completion (10-10) falls after the previous bulletin (10-08).
        #expect(jia.newSincePrevious == 10_000)
        // Rate change 4/4 − 3/4 = 25 points.
        #expect(jia.rateChange?.percent() == "25.00")

        let yi = housing.ranked(1)
        #expect(yi.rate?.percent() == "75.00")
        #expect(yi.timeProgress.percent() == "93.47")
        // 0.75 − 229/245 = −0.184693… → −18.47 points: below −10, red.
        #expect(yi.gap?.percent() == "-18.47")
        #expect(yi.status == .red)

        let bing = housing.ranked(2)
        // 9/10 − 229/245 = −0.034693… → −3.47 points: below 0 but not −10, yellow.
        #expect(bing.gap?.percent() == "-3.47")
        #expect(bing.status == .yellow)

        let ding = housing.ranked(3)
        #expect(!ding.hasTask)
        #expect(ding.status == .noTask)
        #expect(ding.rank == nil)
    }

    @Test func rootTotalIsSumOverSumNotMeanOfRates() throws {
        let dataset = try Self.makeDataset()
        let housing = try BuildJob.check(dataset: dataset.url, asOf: nil).indicators[0]
        // ΣA/ΣT = (4+3+9)/(4+4+10) = 16/18 = 88.888… → 88.89% (mean of rates would be 88.33%).
        #expect(housing.rootRanked.rate?.percent() == "88.89")
        #expect(housing.rootRanked.target == 18 * 10_000)
        // Started stage: every row started on 04-01 → 100%.
        #expect(housing.root.stages[0].whole.rate?.percent() == "100.00")
    }

    @Test func ranksFlagsAndBelowAverage() throws {
        let dataset = try Self.makeDataset()
        let housing = try BuildJob.check(dataset: dataset.url, asOf: nil).indicators[0]
        // 甲 100% → 1, 丙 90% → 2, 乙 75% → 3; 丁 has no task and no rank.
        #expect(housing.ranking == [0, 2, 1])
        #expect(housing.units.map { $0.stages[1].whole.rank } == [1, 3, 2, nil])
        // Only three ranked units < top 3 + bottom 3: no 前三名/后三位 lists.
        #expect(housing.top.isEmpty && housing.bottom.isEmpty)
        // Below the city's 88.89%: only 乙 (75%).
        #expect(housing.belowAverage == [1])
        // Behind time progress (gap < 0), worst first: 乙 (−18.47) then 丙 (−3.47).
        #expect(housing.behind == [1, 2])
    }

    @Test func categorySplitAndTownshipBreakdown() throws {
        let dataset = try Self.makeDataset()
        let housing = try BuildJob.check(dataset: dataset.url, asOf: nil).indicators[0]
        #expect(housing.categories == ["C", "D"])
        // 丙县: C 5 of 5, D 4 of 5.
        let bing = housing.units[2].stages[1]
        #expect(bing.categories[0].target == 5 * 10_000 && bing.categories[0].done == 5 * 10_000)
        #expect(bing.categories[1].rate?.percent() == "80.00")
        // Root C: 3 (甲) + 5 (丙) of 8; D: 1 + 3 + 4 = 8 of 1 + 4 + 5 = 10.
        #expect(housing.root.stages[1].categories[0].rate?.percent() == "100.00")
        #expect(housing.root.stages[1].categories[1].rate?.percent() == "80.00")
        // 甲县 breakdown: 甲一镇 (3 rows via its village, 1 row at the township itself).
        let breakdown = housing.breakdown[0]
        #expect(breakdown.map(\.region.name) == ["甲一镇"])
        #expect(breakdown[0].stages[1].whole.target == 4 * 10_000)
        // 丙县: 5 rows at 丙一镇 and 5 rows at the county itself (listed under the county's own code).
        #expect(housing.breakdown[2].map(\.region.code) == ["103", "103001"])
    }

    @Test func ratesTieOnlyWhenExactlyEqual() throws {
        // 甲 1 of 2 and 乙 2 of 4 tie at exactly 50%; 丙 3 of 7 (42.857…%) is below.
        let ledger = [
            "hid,village,grade,started,completed",
            ledgerLines(prefix: "a", region: "101", grade: "C", count: 2, completed: 1),
            ledgerLines(prefix: "b", region: "102", grade: "C", count: 4, completed: 2),
            ledgerLines(prefix: "c", region: "103", grade: "C", count: 7, completed: 3),
        ].joined(separator: "\n")
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": housingConfiguration(), "regions.csv": smallRegions, "housing.csv": ledger,
        ])
        let housing = try BuildJob.check(dataset: dataset.url, asOf: nil).indicators[0]
        #expect(housing.units.map { $0.stages[1].whole.rank } == [1, 1, 3, nil])
        #expect(housing.ranking == [0, 1, 2])
    }

    /// SPEC §2.3: an empty target replaces nothing. 乙县's row gives only a deadline, moved
    /// back from 2020-10-31 to 2020-09-30, which has passed at 3 of 4 done: overdue, on the
    /// ledger's own target of 4 (not 0, not an error).
    @Test func emptyTargetOnlyMovesTheDeadline() throws {
        let dataset = try Self.makeDataset()
        try dataset.write("indicator,region,target,start,deadline\nhousing,102,,,2020-09-30\n", to: "targets.csv")
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        #expect(!bulletin.quality.hasErrors)
        let housing = bulletin.indicators[0]
        #expect(housing.ranked(1).target == 4 * 10_000)
        #expect(housing.ranked(1).status == .overdue)
        #expect(housing.units[1].deadline == Day(year: 2020, month: 9, day: 30))
        // A row with nothing to change is an error that says what to fill in.
        try dataset.write("indicator,region,target,start,deadline\nhousing,102,,,\n", to: "targets.csv")
        let empty = try BuildJob.check(dataset: dataset.url, asOf: nil)
        #expect(empty.quality.findings.map(\.location) == ["targets.csv:2:3"])
    }

    @Test func targetsOverrideAndOverTargetIsNotCapped() throws {
        // 甲县 completes 4 rows against a planned 3 → 133.33%, 超任务; its own deadline
        // 2020-10-01 has passed, but it is complete, so complete wins over overdue.
        // 乙县's own deadline 2020-09-30 has passed at 75% → overdue.
        let dataset = try Self.makeDataset()
        try dataset.write("indicator,region,target,start,deadline\nhousing,101,3,,2020-10-01\nhousing,102,4,,2020-09-30\n", to: "targets.csv")
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let housing = bulletin.indicators[0]
        #expect(housing.ranked(0).rate?.percent() == "133.33")
        #expect(housing.ranked(0).isOverTarget)
        #expect(housing.ranked(0).status == .complete)
        #expect(housing.ranked(1).status == .overdue)
        let kinds = bulletin.quality.findings.map(\.kind)
        #expect(kinds.contains(.overTarget))
        #expect(kinds.contains(.targetBelowLedger))
        // Root: (4 + 3 + 9) / (3 + 4 + 10) = 16/17 = 94.117… → 94.12%.
        #expect(housing.rootRanked.rate?.percent() == "94.12")
    }

    @Test func compositeRankCapsRatesAtOneHundredPercent() throws {
        // Two indicators over one ledger: households (count, weight 1) and a sum of people
        // (weight 3). Per unit, composite = (1·min(R1,1) + 3·min(R2,1)) / 4.
        let configuration = """
            {"title":"t","root":"100","as_of":"2020-10-15","indicators":[
             {"id":"hh","title":"户","ledger":"r.csv","region":"v","stages":[{"id":"done","title":"完成","date":"d"}],
              "start":"2020-01-01","deadline":"2020-12-31","weight":1},
             {"id":"pp","title":"人","ledger":"r.csv","region":"v","measure":{"sum":"people"},
              "stages":[{"id":"done","title":"完成","date":"d"}],"start":"2020-01-01","deadline":"2020-12-31","weight":3}]}
            """
        // 甲: 2 households (5 and 3 people), one done (5 people): R1 = 1/2, R2 = 5/8.
        //   composite = (0.5 + 3·0.625)/4 = 2.375/4 = 0.59375 → 59.38%.
        // 乙: 1 household (4 people) done: R1 = 1, R2 = 1 → 1.
        // Over-target capping is exercised via targets.csv: 丙 target 1 household, 2 done → R1 = 2 → capped 1;
        //   people 2+2 of 4 → 1. Composite 1 → ties 乙 at rank 1.
        let ledger = "v,people,d\n101,5,2020-05-01\n101,3,\n102,4,2020-05-01\n103,2,2020-05-01\n103,2,2020-05-01\n"
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": configuration, "regions.csv": smallRegions, "r.csv": ledger,
            "targets.csv": "indicator,region,target\nhh,103,1\n",
        ])
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let scores = Dictionary(uniqueKeysWithValues: bulletin.composite.map { (bulletin.units[$0.unit].name, ($0.score.percent(), $0.rank)) })
        #expect(scores["甲县"]?.0 == "59.38")
        #expect(scores["甲县"]?.1 == 3)
        #expect(scores["乙县"]?.0 == "100.00" && scores["乙县"]?.1 == 1)
        #expect(scores["丙县"]?.0 == "100.00" && scores["丙县"]?.1 == 1)
        #expect(scores["丁县"] == nil)
        // Reading one ledger for two indicators counts it once per indicator.
        #expect(bulletin.indicators[1].rootRanked.target == 16 * 10_000)
    }
}
