import Foundation

/// Whole-sheet workbook reading (SPEC §11), a stable entry point for outside conformance suites:
/// `.xlsx` files read with no packages (ZIP, DEFLATE and SpreadsheetML in this library).
public enum XLSX {
    /// The sheet names in workbook order. Throws `WorkbookError` on a file that is not a readable
    /// workbook (not a ZIP, a legacy or password-protected file, a damaged package, bad XML).
    public static func sheetNames(_ data: Data) throws -> [String] {
        try Workbook(package: try archive(data)).sheetNames
    }

    /// The cells of the sheet at 0-based `sheet` as canonical text
    /// (`conformance/xlsx/README.md`): rows from row 1 to the last non-empty row (empty rows are
    /// `[]`), each from column A to its last non-empty cell; merged ranges not filled; numbers,
    /// dates and booleans as the README writes them.
    public static func rows(_ data: Data, sheet: Int) throws -> [[String]] {
        try Workbook(package: try archive(data)).canonicalRows(sheet: sheet)
    }

    private static func archive(_ data: Data) throws(WorkbookError) -> ZipArchive {
        do {
            return try ZipArchive(data: data)
        } catch {
            throw WorkbookError(error)
        }
    }
}
