import Foundation

extension LedgerScan {
    /// Scans a workbook part (SPEC §2.4): the configured sheet, or else the first sheet whose
    /// first rows hold the header — a notes sheet (填表说明) often comes first.
    mutating func scanSheet(_ file: String, progress: ReadProgress?) {
        let path = setting.path(of: file)
        do throws(WorkbookError) {
            let archive = try ZipArchive.workbook(path: path)
            // The workbook's structure, shared strings and styles are read once, for every
            // sheet tried and the one read.
            let workbook = try Workbook(package: archive)
            let formatter = try workbook.makeFormatter(datesAsDays: true)
            let selector = try chooseSheet(in: workbook, formatter: formatter, file: file)
            var source = SheetSource(
                reader: try SheetReader(
                    workbook: workbook, formatter: formatter, file: file, sheet: selector),
                fileBytes: LedgerScanner.size(of: path))
            _ = scanRows(of: &source, file: file, progress: progress)
        } catch {
            let failure = SourceFailure(error)
            reportFile(file, kind: failure.kind, failure.message)
        }
    }

    /// The sheet to read: as configured, else the first whose first rows name every configured
    /// column, else the first (where the missing columns are then reported).
    private func chooseSheet(in workbook: Workbook, formatter: CellFormatter, file: String)
        throws(WorkbookError)
        -> SheetSelector
    {
        switch indicators.lazy.compactMap(\.sheet).first {
        case .name(let name)?: return .name(name)
        case .position(let position)?: return .position(position)
        case nil: break
        }
        let names = LedgerPlan.columnNames(of: indicators)
        let fixedLine = indicators.lazy.compactMap(\.headerRow).first
        for position in 1...max(workbook.sheets.count, 1) {
            var reader = try SheetReader(
                workbook: workbook, formatter: formatter, file: file, sheet: .position(position))
            // The CSV rules for lost merges find the header without filling merged cells, and
            // not filling them spares an extra pass over each sheet tried.
            reader.fillsMergedCells = false
            var rows: [(line: Int, cells: [String])] = []
            var record = CSVRecord()
            while rows.count < LedgerHeader.searchedRows, try reader.readRecord(into: &record) {
                rows.append((record.line, record.strings))
            }
            if case .success = LedgerHeader.find(in: rows, naming: names, fixedLine: fixedLine) {
                return .position(position)
            }
        }
        return .first
    }
}
