import BulletinKit
import Foundation
import SplitMix

/// 许昌市 (411000): housing renovation of 317 houses, 133 C-grade repairs and 184 D-grade
/// rebuilds, reported monthly; bulletin of 2020-11-20.
enum Xuchang {
    static let asOf = Day(year: 2020, month: 11, day: 20)!
    static let period = Period.month
    static let start = Day(year: 2020, month: 1, day: 1)!
    static let deadline = Day(year: 2020, month: 12, day: 31)!

    /// Rates per stage 开工 / 竣工 / 验收; ranked by 竣工. 许昌经济技术开发区 has no task.
    static let plans: [UnitPlan] = [
        UnitPlan(unit: "411002", rows: 17, villages: 5, rates: [1, 1, 1], status: .overTarget),  // 魏都区
        UnitPlan(unit: "411003", rows: 40, villages: 14, rates: [0.8, 0.6, 0.35], status: .red),  // 建安区
        UnitPlan(unit: "411024", rows: 55, villages: 20, rates: [1, 0.86, 0.6], status: .yellow),  // 鄢陵县
        UnitPlan(unit: "411025", rows: 80, villages: 26, rates: [1, 1, 0.9], status: .complete),  // 襄城县
        UnitPlan(unit: "411081", rows: 95, villages: 30, rates: [1, 0.95, 0.7], status: .green),  // 禹州市
        UnitPlan(unit: "411082", rows: 30, villages: 12, rates: [1, 0.9, 0.7], status: .overdue),  // 长葛市
    ]

    static func make(regions: RegionTree) throws -> Example {
        var rng = SplitMix64(seed: 411_000)
        var example = Example(
            folder: "xuchang", regions: regions, title: "许昌市农村危房改造工作月度通报", unitLabel: "县（市、区）",
            asOf: asOf, period: period, issuer: "许昌市住房和城乡建设局",
            remarks: ["各县（市、区）要确保12月底前全部竣工验收，长葛市要说明逾期原因并限期整改。"])
        let stages = [
            Stage(id: "started", title: "开工", column: "started_on"),
            Stage(id: "completed", title: "竣工", column: "completed_on"),
            Stage(id: "accepted", title: "验收", column: "accepted_on"),
        ]
        var ids = HouseholdIDs(firstSerial: 2001)
        var items = try makeItems(
            plans, regions: regions, stageCount: 3, dateStyles: [0.55, 0.2, 0.2, 0.05], ids: &ids, rng: &rng)
        // Exactly 133 C-grade repairs and 184 D-grade rebuilds over the city.
        var order = Array(items.indices)
        rng.shuffle(&order)
        for (position, index) in order.enumerated() { items[index].category = position < 133 ? "C" : "D" }
        for index in items.indices where rng.chance(0.1) {
            items[index].note = rng.pick(["五保户", "低保户", "残疾人家庭", "加固后已入住", "原址翻建,已拆除旧房"])
        }
        schedule(
            &items, plans: plans, start: start, deadline: deadline, asOf: asOf,
            previous: period.day(1, before: asOf), rankingStage: 1, gaps: [30...90, 10...40],
            weight: { _ in 1 }, rng: &rng)
        items.sortForLedger()
        var ledger = Ledger(file: "housing.csv", stages: stages, items: items, encoding: .utf8WithBOM)
        ledger.columns = [
            ("household_id", \.id), ("householder", \.name), ("village_code", \.village),
            ("village", { regions.shortName($0.village) }), ("grade", \.category), ("started_on", { $0.date(0) }),
            ("completed_on", { $0.date(1) }), ("accepted_on", { $0.date(2) }), ("note", \.note),
        ]
        example.planted = [
            try ledger.plantStagesOutOfOrder(unit: "411081", earlier: 0, later: 1, asOf: asOf),
            try ledger.plantDateAfterAsOf(unit: "411024", stage: 1, asOf: asOf, days: 10),
            try ledger.plantDateBeforeStart(unit: "411025", start: start, days: 17),
        ]
        example.ledgers = [ledger]
        var housing = Indicator(
            id: "housing", title: "农村危房改造", measureUnit: "户", ledger: "housing.csv", regionColumn: "village_code",
            idColumn: "household_id", categoryColumn: "grade", stages: stages, rankBy: "completed", start: start,
            deadline: deadline)
        housing.timeProgress = .months
        example.indicators = [housing]
        example.targets = [
            TargetOverride(
                indicator: "housing", unit: "411002", target: 14, why: "planned 14; 3 houses added after the plan → 超任务"),
            TargetOverride(
                indicator: "housing", unit: "411003", target: 43, why: "planned 43; 3 houses not yet entered in the ledger"),
            TargetOverride(
                indicator: "housing", unit: "411082", target: 30, deadline: Day(year: 2020, month: 10, day: 31)!,
                why: "长葛市 promised completion by 2020-10-31 → overdue"),
        ]
        example.planted.append(
            PlantedWarning(
                file: "targets.csv", line: 2,
                what: "housing 411002 魏都区 target 14 is below the ledger count 17; done (17) exceeds target (超任务)"))
        example.design = ["housing": Dictionary(uniqueKeysWithValues: plans.map { ($0.unit, $0.status) })]
        example.publishedTotals = [("housing", nil, 317), ("housing", "C", 133), ("housing", "D", 184)]
        example.about = """
            许昌市农村危房改造月度通报，截至 2020-11-20：317 户，其中 C 级维修加固 133 户、D 级拆除重建 184 户。\
            月报（`"period": "month"`，较上期为 2020-10-20），时序进度按月计算（`"time_progress": "months"`：\
            11 月 = 11/12 = 91.67%）。三个阶段 开工 → 竣工 → 验收，按竣工排名。`housing.csv` 为 UTF-8 带 BOM。

            It shows complete (襄城县), over target (魏都区: 17 houses against a plan of 14), green (禹州市), yellow \
            (鄢陵县), red (建安区), overdue (长葛市, own deadline 2020-10-31) and a no-task unit (许昌经济技术开发区), \
            with the C/D category split. Dates mix ISO, `2020/3/5`, `2020.03.05` and `2020年3月5日`.
            """
        return example
    }
}
