import Foundation

/// The dataset's `bulletin.json` (SPEC §3): what the bulletin is called, which region is the
/// root, the reporting date and the indicators to compute.
struct Configuration: Sendable {
    /// The bulletin's title (南阳市脱贫攻坚重点任务进度通报).
    var title: String
    /// The issuing office printed under the title, if any.
    var issuer: String?
    /// The root region's code; its children are the bulletin's units.
    var root: String
    /// What a unit is called in table headers (县（市、区）).
    var unitLabel: String
    /// The bulletin date (as-of date).
    var asOf: Day
    /// How far back "previous bulletin" (较上期) looks.
    var period: Period
    /// The locale of labels and number formats.
    var locale: String
    /// How many best and worst ranks are named (前三名 / 后三位).
    var flagsTop: Int
    var flagsBottom: Int
    /// Gaps below these (in percentage points) make a unit yellow or red.
    var yellowBelow: Rational
    var redBelow: Rational
    /// Paragraphs printed as the briefing's 五、下步工作.
    var remarks: [String]
    /// The indicators, in the order they are printed.
    var indicators: [Indicator]
    /// 文号, 期数, 抄送 and 印发日期 for the Word briefing and the masthead (SPEC §3).
    var document = DocumentKeys()

    /// The locales Bulletin ships labels for.
    static let locales = ["zh-Hans", "zh-Hant", "en"]
}

/// How far back the previous bulletin lies.
package enum Period: Sendable, Equatable {
    case week
    case month
    case days(Int)

    /// The bulletin date `count` periods before `day` (`count` = 1 is the previous bulletin).
    package func day(_ count: Int, before day: Day) -> Day {
        switch self {
        case .week: day.adding(days: -7 * count)
        case .month: day.adding(months: -count)
        case .days(let days): day.adding(days: -days * count)
        }
    }
}

/// One indicator (指标): a programme's ledger, what it counts, its stages and its window.
struct Indicator: Sendable {
    /// What an indicator counts per ledger row.
    enum Measure: Sendable, Equatable {
        /// Each row counts one.
        case count
        /// Each row counts the number in this column.
        case sum(column: String)
    }

    /// One stage of a task (开工, 竣工, 入住 …) and the ledger column holding its date.
    struct Stage: Sendable {
        var id: String
        var title: String
        var dateColumn: String
    }

    /// How time progress (时序进度) is computed (SPEC §4.2).
    enum TimeProgressRule: Sendable, Equatable {
        case days
        case months
        case milestones([Milestone])
    }

    /// A point of a milestone schedule: by `date`, `rate` of the work should be done.
    struct Milestone: Sendable, Equatable {
        var date: Day
        var rate: Rational
    }

    var id: String
    var title: String
    var measureUnit: String
    /// The ledger: a file of the dataset, or a pattern (`危房改造/*.xlsx`) whose matching files
    /// are the parts of one ledger (SPEC §2.4).
    var ledger: String
    /// Where a row's region is: a code column, or place-name columns (SPEC §2.6).
    var region: RegionColumns
    var idColumn: String?
    var measure: Measure
    var categoryColumn: String?
    var stages: [Stage]
    /// Index into `stages` of the stage that ranks units and sets their status.
    var rankingStage: Int
    var start: Day
    var deadline: Day
    var timeProgress: TimeProgressRule
    var weight: Rational
    var encoding: TextEncoding?
    /// The sheet of a workbook ledger; nil for the first sheet holding the header.
    var sheet: Sheet?
    /// The header's row (1-based line of a CSV, row of a sheet); nil to find it (SPEC §2.5).
    var headerRow: Int?
    /// Whether ids are checked as resident ID numbers (`"id_check": "id-card"`, SPEC §5.1).
    var checksIDCards = false

    /// A workbook's sheet, as the configuration names it.
    enum Sheet: Sendable, Equatable {
        case name(String)
        /// 1-based.
        case position(Int)
    }

    /// How a ledger row names its region.
    enum RegionColumns: Sendable, Equatable {
        /// A column of region codes from `regions.csv`.
        case code(String)
        /// Columns of place names, from the unit level down (县区, 乡镇, 村).
        case names([String])

        /// The columns, in order.
        var columns: [String] {
            switch self {
            case .code(let column): [column]
            case .names(let columns): columns
            }
        }
    }
}

/// A configuration that cannot be used: the JSON path and what is wrong (exit status 2).
struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The file, relative to where the user pointed; empty when the problem is an option.
    var file: String
    /// One problem per entry, each with its JSON path.
    var problems: [Problem]

    /// One problem: `indicators[0].rank_by` and what is wrong with it.
    struct Problem: Sendable {
        var path: String
        var message: String
        var line: Int?
        var column: Int?
    }

    /// Each problem as a diagnostic: the file, line and column when known, the JSON path.
    var diagnostics: [Diagnostic] {
        problems.map { problem in
            Diagnostic(
                file: file, line: problem.line, column: problem.column, jsonPath: problem.path, severity: .error,
                kind: .configuration, message: problem.message)
        }
    }

    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Configuration {
    /// Reads and validates `bulletin.json`. Every problem found is reported, not just the first.
    static func load(from data: Data, file: String) throws(ConfigurationError) -> Configuration {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            let hint = syntaxHint(for: error, in: data)
            throw ConfigurationError(
                file: file,
                problems: [
                    .init(
                        path: "", message: "not valid JSON: \(error.reason)\(hint)", line: error.line,
                        column: error.column)
                ])
        }
        var reader = ConfigurationReader()
        let configuration = reader.configuration(json)
        guard reader.problems.isEmpty, let configuration else {
            throw ConfigurationError(file: file, problems: reader.problems)
        }
        return configuration
    }

    /// The years a date in the configuration may fall in; anything else is a typo (0202, 20200)
    /// that would otherwise make a campaign of centuries.
    static let plausibleYears = 1900...2199

    /// What most likely went wrong, for the common slips of hand-edited JSON: a missing comma at
    /// the end of the previous line, a comma before a closing bracket, a file not saved as UTF-8.
    private static func syntaxHint(for error: JSONSyntaxError, in data: Data) -> String {
        if error.reason.hasPrefix("expected ',' or") {
            let lines = String(decoding: data, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            guard error.line >= 2, error.line <= lines.count else { return "" }
            let indent = lines[error.line - 1].prefix { $0 == " " || $0 == "\t" }.count
            return indent + 1 == error.column
                ? " (is a comma missing at the end of line \(error.line - 1)?)" : ""
        }
        if error.reason.hasPrefix("expected a key in double quotes")
            || error.reason.hasPrefix("unexpected character ']'")
            || error.reason.hasPrefix("unexpected character '}'")
        {
            return " (JSON allows no comma before a closing } or ])"
        }
        if error.reason.hasPrefix("unexpected end of the file") || error.reason.hasPrefix("unclosed string") {
            return " (is a closing quote, } or ] missing?)"
        }
        if error.reason.contains("not valid UTF-8") {
            return " (save bulletin.json as UTF-8)"
        }
        return ""
    }
}

/// Walks the JSON with its path, collecting problems instead of stopping at the first.
private struct ConfigurationReader {
    var problems: [ConfigurationError.Problem] = []

    mutating func fail(_ path: String, _ message: String) {
        problems.append(.init(path: path, message: message))
    }

    mutating func object(
        _ value: JSONValue?, at path: String, allowed: [String], required: [String]
    ) -> JSONObject? {
        guard let value else { return nil }
        guard let object = value.objectValue else {
            fail(path, "expected an object, found \(value.kindDescription)")
            return nil
        }
        var suggested: Set<String> = []
        for key in object.keys where !allowed.contains(key) {
            var message = "unknown key \"\(key)\""
            if let suggestion = closest(to: key, in: allowed.filter { object[$0] == nil }) {
                message += "; did you mean \"\(suggestion)\"?"
                suggested.insert(suggestion)
            }
            message += " (allowed: \(allowed.joined(separator: ", ")))"
            fail(join(path, key), message)
        }
        // A required key already offered as the correction of a typo is not reported twice.
        for key in required where object[key] == nil && !suggested.contains(key) {
            fail(path, "missing required key \"\(key)\"")
        }
        return object
    }

    mutating func string(_ object: JSONObject, _ key: String, at path: String) -> String? {
        guard let value = object[key] else { return nil }
        guard let string = value.stringValue else {
            var message = "expected a string, found \(describe(value))"
            if case .number = value { message += "; write it in quotes: \"\(value.jsonText())\"" }
            fail(join(path, key), message)
            return nil
        }
        guard !string.trimmingCharacters(in: .whitespaces).isEmpty else {
            fail(join(path, key), "must not be empty")
            return nil
        }
        return string
    }

    mutating func day(_ object: JSONObject, _ key: String, at path: String) -> Day? {
        guard let text = string(object, key, at: path) else { return nil }
        guard let day = Day(iso: text) else {
            fail(join(path, key), "\"\(text)\" is not a date; expected YYYY-MM-DD, e.g. 2020-10-15")
            return nil
        }
        guard Configuration.plausibleYears.contains(day.components.year) else {
            fail(
                join(path, key),
                "\"\(text)\" is not a plausible date: the year must be from \(Configuration.plausibleYears.lowerBound) to \(Configuration.plausibleYears.upperBound); is it mistyped?"
            )
            return nil
        }
        return day
    }

    /// A number from `range` with at most four decimals: bounded, so that exact arithmetic on
    /// it cannot overflow.
    mutating func number(
        _ object: JSONObject, _ key: String, at path: String, in range: ClosedRange<Rational>, example: String
    ) -> Rational? {
        guard let value = object[key] else { return nil }
        guard let number = value.numberValue else {
            var message = "expected a number such as \(example), found \(describe(value))"
            if case .string(let text) = value, Rational(decimal: text) != nil {
                message += "; write it without quotes"
            }
            fail(join(path, key), message)
            return nil
        }
        guard let rational = Rational(shortestDecimalOf: number), range.contains(rational) else {
            fail(
                join(path, key),
                "\(value.jsonText()) is out of range; expected a number from \(range.lowerBound.fixed(0)) to \(range.upperBound.fixed(0)), such as \(example)"
            )
            return nil
        }
        guard (rational * Rational(10_000)).denominator == 1 else {
            fail(
                join(path, key),
                "\(value.jsonText()) has more than 4 decimal places; round it to \(rational.fixed(4))")
            return nil
        }
        return rational
    }

    mutating func count(_ object: JSONObject, _ key: String, at path: String) -> Int? {
        guard let value = object[key] else { return nil }
        guard let number = value.numberValue, number == number.rounded(), number >= 0, number < 1000 else {
            fail(join(path, key), "expected a whole number from 0 to 999, found \(describe(value))")
            return nil
        }
        return Int(number)
    }

    func describe(_ value: JSONValue) -> String {
        switch value {
        case .number, .bool, .null: value.jsonText()
        case .string(let text): "\"\(text)\""
        default: value.kindDescription
        }
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func configuration(_ json: JSONValue) -> Configuration? {
        let keys = [
            "title", "issuer", "root", "unit_label", "as_of", "period", "locale", "flags", "status",
            "remarks", "doc_no", "issue_no", "cc", "issued_on", "categories",
            "indicators",
        ]
        guard
            let top = object(
                json, at: "", allowed: keys, required: ["title", "root", "as_of", "indicators"])
        else { return nil }
        let title = string(top, "title", at: "")
        let issuer = string(top, "issuer", at: "")
        let document = DocumentKeys(reading: top) { fail($0, $1) }
        let root = string(top, "root", at: "")
        if let root, FieldParsing.regionCode(root) == nil {
            fail("root", "\"\(root)\" is not a region code; expected digits such as \"411300\"")
        }
        let unitLabel = string(top, "unit_label", at: "") ?? "单位"
        let asOf = day(top, "as_of", at: "")
        let period = self.period(top["period"])
        var locale = "zh-Hans"
        if let value = string(top, "locale", at: "") {
            if Configuration.locales.contains(value) {
                locale = value
            } else {
                fail(
                    "locale",
                    "\"\(value)\" is not a supported locale; expected one of \(Configuration.locales.joined(separator: ", "))"
                )
            }
        }
        var flagsTop = 3
        var flagsBottom = 3
        if let flags = object(top["flags"], at: "flags", allowed: ["top", "bottom"], required: []) {
            flagsTop = count(flags, "top", at: "flags") ?? 3
            flagsBottom = count(flags, "bottom", at: "flags") ?? 3
        }
        var yellow = Rational.zero
        var red = Rational(-10)
        if let status = object(
            top["status"], at: "status", allowed: ["yellow_below_pp", "red_below_pp"], required: [])
        {
            let points = Rational(-100)...Rational(100)
            yellow = number(status, "yellow_below_pp", at: "status", in: points, example: "0") ?? yellow
            red = number(status, "red_below_pp", at: "status", in: points, example: "-10") ?? red
            if red > yellow {
                fail(
                    "status",
                    "red_below_pp (\(red.fixed(2))) must not be above yellow_below_pp (\(yellow.fixed(2)))")
            }
        }
        var remarks: [String] = []
        if let value = top["remarks"] {
            if let array = value.arrayValue {
                for (index, element) in array.enumerated() {
                    if let text = element.stringValue {
                        remarks.append(text)
                    } else {
                        fail("remarks[\(index)]", "expected a string, found \(element.kindDescription)")
                    }
                }
            } else {
                fail("remarks", "expected an array of paragraphs, found \(value.kindDescription)")
            }
        }
        var indicators: [Indicator] = []
        if let value = top["indicators"] {
            if let array = value.arrayValue, !array.isEmpty {
                for (index, element) in array.enumerated() {
                    if let indicator = self.indicator(element, at: "indicators[\(index)]") {
                        if indicators.contains(where: { $0.id == indicator.id }) {
                            fail(
                                "indicators[\(index)].id",
                                "\"\(indicator.id)\" is used by an earlier indicator; ids must be unique")
                        }
                        indicators.append(indicator)
                    }
                }
            } else {
                fail("indicators", "expected a non-empty array of indicators, found \(value.kindDescription)")
            }
        }
        guard problems.isEmpty, let title, let root, let asOf, let period else { return nil }
        return Configuration(
            title: title, issuer: issuer, root: root, unitLabel: unitLabel, asOf: asOf, period: period,
            locale: locale, flagsTop: flagsTop, flagsBottom: flagsBottom, yellowBelow: yellow, redBelow: red,
            remarks: remarks, indicators: indicators, document: document)
    }

    mutating func period(_ value: JSONValue?) -> Period? {
        guard let value else { return .week }
        switch value {
        case .string("week"): return .week
        case .string("month"): return .month
        case .number(let days) where days == days.rounded() && days >= 1 && days <= 366:
            return .days(Int(days))
        default:
            fail(
                "period",
                "expected \"week\", \"month\" or a number of days from 1 to 366, found \(describe(value))")
            return nil
        }
    }

    mutating func indicator(_ value: JSONValue, at path: String) -> Indicator? {
        let keys = [
            "id", "title", "measure_unit", "ledger", "region", "id_column", "measure", "category", "stages",
            "rank_by", "start", "deadline", "time_progress", "weight", "encoding", "sheet", "header_row",
            "id_check",
        ]
        guard
            let object = object(
                value, at: path, allowed: keys,
                required: ["id", "title", "ledger", "region", "stages", "start", "deadline"])
        else { return nil }
        let problemsBefore = problems.count
        let id = string(object, "id", at: path)
        if let id, !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") })
        {
            fail(
                join(path, "id"), "\"\(id)\" must use only a-z, 0-9, _ and - (it names the indicator's page)")
        }
        let title = string(object, "title", at: path)
        let measureUnit = object["measure_unit"] == nil ? "" : string(object, "measure_unit", at: path) ?? ""
        let ledger = string(object, "ledger", at: path)
        if let ledger, let problem = LedgerFiles.problem(withPattern: ledger) {
            fail(join(path, "ledger"), "\"\(ledger)\" \(problem)")
        }
        let region = regionColumns(object["region"], at: join(path, "region"))
        let sheet = sheetSelector(object["sheet"], at: join(path, "sheet"))
        let headerRow = number(
            object, "header_row", at: path, in: Rational.one...Rational(1_000_000), example: "3")
        if let headerRow, headerRow.denominator != 1 {  // a whole number only
            fail(join(path, "header_row"), "expected a whole row number such as 3")
        }
        var checksIDCards = false
        if let value = string(object, "id_check", at: path) {
            if value == "id-card" {
                checksIDCards = true
            } else {
                fail(join(path, "id_check"), "\"\(value)\" is not supported; expected \"id-card\"")
            }
        }
        let idColumn = string(object, "id_column", at: path)
        let category = string(object, "category", at: path)
        var measure = Indicator.Measure.count
        switch object["measure"] {
        case nil, .string("count"): break
        case .object(let sum):
            if let sumObject = self.object(
                .object(sum), at: join(path, "measure"), allowed: ["sum"], required: ["sum"]),
                let column = string(sumObject, "sum", at: join(path, "measure"))
            {
                measure = .sum(column: column)
            }
        case let other?:
            fail(
                join(path, "measure"), "expected \"count\" or {\"sum\": \"column\"}, found \(describe(other))"
            )
        }
        var stages: [Indicator.Stage] = []
        if let value = object["stages"] {
            if let array = value.arrayValue, !array.isEmpty {
                for (index, element) in array.enumerated() {
                    let stagePath = "\(join(path, "stages"))[\(index)]"
                    guard
                        let stage = self.object(
                            element, at: stagePath, allowed: ["id", "title", "date"],
                            required: ["id", "title", "date"]),
                        let stageID = string(stage, "id", at: stagePath),
                        let stageTitle = string(stage, "title", at: stagePath),
                        let date = string(stage, "date", at: stagePath)
                    else { continue }
                    if stages.contains(where: { $0.id == stageID }) {
                        fail(
                            join(stagePath, "id"),
                            "\"\(stageID)\" is used by an earlier stage; stage ids must be unique")
                    }
                    stages.append(.init(id: stageID, title: stageTitle, dateColumn: date))
                }
            } else {
                fail(
                    join(path, "stages"),
                    "expected a non-empty array of stages, found \(value.kindDescription)")
            }
        }
        var rankingStage = max(stages.count - 1, 0)
        if let rankBy = string(object, "rank_by", at: path) {
            if let index = stages.firstIndex(where: { $0.id == rankBy }) {
                rankingStage = index
            } else {
                var message =
                    "\"\(rankBy)\" is not one of this indicator's stages (\(stages.map(\.id).joined(separator: ", ")))"
                if let suggestion = closest(to: rankBy, in: stages.map(\.id)) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                fail(join(path, "rank_by"), message)
            }
        }
        let start = day(object, "start", at: path)
        let deadline = day(object, "deadline", at: path)
        if let start, let deadline, deadline < start {
            fail(join(path, "deadline"), "\(deadline) is before the start \(start)")
        }
        let timeProgress = self.timeProgress(
            object["time_progress"], at: join(path, "time_progress"), start: start, deadline: deadline)
        var weight = Rational.one
        if let value = number(object, "weight", at: path, in: Rational.zero...Rational(100), example: "1") {
            weight = value
        }
        var encoding: TextEncoding?
        if let value = string(object, "encoding", at: path) {
            switch value.lowercased() {
            case "utf-8", "utf8": encoding = .utf8
            case "gb18030", "gbk", "gb2312": encoding = .gb18030
            default:
                fail(
                    join(path, "encoding"), "\"\(value)\" is not supported; expected \"utf-8\" or \"gb18030\""
                )
            }
        }
        guard problems.count == problemsBefore, let id, let title, let ledger, let region, let start,
            let deadline,
            let timeProgress, !stages.isEmpty
        else { return nil }
        return Indicator(
            id: id, title: title, measureUnit: measureUnit, ledger: ledger, region: region,
            idColumn: idColumn,
            measure: measure, categoryColumn: category, stages: stages, rankingStage: rankingStage,
            start: start,
            deadline: deadline, timeProgress: timeProgress, weight: weight, encoding: encoding, sheet: sheet,
            headerRow: headerRow.map { Int($0.numerator) }, checksIDCards: checksIDCards)
    }

    /// `"region"`: a column name, or `{"names": ["县区", "乡镇", "村"]}`.
    mutating func regionColumns(_ value: JSONValue?, at path: String) -> Indicator.RegionColumns? {
        switch value {
        case nil: return nil
        case .string(let column): return .code(column)
        case .object(let members):
            guard let object = object(.object(members), at: path, allowed: ["names"], required: ["names"]),
                object["names"] != nil
            else { return nil }
            guard let array = object["names"]?.arrayValue, !array.isEmpty, array.count <= 5,
                case let names = array.compactMap(\.stringValue), names.count == array.count,
                !names.contains(where: \.isEmpty)
            else {
                fail(
                    join(path, "names"),
                    "expected the place-name columns from the unit level down, such as [\"县区\", \"乡镇\", \"村\"] (1 to 5 names)"
                )
                return nil
            }
            return .names(names)
        case let other?:
            fail(
                path,
                "expected a column name or {\"names\": [\"县区\", \"乡镇\", \"村\"]}, found \(describe(other))")
            return nil
        }
    }

    /// `"sheet"`: a sheet's name, or its 1-based position.
    mutating func sheetSelector(_ value: JSONValue?, at path: String) -> Indicator.Sheet? {
        switch value {
        case nil: return nil
        case .string(let name) where !name.isEmpty: return .name(name)
        case .number(let number) where number.rounded() == number && number >= 1 && number <= 1000:
            return .position(Int(number))
        case let other?:
            fail(path, "expected a sheet's name or its position (1 for the first sheet), found \(describe(other))")
            return nil
        }
    }

    mutating func timeProgress(_ value: JSONValue?, at path: String, start: Day?, deadline: Day?)
        -> Indicator.TimeProgressRule?
    {
        switch value {
        case nil, .string("days"): return .days
        case .string("months"): return .months
        case .array(let array) where !array.isEmpty:
            var milestones: [Indicator.Milestone] = []
            for (index, element) in array.enumerated() {
                let elementPath = "\(path)[\(index)]"
                guard
                    let object = object(
                        element, at: elementPath, allowed: ["date", "rate"], required: ["date", "rate"]),
                    let date = day(object, "date", at: elementPath),
                    let rate = number(
                        object, "rate", at: elementPath, in: Rational.zero...Rational.one, example: "0.5")
                else { continue }
                if let last = milestones.last {
                    if date <= last.date {
                        fail(
                            join(elementPath, "date"),
                            "\(date) is not after the previous milestone \(last.date)")
                    }
                    if rate < last.rate {
                        fail(
                            join(elementPath, "rate"),
                            "\(rate.fixed(4)) is below the previous milestone's rate \(last.rate.fixed(4)); a schedule never goes back"
                        )
                    }
                }
                if let start, date <= start {
                    fail(join(elementPath, "date"), "\(date) is not after the start \(start)")
                }
                milestones.append(.init(date: date, rate: rate))
            }
            return .milestones(milestones)
        case let other?:
            fail(
                path,
                "expected \"days\", \"months\" or a list of {\"date\", \"rate\"} milestones, found \(describe(other))"
            )
            return nil
        }
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
func closest(to word: String, in candidates: [String]) -> String? {
    // A long value is not a typo of a short name (and would cost a long edit-distance table).
    guard word.count <= 64 else { return nil }
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
    return best.0
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
