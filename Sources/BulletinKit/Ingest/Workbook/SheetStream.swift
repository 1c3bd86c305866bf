/// Streams a worksheet part's rows (`<sheetData><row><c>`): one row at a time, its cells as
/// stored, in buffers reused from row to row — memory does not grow with the sheet.
///
/// A row or cell without `r` takes the position after the previous one; cells not written are
/// empty. Reading stops at `</sheetData>`: what follows (merged ranges, print settings) is not
/// row data, and is only run through so that the part's source checks its end.
struct SheetStream {
    private var xml: XMLScanner
    /// The current row's 1-based number.
    private(set) var rowNumber = 0
    /// The current row's cells, in document order.
    private(set) var cells: [RawCell] = []
    /// The bytes of the current row's values.
    private(set) var values: [UInt8] = []
    private var inSheetData = false
    private var rowFollowsCell = false
    private var finished = false

    /// The highest row and column a workbook may have (Excel's limits): references beyond them
    /// would make a reader fill millions of empty cells.
    static let maximumRow = 1_048_576
    static let maximumColumn = 16_384

    init(xml: XMLScanner) {
        self.xml = xml
        cells.reserveCapacity(64)
        values.reserveCapacity(4096)
    }

    var part: String { xml.part }

    /// Reads the next row element; false after the last.
    mutating func nextRow() throws(WorkbookError) -> Bool {
        guard !finished else { return false }
        while true {
            switch try xml.next() {
            case .endOfPart:
                finished = true
                return false
            case .text: continue
            case .endTag:
                if inSheetData, xml.isNamed("sheetData") {
                    finished = true
                    // What follows is not read, but the part's bytes must still reach their
                    // end, where a ZIP entry's size and CRC-32 are checked.
                    try xml.drainSource()
                    return false
                }
            case .startTag:
                if xml.isNamed("sheetData") {
                    inSheetData = true
                } else if inSheetData, xml.isNamed("row") {
                    try readRow()
                    return true
                } else if !inSheetData, !xml.isNamed("worksheet") {
                    try xml.skipElement()
                }
            }
        }
    }

    private mutating func readRow() throws(WorkbookError) {
        if let index = xml.attribute("r") {
            guard let number = Self.parseNumber(xml.rawAttribute(index)), number >= 1 else {
                throw xml.malformed("a row number that is not a positive integer")
            }
            rowNumber = number
            rowFollowsCell = false
        } else {
            rowNumber += 1
            rowFollowsCell = true  // a row without `r` is where its first cell reference says
        }
        guard rowNumber <= Self.maximumRow else { throw tooFar("row \(rowNumber)") }
        cells.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        var nextColumn: Int32 = 0
        while true {
            switch try xml.next() {
            case .endTag, .endOfPart: return
            case .text: continue
            case .startTag:
                guard xml.isNamed("c") else {
                    try xml.skipElement()
                    continue
                }
                try readCell(column: &nextColumn)
            }
        }
    }

    private mutating func readCell(column nextColumn: inout Int32) throws(WorkbookError) {
        var cell = RawCell(
            column: nextColumn, type: .number, hasFormula: false, hasValue: false, style: 0, start: 0, end: 0)
        if let index = xml.attribute("r") {
            guard let column = Self.parseColumn(xml.rawAttribute(index)) else {
                throw xml.malformed("a cell reference that is not like `B7`")
            }
            guard column < Self.maximumColumn else { throw tooFar("column \(column + 1)") }
            cell.column = Int32(column)
            if rowFollowsCell, cells.isEmpty, let row = Self.parseRow(xml.rawAttribute(index)), row >= 1 {
                guard row <= Self.maximumRow else { throw tooFar("row \(row)") }
                rowNumber = row
            }
        }
        if let index = xml.attribute("s") {
            cell.style = Int32(clamping: Self.parseNumber(xml.rawAttribute(index)) ?? 0)
        }
        if let index = xml.attribute("t") { cell.type = CellType(xml.rawAttribute(index)) }
        nextColumn = cell.column &+ 1
        cell.start = Int32(clamping: values.count)
        while true {
            switch try xml.next() {
            case .endTag, .endOfPart:
                cell.end = Int32(clamping: values.count)
                cells.append(cell)
                return
            case .text: continue
            case .startTag:
                if xml.isNamed("v") {
                    cell.hasValue = true
                    if cell.type == .inlineString, values.count > Int(cell.start) {
                        try xml.skipElement()  // the inline text wins over a stray <v>
                    } else {
                        try appendElementText()
                    }
                } else if xml.isNamed("is") {
                    cell.hasValue = true
                    values.removeSubrange(Int(cell.start)...)
                    try SharedStrings.appendRichText(from: &xml, into: &values)
                } else if xml.isNamed("f") {
                    cell.hasFormula = true
                    try xml.skipElement()
                } else {
                    try xml.skipElement()
                }
            }
        }
    }

    /// The text of the element just started (`<v>`), up to its end tag.
    private mutating func appendElementText() throws(WorkbookError) {
        while true {
            switch try xml.next() {
            case .text: values.append(contentsOf: try xml.text())
            case .startTag: try xml.skipElement()
            case .endTag, .endOfPart:
                guard values.count < Int(Int32.max) else {
                    throw WorkbookError(.tooLarge, part: xml.part, message: "a row's values exceed 2 GiB")
                }
                return
            }
        }
    }

    private func tooFar(_ what: String) -> WorkbookError {
        WorkbookError(
            .tooLarge, part: xml.part, byteOffset: xml.tokenOffset,
            message:
                "a cell at \(what) lies beyond Excel's last row 1048576 or column XFD; the sheet is damaged")
    }

    /// A decimal number of at most 9 digits.
    @inline(__always)
    static func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
        }
        return value
    }

    /// The 0-based column of a reference such as `B7` or `$AB$12` (letters of any case).
    @inline(__always)
    static func parseColumn(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        var letters = 0
        for byte in bytes {
            if byte == UInt8(ascii: "$") { continue }
            let letter = (byte | 0x20) &- UInt8(ascii: "a")
            guard letter < 26 else { break }
            column = column &* 26 &+ Int(letter) &+ 1
            letters &+= 1
            guard letters <= 4 else { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// The 1-based row of a reference such as `B7`, nil when it has none.
    static func parseRow(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var digits = bytes[...]
        while let first = digits.first, first == UInt8(ascii: "$") || (first | 0x20) &- UInt8(ascii: "a") < 26
        {
            digits = digits.dropFirst()
        }
        return parseNumber(UnsafeBufferPointer(rebasing: digits))
    }
}
