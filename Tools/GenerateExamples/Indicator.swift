import BulletinKit

/// How time progress (时序进度) runs from start to deadline (SPEC §4.2).
enum TimeProgress {
    case days
    case months
    case milestones([(date: Day, rate: Double)])

    /// The share of the window elapsed at `day`.
    func value(at day: Day, start: Day, deadline: Day) -> Double {
        switch self {
        case .days:
            let value = Double(day.days(since: start) + 1) / Double(deadline.days(since: start) + 1)
            return min(1, max(0, value))
        case .months:
            func month(_ day: Day) -> Int { day.components.year * 12 + day.components.month }
            let value = Double(month(day) - month(start) + 1) / Double(month(deadline) - month(start) + 1)
            return min(1, max(0, value))
        case .milestones(let points):
            guard day > start else { return 0 }
            var previous = (date: start, rate: 0.0)
            for point in points {
                if day <= point.date {
                    let span = Double(point.date.days(since: previous.date))
                    return previous.rate + (point.rate - previous.rate)
                        * Double(day.days(since: previous.date)) / span
                }
                previous = point
            }
            return previous.rate
        }
    }

    var json: JSONValue {
        switch self {
        case .days: "days"
        case .months: "months"
        case .milestones(let points):
            .array(
                points.map {
                    .object(JSONObject(["date": .string($0.date.description), "rate": .number($0.rate)]))
                })
        }
    }

    var summary: String {
        switch self {
        case .days: "days"
        case .months: "months"
        case .milestones(let points):
            "milestones " + points.map { "\($0.date) → \(Int($0.rate * 100))%" }.joined(separator: ", ")
        }
    }
}

/// One indicator of the configuration, over the items of one ledger.
struct Indicator {
    let id: String
    let title: String
    let measureUnit: String
    let ledger: String
    let regionColumn: String
    /// The place-name columns from the unit level down (SPEC §2.6), instead of `regionColumn`.
    var regionNames: [String]? = nil
    /// `"id-card"`: the ids are resident ID numbers, checked (SPEC §5.1).
    var idCheck: String? = nil
    var idColumn: String? = nil
    /// The summed column; `nil` counts rows.
    var sumColumn: String? = nil
    var categoryColumn: String? = nil
    let stages: [Stage]
    /// The ranking stage when set explicitly (`rank_by`); otherwise the last.
    var rankBy: String? = nil
    let start: Day
    let deadline: Day
    var timeProgress = TimeProgress.days
    var writesTimeProgress = true
    var weight: Double? = nil
    var encoding: String? = nil

    var rankingStage: Int { rankBy.flatMap { id in stages.firstIndex { $0.id == id } } ?? stages.count - 1 }

    func measure(of item: Item) -> Int { sumColumn == nil ? 1 : item.measure }

    var json: JSONValue {
        var object = JSONObject()
        object["id"] = .string(id)
        object["title"] = .string(title)
        object["measure_unit"] = .string(measureUnit)
        object["ledger"] = .string(ledger)
        if let encoding { object["encoding"] = .string(encoding) }
        if let regionNames {
            object["region"] = .object(JSONObject(["names": .array(regionNames.map { .string($0) })]))
        } else {
            object["region"] = .string(regionColumn)
        }
        if let idColumn { object["id_column"] = .string(idColumn) }
        if let idCheck { object["id_check"] = .string(idCheck) }
        object["measure"] = sumColumn.map { .object(JSONObject(["sum": .string($0)])) } ?? "count"
        if let categoryColumn { object["category"] = .string(categoryColumn) }
        object["stages"] = .array(
            stages.map {
                .object(
                    JSONObject(["id": .string($0.id), "title": .string($0.title), "date": .string($0.column)])
                )
            })
        if let rankBy { object["rank_by"] = .string(rankBy) }
        object["start"] = .string(start.description)
        object["deadline"] = .string(deadline.description)
        if writesTimeProgress { object["time_progress"] = timeProgress.json }
        if let weight { object["weight"] = .number(weight) }
        return .object(object)
    }
}

/// A `targets.csv` row: a unit's planned total and, optionally, its own window.
struct TargetOverride {
    let indicator: String
    let unit: String
    let target: Int
    var start: Day? = nil
    var deadline: Day? = nil
    var why: String
}

/// The designed status of a unit on an indicator's ranking stage (SPEC §4.4).
enum Status: String {
    case complete
    case overTarget = "complete (over target)"
    case overdue, red, yellow, green
    case noTask = "no task"

    var chinese: String {
        switch self {
        case .complete: "已完成"
        case .overTarget: "超任务"
        case .overdue: "逾期"
        case .red: "红"
        case .yellow: "黄"
        case .green: "绿"
        case .noTask: "无任务"
        }
    }
}
