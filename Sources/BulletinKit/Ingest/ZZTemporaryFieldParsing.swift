// TEMPORARY until FieldParsing lands from branch csv.
import Foundation

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

