import BulletinKit
import Foundation

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
