import Foundation

/// `targets.csv` (SPEC §2.3): per indicator and unit, a planned total replacing the ledger's
/// count, and optionally the unit's own start and deadline.
struct TargetOverride: Sendable, Equatable {
    /// The planned total, in ten-thousandths of the measure; nil when the row leaves it to the
    /// ledger's count (an empty cell replaces nothing: such a row only moves the window).
    var target: Int64?
    var start: Day?
    var deadline: Day?
    /// The line in `targets.csv`, for findings about this target.
    var line: Int
}

/// Overrides by indicator id, then unit position.
typealias TargetOverrides = [String: [Int: TargetOverride]]

enum TargetsFile {
    static let name = "targets.csv"

    /// Reads `targets.csv`; unknown indicators, regions that are not units, bad numbers and
    /// duplicates are errors.
    static func load(path: String, configuration: Configuration, regions: Regions) -> (
        TargetOverrides, [Finding], Int
    ) {
        var reading = Reading(configuration: configuration, regions: regions)
        do {
            var reader = try CSVReader(path: path)
            var record = CSVRecord()
            guard try reader.readRecord(into: &record), let columns = reading.columns(of: record) else {
                return ([:], reading.findings, 0)
            }
            while try reader.readRecord(into: &record) {
                reading.rows += 1
                reading.add(record, columns: columns)
            }
        } catch {
            reading.report(
                error.line, error.column, error.line > 0 ? Finding.kind(of: error) : .missingFile, error.message)
        }
        return (reading.overrides, reading.findings, reading.rows)
    }

    /// The columns of the file, by name.
    struct Columns {
        var header: [String]
        var indicator: Int
        var region: Int
        var target: Int
        var start: Int?
        var deadline: Int?
    }

    /// What reading the file has found so far.
    struct Reading {
        let configuration: Configuration
        let regions: Regions
        var overrides: TargetOverrides = [:]
        var findings: [Finding] = []
        var rows = 0
        /// Per indicator, the sum of its targets, kept within what Bulletin counts.
        var totals: [String: Int64] = [:]

        mutating func report(_ line: Int?, _ column: Int?, _ kind: Finding.Kind, _ message: Diagnostic.Message) {
            findings.append(
                Finding(file: name, line: line, column: column, severity: .error, kind: kind, message: message))
        }

        /// The columns the header names; nil (with findings) when a required one is missing.
        mutating func columns(of record: CSVRecord) -> Columns? {
            let header = (0..<record.count).map { record.trimmedString(at: $0) }
            var column: [String: Int] = [:]
            for (index, name) in header.enumerated() { column[name] = index }
            for required in ["indicator", "region", "target"] where column[required] == nil {
                report(
                    1, nil, .missingColumn,
                    .init(
                        .targetsColumnMissing,
                        ["column": .text(required), "header": .quotedList(header)]))
            }
            guard findings.isEmpty, let indicator = column["indicator"], let region = column["region"],
                let target = column["target"]
            else { return nil }
            return Columns(
                header: header, indicator: indicator, region: region, target: target, start: column["start"],
                deadline: column["deadline"])
        }

        /// Checks one row and keeps its override.
        mutating func add(_ record: CSVRecord, columns: Columns) {
            let line = record.line
            guard record.count == columns.header.count else {
                report(
                    line, nil, .fieldCount,
                    .init(
                        .targetsFieldCount,
                        [
                            "expected": .number(columns.header.count), "header": .text(columns.header.joined(separator: ",")),
                            "found": .number(record.count),
                        ]))
                return
            }
            guard let id = indicator(record, columns: columns), let (unit, code) = unit(record, columns: columns)
            else { return }
            let target: Int64?
            switch record.withBytes(at: columns.target, FieldParsing.measure) {
            case .value(let value): target = value
            case .empty: target = nil
            case .invalid(let reason):
                report(
                    line, columns.target + 1, .badNumber,
                    .init(.targetInvalid, ["value": .text(record.string(at: columns.target)), "reason": .message(reason)]))
                return
            }
            guard let window = window(record, columns: columns, id: id, code: code) else { return }
            if let existing = overrides[id]?[unit] {
                report(
                    line, columns.region + 1, .duplicateTarget,
                    .init(.duplicateTarget, ["indicator": .text(id), "code": .text(code), "line": .number(existing.line)]))
                return
            }
            if target == nil, window.start == nil, window.deadline == nil {
                report(line, columns.target + 1, .badNumber, .init(.targetEmptyRow))
                return
            }
            let (total, overflowed) = (totals[id] ?? 0).addingReportingOverflow(target ?? 0)
            guard !overflowed, total <= Tally.maximumTotal else {
                report(
                    line, columns.target + 1, .badNumber,
                    .init(
                        .targetsTooLarge,
                        [
                            "value": .text(record.string(at: columns.target)), "indicator": .text(id),
                            "maximum": .text(Tally.maximumTotalText),
                        ]))
                return
            }
            totals[id] = total
            overrides[id, default: [:]][unit] = TargetOverride(
                target: target, start: window.start, deadline: window.deadline, line: line)
        }

        /// The row's indicator id, when bulletin.json has it.
        private mutating func indicator(_ record: CSVRecord, columns: Columns) -> String? {
            let ids = configuration.indicators.map(\.id)
            let id = record.trimmedString(at: columns.indicator)
            guard ids.contains(id) else {
                let suggestion = closest(to: id, in: ids)
                report(
                    record.line, columns.indicator + 1, .unknownIndicator,
                    .init(
                        .unknownIndicator,
                        [
                            "indicator": .text(id), "indicators": .list(ids, joinedBy: .listComma),
                            "suggestion": suggestion.map { .message(.init(.indicatorSuggestion, ["suggestion": .text($0)])) }
                                ?? "",
                        ]))
                return nil
            }
            return id
        }

        /// The row's unit position and code, when the region is a unit.
        private mutating func unit(_ record: CSVRecord, columns: Columns) -> (Int, String)? {
            let code = record.trimmedString(at: columns.region)
            guard let packed = FieldParsing.regionCode(code), case .inUnit(let unit, let township) = regions.location(ofPackedCode: packed),
                township == -1
            else {
                report(
                    record.line, columns.region + 1, .notAUnit,
                    .init(
                        .notAUnit, ["code": .text(code), "why": .message(TargetsFile.whyNotAUnit(code, regions: regions))]))
                return nil
            }
            return (unit, code)
        }

        /// The row's own start and deadline (each nil when empty); nil (with a finding) when a
        /// date is bad or the window ends before it starts.
        private mutating func window(_ record: CSVRecord, columns: Columns, id: String, code: String) -> (
            start: Day?, deadline: Day?
        )? {
            var window: [Day?] = []
            var bad = false
            for (name, index) in [("start", columns.start), ("deadline", columns.deadline)] as [(Diagnostic.Value, Int?)] {
                guard let index else {
                    window.append(nil)
                    continue
                }
                switch record.withBytes(at: index, FieldParsing.date) {
                case .empty: window.append(nil)
                case .day(let day) where Configuration.plausibleYears.contains(day.components.year): window.append(day)
                case .day:
                    report(
                        record.line, index + 1, .badDate,
                        .init(
                            .targetDateImplausible,
                            [
                                "column": name, "value": .text(record.string(at: index)),
                                "first": .number(Configuration.plausibleYears.lowerBound),
                                "last": .number(Configuration.plausibleYears.upperBound),
                            ]))
                    bad = true
                case .invalid(let reason):
                    report(
                        record.line, index + 1, .badDate,
                        .init(
                            .targetDateInvalid,
                            ["column": name, "value": .text(record.string(at: index)), "reason": .message(reason)]))
                    bad = true
                }
            }
            if bad { return nil }
            let indicator = configuration.indicators.first { $0.id == id }
            if let start = window[0] ?? indicator?.start, let deadline = window[1] ?? indicator?.deadline,
                deadline < start
            {
                let column = (window[1] != nil ? columns.deadline : columns.start).map { $0 + 1 }
                report(
                    record.line, column, .badDate,
                    .init(
                        .targetWindowReversed,
                        [
                            "indicator": .text(id), "code": .text(code), "deadline": .shown(deadline),
                            "start": .shown(start),
                        ]))
                return nil
            }
            return (window[0], window[1])
        }
    }

    /// Why a region code in `targets.csv` is not a unit, in the clerk's terms.
    static func whyNotAUnit(_ code: String, regions: Regions) -> Diagnostic.Message {
        let root = regions.root
        let rootNames: KeyValuePairs<String, Diagnostic.Value> = [
            "root": .text(regions.names[root]), "root_code": .text(regions.codes[root]),
        ]
        guard let packed = FieldParsing.regionCode(code) else { return .init(.whyNotACode) }
        switch regions.location(ofPackedCode: packed) {
        case .unknown: return .init(.whyNotInRegions)
        case .root: return .init(.whyRoot, rootNames)
        case .outsideRoot: return .init(.whyOutsideRoot, rootNames)
        case .inUnit(let unit, _):
            let index = regions.index(of: code) ?? root
            let unitIndex = regions.units[unit]
            return .init(
                .whyInsideUnit,
                [
                    "name": .text(regions.names[index]), "unit": .text(regions.names[unitIndex]),
                    "unit_code": .text(regions.codes[unitIndex]),
                ])
        }
    }
}
