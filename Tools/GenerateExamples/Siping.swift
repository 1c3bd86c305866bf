import BulletinKit
import Foundation
import SplitMix

/// 四平市 (220300): housing renovation of 938 households due 2020-10-31, and water for 2,433
/// people by central supply and 4,191 by dispersed supply due 2020-11-30. Both ledgers are
/// what Excel on a Chinese Windows writes: GB18030, Chinese headers, CRLF, `2020/3/5` dates.
enum Siping {
    static let asOf = Day(year: 2020, month: 9, day: 24)!
    static let period = Period.week

    /// Housing rates 开工 / 竣工 / 验收, ranked by 竣工. 铁西区 has no housing task.
    static let housingPlans: [UnitPlan] = [
        UnitPlan(unit: "220303", rows: 38, villages: 8, rates: [1, 1, 0.9], status: .overTarget),  // 铁东区
        UnitPlan(unit: "220322", rows: 380, villages: 90, rates: [1, 0.92, 0.6], status: .green),  // 梨树县
        UnitPlan(unit: "220323", rows: 300, villages: 70, rates: [0.85, 0.65, 0.4], status: .red),  // 伊通满族自治县
        UnitPlan(unit: "220382", rows: 220, villages: 60, rates: [1, 0.95, 0.8], status: .overdue),  // 双辽市
    ]

    /// Water rates 开工 / 完工; (central projects, dispersed projects) per unit. 铁东区 has no water task.
    static let waterPlans: [(plan: UnitPlan, central: Int)] = [
        (UnitPlan(unit: "220302", rows: 7, villages: 7, rates: [0.6, 0.4], status: .red), 0),  // 铁西区
        (UnitPlan(unit: "220322", rows: 30, villages: 30, rates: [1, 0.76], status: .green), 5),  // 梨树县
        (UnitPlan(unit: "220323", rows: 24, villages: 24, rates: [1, 1], status: .complete), 4),  // 伊通满族自治县
        (UnitPlan(unit: "220382", rows: 21, villages: 21, rates: [0.9, 0.62], status: .yellow), 3),  // 双辽市
    ]

    static func make(regions: RegionTree) throws -> Example {
        var rng = SplitMix64(seed: 220_300)
        var example = Example(
            folder: "siping", regions: regions, title: "四平市农村危房改造和农村饮水安全工程进度通报", unitLabel: "县（市、区）",
            asOf: asOf, period: period, issuer: "四平市脱贫攻坚领导小组办公室",
            remarks: [
                "危房改造10月31日前、农村饮水安全工程11月30日前必须全部完成，入冬前确保群众住上安全房、喝上放心水。",
                "伊通满族自治县危房改造进度滞后，要增加施工力量，实行日调度。",
            ])
        example.flags = (top: 1, bottom: 1)
        let housing = try housingLedger(regions: regions, rng: &rng)
        let water = try waterLedger(regions: regions, rng: &rng)
        let housingSubtotal = housing.wrongSubtotal
        example.ledgers = [housing.ledger, water.ledger]
        let aliases = regions.units.flatMap { PlaceSpelling(regions: regions).aliases(under: $0) }
        example.extraFiles = [
            (
                "aliases.csv", aliases.count,
                "local names of 铁东区's townships and villages, which `regions.csv` prints with the city's and county's names before them (SPEC §2.6)",
                Data(("code,alias\n" + aliases.map { "\($0.code),\($0.alias)\n" }.joined()).utf8)
            )
        ]
        example.indicators = [housing.indicator, water.indicator]
        example.planted = housing.warnings + water.warnings
        example.targets = [
            TargetOverride(
                indicator: "housing", unit: "220303", target: 35,
                why: "planned 35; 3 households added after the plan → 超任务"),
            TargetOverride(
                indicator: "housing", unit: "220323", target: 303,
                why: "planned 303; 3 households not yet entered in the ledger"),
            TargetOverride(
                indicator: "housing", unit: "220382", target: 220,
                deadline: Day(year: 2020, month: 8, day: 31)!,
                why: "双辽市 promised completion by 2020-08-31 → overdue"),
        ]
        example.planted.append(
            PlantedWarning(
                file: "targets.csv", line: 2,
                what:
                    "housing 220303 铁东区 target 35 is below the ledger count 38; done (38) exceeds target (超任务)"
            ))
        example.design = [
            "housing": Dictionary(uniqueKeysWithValues: housingPlans.map { ($0.unit, $0.status) }),
            "water": Dictionary(uniqueKeysWithValues: waterPlans.map { ($0.plan.unit, $0.plan.status) }),
        ]
        example.publishedTotals = [
            ("housing", nil, 938), ("water", nil, 6_624), ("water", "集中供水", 2_433), ("water", "分散供水", 4_191),
        ]
        example.about = """
            四平市农村危房改造和农村饮水安全工程周通报，截至 2020-09-24。危房改造 938 户，10 月 31 日前完成；农村饮水安全 \
            6,624 人，其中集中供水 2,433 人、分散供水 4,191 人（`供水方式` 分类），11 月 30 日前完成。

            The housing ledger is **one workbook per county**, as county offices send them: `危房改造/梨树县.xlsx` and \
            three more, read as one ledger through the pattern `"ledger": "危房改造/*.xlsx"` (SPEC §2.4). Each workbook \
            opens on a notes sheet (`填表说明`); the ledger sheet `台账` is found because its first rows hold the \
            configured columns. It has a merged title row (`梨树县2020年农村危房改造台账`), a `填报单位：… 填报日期：…` \
            line, and a two-row header with `改造进度` merged over `开工日期 | 竣工日期 | 验收日期` and the other header \
            cells merged down (SPEC §2.5). Places are named, not coded (`"region": {"names": ["县区", "乡镇", "村"]}`, \
            SPEC §2.6): the county once, merged down all of its rows; townships and villages with and without their \
            suffixes (`伊通镇`/`伊通`, `前桥村`/`前桥`), some spaced with full-width spaces (`伊　通`, `马鞍山镇　`). `regions.csv` \
            prints 铁东区's townships and villages with the city's and county's names before them \
            (`四平市铁东区山门镇`), so `aliases.csv` gives their local names. Ids are householders' resident ID \
            numbers (`"id_check": "id-card"`; synthetic, drawn with a correct GB 11643 check character, except one \
            planted typo) beside their names — neither appears in any output. Stage dates mix date cells (some \
            shown `2020年7月22日`), text dates and eight-digit numbers (`20200722`). Each township ends with a `小计` \
            row and the sheet with a `合计` row (never counted), then a `填表人：… 审核人：…` footer (skipped). One \
            `小计` is wrong on purpose: \(housingSubtotal). Housing is counted (not summed) and the `家庭人口` column \
            feeds no indicator, so no figure of that row is checked (SPEC §2.5 checks totals of a sum measure): it \
            gives no finding. The rows, units, villages and dates are those of the earlier CSV version, so every \
            figure of the bulletin is unchanged.

            The water ledger is written as Excel on a Chinese Windows saves CSV: **GB18030**, **Chinese headers**, \
            **CRLF**, dates mostly `2020/3/5`, with `"encoding": "gb18030"`. Housing is ranked by 竣工, the middle of \
            three stages; 前三名/后三位 flags are 1 and 1 (only 4 units have each task).

            It shows complete (伊通 water), over target (铁东区 housing: 38 against a plan of 35), green, yellow, red, \
            overdue (双辽市 housing, own deadline 2020-08-31) and no-task units (铁西区 housing, 铁东区 water).
            """
        return example
    }

    /// The housing ledger as one workbook per county (`HousingWorkbooks`), and where its wrong
    /// 小计 is.
    static func housingLedger(regions: RegionTree, rng: inout SplitMix64) throws
        -> (ledger: Ledger, indicator: Indicator, warnings: [PlantedWarning], wrongSubtotal: String)
    {
        let start = Day(year: 2020, month: 4, day: 1)!
        let deadline = Day(year: 2020, month: 10, day: 31)!
        let stages = [
            Stage(id: "started", title: "开工", column: "开工日期"),
            Stage(id: "completed", title: "竣工", column: "竣工日期"),
            Stage(id: "accepted", title: "验收", column: "验收日期"),
        ]
        var ids = HouseholdIDs(firstSerial: 3001)
        var items = try makeItems(
            housingPlans, regions: regions, stageCount: 3, dateStyles: [0.1, 0.85, 0, 0.05], ids: &ids,
            rng: &rng)
        for index in items.indices {
            items[index].category = rng.chance(0.55) ? "维修加固" : "拆除重建"
            items[index].note = rng.chance(0.08) ? rng.pick(["低保户", "五保户", "贫困残疾人家庭", "已入住"]) : ""
        }
        schedule(
            &items, plans: housingPlans, start: start, deadline: deadline, asOf: asOf,
            previous: period.day(1, before: asOf), rankingStage: 1, gaps: [20...60, 5...30],
            weight: { _ in 1 }, rng: &rng)
        items.sortForLedger()
        var ledger = Ledger(file: "危房改造/*.xlsx", stages: stages, items: items)
        var warnings = [
            try ledger.plantStagesOutOfOrder(unit: "220322", earlier: 0, later: 1, asOf: asOf),
            try ledger.plantDateBeforeStart(unit: "220382", start: start, days: 10),
        ]
        // The workbooks' own generator: the items (and the water ledger after them) draw from
        // `rng` exactly as the CSV version did, so every figure stays the same.
        var dressing = SplitMix64(seed: 220_300_2020)
        var books = HousingWorkbooks(
            regions: regions, filledOn: asOf.adding(days: -1), mistypedIDUnit: "220382",
            wrongSubtotalUnit: "220323")
        ledger.workbooks = try books.write(&ledger.items, rng: &dressing)
        for offset in warnings.indices {
            guard let item = warnings[offset].item, let place = books.rows[item] else {
                throw GeneratorError("housing: a planted warning's row is in no workbook")
            }
            warnings[offset].file = place.part
            warnings[offset].line = place.row
        }
        warnings += books.planted
        var indicator = Indicator(
            id: "housing", title: "农村危房改造", measureUnit: "户", ledger: ledger.file, regionColumn: "",
            idColumn: "身份证号码", stages: stages, rankBy: "completed", start: start, deadline: deadline)
        indicator.regionNames = ["县区", "乡镇", "村"]
        indicator.idCheck = "id-card"
        return (ledger, indicator, warnings, books.wrongSubtotal)
    }

    static func waterLedger(regions: RegionTree, rng: inout SplitMix64) throws
        -> (ledger: Ledger, indicator: Indicator, warnings: [PlantedWarning])
    {
        let start = Day(year: 2020, month: 5, day: 1)!
        let deadline = Day(year: 2020, month: 11, day: 30)!
        let stages = [
            Stage(id: "started", title: "开工", column: "开工日期"),
            Stage(id: "finished", title: "完工", column: "完工日期"),
        ]
        var ids = HouseholdIDs()
        let plans = waterPlans.map(\.plan)
        var items = try makeItems(
            plans, regions: regions, stageCount: 2, dateStyles: [0.1, 0.85, 0, 0.05], ids: &ids, rng: &rng)
        // The first `central` projects of each unit are central supply works.
        var central: [Int] = []
        var dispersed: [Int] = []
        for (plan, count) in waterPlans {
            let indices = items.indices.filter { items[$0].unit == plan.unit }
            central += indices.prefix(count)
            dispersed += indices.dropFirst(count)
        }
        for index in central { items[index].category = "集中供水" }
        for index in dispersed { items[index].category = "分散供水" }
        distribute(2_433, over: &items, indices: central, minimum: 80, rng: &rng)
        distribute(4_191, over: &items, indices: dispersed, minimum: 8, rng: &rng)
        schedule(
            &items, plans: plans, start: start, deadline: deadline, asOf: asOf,
            previous: period.day(1, before: asOf), rankingStage: 1, gaps: [20...70],
            weight: \.measure, rng: &rng)
        items.sortForLedger()
        var serial = 0
        for index in items.indices {
            serial += 1
            items[index].id = "SP-YS-2020-\(serial < 10 ? "00" : serial < 100 ? "0" : "")\(serial)"
        }
        var ledger = Ledger(
            file: "water.csv", stages: stages, items: items, encoding: .gb18030, lineEnding: "\r\n")
        ledger.columns = [
            ("项目编号", \.id),
            ("项目名称", { regions.shortName($0.village) + ($0.category == "集中供水" ? "集中供水工程" : "分散供水工程") }),
            ("村代码", \.village), ("村名", { regions.shortName($0.village) }), ("供水方式", \.category),
            ("受益人口", { String($0.measure) }), ("开工日期", { $0.date(0) }), ("完工日期", { $0.date(1) }),
        ]
        let warnings = [try ledger.plantDateAfterAsOf(unit: "220382", stage: 1, asOf: asOf, days: 6)]
        var indicator = Indicator(
            id: "water", title: "农村饮水安全", measureUnit: "人", ledger: "water.csv", regionColumn: "村代码",
            idColumn: "项目编号", sumColumn: "受益人口", categoryColumn: "供水方式", stages: stages, start: start,
            deadline: deadline)
        indicator.encoding = "gb18030"
        return (ledger, indicator, warnings)
    }
}
