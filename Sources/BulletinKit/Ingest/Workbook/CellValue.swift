import Foundation

/// What a cell held, for the checks that read a ledger row (SPEC §2.4): text, a number, a date
/// (a number in a date format, or an ISO date cell), a boolean, an error value (`#N/A`), a
/// formula with no cached value, or nothing.
enum CellKind: UInt8, Equatable, Sendable {
    case empty, text, number, date, boolean, error, formulaWithoutValue
}

/// The `t` attribute of a cell: how its stored value is to be read.
enum CellType: UInt8 {
    /// `n` or absent: a number (a date when its style's format is a date format).
    case number
    /// `s`: an index into the shared strings.
    case sharedString
    /// `inlineStr`: the text in `<is>`.
    case inlineString
    /// `str`: the text result of a formula.
    case formulaString
    /// `b`: `1` or `0`.
    case boolean
    /// `e`: an error value such as `#N/A`.
    case error
    /// `d`: an ISO 8601 date, time or date-time as text.
    case isoDate

    /// The type named by the bytes of a `t` attribute.
    @inline(__always)
    init(_ name: UnsafeBufferPointer<UInt8>) {
        switch (name.count, name.first) {
        case (1, UInt8(ascii: "s")): self = .sharedString
        case (1, UInt8(ascii: "b")): self = .boolean
        case (1, UInt8(ascii: "e")): self = .error
        case (1, UInt8(ascii: "d")): self = .isoDate
        case (3, UInt8(ascii: "s")): self = .formulaString
        case (9, UInt8(ascii: "i")): self = .inlineString
        default: self = .number
        }
    }
}

/// One cell of a row as stored: where it is, how to read it, and its value's bytes (the text of
/// `<v>`, or of `<is>` for an inline string) in the row's value buffer.
struct RawCell {
    /// 0-based column.
    var column: Int32
    var type: CellType
    /// Whether the cell has a formula (`<f>`).
    var hasFormula: Bool
    /// Whether the cell has a value element (`<v>` or `<is>`).
    var hasValue: Bool
    /// The style index (`s`), 0 when absent.
    var style: Int32
    /// The value's bounds in the row's value bytes.
    var start: Int32
    var end: Int32
}

/// Turns stored cells into text (SPEC §11, `conformance/xlsx/README.md`): text as stored,
/// booleans `TRUE`/`FALSE`, error values as their text, numbers as integers below 10^15 or the
/// shortest decimal that reads back the same double, and numbers in a date format as
/// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` or `HH:MM:SS` (elapsed formats as total `H:MM:SS`).
struct CellFormatter {
    let sharedStrings: SharedStrings
    let styles: CellStyles
    let uses1904DateSystem: Bool
    /// Dates as the day alone (the ledger path: a date column wants the day, not the time).
    var datesAsDays = false
    /// Error values as empty cells, as the reference reader of `XLSX.rows` shows them; the
    /// ledger path keeps their text so that a finding can quote it.
    var errorsAsEmpty = false

    /// Appends the text of `cell` to `out`; returns its kind.
    func append(_ cell: RawCell, values: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> CellKind {
        let start = Int(cell.start)
        let end = Int(cell.end)
        let value = UnsafeBufferPointer(rebasing: values[start..<end])
        if cell.hasFormula, !cell.hasValue || (value.isEmpty && cell.type != .formulaString) {
            return .formulaWithoutValue
        }
        switch cell.type {
        case .sharedString:
            guard let index = Self.integer(value) else { return .empty }
            let appended = sharedStrings.withString(index) { text in
                out.append(contentsOf: text)
                return !text.isEmpty
            }
            return appended == true ? .text : .empty
        case .inlineString, .formulaString:
            out.append(contentsOf: value)
            return value.isEmpty ? .empty : .text
        case .boolean:
            guard !value.isEmpty else { return .empty }
            if value.count == 1, value[0] == UInt8(ascii: "1") || value[0] == UInt8(ascii: "0") {
                out.append(contentsOf: value[0] == UInt8(ascii: "1") ? Self.trueText : Self.falseText)
            } else {
                out.append(contentsOf: value)
            }
            return .boolean
        case .error:
            if errorsAsEmpty { return .empty }
            out.append(contentsOf: value)
            return value.isEmpty ? .empty : .error
        case .isoDate:
            guard !value.isEmpty else { return .empty }
            DateText.appendISO(value, datesAsDays: datesAsDays, to: &out)
            return .date
        case .number:
            return appendNumber(value, style: Int(cell.style), to: &out)
        }
    }

    private func appendNumber(_ value: UnsafeBufferPointer<UInt8>, style: Int, to out: inout [UInt8])
        -> CellKind
    {
        let trimmed = Self.trimmed(value)
        guard !trimmed.isEmpty else { return .empty }
        let kind = styles.kind(ofStyle: style)
        if kind == .number, Self.isShortInteger(trimmed) {
            out.append(contentsOf: trimmed)  // the common case, already canonical
            return .number
        }
        // Whole serial dates (most date cells) need no decimal parsing.
        let whole =
            kind != .number && Self.isShortInteger(trimmed) ? Self.integer(trimmed).map(Double.init) : nil
        guard let number = whole ?? Self.double(trimmed) else {
            out.append(contentsOf: trimmed)  // not a number at all: shown as stored
            return .text
        }
        switch kind {
        case .number: break
        case .elapsed:
            if DateText.appendElapsed(number, to: &out) { return .date }
        case .date, .timeOfDay:
            if DateText.appendSerial(number, uses1904: uses1904DateSystem, datesAsDays: datesAsDays, to: &out)
            {
                return .date
            }
        }
        NumberText.append(number, to: &out)
        return .number
    }

    static let trueText = Array("TRUE".utf8)
    static let falseText = Array("FALSE".utf8)

    /// Up to 15 digits with an optional minus sign and no superfluous leading zero: printed as is.
    @inline(__always)
    static func isShortInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = bytes.first == UInt8(ascii: "-") ? 1 : 0
        let digits = bytes.count - index
        guard digits >= 1, digits <= 15 else { return false }
        if digits > 1, bytes[index] == UInt8(ascii: "0") { return false }
        while index < bytes.count {
            guard bytes[index] &- UInt8(ascii: "0") < 10 else { return false }
            index &+= 1
        }
        return !(bytes.count == 2 && bytes[1] == UInt8(ascii: "0") && bytes[0] == UInt8(ascii: "-"))
    }

    /// A non-negative decimal integer (a shared-string index), or nil.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let digits = trimmed(bytes)
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value &* 10 &+ Int(byte &- UInt8(ascii: "0"))
        }
        return value
    }

    /// The number a value's text spells (XML Schema `double`: decimal or exponent form), or nil.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 65) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            for (index, byte) in bytes.enumerated() {
                guard byte != 0 else { return nil }
                base[index] = CChar(bitPattern: byte)
            }
            base[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end == base + bytes.count, value.isFinite else { return nil }
            // strtod also reads hexadecimal and `infinity`; XML numbers are decimal.
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
                    UInt8(ascii: "."),
                    UInt8(ascii: "e"), UInt8(ascii: "E"):
                    continue
                default: return nil
                }
            }
            return value
        }
    }

    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, XMLScanner.isSpace(bytes[start]) { start += 1 }
        while end > start, XMLScanner.isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}

/// Numbers as canonical text.
enum NumberText {
    /// Integral values below 10^15 as integers; others as the shortest decimal that reads back
    /// the same double, exactly as Python's `repr` writes it (Swift's `description` agrees).
    static func append(_ value: Double, to out: inout [UInt8]) {
        if value.rounded(.towardZero) == value, abs(value) < 1e15 {
            appendInteger(Int64(value), to: &out)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }
}
