import Foundation

extension LedgerScan {
    /// Reads a part that is a workbook, or refuses one that is no text and no readable
    /// workbook; true when it did either, false for a text file (CSV).
    mutating func readsAsWorkbook(_ file: String, progress: ReadProgress?) -> Bool {
        let path = setting.path(of: file)
        switch WorkbookKind.of(path: path) {
        case .ole:
            reportFile(
                file, kind: .workbook,
                "this is a legacy .xls workbook or a password-protected one, which Bulletin cannot read; in Excel or WPS save it as .xlsx without a password (文件 → 另存为 → Excel 工作簿), or as CSV")
        case .xlsx where !file.lowercased().hasSuffix(".xlsx") && !file.lowercased().hasSuffix(".xlsm"):
            reportFile(
                file, kind: .workbook,
                "this file is an Excel workbook (.xlsx) under another name; rename it to .xlsx, or save the sheet as CSV")
        case .xlsx:
            scanSheet(file, progress: progress)
        case .text:
            return false
        }
        return true
    }
}
