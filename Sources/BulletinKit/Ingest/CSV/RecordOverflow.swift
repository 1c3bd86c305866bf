import Foundation

/// Where a record passed a cap of `CSVReader`: too many fields, or too many bytes.
struct RecordOverflow {
    var isFieldCount: Bool
    /// The offset in the record's bytes where the cap was passed.
    var offset: Int
}
