import Foundation

/// Where a ledger part's records come from: a CSV file or a workbook's sheet. Both fill the
/// same `CSVRecord`, so that every row goes through the same check (`LedgerRow.check`).
protocol RecordSource {
    /// Reads the next record; false at the end. A failure ends the part.
    mutating func readRecord(into record: inout CSVRecord) throws(SourceFailure) -> Bool
    /// Whether every row must have as many fields as the header (a CSV's rows do; a sheet's
    /// rows end at their last non-empty cell).
    var rowsHaveHeaderWidth: Bool { get }
    /// Whether a record's cells can hold something other than text (a sheet's error values):
    /// only then is `unusableCells(of:)` asked.
    static var hasCellKinds: Bool { get }
    /// The fields of `record`, the last record read, that held no usable value: a sheet's
    /// error values (`#N/A`) and formulas with no saved result. Taken right after the record is
    /// read, since the source knows the kinds of its last record only, and kept with it while it
    /// waits in a batch.
    func unusableCells(of record: CSVRecord) -> ListedCells
    /// Bytes of the file read so far, for progress.
    var bytesRead: Int { get }
    /// The sheet read, for findings; nil for a CSV.
    var sheet: String? { get }
    /// Told the header's width once it is found: a CSV caps its records' fields from it.
    mutating func headerFound(width: Int)
}

/// Why a part could not be read to its end, as a finding of the part.
struct SourceFailure: Error {
    var line: Int?
    var column: Int?
    var kind: Finding.Kind
    var message: Diagnostic.Message
    /// Whether only one record was skipped, and the source can be read on.
    var isRecordSkipped = false
}

/// A CSV file as a record source.
struct CSVSource: RecordSource {
    var reader: CSVReader

    var rowsHaveHeaderWidth: Bool { true }
    static var hasCellKinds: Bool { false }
    var bytesRead: Int { reader.bytesRead }
    var sheet: String? { nil }
    func unusableCells(of record: CSVRecord) -> ListedCells { ListedCells() }

    mutating func headerFound(width: Int) {
        reader.maximumFields = CSVReader.fieldLimit(forHeaderCount: width)
    }

    @inline(__always)
    mutating func readRecord(into record: inout CSVRecord) throws(SourceFailure) -> Bool {
        do {
            return try reader.readRecord(into: &record)
        } catch {
            // A decoding error's reason names its byte offset already; a syntax error gets it added.
            let isEncoding = error.isEncodingError || error.line == 0
            let reason =
                isEncoding
                ? error.message
                : error.byteOffset.map {
                    .init(.atByteOffset, ["reason": .message(error.message), "offset": .number($0)])
                }
                    ?? error.message
            throw SourceFailure(
                line: error.line > 0 ? error.line : nil, column: error.line > 0 ? error.column : nil,
                kind: isEncoding ? .encoding : .csvSyntax, message: reason,
                isRecordSkipped: error.isRecordSkipped)
        }
    }
}
