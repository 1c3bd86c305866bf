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
        var builder = Builder(seed: seed, large: large)
        builder.make(&random)
        files = builder.files
        asOfOverride = builder.asOfOverride
        features = builder.features
    }

    var summary: String { features.sorted().joined(separator: " ") }
}

// MARK: - Building

private enum Role: Hashable {
    case id, region, category, measure
    case stage(Int)
    case extra(Int)
}

private struct IndicatorPlan {
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

private struct Row {
    var cells: [Role: String]
    var amount: GeneratedDataset.Fraction
    var unit: String
    /// Fields to drop (negative) or add (positive) to make a wrong field count.
    var fieldCountChange = 0
}

private struct Builder {
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
    var indicators: [IndicatorPlan] = []
    /// Per indicator: accepted rows (for targets.csv choices).
    var acceptedRows: [[Row]] = []

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
                var plan = IndicatorPlan(
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

    // MARK: ledgers

    mutating func writeLedger(name: String, members: [Int], hasErrors: Bool, _ random: inout SeededRandom) {
        let chinese = random.chance(50)
        features.insert(chinese ? "headers:zh" : "headers:en")
        let stageCount = random.int(1...3)
        let hasCategory = random.chance(65)
        let hasMeasure = members.contains { indicators[$0].sums }
        // The second indicator of a shared ledger may leave the id column out (as 济源's people do).
        let idForAll = members.count == 1 || random.chance(60)
        for (position, member) in members.enumerated() {
            indicators[member].usesID = position == 0 || idForAll
            indicators[member].usesCategory = hasCategory && (position == 0 || random.chance(70))
        }
        var columns: [(Role, String)] = [
            (.id, chinese ? "农户编号" : "household_id"),
            (.region, random.pick(chinese ? ["村代码", "区划代码"] : ["village_code", "code"])),
        ]
        if hasCategory { columns.append((.category, chinese ? "类别" : "grade")) }
        if hasMeasure { columns.append((.measure, chinese ? "人数" : "people")) }
        let stageNames = chinese ? ["开工日期", "竣工日期", "验收日期"] : ["started_on", "completed_on", "accepted_on"]
        for stage in 0..<stageCount { columns.append((.stage(stage), stageNames[stage])) }
        let extraNames = chinese ? ["户主", "备注"] : ["householder", "note"]
        for extra in 0..<(large ? 2 : random.int(0...2)) {
            columns.append((.extra(extra), extraNames[extra]))
        }
        if columns.count > 2 + stageCount { features.insert("extra-columns") }
        columns = random.shuffled(columns)
        for member in members {
            indicators[member].json = indicatorJSON(
                member, ledger: name, columns: Dictionary(columns, uniquingKeysWith: { a, _ in a }),
                stageCount: stageCount,
                &random)
        }

        let categories = random.pick([
            ["C", "D"], ["集中", "分散"], ["+A", "B", "=C"], ["-1", "2"], ["𠮷级", "㐀", "€Ａ", "·"],
        ])
        if hasCategory { features.insert("category") }
        var rows: [Row] = []
        var serial = 0
        for unit in units where large || random.int(0...99) >= 20 {
            let pace = random.pick([0, 30, 60, 90, 100])
            for _ in 0..<(large ? 20_000 / units.count : random.int(1...6)) {
                serial += 1
                var cells: [Role: String] = [.id: "H\(seed)-\(serial)", .region: random.pick(unit.places)]
                if hasCategory { cells[.category] = random.pick(categories) }
                var amount = Fraction.one
                if hasMeasure {
                    let text: String
                    switch random.int(0...19) {
                    case 0: text = "0"
                    case 1...14: text = "\(random.int(1...9))"
                    case 15...17: text = random.pick(["2.5", "0.25", "1.75", "3.5"])
                    default:
                        text = "\(random.int(1...3)),\(random.int(100...999))"
                        features.insert("measure:grouped")
                    }
                    cells[.measure] = text
                    amount = IndependentSummary.measureCell(text)!
                }
                var previous: CalendarDay?
                for stage in 0..<stageCount {
                    let reached =
                        stage == 0
                        ? random.chance(min(100, pace + 20)) : previous != nil && random.chance(pace)
                    guard reached else {
                        cells[.stage(stage)] = random.chance(5) ? "  " : ""
                        previous = nil
                        continue
                    }
                    let start = indicators[members[0]].start
                    var day =
                        previous.map { $0.adding(random.int(0...30)) }
                        ?? start.adding(random.int(-10...max(0, asOf.serial - start.serial) + 15))
                    if let earlier = previous, random.chance(5) { day = earlier.adding(-random.int(1...10)) }
                    if random.chance(12) {
                        day = random.pick(edges + [start, start.adding(-1)])
                        features.insert("date:on-edge")
                    }
                    cells[.stage(stage)] = dateText(day, &random)
                    previous = day
                }
                for extra in 0..<2 {
                    // Large ledgers are mostly two-byte characters, so that chunks end inside one.
                    cells[.extra(extra)] =
                        large
                        ? random.pick(["危房改造农户已搬迁入住", "村民小组长张三", "备注：已验收，待拨款"])
                        : random.pick([
                            "张三", "李四", "", "备注，含逗号", "说\"明\"", "两行\n备注", "note, with comma", " spaced ",
                        ])
                }
                rows.append(Row(cells: cells, amount: amount, unit: unit.code))
            }
        }
        for member in members { acceptedRows[member] = rows }
        if hasErrors, !rows.isEmpty {
            rows = insertErrors(into: rows, members: members, stageCount: stageCount, &random)
        }

        var records = [columns.map(\.1)]
        for row in rows {
            var fields = columns.map { row.cells[$0.0] ?? "" }
            if row.fieldCountChange < 0 { fields.removeLast() }
            if row.fieldCountChange > 0 { fields.append("x") }
            records.append(fields)
        }
        let lineEnd = random.pick(["\n", "\r\n", "\r"])
        features.insert(["\n": "lines:LF", "\r\n": "lines:CRLF", "\r": "lines:CR"][lineEnd]!)
        var text = csvText(records, lineEnd: lineEnd, &random)
        if random.chance(20) { text.removeLast(lineEnd.count) }  // no final line break
        switch large ? 2 : random.int(0...2) {
        case 0:
            files[name] = Data(text.utf8)
            features.insert("encoding:utf-8")
        case 1:
            files[name] = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
            features.insert("encoding:utf-8-bom")
        default:
            files[name] =
                text.data(using: String.Encoding(rawValue: 0x8000_0632))
                ?? Data("not encodable in GB18030".utf8)
            features.insert("encoding:gb18030")
            if large || random.chance(50) {
                indicators[members[0]].json = indicators[members[0]].json.setting(
                    "encoding", to: "gb18030", before: "stages")
                features.insert("encoding:gb18030-declared")
            }
        }
    }

    /// Copies of accepted rows, each with exactly one error, at random places (a repeated id after
    /// the row it repeats). Measure and id errors only where every indicator of the ledger reads
    /// that column, so that "the row cannot be counted" means the same for all of them.
    mutating func insertErrors(
        into rows: [Row], members: [Int], stageCount: Int, _ random: inout SeededRandom
    ) -> [Row] {
        var kinds = ["unknown-region", "outside-root", "root-region", "bad-date", "field-count"]
        if members.allSatisfy({ indicators[$0].sums }) { kinds.append("bad-measure") }
        if members.allSatisfy({ indicators[$0].usesID }) { kinds.append("duplicate-id") }
        var result = rows
        for number in 1...random.int(1...4) {
            let original = random.int(0...rows.count - 1)
            var row = rows[original]
            row.cells[.id] = "E\(seed)-\(number)"
            let kind = random.pick(kinds)
            switch kind {
            case "unknown-region":
                row.cells[.region] = random.pick([row.unit + "999", "村A", "12345678901234567"])
            case "outside-root": row.cells[.region] = random.pick(["990100", "990100001"])
            case "root-region": row.cells[.region] = rootCode
            case "bad-date":
                row.cells[.stage(random.int(0...stageCount - 1))] = random.pick([
                    "2020-02-30", "2021-13-01", "2020/10/", "明天", "2020-10-15x", "20-10-15",
                ])
            case "field-count": row.fieldCountChange = random.pick([-1, 1])
            case "bad-measure": row.cells[.measure] = random.pick(["-3", "abc", "1,23", "", "3."])
            default: row.cells[.id] = rows[original].cells[.id]
            }
            let position = result.firstIndex { $0.cells[.id] == rows[original].cells[.id] }! + 1
            result.insert(row, at: random.int(position...result.count))
            _ = features.insert("error:\(kind)")
        }
        return result
    }

    // MARK: targets.csv

    mutating func writeTargets(_ random: inout SeededRandom) {
        let withWindow = random.chance(70)
        var header = ["indicator", "region", "target"] + (withWindow ? ["start", "deadline"] : [])
        if random.chance(30) { header = random.shuffled(header) }
        var records: [[String]] = [header]
        for (position, indicator) in indicators.enumerated() {
            for unit in random.shuffled(units).prefix(random.int(0...2)) {
                let rows = acceptedRows[position].filter { $0.unit == unit.code }
                let ledgerTarget = rows.reduce(Fraction.zero) { $0 + (indicator.sums ? $1.amount : .one) }
                var target: Fraction
                // 0 only where the ledger lists nothing: an explicit "no task". (0 over ledger rows is
                // left out: the SPEC does not say whether a unit without a task adds its done to the root.)
                switch rows.isEmpty && random.chance(50) ? -1 : random.int(0...11) {
                case -1: target = .zero
                case 0...4: target = ledgerTarget > .one ? ledgerTarget - .one : ledgerTarget + .one
                // 32 × what the first stage has done: a rate of 1/32 = 3.125%, exactly halfway between
                // two printed values.
                case 10, 11:
                    let done = rows.filter { row in
                        guard case .day(let day) = IndependentSummary.dateCell(row.cells[.stage(0)] ?? "")
                        else { return false }
                        return day <= asOf
                    }.reduce(Fraction.zero) { $0 + (indicator.sums ? $1.amount : .one) }
                    target = Fraction(32) * (done == .zero ? .one : done)
                default: target = ledgerTarget + Fraction(Int128(random.int(1...5)))
                }
                var cells = [
                    "indicator": indicator.id, "region": unit.code, "target": target.plainText, "start": "",
                    "deadline": "",
                ]
                if withWindow {
                    var start = indicator.start
                    if random.chance(40) {
                        start = indicator.start.adding(random.int(-20...20))
                        if let first = indicator.firstMilestone, first <= start { start = first.adding(-1) }
                        cells["start"] = start.iso
                    }
                    if random.chance(60) { cells["deadline"] = start.adding(random.int(20...250)).iso }
                    if start <= asOf, random.chance(20) {
                        cells["deadline"] = asOf.iso
                        features.insert("targets:deadline-on-as-of")
                    }
                    if cells["start"] != "" || cells["deadline"] != "" { features.insert("targets:window") }
                }
                if target == .zero { features.insert("targets:zero") }
                records.append(header.map { cells[$0]! })
                features.insert(rows.isEmpty ? "targets:unit-without-rows" : "targets:override")
            }
        }
        let text = csvText(records, lineEnd: random.pick(["\n", "\r\n"]), &random)
        files["targets.csv"] =
            random.chance(30) ? Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8) : Data(text.utf8)
    }

    // MARK: bulletin.json

    mutating func indicatorJSON(
        _ position: Int, ledger: String, columns: [Role: String], stageCount: Int,
        _ random: inout SeededRandom
    ) -> FixtureJSON {
        var plan = indicators[position]
        var fields: [(key: String, value: FixtureJSON)] = [
            ("id", .string(plan.id)), ("title", .string(["农村危房改造", "安全饮水", "易地搬迁"][position % 3])),
            ("measure_unit", "户"), ("ledger", .string(ledger)), ("region", .string(columns[.region]!)),
        ]
        if plan.usesID { fields.append(("id_column", .string(columns[.id]!))) }
        if plan.sums {
            fields.append(("measure", ["sum": .string(columns[.measure]!)]))
            features.insert("measure:sum")
        } else {
            if random.chance(60) { fields.append(("measure", "count")) }
            features.insert("measure:count")
        }
        if plan.usesCategory { fields.append(("category", .string(columns[.category]!))) }
        let stageIDs = ["started", "completed", "accepted"]
        let stages = (0..<stageCount).map { stage -> FixtureJSON in
            [
                "id": .string(stageIDs[stage]), "title": .string(["开工", "竣工", "验收"][stage]),
                "date": .string(columns[.stage(stage)]!),
            ]
        }
        fields.append(("stages", .array(stages)))
        if random.chance(50) { fields.append(("rank_by", .string(stageIDs[random.int(0...stageCount - 1)]))) }
        fields += [("start", .string(plan.start.iso)), ("deadline", .string(plan.deadline.iso))]
        switch plan.rule {
        case "days": fields.append(("time_progress", "days"))
        case "months": fields.append(("time_progress", "months"))
        case "milestones":
            let span = plan.deadline.serial - plan.start.serial
            let count = random.int(1...3)
            var offsets = random.shuffled(Array(1...span)).prefix(count).sorted()
            if random.chance(50) { offsets[count - 1] = span }
            let rates = (0..<count).map { _ in
                random.pick(["0.1", "0.2", "0.25", "0.3", "0.5", "0.6", "0.75", "0.9", "1"])
            }
            .sorted { Fraction(decimal: $0)! < Fraction(decimal: $1)! }
            let milestones = zip(offsets, rates).map { offset, rate -> FixtureJSON in
                ["date": .string(plan.start.adding(offset).iso), "rate": .literal(rate)]
            }
            plan.firstMilestone = plan.start.adding(offsets[0])
            fields.append(("time_progress", .array(milestones)))
        default: break  // days by default
        }
        features.insert("rule:\(plan.rule == "omitted" ? "days" : plan.rule)")
        indicators[position].firstMilestone = plan.firstMilestone
        return .object(fields)
    }

    mutating func writeConfiguration(asOf: CalendarDay, _ random: inout SeededRandom) {
        features.insert(
            "period:\(period.hasPrefix("\"") ? period.replacingOccurrences(of: "\"", with: "") : "days")")
        let (yellow, red) = random.pick([
            ("0", "-10"), ("5", "-5"), ("-2.5", "-20"), ("0", "0"), ("1.25", "-7.5"),
        ])
        let configuration: FixtureJSON = [
            "title": .string("生成的进度通报 \(seed)"),
            "root": .string(rootCode),
            "unit_label": "县",
            "as_of": .string(asOf.iso),
            "period": .literal(period),
            // Drawn in this order, top before bottom, as every earlier seed's dataset was.
            "flags": [
                "top": .literal(String(random.int(0...3))), "bottom": .literal(String(random.int(0...3))),
            ],
            "status": ["yellow_below_pp": .literal(yellow), "red_below_pp": .literal(red)],
            "indicators": .array(indicators.map(\.json)),
        ]
        files["bulletin.json"] = Data(configuration.text.utf8)
    }

    // MARK: text

    /// A date in one of the SPEC's forms, sometimes with one-digit month and day or surrounding spaces.
    mutating func dateText(_ day: CalendarDay, _ random: inout SeededRandom) -> String {
        let short = random.chance(50)
        let month = short ? "\(day.month)" : twoDigits(day.month)
        let date = short ? "\(day.day)" : twoDigits(day.day)
        let form = random.int(0...4)
        let text: String
        switch form {
        case 0: text = day.iso
        case 1: text = "\(day.year)/\(month)/\(date)"
        case 2: text = "\(day.year).\(month).\(date)"
        case 3: text = "\(day.year)年\(month)月\(date)日"
        default: text = "\(day.year)-\(day.month)-\(day.day)"
        }
        features.insert("date:\(["iso", "slash", "dot", "cjk", "dash-short"][form])")
        guard random.chance(10) else { return text }
        features.insert("date:spaces")
        return random.pick([" \(text) ", "\u{3000}\(text)", "\(text)\t"])
    }

    /// RFC 4180 text: fields with commas, quotes or line breaks are quoted, and a few others too.
    mutating func csvText(_ records: [[String]], lineEnd: String, _ random: inout SeededRandom) -> String {
        records.map { record in
            record.map { field -> String in
                // Scalars, not Characters: "\r\n" is one Character and would hide a lone "\n".
                let needsQuotes = field.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
                guard needsQuotes || random.chance(8) else { return field }
                features.insert("quoted")
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",")
        }.joined(separator: lineEnd) + lineEnd
    }

    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension IndependentSummary.CalendarDay {
    /// The day `count` days later (earlier when negative).
    func adding(_ count: Int) -> Self {
        var day = self
        for _ in 0..<abs(count) { day = count > 0 ? day.tomorrow : day.yesterday }
        return day
    }
}
