import Foundation

/// `targets.csv` (SPEC §2.3): per indicator and unit, a planned total replacing the ledger's
/// count, and optionally the unit's own start and deadline.
public struct TargetOverride: Sendable, Equatable {
    /// The planned total, in ten-thousandths of the measure; nil when the row leaves it to the
    /// ledger's count (an empty cell replaces nothing: such a row only moves the window).
    public var target: Int64?
    public var start: Day?
    public var deadline: Day?
    /// The line in `targets.csv`, for findings about this target.
    public var line: Int
}

/// Overrides by indicator id, then unit position.
public typealias TargetOverrides = [String: [Int: TargetOverride]]

enum TargetsFile {
    static let name = "targets.csv"

    /// Reads `targets.csv`; unknown indicators, regions that are not units, bad numbers and
    /// duplicates are errors.
    static func load(path: String, configuration: Configuration, regions: Regions) -> (
        TargetOverrides, [Finding], Int
    ) {
        var overrides: TargetOverrides = [:]
        var targetTotals: [String: Int64] = [:]
        var findings: [Finding] = []
        var rows = 0
        func report(_ line: Int?, _ column: Int?, _ kind: Finding.Kind, _ message: String) {
            findings.append(
                Finding(
                    file: name, line: line, column: column, severity: .error, kind: kind, message: message))
        }
        do {
            var reader = try CSVReader(path: path)
            var record = CSVRecord()
            guard try reader.readRecord(into: &record) else { return (overrides, findings, 0) }
            let header = (0..<record.count).map { record.trimmedString(at: $0) }
            var column: [String: Int] = [:]
            for (index, name) in header.enumerated() { column[name] = index }
            for required in ["indicator", "region", "target"] where column[required] == nil {
                report(
                    1, nil, .missingColumn,
                    "missing required column \"\(required)\"; the header has \(header.map { "\"\($0)\"" }.joined(separator: ", ")), expected indicator,region,target[,start,deadline]"
                )
            }
            guard findings.isEmpty, let indicatorColumn = column["indicator"],
                let regionColumn = column["region"],
                let targetColumn = column["target"]
            else { return (overrides, findings, 0) }
            let ids = configuration.indicators.map(\.id)
            while try reader.readRecord(into: &record) {
                rows += 1
                let line = record.line
                guard record.count == header.count else {
                    report(
                        line, nil, .fieldCount,
                        "expected \(header.count) fields (\(header.joined(separator: ","))), found \(record.count)"
                    )
                    continue
                }
                let id = record.trimmedString(at: indicatorColumn)
                guard ids.contains(id) else {
                    var message =
                        "indicator \"\(id)\" is not in bulletin.json (\(ids.joined(separator: ", ")))"
                    if let suggestion = closest(to: id, in: ids) {
                        message += "; did you mean \"\(suggestion)\"?"
                    }
                    report(line, indicatorColumn + 1, .unknownIndicator, message)
                    continue
                }
                let code = record.trimmedString(at: regionColumn)
                guard let packed = FieldParsing.regionCode(code),
                    case .inUnit(let unit, let child) = regions.place(packed),
                    child == -1
                else {
                    report(
                        line, regionColumn + 1, .notAUnit,
                        "region \"\(code)\" \(Self.whyNotAUnit(code, regions: regions)); a target is set per unit (a child of the root in regions.csv)"
                    )
                    continue
                }
                let target: Int64?
                switch record.withBytes(at: targetColumn, FieldParsing.measure) {
                case .value(let value): target = value
                case .empty: target = nil
                case .invalid(let reason):
                    report(
                        line, targetColumn + 1, .badNumber,
                        "target \"\(record.string(at: targetColumn))\" \(reason)")
                    continue
                }
                var window: [Day?] = []
                var bad = false
                for name in ["start", "deadline"] {
                    guard let index = column[name] else {
                        window.append(nil)
                        continue
                    }
                    switch record.withBytes(at: index, FieldParsing.date) {
                    case .empty: window.append(nil)
                    case .day(let day) where Configuration.plausibleYears.contains(day.components.year):
                        window.append(day)
                    case .day:
                        report(
                            line, index + 1, .badDate,
                            "\(name) \"\(record.string(at: index))\" is not a plausible date: the year must be from \(Configuration.plausibleYears.lowerBound) to \(Configuration.plausibleYears.upperBound)"
                        )
                        bad = true
                    case .invalid(let reason):
                        report(
                            line, index + 1, .badDate, "\(name) \"\(record.string(at: index))\" \(reason)")
                        bad = true
                    }
                }
                if bad { continue }
                let start = window[0] ?? configuration.indicators.first { $0.id == id }?.start
                let deadline = window[1] ?? configuration.indicators.first { $0.id == id }?.deadline
                if let start, let deadline, deadline < start {
                    let which = window[1] != nil ? "deadline" : "start"
                    let dateColumn = column[which].map { $0 + 1 }
                    report(
                        line, dateColumn, .badDate,
                        "the window of \(id) for \(code) ends (\(deadline)) before it starts (\(start)); the deadline must be on or after the start"
                    )
                    continue
                }
                if let existing = overrides[id]?[unit] {
                    report(
                        line, regionColumn + 1, .duplicateTarget,
                        "\(id) already has a target for \(code) on line \(existing.line)")
                    continue
                }
                if target == nil, window.allSatisfy({ $0 == nil }) {
                    report(
                        line, targetColumn + 1, .badNumber,
                        "the row sets neither a target nor a start or deadline; fill in the target (a number such as 120), or the dates it changes"
                    )
                    continue
                }
                let (total, overflowed) = (targetTotals[id] ?? 0).addingReportingOverflow(target ?? 0)
                guard !overflowed, total <= Tally.maximumTotal else {
                    report(
                        line, targetColumn + 1, .badNumber,
                        "target \"\(record.string(at: targetColumn))\" takes the targets of \(id) past \(Tally.maximumTotalText) in all, more than Bulletin counts; check the number"
                    )
                    continue
                }
                targetTotals[id] = total
                overrides[id, default: [:]][unit] = TargetOverride(
                    target: target, start: window[0], deadline: window[1], line: line)
            }
        } catch {
            report(
                error.line, error.column, error.line > 0 ? Finding.kind(of: error) : .missingFile,
                error.reason)
        }
        return (overrides, findings, rows)
    }

    /// Why a region code in `targets.csv` is not a unit, in the clerk's terms.
    private static func whyNotAUnit(_ code: String, regions: Regions) -> String {
        let root = regions.root
        let rootName = "\(regions.names[root]) (\(regions.codes[root]))"
        guard let packed = FieldParsing.regionCode(code) else {
            return "is not a region code (digits such as 411323)"
        }
        switch regions.place(packed) {
        case .unknown: return "is not in regions.csv"
        case .root: return "is the root \(rootName) itself"
        case .outsideRoot: return "is not under \(rootName)"
        case .inUnit(let unit, _):
            let index = regions.index(of: code) ?? root
            let unitIndex = regions.units[unit]
            return
                "is \(regions.names[index]), inside the unit \(regions.names[unitIndex]) (write \(regions.codes[unitIndex]))"
        }
    }
}
