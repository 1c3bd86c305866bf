/// The styles part and the worksheets of `WorkbookWriter`.
extension WorkbookWriter {
    /// Fonts in 宋体 (SimSun, what a Chinese office's Excel or WPS starts with): regular 11 pt,
    /// bold 16 pt, bold 11 pt. One thin border. Two custom date formats. One `xf` per `Style`,
    /// in its raw-value order.
    static let styles: String = {
        var text = xmlHeader + "<styleSheet xmlns=\"\(SpreadsheetML.namespace)\">"
        text += "<numFmts count=\"2\"><numFmt numFmtId=\"176\" formatCode=\"yyyy/m/d\"/>"
        text +=
            "<numFmt numFmtId=\"177\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
        let font = { (bold: Bool, size: Int) in
            "<font>\(bold ? "<b/>" : "")<sz val=\"\(size)\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        }
        text += "<fonts count=\"3\">" + font(false, 11) + font(true, 16) + font(true, 11) + "</fonts>"
        text += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        text += "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        let thin = { (side: String) in "<\(side) style=\"thin\"><color auto=\"1\"/></\(side)>" }
        text += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        text +=
            "<border>" + thin("left") + thin("right") + thin("top") + thin("bottom")
            + "<diagonal/></border></borders>"
        text +=
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        text += "<cellXfs count=\"\(Style.allCases.count)\">"
        for style in Style.allCases { text += xf(style) }
        text +=
            "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return text + "</styleSheet>"
    }()

    /// The `xf` of one style: number format, font, border and alignment.
    private static func xf(_ style: Style) -> String {
        let (format, font, border, alignment): (Int, Int, Int, String?)
        switch style {
        case .plain: (format, font, border, alignment) = (0, 0, 0, nil)
        case .title:
            (format, font, border, alignment) = (0, 1, 0, "horizontal=\"center\" vertical=\"center\"")
        case .caption:
            (format, font, border, alignment) = (0, 0, 0, "horizontal=\"left\" vertical=\"center\"")
        case .header:
            (format, font, border, alignment) = (
                0, 2, 1, "horizontal=\"center\" vertical=\"center\" wrapText=\"1\""
            )
        case .body: (format, font, border, alignment) = (0, 0, 1, "vertical=\"center\"")
        case .centered:
            (format, font, border, alignment) = (0, 0, 1, "horizontal=\"center\" vertical=\"center\"")
        case .date:
            (format, font, border, alignment) = (176, 0, 1, "horizontal=\"center\" vertical=\"center\"")
        case .chineseDate:
            (format, font, border, alignment) = (177, 0, 1, "horizontal=\"center\" vertical=\"center\"")
        case .paragraph:
            (format, font, border, alignment) = (
                0, 0, 0, "horizontal=\"left\" vertical=\"top\" wrapText=\"1\""
            )
        }
        var text =
            "<xf numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"\(border)\" xfId=\"0\""
        if format != 0 { text += " applyNumberFormat=\"1\"" }
        if font != 0 { text += " applyFont=\"1\"" }
        if border != 0 { text += " applyBorder=\"1\"" }
        guard let alignment else { return text + "/>" }
        return text + " applyAlignment=\"1\"><alignment \(alignment)/></xf>"
    }

    /// A sheet's XML, its texts entered in `strings`.
    static func sheetXML(_ sheet: Sheet, strings: inout SharedStringTable) -> String {
        let width = max(1, sheet.rows.map(\.count).max() ?? 1, sheet.columnWidths.count)
        var text = xmlHeader + "<worksheet xmlns=\"\(SpreadsheetML.namespace)\" "
        text += "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        if sheet.printsLandscape { text += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        text += "<dimension ref=\"A1:\(SpreadsheetML.column(width))\(max(1, sheet.rows.count))\"/>"
        text +=
            "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews><sheetFormatPr defaultRowHeight=\"14.25\"/>"
        if !sheet.columnWidths.isEmpty {
            text += "<cols>"
            for (index, characters) in sheet.columnWidths.enumerated() {
                text +=
                    "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(number(characters))\" customWidth=\"1\"/>"
            }
            text += "</cols>"
        }
        text += "<sheetData>"
        for (offset, cells) in sheet.rows.enumerated() {
            let row = offset + 1
            let height = sheet.rowHeights[row]
            guard !cells.isEmpty || height != nil else { continue }
            text +=
                "<row r=\"\(row)\"" + (height.map { " ht=\"\(number($0))\" customHeight=\"1\"" } ?? "") + ">"
            for (index, cell) in cells.enumerated() {
                guard let cell else { continue }
                text += cellXML(
                    cell, reference: "\(SpreadsheetML.column(index + 1))\(row)", strings: &strings)
            }
            text += "</row>"
        }
        text += "</sheetData>"
        if !sheet.merges.isEmpty {
            text += "<mergeCells count=\"\(sheet.merges.count)\">"
            for merge in sheet.merges {
                text += "<mergeCell ref=\"\(SpreadsheetML.column(merge.left))\(merge.top):"
                text += "\(SpreadsheetML.column(merge.right))\(merge.bottom)\"/>"
            }
            text += "</mergeCells>"
        }
        text +=
            "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        if sheet.printsLandscape {
            text +=
                "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        }
        return text + "</worksheet>"
    }

    private static func cellXML(
        _ cell: (value: Value, style: Style), reference: String, strings: inout SharedStringTable
    ) -> String {
        let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
        switch cell.value {
        case .text(let string) where string.isEmpty:
            return "<c r=\"\(reference)\"\(style)/>"
        case .text(let string):
            return "<c r=\"\(reference)\"\(style) t=\"s\"><v>\(strings.index(of: string))</v></c>"
        case .number(let value):
            return "<c r=\"\(reference)\"\(style)><v>\(number(value))</v></c>"
        case .date(let day):
            return "<c r=\"\(reference)\"\(style)><v>\(serial(of: day))</v></c>"
        }
    }

    /// A number as SpreadsheetML writes it: whole numbers without a decimal point.
    private static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.isFinite ? "\(value)" : "0"
    }
}
