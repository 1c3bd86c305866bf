/// Filling a record from a workbook row, so that the row checks written for CSV read workbook
/// rows unchanged.
extension CSVRecord {
    /// Replaces the record's fields with `count` fields whose bounds (start and end in `bytes`,
    /// two per field) are given, from row `line` of a sheet.
    mutating func setFields(
        bytes: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int32>, count: Int, line: Int
    ) {
        if !isKnownUniquelyReferenced(&storage) { storage = RecordStorage() }
        storage.removeAll()
        if let base = bytes.baseAddress { storage.append(base, count: bytes.count) }
        for field in 0..<count {
            storage.addField(start: Int(bounds[2 &* field]), end: Int(bounds[2 &* field &+ 1]))
        }
        storage.finishRecord()
        self.line = line
    }
}
