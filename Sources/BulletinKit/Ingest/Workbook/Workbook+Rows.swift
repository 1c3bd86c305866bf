/// What reading a sheet needs from the workbook, and the whole-sheet reading of `XLSX.rows`.
extension Workbook {
    /// The shared strings (empty when the workbook has none).
    func loadSharedStrings() throws(WorkbookError) -> SharedStrings {
        guard let path = sharedStringsPart, var xml = try package.scanner(for: path) else {
            return SharedStrings()
        }
        return try SharedStrings(reading: &xml)
    }

    /// The cell styles (none when the workbook has no styles part).
    func loadStyles() throws(WorkbookError) -> CellStyles {
        guard let path = stylesPart, var xml = try package.scanner(for: path) else { return CellStyles() }
        return try CellStyles(reading: &xml)
    }

    /// A formatter for this workbook's cells.
    func makeFormatter(datesAsDays: Bool) throws(WorkbookError) -> CellFormatter {
        var formatter = CellFormatter(
            sharedStrings: try loadSharedStrings(), styles: try loadStyles(),
            uses1904DateSystem: uses1904DateSystem)
        formatter.datesAsDays = datesAsDays
        return formatter
    }

    /// The sheet at 0-based `index`, or a `noSuchSheet` error listing the sheets.
    func sheet(at index: Int) throws(WorkbookError) -> Sheet {
        guard index >= 0, index < sheets.count else {
            throw WorkbookError(
                .noSuchSheet, problem: .init(.workbookNoSheetAt, ["position": .number(index + 1), "sheets": Self.listed(sheetNames)]))
        }
        return sheets[index]
    }

    /// `"台账", "说明"` — sheet names quoted for messages.
    /// The sheets' names quoted, as a message lists them (`none` when there is none).
    static func listed(_ names: [String]) -> Diagnostic.Value {
        names.isEmpty ? .message(.init(.workbookNoSheets)) : .quotedList(names)
    }

    /// Every row of sheet `index` as canonical text (`conformance/xlsx/README.md`): rows from
    /// row 1 to the last non-empty one (empty rows `[]`), each up to its last non-empty cell,
    /// merged ranges not filled.
    func canonicalRows(sheet index: Int) throws(WorkbookError) -> [[String]] {
        guard let part = try sheet(at: index).part, let xml = try package.scanner(for: part) else {
            return []
        }
        var formatter = try makeFormatter(datesAsDays: false)
        formatter.errorsAsEmpty = true
        var stream = SheetStream(xml: xml)
        var rows: [[String]] = []
        var text: [UInt8] = []
        while try stream.nextRow() {
            var fields: [String] = []
            stream.values.withUnsafeBufferPointer { values in
                for cell in stream.cells {
                    text.removeAll(keepingCapacity: true)
                    guard formatter.append(cell, values: values, to: &text) != .empty, !text.isEmpty else {
                        continue
                    }
                    let column = Int(cell.column)
                    if fields.count <= column {
                        fields.append(contentsOf: repeatElement("", count: column + 1 - fields.count))
                    }
                    fields[column] = String(decoding: text, as: UTF8.self)
                }
            }
            guard !fields.isEmpty else { continue }
            let row = stream.rowNumber - 1
            if rows.count <= row { rows.append(contentsOf: repeatElement([], count: row + 1 - rows.count)) }
            if rows[row].isEmpty {
                rows[row] = fields
            } else {
                for (column, field) in fields.enumerated() where !field.isEmpty {
                    if rows[row].count <= column {
                        rows[row].append(contentsOf: repeatElement("", count: column + 1 - rows[row].count))
                    }
                    rows[row][column] = field
                }
            }
        }
        return rows
    }
}
