/// Which sheet of a workbook a ledger reads (SPEC §2.4 `"sheet"`).
enum SheetSelector: Equatable, Sendable {
    /// The first sheet (the default).
    case first
    /// The sheet with this name.
    case name(String)
    /// The sheet at this 1-based position.
    case position(Int)
}

/// Streams one sheet of a workbook as ledger records (SPEC §2.4): each row that exists in the
/// sheet becomes a `CSVRecord` — fields from column A to the last non-empty cell, UTF-8, `line`
/// the row number Excel shows — so the row checks written for CSV work unchanged. Merged ranges
/// are filled into every cell they cover; dates are the day (`YYYY-MM-DD`); numbers, booleans
/// and error values are canonical text; `kind(ofField:)` tells what each cell held.
///
/// Memory holds the shared strings, the merged ranges and one row — not the sheet.
struct SheetReader {
    /// The sheet's name, for findings (`武都区.xlsx[台账]:17`).
    let sheetName: String
    /// Whether merged ranges are filled (the default); found on the first read.
    var fillsMergedCells = true

    private let file: String
    private let package: WorkbookPackage
    private let sheetPart: String?
    private var stream: SheetStream?
    private let formatter: CellFormatter
    private var row = RowAssembly()
    private var merges: MergeFiller?

    /// Opens `sheet` of the workbook in `package`; `file` names it in errors.
    init(package: WorkbookPackage, file: String, sheet: SheetSelector) throws(WorkbookError) {
        do throws(WorkbookError) {
            let workbook = try Workbook(package: package)
            try self.init(workbook: workbook, formatter: workbook.makeFormatter(datesAsDays: true), file: file, sheet: sheet)
        } catch {
            throw error.inFile(file)
        }
    }

    /// Opens `sheet` of a workbook already read, with its cell formatter (which holds the shared
    /// strings): a reader trying several sheets reads those parts once.
    init(workbook: Workbook, formatter: CellFormatter, file: String, sheet: SheetSelector) throws(WorkbookError) {
        do throws(WorkbookError) {
            let chosen = try Self.choose(sheet, in: workbook)
            package = workbook.package
            self.file = file
            sheetName = chosen.name
            sheetPart = chosen.part
            self.formatter = formatter
            if let part = chosen.part, let xml = try package.scanner(for: part) {
                stream = SheetStream(xml: xml)
            }
        } catch {
            throw error.inFile(file)
        }
    }

    private static func choose(_ selector: SheetSelector, in workbook: Workbook) throws(WorkbookError)
        -> Workbook.Sheet
    {
        switch selector {
        case .first: return try workbook.sheet(at: 0)
        case .position(let position): return try workbook.sheet(at: position - 1)
        case .name(let name):
            if let sheet = workbook.sheets.first(where: { $0.name == name }) { return sheet }
            throw WorkbookError(
                .noSuchSheet,
                problem: .init(.workbookNoSheetNamed, ["name": .text(name), "sheets": Workbook.listed(workbook.sheetNames)]))
        }
    }

    /// Reads the next row that exists in the sheet into `record`; false after the last.
    mutating func readRecord(into record: inout CSVRecord) throws(WorkbookError) -> Bool {
        do throws(WorkbookError) {
            if merges == nil { try findMerges() }
            // Optional chaining mutates the stream in place (a copy would share its buffers).
            guard try stream?.nextRow() == true, let current = stream else { return false }
            row.assemble(current, formatter: formatter)
            try merges?.fill(&row, rowNumber: current.rowNumber)
            row.write(to: &record, line: current.rowNumber)
            return true
        } catch {
            throw error.inFile(file)
        }
    }

    /// The kind of field `index` of the last record read.
    func kind(ofField index: Int) -> CellKind { row.kind(of: index) }

    private mutating func findMerges() throws(WorkbookError) {
        guard fillsMergedCells, let part = sheetPart else {
            merges = MergeFiller(ranges: [])
            return
        }
        merges = MergeFiller(ranges: try MergedRangeFinder.ranges(in: try package.openForLookAhead(part), part: part))
    }
}
