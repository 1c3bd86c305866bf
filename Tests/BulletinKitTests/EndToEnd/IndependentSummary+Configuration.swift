import BulletinKit
import Foundation

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
