import Foundation

/// Whole-file CSV reading (SPEC §11), a stable entry point for outside conformance suites.
public enum CSV {
    /// RFC 4180: every record as an array of fields, header included; throws `CSVError` on
    /// malformed input. Decodes UTF-8 (a leading byte-order mark is not data) or, when the bytes
    /// are not valid UTF-8, GB18030.
    public static func parse(_ data: Data) throws -> [[String]] {
        var reader = try CSVReader(data: data)
        var record = CSVRecord()
        var records: [[String]] = []
        while try reader.readRecord(into: &record) {
            records.append(record.strings)
        }
        return records
    }
}
