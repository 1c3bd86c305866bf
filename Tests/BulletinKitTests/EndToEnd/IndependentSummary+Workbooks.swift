import BulletinKit
import Foundation

/// The independent computation's reading of workbook ledgers (SPEC §2.4–§2.6), for a ledger named
/// by a pattern or an `.xlsx` file. What it shares with the program: the public `XLSX.rows` and
/// `XLSX.sheetNames` (SPEC §11) — so ZIP, DEFLATE, shared strings, styles and cell typing are the
/// program's own — which give each cell as canonical text (date cells `2020-07-22`) and do NOT
/// fill merged ranges. Everything after that is written again here from the SPEC, plainly: the
/// pattern's files, the sheet holding the header, the header row (lost-merge rule of §2.5), the
/// unit's name carried down the rows a merged cell would cover, total rows, footers and blank
/// rows, and the place-name lookup by whole name, alias and stem (§2.6). The result is handed to
/// the CSV path as records: the sheet's header plus a column `placeColumn` with the code found.
extension IndependentSummary {
    /// The column added to a workbook's records: the region code its place names denote (empty
    /// when they denote none, or several).
    static let placeColumn = "\u{1}place"

    /// Whether `ledger` names workbooks rather than one CSV.
    static func isWorkbookLedger(_ ledger: String) -> Bool {
        ledger.hasSuffix(".xlsx") || ledger.contains("*") || ledger.contains("?")
    }

    /// Every part's rows, as records under one header (the first part's), in code-point order of
    /// the parts' paths. `names` are the configured columns the header must hold.
    static func workbookRecords(
        directory: URL, ledger: String, names: [String], placeNames: [String], sheet: String?,
        regions: RegionTable
    ) throws -> [[String]] {
        let aliases = try readAliases(directory: directory)
        var records: [[String]] = []
        for path in try matchingPaths(directory: directory, pattern: ledger) {
            let data = try Data(contentsOf: directory.appendingPathComponent(path))
            let sheets = try XLSX.sheetNames(data)
            let candidates =
                sheet.flatMap { name in sheets.firstIndex(of: name).map { [$0] } } ?? Array(sheets.indices)
            guard
                let found = try candidates.lazy.compactMap({
                    index -> (rows: [[String]], header: Int, names: [String])? in
                    let rows = try XLSX.rows(data, sheet: index)
                    return headerRow(in: rows, naming: names).map { (rows, $0.row, $0.names) }
                }).first
            else { throw Unsupported(description: "\(path): no sheet with the header \(names)") }
            if records.isEmpty { records.append(found.names + [placeColumn]) }
            guard found.names == Array(records[0].dropLast()) else {
                throw Unsupported(description: "\(path): a header other than the first part's")
            }
            let placeIndexes = placeNames.compactMap { found.names.firstIndex(of: $0) }
            let configured = names.compactMap { found.names.firstIndex(of: $0) }
            var carried = ""
            for raw in found.rows.dropFirst(found.header + 1) {
                var row = raw + Array(repeating: "", count: max(0, found.names.count - raw.count))
                let cells = row.map(normalized)
                // Blank rows and footers: every configured column empty before any filling.
                if configured.allSatisfy({ cells[$0].isEmpty }) { continue }
                if cells.contains(where: isFooter) { continue }
                // A total row reads 合计/总计/小计 in its first cell or a region cell.
                if ([0] + placeIndexes).contains(where: { isTotal(cells[$0]) }) { continue }
                // The unit's name is written once, in a range merged down its rows.
                if let unit = placeIndexes.first {
                    if cells[unit].isEmpty { row[unit] = carried } else { carried = row[unit] }
                }
                let place = lookUp(placeIndexes.map { row[$0] }, regions: regions, aliases: aliases)
                records.append(Array(row.prefix(found.names.count)) + [place ?? ""])
            }
        }
        return records
    }

    /// The dataset's files matching `pattern` (`*` and `?` within one folder level), sorted by
    /// the code points of their paths.
    static func matchingPaths(directory: URL, pattern: String) throws -> [String] {
        let folder = (pattern as NSString).deletingLastPathComponent
        let leaf = (pattern as NSString).lastPathComponent
        let names = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent(folder).path)
        let paths = names.filter { wildcard(Array(leaf.unicodeScalars), Array($0.unicodeScalars)) }
            .map { folder.isEmpty ? $0 : folder + "/" + $0 }
        return paths.sorted {
            Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value))
        }
    }

    private static func wildcard(_ pattern: [Unicode.Scalar], _ name: [Unicode.Scalar]) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case "*":
            return (0...name.count).contains {
                wildcard(Array(pattern.dropFirst()), Array(name.dropFirst($0)))
            }
        case "?": return !name.isEmpty && wildcard(Array(pattern.dropFirst()), Array(name.dropFirst()))
        default: return name.first == first && wildcard(Array(pattern.dropFirst()), Array(name.dropFirst()))
        }
    }

    /// The first row among the first 30 holding every name, where an empty cell takes the text
    /// of the cell above it (a header cell merged down two rows); its 0-based index and names.
    static func headerRow(in rows: [[String]], naming names: [String]) -> (row: Int, names: [String])? {
        for index in rows.indices.prefix(30) {
            var cells = rows[index].map(normalized)
            if index > 0 {
                let above = rows[index - 1].map(normalized)
                for column in cells.indices where cells[column].isEmpty && column < above.count {
                    cells[column] = above[column]
                }
            }
            if names.allSatisfy({ cells.contains(normalized($0)) }) { return (index, cells) }
        }
        return nil
    }

    /// Text without whitespace, full-width ASCII folded to half-width.
    static func normalized(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.compactMap { scalar in
                    if scalar.properties.isWhitespace { return nil }
                    if (0xFF01...0xFF5E).contains(scalar.value) {
                        return Unicode.Scalar(scalar.value - 0xFEE0)
                    }
                    return scalar
                }))
    }

    private static func isTotal(_ cell: String) -> Bool {
        ["合计", "总计", "小计"].contains { cell.hasSuffix($0) }
    }

    private static func isFooter(_ cell: String) -> Bool {
        ["填表人", "审核人", "制表人", "制表", "填报人"].contains { cell.hasPrefix($0 + ":") }
    }
}
