import Foundation

extension LedgerScan {
    /// Reads a part that is a workbook, or refuses one that is no text and no readable
    /// workbook; true when it did either, false for a text file (CSV).
    mutating func readsAsWorkbook(_ file: String, progress: ReadProgress?) -> Bool {
        let path = setting.path(of: file)
        switch WorkbookKind.of(path: path) {
        case .ole:
            reportFile(file, kind: .workbook, .init(.legacyWorkbook))
        case .xlsx where !file.lowercased().hasSuffix(".xlsx") && !file.lowercased().hasSuffix(".xlsm"):
            reportFile(file, kind: .workbook, .init(.renamedWorkbook))
        case .xlsx:
            scanSheet(file, progress: progress)
        case .text:
            return false
        }
        return true
    }
}
