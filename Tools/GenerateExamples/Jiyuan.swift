import BulletinKit
import Foundation
import SplitMix

/// 济源市 (419001, a county-level city whose units are its 16 townships): relocation of 2,073
/// households / 7,084 people from 59 villages; bulletin of 2020-09-17, looking back 14 days.
enum Jiyuan {
    static let asOf = Day(year: 2020, month: 9, day: 17)!
    static let period = Period.days(14)
    static let start = Day(year: 2020, month: 3, day: 1)!
    static let deadline = Day(year: 2020, month: 10, day: 31)!

    /// Rates per stage 竣工 / 入住 / 拆旧; ranked by 入住. The five 街道 and 梨林镇 have no task.
    static let plans: [UnitPlan] = [
        UnitPlan(unit: "419001100", rows: 70, villages: 3, rates: [1, 0.9, 0.6], status: .overdue),  // 克井镇
        UnitPlan(unit: "419001101", rows: 20, villages: 1, rates: [1, 0.85, 0.5], status: .green),  // 五龙口镇
        UnitPlan(unit: "419001102", rows: 33, villages: 2, rates: [1, 1, 0.8], status: .overTarget),  // 轵城镇
        UnitPlan(unit: "419001103", rows: 110, villages: 4, rates: [0.9, 0.76, 0.5], status: .yellow),  // 承留镇
        UnitPlan(unit: "419001104", rows: 420, villages: 10, rates: [0.95, 0.86, 0.6], status: .green),  // 邵原镇
        UnitPlan(unit: "419001105", rows: 250, villages: 7, rates: [1, 0.9, 0.7], status: .green),  // 坡头镇
        UnitPlan(unit: "419001107", rows: 300, villages: 8, rates: [0.8, 0.62, 0.4], status: .red),  // 大峪镇
        UnitPlan(unit: "419001108", rows: 160, villages: 5, rates: [1, 1, 1], status: .complete),  // 思礼镇
        UnitPlan(unit: "419001109", rows: 380, villages: 10, rates: [1, 1, 0.85], status: .complete),  // 王屋镇
        UnitPlan(unit: "419001110", rows: 330, villages: 9, rates: [0.92, 0.78, 0.5], status: .yellow),  // 下冶镇
    ]

    static func make(regions: RegionTree) throws -> Example {
        var rng = SplitMix64(seed: 419_001)
        var example = Example(
            folder: "jiyuan", regions: regions, title: "济源市易地扶贫搬迁工作进度通报", unitLabel: "镇（街道）", asOf: asOf,
            period: period, issuer: "济源市脱贫攻坚领导小组办公室",
            remarks: [
                "各镇要加快搬迁入住进度，同步推进旧房拆除和宅基地复垦，10月底前全面完成。",
                "克井镇已超过承诺完成时限，要专题研究，明确责任人和完成时间。",
            ])
        let stages = [
            Stage(id: "built", title: "竣工", column: "built_on"),
            Stage(id: "moved_in", title: "入住", column: "moved_in_on"),
            Stage(id: "demolished", title: "拆旧", column: "demolished_on"),
        ]
        var ids = HouseholdIDs()
        var items = try makeItems(
            plans, regions: regions, stageCount: 3, dateStyles: [0.6, 0.3, 0.05, 0.05], ids: &ids, rng: &rng)
        for index in items.indices {
            items[index].measure = 1 + rng.pick(weights: [11, 19, 24, 23, 13, 6, 4])
            items[index].category = rng.chance(0.8) ? "集中安置" : "分散安置"
        }
        fitMeasures(&items, indices: Array(items.indices), total: 7_084, range: 1...8, rng: &rng)
        schedule(
            &items, plans: plans, start: start, deadline: deadline, asOf: asOf,
            previous: period.day(1, before: asOf), rankingStage: 1, gaps: [5...40, 15...60],
            weight: { _ in 1 }, rng: &rng)
        items.sortForLedger()
        var ledger = Ledger(file: "relocation.csv", stages: stages, items: items)
        ledger.columns = [
            ("household_id", \.id), ("householder", \.name), ("village_code", \.village),
            ("village", { regions.shortName($0.village) }), ("people", { String($0.measure) }), ("mode", \.category),
            ("built_on", { $0.date(0) }), ("moved_in_on", { $0.date(1) }), ("demolished_on", { $0.date(2) }),
        ]
        example.planted = [
            try ledger.plantStagesOutOfOrder(unit: "419001105", earlier: 0, later: 1, asOf: asOf),
            try ledger.plantDateAfterAsOf(unit: "419001107", stage: 1, asOf: asOf, days: 9),
            try ledger.plantDateBeforeStart(unit: "419001109", start: start, days: 20),
        ]
        example.ledgers = [ledger]
        example.indicators = [
            Indicator(
                id: "relocation_households", title: "易地扶贫搬迁（户）", measureUnit: "户", ledger: "relocation.csv",
                regionColumn: "village_code", idColumn: "household_id", categoryColumn: "mode", stages: stages,
                rankBy: "moved_in", start: start, deadline: deadline, weight: 1),
            Indicator(
                id: "relocation_people", title: "易地扶贫搬迁（人）", measureUnit: "人", ledger: "relocation.csv",
                regionColumn: "village_code", sumColumn: "people", categoryColumn: "mode", stages: stages,
                rankBy: "moved_in", start: start, deadline: deadline, weight: 1),
        ]

        // 轵城镇's ledger holds 3 households beyond its plan (超任务); 下冶镇's plan holds 3 not yet
        // entered in its ledger, so the targets still add up to the published 2,073 / 7,084.
        func people(_ unit: String) -> Int { ledger.items.filter { $0.unit == unit }.reduce(0) { $0 + $1.measure } }
        let extra = ledger.items.filter { $0.unit == "419001102" }.suffix(3).reduce(0) { $0 + $1.measure }
        example.targets = [
            TargetOverride(
                indicator: "relocation_households", unit: "419001102", target: 30,
                why: "planned 30; 3 households added after the plan → 超任务"),
            TargetOverride(
                indicator: "relocation_people", unit: "419001102", target: people("419001102") - extra,
                why: "the same 3 households' people → 超任务"),
            TargetOverride(
                indicator: "relocation_households", unit: "419001110", target: 333,
                why: "planned 333; 3 households not yet entered in the ledger"),
            TargetOverride(
                indicator: "relocation_people", unit: "419001110", target: people("419001110") + extra,
                why: "the same 3 households' people"),
            TargetOverride(
                indicator: "relocation_households", unit: "419001100", target: 70, deadline: Day(year: 2020, month: 8, day: 31)!,
                why: "克井镇 promised completion by 2020-08-31 → overdue"),
            TargetOverride(
                indicator: "relocation_people", unit: "419001100", target: people("419001100"),
                deadline: Day(year: 2020, month: 8, day: 31)!, why: "克井镇 likewise"),
        ]
        example.planted.append(
            PlantedWarning(
                file: "targets.csv", line: 2,
                what: "relocation_households 419001102 轵城镇 target 30 is below the ledger count 33; done exceeds target (超任务)"))
        example.planted.append(
            PlantedWarning(
                file: "targets.csv", line: 3,
                what: "relocation_people 419001102 轵城镇 target \(people("419001102") - extra) is below the ledger sum "
                    + "\(people("419001102")); done exceeds target (超任务)"))
        let design = Dictionary(uniqueKeysWithValues: plans.map { ($0.unit, $0.status) })
        example.design = ["relocation_households": design, "relocation_people": design]
        example.publishedTotals = [("relocation_households", nil, 2_073), ("relocation_people", nil, 7_084)]
        example.about = """
            济源市（县级市，单位为 16 个镇、街道）易地扶贫搬迁进度通报，截至 2020-09-17，较上期按 14 天（`"period": 14`）。\
            搬迁 2,073 户、7,084 人，来自 10 个山区镇的 59 个村；5 个街道和梨林镇无搬迁任务。三个阶段：竣工 → 入住 → 拆旧，\
            按入住排名（`rank_by` 不是最后一个阶段），按安置方式（`mode`：集中安置/分散安置）分类。

            It shows complete (王屋镇, 思礼镇), over target (轵城镇: 33 households against a plan of 30), green, yellow, \
            red, overdue (克井镇, own deadline 2020-08-31 in `targets.csv`) and no-task townships; a category split; \
            a ranking stage that is not the last; an integer period. Dates mix ISO with Excel's `2020/3/5`.
            """
        return example
    }
}
