/// A workbook's sheet as a record source (SPEC §2.4): rows end at their last non-empty cell,
/// line numbers are the rows Excel shows, and cells know whether they held numbers or errors.
struct SheetSource: RecordSource {
    var reader: SheetReader
    /// The workbook's size, counted as read when the sheet ends (progress).
    let fileBytes: Int
    private var isFinished = false

    init(reader: SheetReader, fileBytes: Int) {
        self.reader = reader
        self.fileBytes = fileBytes
    }

    var rowsHaveHeaderWidth: Bool { false }
    static var hasCellKinds: Bool { true }
    var bytesRead: Int { isFinished ? fileBytes : 0 }
    var sheet: String? { reader.sheetName }
    mutating func headerFound(width: Int) {}

    func unusableCells(of record: CSVRecord) -> ListedCells {
        var cells = ListedCells()
        for index in 0..<record.count {
            let kind = reader.kind(ofField: index)
            if kind == .error || kind == .formulaWithoutValue { cells.fields.append(index) }
        }
        return cells
    }

    mutating func readRecord(into record: inout CSVRecord) throws(SourceFailure) -> Bool {
        do {
            let hasRecord = try reader.readRecord(into: &record)
            if !hasRecord { isFinished = true }
            return hasRecord
        } catch {
            throw SourceFailure(error)
        }
    }
}

extension SourceFailure {
    /// A workbook fault as a finding of the part: what is wrong, in which part, and what to do.
    init(_ error: WorkbookError) {
        var message = error.problem
        if let part = error.part {
            message =
                error.byteOffset.map {
                    .init(
                        .workbookInPartAt,
                        ["detail": .message(message), "part": .text(part), "offset": .number($0)])
                } ?? .init(.workbookInPart, ["detail": .message(message), "part": .text(part)])
        }
        self.init(line: nil, column: nil, kind: .workbook, message: message)
    }
}
