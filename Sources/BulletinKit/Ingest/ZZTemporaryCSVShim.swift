// TEMPORARY: naive stand-in for the CSV reader being written on branch `csv`; deleted on merge.
import Foundation

public enum TextEncoding: String, Sendable { case utf8 = "utf-8", gb18030 = "gb18030" }

public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var byteOffset: Int?
    public var reason: String
    public var description: String { "\(line):\(column): \(reason)" }
}

public struct CSVRecord {
    public init() {}
    public internal(set) var line: Int = 0
    var fields: [[UInt8]] = []
    public var count: Int { fields.count }
    public func string(at index: Int) -> String { String(decoding: fields[index], as: UTF8.self) }
    public func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try fields[index].withUnsafeBufferPointer(body)
    }
}

public struct CSVReader {
    var records: [([UInt8], Int)] = []
    var position = 0
    public var encoding: TextEncoding = .utf8
    public var bytesRead: Int = 0
    public init(path: String, encoding: TextEncoding? = nil) throws(CSVError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVError(line: 0, column: 0, reason: "cannot open")
        }
        try self.init(data: data, encoding: encoding)
    }
    public init(data: Data, encoding: TextEncoding? = nil) throws(CSVError) {
        var text = String(decoding: data, as: UTF8.self)
        if String(validating: data, as: UTF8.self) == nil || encoding == .gb18030 {
            text = String(data: data, encoding: String.Encoding(rawValue: 0x8000_0632)) ?? ""
            self.encoding = .gb18030
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var line = 1
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if !raw.isEmpty { records.append((Array(raw.utf8), line)) }
            line += 1
        }
        bytesRead = data.count
    }
    public mutating func readRecord(into record: inout CSVRecord) throws(CSVError) -> Bool {
        guard position < records.count else { return false }
        let (bytes, line) = records[position]
        position += 1
        record.line = line
        record.fields = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 { field.append(0x22); index += 1 } else { inQuotes = false }
                } else { field.append(byte) }
            } else if byte == 0x22 && field.isEmpty { inQuotes = true
            } else if byte == 0x2C { record.fields.append(field); field = []
            } else { field.append(byte) }
            index += 1
        }
        record.fields.append(field)
        return true
    }
}

public enum FieldParsing {
    public enum DateField: Equatable { case empty, day(Day), invalid(reason: String) }
    public static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> DateField {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .empty }
        let parts = text.split(whereSeparator: { "-/.年月日".contains($0) }).compactMap { Int($0) }
        guard parts.count == 3, let day = Day(year: parts[0], month: parts[1], day: parts[2]) else {
            return .invalid(reason: "is not a date (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日)")
        }
        return .day(day)
    }
    public enum MeasureField: Equatable { case empty, value(Int64), invalid(reason: String) }
    public static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> MeasureField {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if text.isEmpty { return .empty }
        guard let value = Decimal(string: text), value >= 0 else { return .invalid(reason: "is not a number") }
        return .value(Int64(truncating: (value * 10000) as NSDecimalNumber))
    }
    public static func regionCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        regionCode(String(decoding: bytes, as: UTF8.self))
    }
    public static func regionCode(_ string: String) -> UInt64? {
        let text = string.trimmingCharacters(in: .whitespaces)
        guard (1...17).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt64(text) else { return nil }
        return value << 5 | UInt64(text.count)
    }
}
