import BulletinKit
import Foundation

/// A second implementation of `summary.csv` (SPEC §4, §6.1), written from the SPEC alone and kept
/// deliberately plain: whole files in memory, dictionaries, a loop per figure. It shares nothing
/// with the program's Ingest or Aggregate code except the public `CSV.parse` (SPEC §11), so the
/// two can check each other. Rates, time progress and gaps are exact fractions, rounded half away
/// from zero to two decimals only when printed.
enum IndependentSummary {
    /// The columns of SPEC §6.1.
    static let header = [
        "unit_code", "unit_name", "indicator", "stage", "category", "target", "done", "rate_pct",
        "time_progress_pct", "gap_pp", "new_since_previous", "rate_change_pp", "rank", "status",
    ]

    /// Something the dataset does that this implementation does not follow (never expected in a test).
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    /// The rows of `summary.csv` (header excluded, text cells already given their leading `'`) for
    /// the dataset in `directory`, as of `asOf` (`YYYY-MM-DD`) or else the configuration's date.
    static func rows(directory: URL, asOf: String? = nil) throws -> [[String]] {
        let config = try Config(directory: directory)
        let regions = try RegionTable(
            records: readCSV(directory.appendingPathComponent("regions.csv")), root: config.root)
        guard let asOfText = asOf ?? config.asOf, let day = CalendarDay(iso: asOfText) else {
            throw Unsupported(description: "no as-of date")
        }
        let previous = config.period.previous(of: day)
        let overrides = try Overrides(directory: directory, regions: regions)
        let ledgerRows = try readLedgers(directory: directory, config: config, regions: regions)

        var root: [[String]] = []
        var units = [[[String]]](repeating: [], count: regions.units.count)
        for (index, indicator) in config.indicators.enumerated() {
            let table = IndicatorTable(
                indicator: indicator, rows: ledgerRows[index], units: regions.units, day: day,
                previous: previous,
                overrides: overrides.byIndicator[indicator.id] ?? [:])
            for stage in indicator.stages.indices {
                let ranks = stage == indicator.rankingStage ? table.ranks(stage: stage) : [:]
                for category in [nil] + table.categories.map(Optional.some) {
                    func row(_ code: String, _ figures: Figures, _ window: Window, rank: Int?) -> [String] {
                        [
                            code, text(regions.names[code] ?? ""), indicator.id, indicator.stages[stage].id,
                            text(category ?? ""),
                        ]
                            + cells(
                                figures, day: day, window: window, rule: indicator.rule, rank: rank,
                                thresholds: config.thresholds)
                    }
                    root.append(
                        row(
                            regions.root, table.rootFigures(stage: stage, category: category),
                            indicator.window, rank: nil))
                    for (position, unit) in regions.units.enumerated() {
                        units[position].append(
                            row(
                                unit, table.unitFigures(unit: unit, stage: stage, category: category),
                                table.window(of: unit),
                                rank: ranks[Key(unit: unit, category: category)]))
                    }
                }
            }
        }
        return root + units.joined()
    }

    /// SPEC §6: a text cell starting with `= + - @` gets a leading `'`.
    static func text(_ value: String) -> String {
        guard let first = value.first, "=+-@".contains(first) else { return value }
        return "'" + value
    }
}

// MARK: - Exact numbers

extension IndependentSummary {
    /// A fraction in lowest terms with a positive denominator.
    struct Fraction: Comparable {
        private(set) var numerator: Int128
        private(set) var denominator: Int128

        init(_ numerator: Int128, _ denominator: Int128 = 1) {
            var (a, b) = (numerator.magnitude, denominator.magnitude)
            while b != 0 { (a, b) = (b, a % b) }
            let divisor = Int128(max(a, 1))
            let sign: Int128 = denominator < 0 ? -1 : 1
            self.numerator = sign * numerator / divisor
            self.denominator = sign * denominator / divisor
        }

        static let zero = Fraction(0)
        static let one = Fraction(1)

        /// `12`, `-2.5`, `0.35` exactly as written; nil for anything else.
        init?(decimal: String) {
            var digits = Substring(decimal)
            let negative = digits.hasPrefix("-")
            if negative { digits = digits.dropFirst() }
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count),
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
                let whole = Int128(String(parts[0])), parts.count == 1 || Int128(String(parts[1])) != nil
            else { return nil }
            var value = Fraction(whole)
            if parts.count == 2 {
                var scale: Int128 = 1
                for _ in parts[1] { scale *= 10 }
                value = value + Fraction(Int128(String(parts[1]))!, scale)
            }
            self = negative ? Fraction.zero - value : value
        }

        static func + (a: Fraction, b: Fraction) -> Fraction {
            Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
        }
        static func - (a: Fraction, b: Fraction) -> Fraction {
            Fraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
        }
        static func * (a: Fraction, b: Fraction) -> Fraction {
            Fraction(a.numerator * b.numerator, a.denominator * b.denominator)
        }
        static func / (a: Fraction, b: Fraction) -> Fraction {
            Fraction(a.numerator * b.denominator, a.denominator * b.numerator)
        }
        static func < (a: Fraction, b: Fraction) -> Bool {
            a.numerator * b.denominator < b.numerator * a.denominator
        }

        /// The value as a percentage with two decimals, rounded half away from zero: 0.72585 → `72.59`.
        var percentText: String {
            let scaled = numerator.magnitude * 10_000
            var hundredths = scaled / denominator.magnitude
            if 2 * (scaled % denominator.magnitude) >= denominator.magnitude { hundredths += 1 }
            let cents = hundredths % 100
            let sign = numerator < 0 && hundredths > 0 ? "-" : ""
            return "\(sign)\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
        }

        /// A plain number with as many decimals as it needs: `12`, `12.5`. The denominator must
        /// divide a power of ten (sums of measures always do).
        var plainText: String {
            var scale: UInt128 = 1
            var places = 0
            while scale % denominator.magnitude != 0 {
                scale *= 10
                places += 1
                precondition(places < 30, "not a decimal: \(numerator)/\(denominator)")
            }
            let scaled = numerator.magnitude * (scale / denominator.magnitude)
            var text = String(scaled / scale)
            if places > 0 {
                let fraction = String(scaled % scale)
                text += "." + String(repeating: "0", count: places - fraction.count) + fraction
            }
            return (numerator < 0 ? "-" : "") + text
        }
    }

    /// A calendar date, compared as (year, month, day); `serial` counts days from 0001-01-01.
    struct CalendarDay: Comparable, Hashable {
        let year: Int
        let month: Int
        let day: Int

        init?(year: Int, month: Int, day: Int) {
            guard (1...9999).contains(year), (1...12).contains(month),
                (1...CalendarDay.length(of: month, in: year)).contains(day)
            else { return nil }
            (self.year, self.month, self.day) = (year, month, day)
        }

        /// Strict `YYYY-MM-DD`, as bulletin.json writes dates.
        init?(iso: String) {
            let parts = iso.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
            else { return nil }
            self.init(year: year, month: month, day: day)
        }

        static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

        static func length(of month: Int, in year: Int) -> Int {
            [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        }

        /// Days since 0001-01-01 (which is 1).
        var serial: Int {
            let before = year - 1
            var days = before * 365 + before / 4 - before / 100 + before / 400
            for earlier in 1..<month { days += CalendarDay.length(of: earlier, in: year) }
            return days + day
        }

        /// The day before.
        var yesterday: CalendarDay {
            if day > 1 { return CalendarDay(year: year, month: month, day: day - 1)! }
            if month > 1 {
                return CalendarDay(
                    year: year, month: month - 1, day: CalendarDay.length(of: month - 1, in: year))!
            }
            return CalendarDay(year: year - 1, month: 12, day: 31)!
        }

        /// The day after.
        var tomorrow: CalendarDay {
            if day < CalendarDay.length(of: month, in: year) {
                return CalendarDay(year: year, month: month, day: day + 1)!
            }
            if month < 12 { return CalendarDay(year: year, month: month + 1, day: 1)! }
            return CalendarDay(year: year + 1, month: 1, day: 1)!
        }

        /// `YYYY-MM-DD`.
        var iso: String {
            "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }

        /// The same day of the previous month, or that month's last day when it is shorter.
        var sameDayLastMonth: CalendarDay {
            let (y, m) = month == 1 ? (year - 1, 12) : (year, month - 1)
            return CalendarDay(year: y, month: m, day: min(day, CalendarDay.length(of: m, in: y)))!
        }

        static func < (a: CalendarDay, b: CalendarDay) -> Bool {
            (a.year, a.month, a.day) < (b.year, b.month, b.day)
        }
    }
}

// MARK: - Cells (SPEC §2.2)

extension IndependentSummary {
    enum DateCell {
        case empty
        case day(CalendarDay)
        case invalid
    }

    /// `2020-10-31`, `2020/10/31`, `2020.10.31`, `2020年10月31日`, month and day with one or two
    /// digits, surrounding spaces ignored; empty means "not yet".
    static func dateCell(_ raw: String) -> DateCell {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return .empty }
        var parts: [String]
        if value.count == 8, value.allSatisfy({ ("0"..."9").contains($0) }) {
            // `20201031` (SPEC §2.2): the eight-digit form, month and day with two digits each.
            parts = [String(value.prefix(4)), String(value.dropFirst(4).prefix(2)), String(value.suffix(2))]
        } else if value.hasSuffix("日"), value.contains("年"), value.contains("月") {
            parts = String(value.dropLast()).components(separatedBy: "年")
            guard parts.count == 2 else { return .invalid }
            let monthAndDay = parts[1].components(separatedBy: "月")
            guard monthAndDay.count == 2 else { return .invalid }
            parts = [parts[0]] + monthAndDay
        } else {
            guard let separator = ["-", "/", "."].first(where: { value.contains($0) }) else {
                return .invalid
            }
            parts = value.components(separatedBy: separator)
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count),
            (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
            let day = CalendarDay(year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!)
        else { return .invalid }
        return .day(day)
    }

    /// A non-negative number `1234`, `1234.5` or `1,234`; nil for anything else.
    static func measureCell(_ raw: String) -> Fraction? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        let isDigits = { (text: Substring) in !text.isEmpty && text.allSatisfy { ("0"..."9").contains($0) } }
        guard groups.allSatisfy(isDigits), parts.count == 1 || isDigits(parts[1]) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        return Fraction(decimal: groups.joined())
            .flatMap { whole in
                parts.count == 2 ? Fraction(decimal: "0." + parts[1]).map { whole + $0 } : whole
            }
    }

    static func readCSV(_ url: URL, gb18030: Bool = false) throws -> [[String]] {
        var data = try Data(contentsOf: url)
        if gb18030 {
            // Declared GB18030: decode it ourselves so that the declaration wins over detection.
            guard let text = String(data: data, encoding: String.Encoding(rawValue: 0x8000_0632)) else {
                throw Unsupported(description: "\(url.lastPathComponent) is not GB18030")
            }
            data = Data(text.utf8)
        }
        return try CSV.parse(data)
    }
}

// MARK: - Configuration, regions, targets

extension IndependentSummary {
    enum Period {
        case week, month
        case days(Int)

        func previous(of day: CalendarDay) -> CalendarDay {
            switch self {
            case .week: return (0..<7).reduce(day) { d, _ in d.yesterday }
            case .days(let count): return (0..<count).reduce(day) { d, _ in d.yesterday }
            case .month: return day.sameDayLastMonth
            }
        }
    }

    enum Rule {
        case days, months
        case milestones([(day: CalendarDay, rate: Fraction)])
    }

    struct Window {
        var start: CalendarDay
        var deadline: CalendarDay
    }

    struct Indicator {
        var id: String
        var ledger: String
        var regionColumn: String
        /// `"region": {"names": [...]}`: the place-name columns, unit level first (SPEC §2.6).
        var regionNames: [String] = []
        /// `"sheet"` given by name.
        var sheet: String?
        var idColumn: String?
        var sumColumn: String?
        var categoryColumn: String?
        var stages: [(id: String, column: String)]
        var rankingStage: Int
        var window: Window
        var rule: Rule
        var gb18030: Bool
    }

    struct Thresholds {
        var yellow = Fraction.zero
        var red = Fraction(-10)
    }

    struct Config {
        var root: String
        var asOf: String?
        var period: Period
        var thresholds = Thresholds()
        var indicators: [Indicator] = []

        init(directory: URL) throws {
            let data = try Data(contentsOf: directory.appendingPathComponent("bulletin.json"))
            guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let root = top["root"] as? String
            else { throw Unsupported(description: "bulletin.json is not an object with a root") }
            self.root = root
            asOf = top["as_of"] as? String
            switch top["period"] {
            case let name as String where name == "month": period = .month
            case let name as String where name == "week": period = .week
            case nil: period = .week
            case let number as NSNumber: period = .days(number.intValue)
            default: throw Unsupported(description: "period \(String(describing: top["period"]))")
            }
            if let status = top["status"] as? [String: Any] {
                if let value = status["yellow_below_pp"] { thresholds.yellow = try number(value) }
                if let value = status["red_below_pp"] { thresholds.red = try number(value) }
            }
            for case let object as [String: Any] in top["indicators"] as? [Any] ?? [] {
                indicators.append(try indicator(object))
            }
        }

        private func indicator(_ object: [String: Any]) throws -> Indicator {
            func string(_ key: String) throws -> String {
                guard let value = object[key] as? String else {
                    throw Unsupported(description: "indicator \(key)")
                }
                return value
            }
            func day(_ value: Any?) throws -> CalendarDay {
                guard let text = value as? String, let day = CalendarDay(iso: text) else {
                    throw Unsupported(description: "date \(String(describing: value))")
                }
                return day
            }
            let stages = (object["stages"] as? [[String: Any]] ?? []).map {
                (id: $0["id"] as? String ?? "", column: $0["date"] as? String ?? "")
            }
            var ranking = stages.count - 1
            if let rankBy = object["rank_by"] as? String {
                guard let index = stages.firstIndex(where: { $0.id == rankBy }) else {
                    throw Unsupported(description: "rank_by")
                }
                ranking = index
            }
            var sum: String?
            if let measure = object["measure"] as? [String: Any] { sum = measure["sum"] as? String }
            let window = Window(start: try day(object["start"]), deadline: try day(object["deadline"]))
            var rule = Rule.days
            switch object["time_progress"] {
            case nil: break
            case let name as String where name == "days": break
            case let name as String where name == "months": rule = .months
            case let list as [[String: Any]]:
                rule = .milestones(
                    try list.map { (day: try day($0["date"]), rate: try number($0["rate"] as Any)) })
            default: throw Unsupported(description: "time_progress")
            }
            let encoding = (object["encoding"] as? String)?.lowercased()
            let names = (object["region"] as? [String: Any])?["names"] as? [String] ?? []
            return Indicator(
                id: try string("id"), ledger: try string("ledger"),
                regionColumn: names.isEmpty ? try string("region") : IndependentSummary.placeColumn,
                regionNames: names, sheet: object["sheet"] as? String,
                idColumn: object["id_column"] as? String, sumColumn: sum,
                categoryColumn: object["category"] as? String,
                stages: stages, rankingStage: ranking, window: window, rule: rule,
                gb18030: ["gb18030", "gbk", "gb2312"].contains(encoding ?? ""))
        }

        /// A JSON number exactly as written (through its shortest decimal form, so 0.3 is 3/10).
        private func number(_ value: Any) throws -> Fraction {
            guard let number = value as? NSNumber else { throw Unsupported(description: "number \(value)") }
            let double = number.doubleValue
            let text = double == double.rounded() ? String(Int(double)) : "\(double)"
            guard let fraction = Fraction(decimal: text) else {
                throw Unsupported(description: "number \(text)")
            }
            return fraction
        }
    }

    enum Placement: Equatable {
        case unit(String)
        case root, outside, unknown
    }

    /// `regions.csv`: names, parents, the root's children (units) sorted by code.
    struct RegionTable {
        var root: String
        var names: [String: String] = [:]
        var parents: [String: String] = [:]
        var units: [String] = []

        init(records: [[String]], root: String) throws {
            self.root = root
            guard let header = records.first?.map({ $0.trimmingCharacters(in: .whitespaces) }),
                let code = header.firstIndex(of: "code"), let name = header.firstIndex(of: "name"),
                let parent = header.firstIndex(of: "parent")
            else { throw Unsupported(description: "regions.csv header") }
            for record in records.dropFirst() where record.count == header.count {
                let key = record[code].trimmingCharacters(in: .whitespaces)
                names[key] = record[name].trimmingCharacters(in: .whitespaces)
                parents[key] = record[parent].trimmingCharacters(in: .whitespaces)
            }
            units = parents.filter { $0.value == root }.map(\.key).sorted()
        }

        /// Where a ledger row's region code lies: in a unit (the unit itself or anything below it),
        /// at the root, outside the root, or nowhere.
        func place(_ raw: String) -> Placement {
            var code = raw.trimmingCharacters(in: .whitespaces)
            guard names[code] != nil else { return .unknown }
            if code == root { return .root }
            var seen: Set<String> = []
            while let parent = parents[code], !parent.isEmpty, seen.insert(code).inserted {
                if parent == root { return .unit(code) }
                code = parent
            }
            return .outside
        }
    }

    /// `targets.csv`: per indicator and unit, a target and optionally the unit's own window.
    struct Overrides {
        struct Entry {
            var target: Fraction
            var start: CalendarDay?
            var deadline: CalendarDay?
        }

        var byIndicator: [String: [String: Entry]] = [:]

        init(directory: URL, regions: RegionTable) throws {
            let url = directory.appendingPathComponent("targets.csv")
            guard FileManager.default.fileExists(atPath: url.path) else { return }
            let records = try readCSV(url)
            guard let header = records.first?.map({ $0.trimmingCharacters(in: .whitespaces) }),
                let indicator = header.firstIndex(of: "indicator"),
                let region = header.firstIndex(of: "region"),
                let target = header.firstIndex(of: "target")
            else { throw Unsupported(description: "targets.csv header") }
            func day(_ record: [String], _ column: String) throws -> CalendarDay? {
                guard let index = header.firstIndex(of: column) else { return nil }
                switch dateCell(record[index]) {
                case .empty: return nil
                case .day(let day): return day
                case .invalid: throw Unsupported(description: "targets.csv \(column) \(record[index])")
                }
            }
            for record in records.dropFirst() {
                guard record.count == header.count, let value = measureCell(record[target]) else {
                    throw Unsupported(description: "targets.csv row \(record)")
                }
                let unit = record[region].trimmingCharacters(in: .whitespaces)
                guard regions.place(unit) == .unit(unit) else {
                    throw Unsupported(description: "targets.csv region \(unit)")
                }
                byIndicator[record[indicator].trimmingCharacters(in: .whitespaces), default: [:]][unit] =
                    Entry(
                        target: value, start: try day(record, "start"), deadline: try day(record, "deadline"))
            }
        }
    }
}

// MARK: - Ledgers (SPEC §2.2, §5)

extension IndependentSummary {
    /// One accepted ledger row as one indicator sees it.
    struct Item {
        var unit: String
        var category: String
        var amount: Fraction
        var stageDates: [CalendarDay?]
    }

    /// Every indicator's accepted rows. A row with an error (wrong number of fields, a region not in
    /// a unit, a bad date or measure, a repeated id) in any column the ledger's indicators read
    /// cannot be counted and is left out.
    static func readLedgers(directory: URL, config: Config, regions: RegionTable) throws -> [[Item]] {
        var result = [[Item]](repeating: [], count: config.indicators.count)
        var files: [String] = []
        for indicator in config.indicators where !files.contains(indicator.ledger) {
            files.append(indicator.ledger)
        }
        for file in files {
            let members = config.indicators.indices.filter { config.indicators[$0].ledger == file }
            let records: [[String]]
            if isWorkbookLedger(file) {
                let indicators = members.map { config.indicators[$0] }
                let names = indicators.flatMap { indicator in
                    indicator.regionNames + indicator.stages.map(\.column)
                        + [indicator.idColumn, indicator.sumColumn, indicator.categoryColumn].compactMap { $0 }
                }
                records = try workbookRecords(
                    directory: directory, ledger: file, names: names,
                    placeNames: indicators.first?.regionNames ?? [], sheet: indicators.first?.sheet, regions: regions)
            } else {
                records = try readCSV(
                    directory.appendingPathComponent(file),
                    gb18030: members.contains { config.indicators[$0].gb18030 })
            }
            guard let header = records.first?.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
                continue
            }
            func column(_ name: String) throws -> Int {
                guard let index = header.firstIndex(of: name) else {
                    throw Unsupported(description: "\(file) has no \(name)")
                }
                return index
            }
            var regionColumns: Set<Int> = []
            var measureColumns: Set<Int> = []
            var dateColumns: Set<Int> = []
            var idColumns: Set<Int> = []
            for member in members {
                let indicator = config.indicators[member]
                regionColumns.insert(try column(indicator.regionColumn))
                if let sum = indicator.sumColumn { measureColumns.insert(try column(sum)) }
                for stage in indicator.stages { dateColumns.insert(try column(stage.column)) }
                if let id = indicator.idColumn { idColumns.insert(try column(id)) }
                if let category = indicator.categoryColumn { _ = try column(category) }
            }
            var seenIDs: [Int: Set<String>] = [:]
            for record in records.dropFirst() {
                guard record.count == header.count else { continue }
                var isRejected = false
                for index in regionColumns {
                    if case .unit = regions.place(record[index]) {} else { isRejected = true }
                }
                for index in measureColumns where measureCell(record[index]) == nil { isRejected = true }
                for index in dateColumns {
                    if case .invalid = dateCell(record[index]) { isRejected = true }
                }
                for index in idColumns {
                    let id = record[index].trimmingCharacters(in: .whitespaces)
                    if !id.isEmpty, !seenIDs[index, default: []].insert(id).inserted { isRejected = true }
                }
                if isRejected { continue }
                for member in members {
                    let indicator = config.indicators[member]
                    guard case .unit(let unit) = regions.place(record[try column(indicator.regionColumn)])
                    else { continue }
                    let amount = try indicator.sumColumn.map { measureCell(record[try column($0)])! } ?? .one
                    let category =
                        try indicator.categoryColumn.map {
                            record[try column($0)].trimmingCharacters(in: .whitespaces)
                        } ?? ""
                    let dates = try indicator.stages.map { stage -> CalendarDay? in
                        if case .day(let day) = dateCell(record[try column(stage.column)]) { return day }
                        return nil
                    }
                    result[member].append(
                        Item(unit: unit, category: category, amount: amount, stageDates: dates))
                }
            }
        }
        return result
    }
}

// MARK: - Figures (SPEC §4)

extension IndependentSummary {
    /// Target, done by the bulletin date and done by the previous bulletin, for one row.
    struct Figures {
        var target = Fraction.zero
        var done = Fraction.zero
        var previousDone = Fraction.zero
    }

    struct Key: Hashable {
        var unit: String
        var category: String?
    }

    /// One indicator's numbers: ledger targets and amounts done, by unit, stage and category.
    struct IndicatorTable {
        let indicator: Indicator
        let units: [String]
        let overrides: [String: Overrides.Entry]
        /// Category values in the ledger, sorted by code point; empty without a category column.
        let categories: [String]
        private var ledgerTarget: [Key: Fraction] = [:]
        /// By stage.
        private var done: [[Key: Fraction]]
        private var previousDone: [[Key: Fraction]]

        init(
            indicator: Indicator, rows: [Item], units: [String], day: CalendarDay, previous: CalendarDay,
            overrides: [String: Overrides.Entry]
        ) {
            self.indicator = indicator
            self.units = units
            self.overrides = overrides
            categories =
                indicator.categoryColumn == nil
                ? []
                : Set(rows.map(\.category)).sorted {
                    Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes(
                        $1.unicodeScalars.map(\.value))
                }
            done = Array(repeating: [:], count: indicator.stages.count)
            previousDone = done
            for row in rows {
                let keys =
                    [Key(unit: row.unit, category: nil)]
                    + (indicator.categoryColumn == nil ? [] : [Key(unit: row.unit, category: row.category)])
                for key in keys {
                    ledgerTarget[key, default: .zero] = ledgerTarget[key, default: .zero] + row.amount
                    for (stage, date) in row.stageDates.enumerated() {
                        guard let date else { continue }
                        if date <= day {
                            done[stage][key, default: .zero] = done[stage][key, default: .zero] + row.amount
                        }
                        if date <= previous {
                            previousDone[stage][key, default: .zero] =
                                previousDone[stage][key, default: .zero] + row.amount
                        }
                    }
                }
            }
        }

        /// A unit's window: its own start and deadline from targets.csv where set.
        func window(of unit: String) -> Window {
            Window(
                start: overrides[unit]?.start ?? indicator.window.start,
                deadline: overrides[unit]?.deadline ?? indicator.window.deadline)
        }

        func unitFigures(unit: String, stage: Int, category: String?) -> Figures {
            let key = Key(unit: unit, category: category)
            // targets.csv replaces the unit's whole target; category targets always come from the ledger.
            let target = category == nil ? overrides[unit]?.target ?? ledgerTarget[key] : ledgerTarget[key]
            return Figures(
                target: target ?? .zero, done: done[stage][key] ?? .zero,
                previousDone: previousDone[stage][key] ?? .zero)
        }

        /// The root: sums over units.
        func rootFigures(stage: Int, category: String?) -> Figures {
            var total = Figures()
            for unit in units {
                let figures = unitFigures(unit: unit, stage: stage, category: category)
                total.target = total.target + figures.target
                total.done = total.done + figures.done
                total.previousDone = total.previousDone + figures.previousDone
            }
            return total
        }

        /// Competition ranks (1, 2, 2, 4) by exact rate among units with a task, for the whole and
        /// each category.
        func ranks(stage: Int) -> [Key: Int] {
            var ranks: [Key: Int] = [:]
            for category in [nil] + categories.map(Optional.some) {
                let rates = units.compactMap { unit -> (String, Fraction)? in
                    let figures = unitFigures(unit: unit, stage: stage, category: category)
                    return figures.target > .zero ? (unit, figures.done / figures.target) : nil
                }
                for (unit, rate) in rates {
                    ranks[Key(unit: unit, category: category)] = 1 + rates.filter { $0.1 > rate }.count
                }
            }
            return ranks
        }
    }

    /// Time progress (时序进度, SPEC §4.2) on `day` for `window`, in [0, 1].
    static func timeProgress(on day: CalendarDay, window: Window, rule: Rule) -> Fraction {
        let value: Fraction
        switch rule {
        case .days:
            value = Fraction(
                Int128(day.serial - window.start.serial + 1),
                Int128(window.deadline.serial - window.start.serial + 1))
        case .months:
            func months(_ from: CalendarDay, _ to: CalendarDay) -> Int {
                (to.year - from.year) * 12 + to.month - from.month + 1
            }
            value = Fraction(Int128(months(window.start, day)), Int128(months(window.start, window.deadline)))
        case .milestones(let milestones):
            let points = [(day: window.start, rate: Fraction.zero)] + milestones
            var result = points.last!.rate
            if day <= window.start {
                result = .zero
            } else if let next = points.firstIndex(where: { day <= $0.day }) {
                let (a, b) = (points[next - 1], points[next])
                let elapsed = Fraction(Int128(day.serial - a.day.serial), Int128(b.day.serial - a.day.serial))
                result = a.rate + (b.rate - a.rate) * elapsed
            }
            value = result
        }
        return min(max(value, .zero), .one)
    }

    /// The cells `target` … `status` of one row.
    static func cells(
        _ figures: Figures, day: CalendarDay, window: Window, rule: Rule, rank: Int?, thresholds: Thresholds
    ) -> [String] {
        guard figures.target > .zero else { return Array(repeating: "", count: 8) + ["no-task"] }
        let rate = figures.done / figures.target
        let progress = timeProgress(on: day, window: window, rule: rule)
        let gap = rate - progress
        let change = (figures.done - figures.previousDone) / figures.target
        let gapPoints = gap * Fraction(100)
        let status =
            rate >= .one
            ? "complete"
            : day > window.deadline
                ? "overdue"
                : gapPoints < thresholds.red
                    ? "red"
                    : gapPoints < thresholds.yellow
                        ? "yellow"
                        : "green"
        return [
            figures.target.plainText, figures.done.plainText, rate.percentText, progress.percentText,
            gap.percentText,
            (figures.done - figures.previousDone).plainText, change.percentText, rank.map(String.init) ?? "",
            status,
        ]
    }
}
