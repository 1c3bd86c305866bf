import Foundation

extension ConfigurationReader {
    /// One element of `"indicators"`, or nil (with problems) when it cannot be used.
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
            fail(join(path, "id"), .configIndicatorID, ["id": .text(id)])
        }
        let title = string(object, "title", at: path)
        let measureUnit = object["measure_unit"] == nil ? "" : string(object, "measure_unit", at: path) ?? ""
        let ledger = string(object, "ledger", at: path)
        if let ledger, let problem = LedgerFiles.problem(withPattern: ledger) {
            fail(join(path, "ledger"), .configLedger, ["ledger": .text(ledger), "problem": .message(problem)])
        }
        let region = regionColumns(object["region"], at: join(path, "region"))
        let sheet = sheetSelector(object["sheet"], at: join(path, "sheet"))
        let headerRow = headerRow(object, at: path)
        let checksIDCards = checksIDCards(object, at: path)
        let idColumn = string(object, "id_column", at: path)
        let category = string(object, "category", at: path)
        let measure = measure(object, at: path)
        let stages = stages(object, at: path)
        let rankingStage = rankingStage(object, at: path, stages: stages)
        let start = day(object, "start", at: path)
        let deadline = day(object, "deadline", at: path)
        if let start, let deadline, deadline < start {
            fail(join(path, "deadline"), .configDeadlineBeforeStart, ["deadline": .shown(deadline), "start": .shown(start)])
        }
        let timeProgress = self.timeProgress(
            object["time_progress"], at: join(path, "time_progress"), start: start, deadline: deadline)
        var weight = Rational.one
        if let value = number(object, "weight", at: path, in: Rational.zero...Rational(100), example: "1") {
            weight = value
        }
        let encoding = encoding(object, at: path)
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

    /// `"header_row"`: the header's 1-based row, a whole number.
    private mutating func headerRow(_ object: JSONObject, at path: String) -> Rational? {
        let headerRow = number(
            object, "header_row", at: path, in: Rational.one...Rational(1_000_000), example: "3")
        if let headerRow, headerRow.denominator != 1 {  // a whole number only
            fail(join(path, "header_row"), .configHeaderRow)
        }
        return headerRow
    }

    /// `"id_check": "id-card"`: whether ids are checked as resident ID numbers.
    private mutating func checksIDCards(_ object: JSONObject, at path: String) -> Bool {
        var checksIDCards = false
        if let value = string(object, "id_check", at: path) {
            if value == "id-card" {
                checksIDCards = true
            } else {
                fail(join(path, "id_check"), .configIDCheck, ["value": .text(value)])
            }
        }
        return checksIDCards
    }

    /// `"measure"`: `"count"` or `{"sum": "column"}`.
    private mutating func measure(_ object: JSONObject, at path: String) -> Indicator.Measure {
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
                join(path, "measure"), .configMeasure, ["found": describe(other)]
            )
        }
        return measure
    }

    /// `"stages"`: a non-empty array of stages with unique ids.
    private mutating func stages(_ object: JSONObject, at path: String) -> [Indicator.Stage] {
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
                        fail(join(stagePath, "id"), .configDuplicateStage, ["id": .text(stageID)])
                    }
                    stages.append(.init(id: stageID, title: stageTitle, dateColumn: date))
                }
            } else {
                fail(join(path, "stages"), .configExpectedStages, ["found": kind(value)])
            }
        }
        return stages
    }

    /// `"rank_by"`: the ranking stage's position (default: the last stage).
    private mutating func rankingStage(_ object: JSONObject, at path: String, stages: [Indicator.Stage]) -> Int {
        var rankingStage = max(stages.count - 1, 0)
        if let rankBy = string(object, "rank_by", at: path) {
            if let index = stages.firstIndex(where: { $0.id == rankBy }) {
                rankingStage = index
            } else {
                let suggestion: Diagnostic.Value =
                    closest(to: rankBy, in: stages.map(\.id)).map {
                        .message(.init(.configDidYouMean, ["suggestion": .text($0)]))
                    } ?? ""
                fail(
                    join(path, "rank_by"), .configRankBy,
                    ["value": .text(rankBy), "stages": .list(stages.map(\.id), joinedBy: .listComma), "suggestion": suggestion])
            }
        }
        return rankingStage
    }

    /// `"encoding"`: `"utf-8"` or `"gb18030"` (and its subsets' names).
    private mutating func encoding(_ object: JSONObject, at path: String) -> TextEncoding? {
        var encoding: TextEncoding?
        if let value = string(object, "encoding", at: path) {
            switch value.lowercased() {
            case "utf-8", "utf8": encoding = .utf8
            case "gb18030", "gbk", "gb2312": encoding = .gb18030
            default:
                fail(
                    join(path, "encoding"), .configEncoding, ["value": .text(value)]
                )
            }
        }
        return encoding
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
                    join(path, "names"), .configNames
                )
                return nil
            }
            return .names(names)
        case let other?:
            fail(path, .configRegion, ["found": describe(other)])
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
            fail(path, .configSheet, ["found": describe(other)])
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
                        fail(join(elementPath, "date"), .configMilestoneDate, ["date": .shown(date), "previous": .shown(last.date)])
                    }
                    if rate < last.rate {
                        fail(
                            join(elementPath, "rate"), .configMilestoneRate,
                            ["rate": .text(rate.fixed(4)), "previous": .text(last.rate.fixed(4))]
                        )
                    }
                }
                if let start, date <= start {
                    fail(join(elementPath, "date"), .configMilestoneStart, ["date": .shown(date), "start": .shown(start)])
                }
                milestones.append(.init(date: date, rate: rate))
            }
            return .milestones(milestones)
        case let other?:
            fail(
                path, .configTimeProgress, ["found": describe(other)]
            )
            return nil
        }
    }
}
