import Foundation

/// A small dataset in the SPEC's format (§2, §3) made from a seed, to compare the program with
/// `IndependentSummary` on shapes the examples do not have: any file names, Chinese or English
/// headers in any order with extra columns, UTF-8 with or without BOM or GB18030, LF/CRLF/CR,
/// quoted fields, every date form, count and sum measures, categories, `targets.csv` overrides
/// with their own windows, units with no task, over-target units, days/months/milestone time
/// progress, week/month/N-day periods, as-of dates before the start and after the deadline, and
/// rows with errors that must be left out.
struct GeneratedDataset {
    typealias CalendarDay = IndependentSummary.CalendarDay
    typealias Fraction = IndependentSummary.Fraction

    let seed: UInt64
    /// File name → bytes.
    private(set) var files: [String: Data] = [:]
    /// An as-of date given as the `--as-of` option, overriding the configuration's.
    private(set) var asOfOverride: String?
    /// Tags naming what this dataset exercises, for the coverage test and failure messages.
    private(set) var features: Set<String> = []

    /// A dataset of a few dozen rows; `large` makes ledgers of some 20,000 rows in declared
    /// GB18030 (over 1 MiB, so that reading crosses chunk boundaries).
    init(seed: UInt64, large: Bool = false) {
        self.seed = seed
        var random = SeededRandom(seed: seed)
        var builder = GeneratedBuilder(seed: seed, large: large)
        builder.make(&random)
        files = builder.files
        asOfOverride = builder.asOfOverride
        features = builder.features
    }

    var summary: String { features.sorted().joined(separator: " ") }
}

// MARK: - Building

enum GeneratedRole: Hashable {
    case id, region, category, measure
    case stage(Int)
    case extra(Int)
}

struct GeneratedIndicatorPlan {
    var id: String
    var sums: Bool
    var usesID: Bool
    var usesCategory: Bool
    var start: GeneratedDataset.CalendarDay
    var deadline: GeneratedDataset.CalendarDay
    var rule: String
    var firstMilestone: GeneratedDataset.CalendarDay?
    var json: FixtureJSON = [:]
}

struct GeneratedRow {
    var cells: [GeneratedRole: String]
    var amount: GeneratedDataset.Fraction
    var unit: String
    /// Fields to drop (negative) or add (positive) to make a wrong field count.
    var fieldCountChange = 0
}

struct GeneratedBuilder {
    typealias CalendarDay = GeneratedDataset.CalendarDay
    typealias Fraction = GeneratedDataset.Fraction

    let seed: UInt64
    var files: [String: Data] = [:]
    var asOfOverride: String?
    var features: Set<String> = []

    var rootCode = ""
    var asOf = CalendarDay(year: 2020, month: 1, day: 1)!
    /// `"week"`, `"month"` or a number of days, as written in bulletin.json.
    var period = "\"week\""
    /// Dates where an off-by-one would show: the as-of date, the previous bulletin and the days after.
    var edges: [CalendarDay] = []
    var units: [(code: String, name: String, places: [String])] = []
    var indicators: [GeneratedIndicatorPlan] = []
    /// Per indicator: accepted rows (for targets.csv choices).
    var acceptedRows: [[GeneratedRow]] = []

    let large: Bool

    init(seed: UInt64, large: Bool) {
        self.seed = seed
        self.large = large
    }

    mutating func make(_ random: inout SeededRandom) {
        makeRegions(&random)
        let base = CalendarDay(year: 2020, month: 1, day: 1)!.adding(random.int(0...450))
        var ledgers: [(name: String, indicators: [Int])] = []
        var ledgerNames = random.shuffled([
            "housing.csv", "危房改造台账.csv", "Water Projects 2020.csv", "relocation-ledger.CSV", "台账（最终版）.csv",
            "ledger_1.txt",
        ])
        for _ in 0..<random.int(1...2) {
            let shared = indicators.count < 2 && random.chance(40)
            let ids = shared ? [indicators.count, indicators.count + 1] : [indicators.count]
            for position in ids {
                let start = base.adding(random.int(-20...20))
                let deadline = start.adding(random.int(45...300))
                var plan = GeneratedIndicatorPlan(
                    id: ["housing", "water_2", "relocation-people", "roads", "h2o", "schools"][position]
                        + "\(position)",
                    sums: position == ids.last && (shared || random.chance(40)), usesID: true,
                    usesCategory: false,
                    start: start, deadline: deadline, rule: "days")
                plan.rule = random.pick(["days", "omitted", "months", "milestones"])
                indicators.append(plan)
            }
            ledgers.append((ledgerNames.removeFirst(), ids))
            if shared { features.insert("shared-ledger") }
        }
        let earliest = indicators.map(\.start).min()!
        let latest = indicators.map(\.deadline).max()!
        asOf = earliest.adding(random.int(-40...(latest.serial - earliest.serial + 60)))
        if random.chance(20) {
            let indicator = random.pick(indicators)
            asOf = random.pick([indicator.start, indicator.deadline]).adding(random.int(-1...1))
            features.insert("as-of:on-edge")
        } else if random.chance(15) {
            asOf = CalendarDay(
                year: asOf.year, month: asOf.month, day: CalendarDay.length(of: asOf.month, in: asOf.year))!
            features.insert("as-of:month-end")
        }
        if indicators.contains(where: { asOf < $0.start }) { features.insert("as-of:before-start") }
        if indicators.contains(where: { $0.deadline < asOf }) { features.insert("as-of:after-deadline") }
        for indicator in indicators where indicator.start < asOf && asOf < indicator.deadline {
            features.insert("as-of:inside-window:\(indicator.rule == "omitted" ? "days" : indicator.rule)")
        }
        period = random.pick(["\"week\"", "\"month\"", "1", "3", "10", "14", "30", "31"])
        let previous =
            period == "\"month\""
            ? asOf.sameDayLastMonth : asOf.adding(-(period == "\"week\"" ? 7 : Int(period)!))
        edges = [asOf, asOf.adding(1), previous, previous.adding(1)]
        var configuredAsOf = asOf
        if random.chance(25) {
            configuredAsOf = asOf.adding(random.int(-100...100))
            asOfOverride = asOf.iso
            features.insert("as-of-option")
        }

        acceptedRows = Array(repeating: [], count: indicators.count)
        let hasErrors = large || random.chance(45)
        for ledger in ledgers {
            writeLedger(name: ledger.name, members: ledger.indicators, hasErrors: hasErrors, &random)
        }
        if random.chance(65) { writeTargets(&random) }
        writeConfiguration(asOf: configuredAsOf, &random)
    }

    // MARK: regions.csv

    mutating func makeRegions(_ random: inout SeededRandom) {
        rootCode = "\(random.int(11...65))\(twoDigits(random.int(1...30)))00"
        let prefix = String(rootCode.prefix(4))
        var names = random.shuffled([
            "宛城区", "卧龙区", "南召县", "方城县", "西峡县", "镇平县", "内乡县", "淅川县", "社旗县", "唐河县", "Riverside",
            "高新区",
        ])
        let special = ["-新区", "=开发区", "+示范区", "@园区", "东,西县", "\"城\"南区"]
        let numbers = random.shuffled(Array(1...98)).prefix(random.int(3...7)).sorted()
        var rows: [[String]] = []
        let rootName = random.chance(15) ? "-测试市" : random.pick(["示例市", "样本市", "Sample City"])
        rows.append([rootCode, rootName, ""])
        for number in numbers {
            let code = prefix + twoDigits(number)
            var name = names.removeFirst()
            if random.chance(20) { name = random.pick(special) }
            if "=+-@".contains(name.first!) || rootName.hasPrefix("-") {
                features.insert("text:formula-prefix")
            }
            rows.append([code, name, rootCode])
            var places = [code]
            for township in 1...3 where random.chance(60) {
                let townshipCode = code + "00\(township)"
                rows.append([townshipCode, "\(name)第\(township)镇", code])
                places.append(townshipCode)
                for village in 1...2 where random.chance(60) {
                    rows.append([townshipCode + "00\(village)", "第\(village)村", townshipCode])
                    places.append(townshipCode + "00\(village)")
                }
            }
            units.append((code, name, places))
        }
        rows += [["990000", "外省市", ""], ["990100", "外县", "990000"], ["990100001", "外乡", "990100"]]
        if random.chance(50) { rows = random.shuffled(rows) }
        let text = csvText(
            [["code", "name", "parent"]] + rows, lineEnd: random.pick(["\n", "\r\n"]), &random)
        files["regions.csv"] =
            random.chance(30) ? Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8) : Data(text.utf8)
    }
}

extension IndependentSummary.CalendarDay {
    /// The day `count` days later (earlier when negative).
    func adding(_ count: Int) -> Self {
        var day = self
        for _ in 0..<abs(count) { day = count > 0 ? day.tomorrow : day.yesterday }
        return day
    }
}
