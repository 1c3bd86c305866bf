/// A small general workbook writer (ECMA-376 SpreadsheetML, transitional) for workbooks shaped
/// like an office's: several sheets, text in a shared-string table, numbers, date cells with a
/// date number format, merged ranges, column widths, row heights, a few cell formats (title,
/// bordered header, bordered body, dates). It is `package`: the example generator writes county
/// ledgers with it. A stored ZIP with fixed timestamps (`ZipWriter`), strings in order of first
/// use and cells in row-major order make the same sheets give the same bytes.
package struct WorkbookWriter {
    /// The cell formats offered, each an index into `cellXfs` (the raw value).
    package enum Style: Int, CaseIterable, Sendable {
        /// General, no border.
        case plain = 0
        /// Bold 16 pt, centred: a sheet's title row.
        case title
        /// Left-aligned, no border: a `填报单位：…` line or a footer.
        case caption
        /// Bold, bordered, centred, wrapped: a header cell.
        case header
        /// Bordered, vertically centred: a body cell.
        case body
        /// Bordered, centred: a body cell such as a serial number or a grade.
        case centered
        /// Bordered, centred, number format `yyyy/m/d`.
        case date
        /// Bordered, centred, number format `yyyy"年"m"月"d"日"`.
        case chineseDate
        /// Left-aligned and wrapped, no border: a paragraph of notes.
        case paragraph
    }

    /// What a cell holds.
    package enum Value: Equatable, Sendable {
        case text(String)
        case number(Double)
        /// A day, written as its serial number in the 1900 date system.
        case date(Day)
    }

    /// One worksheet: cells by 1-based row and column, merged ranges, widths and heights.
    package struct Sheet: Sendable {
        package let name: String
        /// `rows[r - 1][c - 1]`; `nil` is an empty cell.
        private(set) var rows: [[(value: Value, style: Style)?]] = []
        private(set) var merges: [(top: Int, left: Int, bottom: Int, right: Int)] = []
        /// Column widths in characters, from column A.
        package var columnWidths: [Double] = []
        /// Row heights in points, by 1-based row.
        package var rowHeights: [Int: Double] = [:]
        /// Whether printing fits the columns to one landscape page wide.
        package var printsLandscape = false

        package init(name: String) { self.name = name }

        /// The number of rows that hold a cell.
        package var rowCount: Int { rows.count }

        /// Sets the cell at 1-based `row` and `column`; rows and columns below 1 are ignored.
        package mutating func set(_ row: Int, _ column: Int, _ value: Value, style: Style = .body) {
            guard row >= 1, column >= 1 else { return }
            while rows.count < row { rows.append([]) }
            while rows[row - 1].count < column { rows[row - 1].append(nil) }
            rows[row - 1][column - 1] = (value, style)
        }

        /// Merges the range; its value is the top-left cell's. Give the other cells of a bordered
        /// range the same style (with no value) so that the border runs all round.
        package mutating func merge(rows top: Int, _ bottom: Int, columns left: Int, _ right: Int) {
            guard top >= 1, left >= 1, bottom >= top, right >= left, bottom > top || right > left else {
                return
            }
            merges.append((top, left, bottom, right))
        }

        /// Gives the empty cells of the range `style` (the border of a merged range).
        package mutating func style(
            rows top: Int, _ bottom: Int, columns left: Int, _ right: Int, _ style: Style
        ) {
            guard top >= 1, left >= 1 else { return }
            for row in top...max(top, bottom) {
                for column in left...max(left, right) where cell(row, column) == nil {
                    set(row, column, .text(""), style: style)
                }
            }
        }

        func cell(_ row: Int, _ column: Int) -> (value: Value, style: Style)? {
            guard row >= 1, row <= rows.count, column >= 1, column <= rows[row - 1].count else { return nil }
            return rows[row - 1][column - 1]
        }
    }

    package var sheets: [Sheet]

    package init(sheets: [Sheet]) { self.sheets = sheets }

    /// The workbook's bytes: a stored ZIP of the package parts.
    package func data() throws -> [UInt8] {
        var strings = SharedStringTable()
        var sheetParts: [(name: String, bytes: [UInt8])] = []
        for (index, sheet) in sheets.enumerated() {
            let xml = WorkbookWriter.sheetXML(sheet, strings: &strings)
            sheetParts.append(("xl/worksheets/sheet\(index + 1).xml", Array(xml.utf8)))
        }
        var parts: [(name: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(SpreadsheetML.packageRelationships.utf8)),
            ("xl/workbook.xml", Array(workbookXML.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8)),
            ("xl/styles.xml", Array(WorkbookWriter.styles.utf8)),
            ("xl/sharedStrings.xml", Array(strings.xml.utf8)),
        ]
        parts += sheetParts
        return try ZipWriter.archive(parts)
    }

    /// Days since 1899-12-30: Excel's serial number of a day in the 1900 date system (past
    /// 1900-02-28, where Excel's phantom 1900-02-29 no longer shifts anything).
    package static func serial(of day: Day) -> Int {
        day.days(since: Day(year: 1899, month: 12, day: 30) ?? day)
    }
}

/// Strings in order of first use, each once.
struct SharedStringTable {
    private var indexes: [String: Int] = [:]
    private var list: [String] = []
    private var uses = 0

    mutating func index(of text: String) -> Int {
        uses += 1
        if let index = indexes[text] { return index }
        indexes[text] = list.count
        list.append(text)
        return list.count - 1
    }

    var xml: String {
        var text = WorkbookWriter.xmlHeader
        text += "<sst xmlns=\"\(SpreadsheetML.namespace)\" count=\"\(uses)\" uniqueCount=\"\(list.count)\">"
        for string in list {
            let kept = XMLText.allowed(string)
            let preserve =
                kept.first?.isWhitespace == true || kept.last?.isWhitespace == true || kept.contains("\n")
            text += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>"
            text += XMLText.escaped(kept) + "</t></si>"
        }
        return text + "</sst>"
    }
}

extension WorkbookWriter {
    static let xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let officeRelationships =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private var contentTypes: String {
        var text =
            Self.xmlHeader + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        text +=
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        text += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        text += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(main).sheet.main+xml\"/>"
        text += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(main).styles+xml\"/>"
        text += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(main).sharedStrings+xml\"/>"
        for index in sheets.indices {
            text +=
                "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"\(main).worksheet+xml\"/>"
        }
        return text + "</Types>"
    }

    private var workbookXML: String {
        var text =
            Self.xmlHeader
            + "<workbook xmlns=\"\(SpreadsheetML.namespace)\" xmlns:r=\"\(Self.officeRelationships)\">"
        text += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            text +=
                "<sheet name=\"\(XMLText.escaped(sheet.name, inAttribute: true))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return text + "</sheets></workbook>"
    }

    private var workbookRelationships: String {
        var text =
            Self.xmlHeader
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in sheets.indices {
            text += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.officeRelationships)/worksheet\" "
            text += "Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        let next = sheets.count + 1
        text +=
            "<Relationship Id=\"rId\(next)\" Type=\"\(Self.officeRelationships)/styles\" Target=\"styles.xml\"/>"
        text += "<Relationship Id=\"rId\(next + 1)\" Type=\"\(Self.officeRelationships)/sharedStrings\" "
        text += "Target=\"sharedStrings.xml\"/>"
        return text + "</Relationships>"
    }
}
