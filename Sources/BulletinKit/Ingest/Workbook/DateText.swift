/// Serial dates and times (and ISO date cells) as canonical text.
///
/// Excel counts days from 1899-12-30 with a fictitious 1900-02-29 (serial 60); serials below
/// 60 are one day off, so they are moved by a day, and 60 reads as 1900-02-28 (as calamine reads
/// it). The 1904 system counts from 1904-01-01: its serial + 1462 is the 1900 serial. The time is
/// rounded to the millisecond (what Excel stores) and shown to the second.
enum DateText {
    /// Days from 1899-12-30 to 1970-01-01.
    private static let epochOffset: Int64 = 25_569
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// Appends serial `value` as `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, or `HH:MM:SS` when it falls
    /// before 1900-01-01 (a time of day alone); with `datesAsDays`, always the day. False (nothing
    /// appended) when the date is outside the years 1–9999.
    static func appendSerial(_ value: Double, uses1904: Bool, datesAsDays: Bool, to out: inout [UInt8])
        -> Bool
    {
        var serial = uses1904 ? value + 1462 : value
        if serial < 60 { serial += 1 }
        let scaled = (serial * Double(millisecondsPerDay)).rounded()
        guard scaled.magnitude < 1e15 else { return false }
        let milliseconds = Int64(scaled)
        let days = floorDivide(milliseconds, millisecondsPerDay)
        let secondOfDay = (milliseconds - days * millisecondsPerDay) / 1000
        let (year, month, day) = civil(days - epochOffset)
        guard year >= 1, year <= 9999 else { return false }
        if !datesAsDays, year < 1900 {
            appendTime(secondOfDay, to: &out)
            return true
        }
        appendDay(year, month, day, to: &out)
        if !datesAsDays, secondOfDay != 0 {
            out.append(UInt8(ascii: "T"))
            appendTime(secondOfDay, to: &out)
        }
        return true
    }

    /// Appends a duration in days as total hours, minutes and seconds, `H:MM:SS`.
    static func appendElapsed(_ value: Double, to out: inout [UInt8]) -> Bool {
        let scaled = (value * Double(millisecondsPerDay)).rounded()
        guard scaled.magnitude < 1e15 else { return false }
        var seconds = Int64(scaled) / 1000
        if seconds < 0 {
            out.append(UInt8(ascii: "-"))
            seconds = -seconds
        }
        NumberText.appendInteger(seconds / 3600, to: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits(Int(seconds / 60 % 60), to: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits(Int(seconds % 60), to: &out)
        return true
    }

    /// An ISO date cell (`t="d"`): `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±hh:mm]` or a time alone,
    /// shown like a serial date (midnight left out, fractions of a second dropped); text that is
    /// not such a date as it is.
    static func appendISO(_ text: UnsafeBufferPointer<UInt8>, datesAsDays: Bool, to out: inout [UInt8]) {
        let bytes = Array(CellFormatter.trimmed(text))
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard byte &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }
        func skip(_ byte: Character) -> Bool {
            guard index < bytes.count, bytes[index] == byte.asciiValue else { return false }
            index += 1
            return true
        }
        var date: (Int, Int, Int)?
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), let year = number(4), skip("-"),
            let month = number(2),
            skip("-"), let day = number(2)
        {
            date = (year, month, day)
            guard index == bytes.count || skip("T") || skip(" ") else { return out.append(contentsOf: bytes) }
        }
        var second: Int64?
        if index < bytes.count {
            guard let hour = number(2), skip(":"), let minute = number(2) else {
                return out.append(contentsOf: bytes)
            }
            let seconds = skip(":") ? number(2) : 0
            guard let seconds else { return out.append(contentsOf: bytes) }
            second = Int64(hour * 3600 + minute * 60 + seconds)
        }
        if let (year, month, day) = date {
            appendDay(year, month, day, to: &out)
            if !datesAsDays, let second, second != 0 {
                out.append(UInt8(ascii: "T"))
                appendTime(second, to: &out)
            }
        } else if let second {
            appendTime(second, to: &out)
        } else {
            out.append(contentsOf: bytes)
        }
    }

    static func appendDay(_ year: Int, _ month: Int, _ day: Int, to out: inout [UInt8]) {
        appendTwoDigits(year / 100, to: &out)
        appendTwoDigits(year % 100, to: &out)
        out.append(UInt8(ascii: "-"))
        appendTwoDigits(month, to: &out)
        out.append(UInt8(ascii: "-"))
        appendTwoDigits(day, to: &out)
    }

    private static func appendTime(_ secondOfDay: Int64, to out: inout [UInt8]) {
        appendTwoDigits(Int(secondOfDay / 3600), to: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits(Int(secondOfDay / 60 % 60), to: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits(Int(secondOfDay % 60), to: &out)
    }

    @inline(__always)
    private static func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10 % 10))
        out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// Year, month and day of a day counted from 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civil(_ days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }
}
