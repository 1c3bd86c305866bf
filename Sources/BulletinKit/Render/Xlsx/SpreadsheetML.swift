/// The parts of a one-sheet workbook (ECMA-376 SpreadsheetML, transitional): content types,
/// relationships, the workbook, a minimal valid `styles.xml` and the sheet, in the schema's
/// element order. Every text is escaped (`XMLText`).
enum SpreadsheetML {
    static let namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let officeRelationships =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Style indexes into `cellXfs`.
    enum StyleIndex {
        /// `0.00`: Excel's built-in number format 2.
        static let twoDecimals = 1
        /// The bold header row.
        static let heading = 2
    }

    /// What follows a percentage cell's reference: the `0.00` format.
    private static let percentOpen = "\" s=\"\(StyleIndex.twoDecimals)\"><v>"

    /// Excel's limit on a cell's text, in UTF-16 code units.
    static let maximumTextLength = 32_767

    /// Writes the package through `zip`, the sheet's XML from `writeSheet`.
    static func writePackage(into zip: inout ZipWriter, writeSheet: (inout ByteStream) -> Void)
        throws(ZipWriter.Failure)
    {
        try zip.add("[Content_Types].xml", bytes: Array(contentTypes.utf8))
        try zip.add("_rels/.rels", bytes: Array(packageRelationships.utf8))
        try zip.add("xl/workbook.xml", bytes: Array(workbook.utf8))
        try zip.add("xl/_rels/workbook.xml.rels", bytes: Array(workbookRelationships.utf8))
        try zip.add("xl/styles.xml", bytes: Array(styles.utf8))
        try zip.add("xl/worksheets/sheet1.xml", producing: writeSheet)
        try zip.finish()
    }

    static let contentTypes =
        header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        + "</Types>"

    static let packageRelationships =
        header + "<Relationships xmlns=\"\(relationships)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(officeRelationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    static let workbook =
        header + "<workbook xmlns=\"\(namespace)\" xmlns:r=\"\(officeRelationships)\">"
        + "<bookViews><workbookView activeTab=\"0\"/></bookViews>"
        + "<sheets><sheet name=\"summary\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"

    static let workbookRelationships =
        header + "<Relationships xmlns=\"\(relationships)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(officeRelationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(officeRelationships)/styles\" Target=\"styles.xml\"/>"
        + "</Relationships>"

    /// Three cell formats: general, `0.00` (built-in format 2) and bold for the header.
    static let styles =
        header + "<styleSheet xmlns=\"\(namespace)\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    /// The sheet: the frozen header row, the columns `widths` wide (in characters, padded), and
    /// `rowCount` rows in all — the header, then each row `rows` hands to its callback.
    static func writeSheet(
        header: [String], widths: [Int], rowCount: Int, into out: inout ByteStream,
        rows: (([SummaryWorkbook.Cell]) -> Void) -> Void
    ) {
        out.append(Self.header)
        out.append("<worksheet xmlns=\"\(namespace)\" xmlns:r=\"\(officeRelationships)\">")
        out.append("<dimension ref=\"A1:\(column(max(1, header.count)))\(max(1, rowCount))\"/>")
        out.append("<sheetViews><sheetView workbookViewId=\"0\">")
        out.append("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
        out.append("<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>")
        out.append("<sheetFormatPr defaultRowHeight=\"15\"/><cols>")
        for (index, width) in widths.enumerated() {
            // Two characters of padding for the filter button and the cell margins; at most 60.
            let characters = min(60, max(8, width + 2))
            out.append(
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(characters)\" customWidth=\"1\"/>")
        }
        out.append("</cols><sheetData>")
        let letters = (1...max(1, header.count)).map(column)
        writeRow(
            1, header.map(SummaryWorkbook.Cell.text), letters: letters, style: StyleIndex.heading, into: &out)
        var number = 1
        rows { cells in
            number += 1
            writeRow(number, cells, letters: letters, style: nil, into: &out)
        }
        out.append("</sheetData></worksheet>")
    }

    /// `A` for column 1, `Z` for 26, `AA` for 27.
    static func column(_ number: Int) -> String {
        var number = number
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(letters)
    }
}

extension SpreadsheetML {
    /// One row; `letters` are the columns' letters. A national sheet has a million cells: each
    /// is written in a few appends of short strings, its text escaped byte by byte.
    /// Whether the first or last character is white space, which `<t>` keeps only with
    /// `xml:space="preserve"`. An ASCII end is judged by its byte, any other by its properties.
    static func startsOrEndsWithWhitespace(_ text: String) -> Bool {
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII
                ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value))
                : scalar.properties.isWhitespace
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        return isWhitespace(first) || isWhitespace(last)
    }

    fileprivate static func writeRow(
        _ number: Int, _ cells: [SummaryWorkbook.Cell], letters: [String], style: Int?,
        into out: inout ByteStream
    ) {
        let row = String(number)
        let styleAttribute = style.map { " s=\"\($0)\"" } ?? ""
        // What follows a cell's reference, made once per row rather than once per cell.
        let numberOpen = "\"\(styleAttribute)><v>"
        let textOpen = "\"\(styleAttribute) t=\"inlineStr\"><is><t"
        out.append("<row r=\"")
        out.append(row)
        out.append("\">")
        for (index, cell) in cells.enumerated() where index < letters.count {
            if case .empty = cell { continue }
            out.append("<c r=\"")
            out.append(letters[index])
            out.append(row)
            switch cell {
            case .empty: break
            case .number(let text):
                out.append(numberOpen)
                out.appendEscaped(text)
                out.append("</v></c>")
            case .percent(let text):
                out.append(percentOpen)
                out.appendEscaped(text)
                out.append("</v></c>")
            case .text(let text):
                // Excel refuses a cell of more than 32,767 UTF-16 units (never more than the
                // UTF-8 bytes, so most text is not measured twice).
                let limited =
                    text.utf8.count > maximumTextLength && text.utf16.count > maximumTextLength
                    ? String(decoding: Array(text.utf16.prefix(maximumTextLength)), as: UTF16.self) : text
                let preserve = startsOrEndsWithWhitespace(limited)
                out.append(textOpen)
                if preserve { out.append(" xml:space=\"preserve\"") }
                out.append(">")
                out.appendEscaped(limited)
                out.append("</t></is></c>")
            }
        }
        out.append("</row>")
    }
}
