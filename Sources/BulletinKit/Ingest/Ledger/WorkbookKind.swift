import Foundation

/// What a ledger file is, by its first bytes and its name: text (CSV), a workbook (`.xlsx`, a
/// ZIP), or an OLE compound file (a legacy `.xls`, or a password-protected workbook).
enum WorkbookKind: Equatable {
    case text
    case xlsx
    case ole

    /// The kind of the file at `path`. A ZIP or OLE file named `.csv` is still what its bytes
    /// say: read as text it would only give nonsense.
    static func of(path: String) -> WorkbookKind {
        var magic = [UInt8](repeating: 0, count: 8)
        if let handle = FileHandle(forReadingAtPath: path) {
            let data = (try? handle.read(upToCount: 8)) ?? Data()
            try? handle.close()
            magic = Array(data)
        }
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
        if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .xlsx
        }
        if path.lowercased().hasSuffix(".xlsx") || path.lowercased().hasSuffix(".xlsm") { return .xlsx }
        return .text
    }
}
