import BulletinKit
import Foundation
import SplitMix

/// 南阳市 (411300): relocation 14,083 households / 48,848 people into 65 sites, safe water for
/// 65,900 people in 186 villages, and housing renovation; weekly bulletin of 2020-10-15.
enum Nanyang {
    static let asOf = Day(year: 2020, month: 10, day: 15)!
    static let period = Period.week

    static func make(regions: RegionTree) throws -> Example {
        var rng = SplitMix64(seed: 411_300)
        var example = Example(
            folder: "nanyang", regions: regions, title: "南阳市脱贫攻坚重点任务进度通报", unitLabel: "县（市、区）",
            asOf: asOf, period: period, issuer: "南阳市脱贫攻坚领导小组办公室",
            remarks: [
                "易地扶贫搬迁逾期未完成入住的县区，要逐户分析原因，十月底前全部搬迁入住。",
                "各县区要对照时序进度，倒排工期，确保危房改造10月31日前全部竣工、安全饮水11月底前全部完工。",
                "各县区要及时更新台账，确保数据真实准确，每周四前报送。",
            ])
        let (relocation, relocationIndicators, relocationWarning) = try relocation(regions: regions, rng: &rng)
        let (water, waterIndicator, waterWarning) = try water(regions: regions, rng: &rng)
        let (housing, housingIndicator, housingWarning) = try housing(regions: regions, rng: &rng)
        example.ledgers = [relocation, water, housing]
        example.indicators = relocationIndicators + [waterIndicator, housingIndicator]
        example.planted = [housingWarning, relocationWarning, waterWarning]
        example.categoryLabels = [("C", "C级"), ("D", "D级")]

        let sheqiWater = water.items.filter { $0.unit == "411327" }.reduce(0) { $0 + $1.measure }
        let dengzhouHousing = housing.items.filter { $0.unit == "411381" }.count
        example.targets = [
            TargetOverride(
                indicator: "housing", unit: "411303", target: 40,
                why: "planned 40; the ledger holds 46 (6 added after the plan) → 超任务, and warnings "
                    + "“target below the ledger count” and “done exceeds target”"),
            TargetOverride(
                indicator: "housing", unit: "411381", target: dengzhouHousing,
                deadline: Day(year: 2020, month: 9, day: 30)!,
                why: "邓州市 promised completion by 2020-09-30 → overdue"),
            TargetOverride(
                indicator: "water", unit: "411327", target: sheqiWater, deadline: Day(year: 2020, month: 9, day: 30)!,
                why: "社旗县 water due 2020-09-30 (own deadline) → overdue"),
        ]
        example.planted.append(
            PlantedWarning(
                file: "targets.csv", line: 2,
                what: "housing 411303 卧龙区 target 40 is below the ledger count 46; done (46) exceeds target (超任务)"))

        let relocationDesign = Dictionary(uniqueKeysWithValues: relocationPlans.map { ($0.unit, $0.status) })
        example.design = [
            "relocation_households": relocationDesign,
            "relocation_people": relocationDesign,
            "water": Dictionary(uniqueKeysWithValues: waterPlans.map { ($0.unit, $0.status) }),
            "housing": Dictionary(uniqueKeysWithValues: housingPlans.map { ($0.unit, $0.status) }),
        ]
        let housingTarget = housingPlans.reduce(0) { $0 + $1.rows } - 6
        example.publishedTotals = [
            ("relocation_households", nil, 14_083), ("relocation_people", nil, 48_848), ("water", nil, 65_900),
            ("housing", nil, housingTarget),
        ]
        example.about = """
            南阳市 2020 年脱贫攻坚重点任务周通报（截至 2020-10-15）。15 个县级单位：13 个县（市、区）和 2 个开发区\
            （南阳高新技术产业开发区无任务，南阳市城乡一体化示范区任务很少）；7 个原贫困县（内乡、镇平、淅川、南召、社旗、桐柏、\
            方城）承担大部分任务。

            - 易地扶贫搬迁 `relocation.csv`：14,083 户、48,848 人，搬入 65 个集中安置点（`site` 列，配置不使用），\
            两个指标读同一台账（户数计数、人数求和 `people`，人数指标权重 0 不参与综合排名）。截止 2020-09-30 已过：各县要么已完成，\
            要么逾期。
            - 农村安全饮水 `water.csv`：186 个村各一个项目，受益人口合计 65,900 人（部分人数写作带千分位的 `"1,234"`），\
            时序进度按节点（里程碑）计算。
            - 农村危房改造 `housing.csv`（UTF-8 带 BOM、CRLF，Excel“CSV UTF-8”格式）：按 C/D 级分类，截止 2020-10-31。

            It shows every status: complete, over target (卧龙区 housing 超任务), green, yellow, red, overdue \
            (relocation past its deadline; 邓州市 housing and 社旗县 water by their own `targets.csv` deadline), \
            and no-task units (高新区 everywhere; 宛城区 and the 示范区 for water). Dates are mostly ISO with some \
            `2020/3/5`, `2020.03.05` and `2020年3月5日`; one householder field holds two names with a comma and some \
            housing notes hold commas and quotes, so those fields are quoted.
            """
        return example
    }

    // MARK: Relocation

    /// (unit, households, resettlement sites, villages, rates 开工/竣工/入住, status)
    static let relocationPlans: [UnitPlan] = [
        UnitPlan(unit: "411302", rows: 60, villages: 4, rates: [1, 1, 1], status: .complete),  // 宛城区
        UnitPlan(unit: "411303", rows: 70, villages: 5, rates: [1, 1, 1], status: .complete),  // 卧龙区
        UnitPlan(unit: "411321", rows: 2_050, villages: 60, rates: [1, 0.99, 0.962], status: .overdue),  // 南召县
        UnitPlan(unit: "411322", rows: 1_350, villages: 45, rates: [1, 1, 1], status: .complete),  // 方城县
        UnitPlan(unit: "411323", rows: 620, villages: 24, rates: [1, 1, 1], status: .complete),  // 西峡县
        UnitPlan(unit: "411324", rows: 1_600, villages: 50, rates: [1, 1, 1], status: .complete),  // 镇平县
        UnitPlan(unit: "411325", rows: 2_150, villages: 62, rates: [1, 1, 1], status: .complete),  // 内乡县
        UnitPlan(unit: "411326", rows: 3_100, villages: 80, rates: [1, 1, 1], status: .complete),  // 淅川县
        UnitPlan(unit: "411327", rows: 900, villages: 30, rates: [1, 0.97, 0.89], status: .overdue),  // 社旗县
        UnitPlan(unit: "411328", rows: 380, villages: 15, rates: [1, 1, 1], status: .complete),  // 唐河县
        UnitPlan(unit: "411329", rows: 80, villages: 5, rates: [1, 1, 1], status: .complete),  // 新野县
        UnitPlan(unit: "411330", rows: 1_500, villages: 48, rates: [1, 1, 0.985], status: .overdue),  // 桐柏县
        UnitPlan(unit: "411372", rows: 23, villages: 2, rates: [1, 0.87, 0.74], status: .overdue),  // 城乡一体化示范区
        UnitPlan(unit: "411381", rows: 200, villages: 10, rates: [1, 1, 1], status: .complete),  // 邓州市
    ]

    /// Resettlement sites per unit: 65 in all.
    static let sites: [String: Int] = [
        "411302": 1, "411303": 1, "411321": 9, "411322": 6, "411323": 4, "411324": 7, "411325": 9, "411326": 11,
        "411327": 5, "411328": 2, "411329": 1, "411330": 7, "411372": 1, "411381": 1,
    ]

    static let stagesOfRelocation = [
        Stage(id: "started", title: "开工", column: "started_on"),
        Stage(id: "completed", title: "竣工", column: "completed_on"),
        Stage(id: "moved_in", title: "入住", column: "moved_in_on"),
    ]

    static func relocation(regions: RegionTree, rng: inout SplitMix64) throws -> (Ledger, [Indicator], PlantedWarning) {
        let start = Day(year: 2020, month: 1, day: 1)!
        let deadline = Day(year: 2020, month: 9, day: 30)!
        var ids = HouseholdIDs()
        var items = try makeItems(
            relocationPlans, regions: regions, stageCount: 3, dateStyles: [0.8, 0.15, 0.03, 0.02], ids: &ids, rng: &rng)
        // People per household 1…7, then nudged to the published 48,848.
        for index in items.indices { items[index].measure = 1 + rng.pick(weights: [10, 18, 24, 24, 14, 6, 4]) }
        fitMeasures(&items, indices: Array(items.indices), total: 48_848, range: 1...8, rng: &rng)
        // Sites: named after a township of the unit, households spread over the unit's sites.
        var siteNames: [String: [String]] = [:]
        let suffixes = ["幸福家园安置点", "阳光新村安置点", "和谐社区安置点", "移民新村安置点", "康居小区安置点", "新时代社区安置点"]
        var used = Set<String>()
        for plan in relocationPlans {
            let townships = Set(items.filter { $0.unit == plan.unit }.map { regions.township(of: $0.village) }).sorted()
            for number in 0..<(sites[plan.unit] ?? 0) {
                var name = regions.name(townships[number % townships.count]) + suffixes[number % suffixes.count]
                if used.contains(name) { name = regions.name(plan.unit) + "县城第\(number + 1)安置点" }
                used.insert(name)
                siteNames[plan.unit, default: []].append(name)
            }
        }
        for index in items.indices {
            items[index].note = rng.pick(siteNames[items[index].unit] ?? [])
        }
        schedule(
            &items, plans: relocationPlans, start: start, deadline: deadline, asOf: asOf,
            previous: period.day(1, before: asOf), rankingStage: 2, gaps: [90...170, 10...40],
            weight: { _ in 1 }, rng: &rng)
        items.sortForLedger()
        // Two householders registered together on one line: the field holds a comma.
        if let joint = items.firstIndex(where: { $0.unit == "411325" }) { items[joint].name = "张德福,李秀兰" }

        var ledger = Ledger(file: "relocation.csv", stages: stagesOfRelocation, items: items)
        ledger.columns = [
            ("household_id", \.id), ("householder", \.name), ("village_code", \.village),
            ("village", { regions.shortName($0.village) }), ("people", { String($0.measure) }), ("site", \.note),
            ("started_on", { $0.date(0) }), ("completed_on", { $0.date(1) }), ("moved_in_on", { $0.date(2) }),
        ]
        let warning = try ledger.plantDateAfterAsOf(unit: "411327", stage: 2, asOf: asOf, days: 7)

        let households = Indicator(
            id: "relocation_households", title: "易地扶贫搬迁（搬迁户）", measureUnit: "户", ledger: "relocation.csv",
            regionColumn: "village_code", idColumn: "household_id", stages: stagesOfRelocation, rankBy: "moved_in",
            start: start, deadline: deadline, weight: 1)
        var people = Indicator(
            id: "relocation_people", title: "易地扶贫搬迁（搬迁人口）", measureUnit: "人", ledger: "relocation.csv",
            regionColumn: "village_code", sumColumn: "people", stages: stagesOfRelocation, start: start,
            deadline: deadline, weight: 0)
        people.writesTimeProgress = false
        return (ledger, [households, people], warning)
    }

    // MARK: Safe water

    static let waterPlans: [UnitPlan] = [
        UnitPlan(unit: "411303", rows: 2, villages: 2, rates: [1, 1], status: .complete),  // 卧龙区
        UnitPlan(unit: "411321", rows: 26, villages: 26, rates: [0.85, 0.62], status: .red),  // 南召县
        UnitPlan(unit: "411322", rows: 20, villages: 20, rates: [1, 0.94], status: .green),  // 方城县
        UnitPlan(unit: "411323", rows: 10, villages: 10, rates: [1, 1], status: .complete),  // 西峡县
        UnitPlan(unit: "411324", rows: 20, villages: 20, rates: [1, 0.91], status: .green),  // 镇平县
        UnitPlan(unit: "411325", rows: 24, villages: 24, rates: [1, 1], status: .complete),  // 内乡县
        UnitPlan(unit: "411326", rows: 30, villages: 30, rates: [1, 0.92], status: .green),  // 淅川县
        UnitPlan(unit: "411327", rows: 16, villages: 16, rates: [0.9, 0.8], status: .overdue),  // 社旗县
        UnitPlan(unit: "411328", rows: 8, villages: 8, rates: [1, 0.79], status: .yellow),  // 唐河县
        UnitPlan(unit: "411329", rows: 4, villages: 4, rates: [1, 1], status: .complete),  // 新野县
        UnitPlan(unit: "411330", rows: 18, villages: 18, rates: [0.95, 0.8], status: .yellow),  // 桐柏县
        UnitPlan(unit: "411381", rows: 8, villages: 8, rates: [0.9, 0.66], status: .red),  // 邓州市
    ]

    static func water(regions: RegionTree, rng: inout SplitMix64) throws -> (Ledger, Indicator, PlantedWarning) {
        let start = Day(year: 2020, month: 3, day: 1)!
        let deadline = Day(year: 2020, month: 11, day: 30)!
        let stages = [
            Stage(id: "started", title: "开工", column: "started_on"),
            Stage(id: "finished", title: "完工", column: "finished_on"),
        ]
        var ids = HouseholdIDs()
        var items = try makeItems(
            waterPlans, regions: regions, stageCount: 2, dateStyles: [0.85, 0.1, 0.05, 0], ids: &ids, rng: &rng)
        distribute(65_900, over: &items, indices: Array(items.indices), minimum: 40, rng: &rng)
        schedule(
            &items, plans: waterPlans, start: start, deadline: deadline, asOf: asOf,
            previous: period.day(1, before: asOf), rankingStage: 1, gaps: [30...100],
            weight: \.measure, rng: &rng)
        items.sortForLedger()
        var serial: [String: Int] = [:]
        for index in items.indices {
            let unit = items[index].unit
            serial[unit, default: 0] += 1
            let number = serial[unit]!
            items[index].id = "AQYS-\(unit)-\(number < 10 ? "0" : "")\(number)"
            items[index].category = items[index].measure >= 300 ? "集中供水" : "分散供水"
            items[index].isMeasureGrouped = rng.chance(0.5)
        }
        var ledger = Ledger(file: "water.csv", stages: stages, items: items)
        ledger.columns = [
            ("project_id", \.id), ("project", { regions.shortName($0.village) + "农村饮水安全巩固提升工程" }),
            ("village_code", \.village), ("supply", \.category),
            ("people_served", { formatNumber($0.measure, grouped: $0.isMeasureGrouped) }),
            ("started_on", { $0.date(0) }), ("finished_on", { $0.date(1) }),
        ]
        let warning = try ledger.plantDateBeforeStart(unit: "411326", start: start, days: 12)
        var indicator = Indicator(
            id: "water", title: "农村安全饮水", measureUnit: "人", ledger: "water.csv", regionColumn: "village_code",
            idColumn: "project_id", sumColumn: "people_served", stages: stages, start: start, deadline: deadline)
        indicator.timeProgress = .milestones([
            (Day(year: 2020, month: 5, day: 31)!, 0.3), (Day(year: 2020, month: 8, day: 31)!, 0.7), (deadline, 1.0),
        ])
        return (ledger, indicator, warning)
    }

    // MARK: Housing

    static let housingPlans: [UnitPlan] = [
        UnitPlan(unit: "411302", rows: 70, villages: 12, rates: [0.95, 0.86], status: .yellow),  // 宛城区
        UnitPlan(unit: "411303", rows: 46, villages: 9, rates: [1, 1], status: .overTarget),  // 卧龙区
        UnitPlan(unit: "411321", rows: 480, villages: 70, rates: [0.9, 0.78], status: .red),  // 南召县
        UnitPlan(unit: "411322", rows: 620, villages: 90, rates: [0.98, 0.9], status: .yellow),  // 方城县
        UnitPlan(unit: "411323", rows: 180, villages: 30, rates: [1, 1], status: .complete),  // 西峡县
        UnitPlan(unit: "411324", rows: 560, villages: 80, rates: [1, 0.955], status: .green),  // 镇平县
        UnitPlan(unit: "411325", rows: 510, villages: 75, rates: [1, 0.96], status: .green),  // 内乡县
        UnitPlan(unit: "411326", rows: 420, villages: 70, rates: [1, 1], status: .complete),  // 淅川县
        UnitPlan(unit: "411327", rows: 450, villages: 65, rates: [0.85, 0.7], status: .red),  // 社旗县
        UnitPlan(unit: "411328", rows: 380, villages: 60, rates: [1, 0.97], status: .green),  // 唐河县
        UnitPlan(unit: "411329", rows: 150, villages: 25, rates: [1, 1], status: .complete),  // 新野县
        UnitPlan(unit: "411330", rows: 390, villages: 60, rates: [0.97, 0.88], status: .yellow),  // 桐柏县
        UnitPlan(unit: "411372", rows: 12, villages: 3, rates: [0.75, 0.5], status: .red),  // 城乡一体化示范区
        UnitPlan(unit: "411381", rows: 410, villages: 70, rates: [0.99, 0.93], status: .overdue),  // 邓州市
    ]

    static func housing(regions: RegionTree, rng: inout SplitMix64) throws -> (Ledger, Indicator, PlantedWarning) {
        let start = Day(year: 2020, month: 3, day: 1)!
        let deadline = Day(year: 2020, month: 10, day: 31)!
        let stages = [
            Stage(id: "started", title: "开工", column: "started_on"),
            Stage(id: "completed", title: "竣工", column: "completed_on"),
        ]
        var ids = HouseholdIDs(firstSerial: 5001)
        var items = try makeItems(
            housingPlans, regions: regions, stageCount: 2, dateStyles: [0.75, 0.2, 0.03, 0.02], ids: &ids, rng: &rng)
        let notes = ["五保户", "低保户", "建档立卡贫困户", "分散供养特困人员", "已竣工,待验收", "按\"一户一档\"归档"]
        for index in items.indices {
            items[index].category = rng.chance(0.62) ? "C" : "D"
            items[index].note = rng.chance(0.12) ? rng.pick(notes) : ""
        }
        schedule(
            &items, plans: housingPlans, start: start, deadline: deadline, asOf: asOf,
            previous: period.day(1, before: asOf), rankingStage: 1, gaps: [25...75],
            weight: { _ in 1 }, rng: &rng)
        items.sortForLedger()
        var ledger = Ledger(file: "housing.csv", stages: stages, items: items, encoding: .utf8WithBOM, lineEnding: "\r\n")
        ledger.columns = [
            ("household_id", \.id), ("householder", \.name), ("village_code", \.village), ("grade", \.category),
            ("started_on", { $0.date(0) }), ("completed_on", { $0.date(1) }), ("note", \.note),
        ]
        let warning = try ledger.plantStagesOutOfOrder(unit: "411322", earlier: 0, later: 1, asOf: asOf)
        let indicator = Indicator(
            id: "housing", title: "农村危房改造", measureUnit: "户", ledger: "housing.csv", regionColumn: "village_code",
            idColumn: "household_id", categoryColumn: "grade", stages: stages, rankBy: "completed", start: start,
            deadline: deadline, weight: 1)
        return (ledger, indicator, warning)
    }
}
