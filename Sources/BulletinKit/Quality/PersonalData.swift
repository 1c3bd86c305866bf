/// Personal data in ledgers (SPEC §5.1): resident ID numbers (身份证号码) are never shown whole,
/// and a value from the wrong column is described, never quoted — the output is published, and
/// the terminal is often a CI log.
///
/// Pure functions over text, cheap enough to call once per finding (or per cell): they look at
/// UTF-8 bytes and make no string unless they return one.
enum PersonalData {
    /// Whether `text`, once spaces around it are trimmed, has the shape of a resident ID number:
    /// 15 digits (the first-generation card), or 17 digits and then a digit or `X`/`x`.
    static func looksLikeIDNumber<Text: StringProtocol>(_ text: Text) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ looksLikeIDNumber(bytes: $0) }) {
            return result
        }
        return Array(text.utf8).withUnsafeBufferPointer { looksLikeIDNumber(bytes: $0) }
    }

    /// `looksLikeIDNumber` over UTF-8 bytes, for a caller that holds a cell's bytes (the ledger
    /// scan): no string is made.
    static func looksLikeIDNumber(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let (start, end) = trimmedBounds(bytes)
        return isIDShaped(bytes, start, end)
    }

    /// `id` with its middle hidden when it looks like a resident ID number — the first 6
    /// characters (the region of issue) and the last 4 kept, every other one `*`:
    /// `411002********0055`, `411002*****0055` for 15 digits. Anything else comes back unchanged.
    static func masked(_ id: String) -> String {
        let bytes = Array(id.utf8)
        let shaped = bytes.withUnsafeBufferPointer { buffer -> (Int, Int)? in
            let (start, end) = trimmedBounds(buffer)
            return isIDShaped(buffer, start, end) ? (start, end) : nil
        }
        guard let (start, end) = shaped else { return id }
        // Every byte of an ID-shaped value is ASCII, so bytes are characters.
        var result = [UInt8]()
        result.reserveCapacity(end - start)
        for index in start..<end {
            result.append(index - start < 6 || end - index <= 4 ? bytes[index] : UInt8(ascii: "*"))
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `text` with every run of characters shaped like a resident ID number masked as `masked`
    /// does: a run of 15 or 18 digits (the 18th may be `X`/`x`) not joined to more digits or
    /// letters. For a message or a name that may carry an ID inside it.
    static func maskingIDNumbers(in text: String) -> String {
        let bytes = Array(text.utf8)
        var result = bytes
        var index = 0
        var didMask = false
        while index < bytes.count {
            guard isDigit(bytes[index]), index == 0 || !isAlphanumeric(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            if end - index == 17, end < bytes.count, bytes[end] | 0x20 == UInt8(ascii: "x") { end += 1 }
            let length = end - index
            if length == 15 || length == 18, end == bytes.count || !isAlphanumeric(bytes[end]) {
                for position in (index + 6)..<(end - 4) { result[position] = UInt8(ascii: "*") }
                didMask = true
            }
            index = end
        }
        return didMask ? String(decoding: result, as: UTF8.self) : text
    }

    /// An English description of `value` that does not quote it, for a value found in the wrong
    /// column (`竣工日期 holds an 18-digit number, not a date`): `empty`, `an 18-digit number`
    /// (digits only), `an 18-character ID-like number ending in X`, `a number with 4 digits` (a
    /// number with a sign or a decimal point), or `a 2-character text`. Spaces around the
    /// value are not counted.
    static func describe(_ value: String) -> String {
        MessageTexts.english.text(description(of: value))
    }

    /// The description of `describe`, as a message that any locale can word.
    static func description(of value: String) -> Diagnostic.Message {
        let bytes = Array(value.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let (start, end) = trimmedBounds(buffer)
            guard end > start else { return .init(.describeEmpty) }
            let core = UnsafeBufferPointer(rebasing: buffer[start..<end])
            if core.allSatisfy(isDigit) {
                return .init(.describeDigits, ["article": .text(article(core.count)), "count": .number(core.count)])
            }
            if isIDShaped(buffer, start, end) {
                return .init(.describeIDLike, ["article": .text(article(core.count)), "count": .number(core.count)])
            }
            if let digits = decimalDigitCount(core) {
                return .init(.describeNumber, ["count": .number(digits), "plural": .text(digits == 1 ? "" : "s")])
            }
            let characters = String(decoding: core, as: UTF8.self).count
            return .init(.describeText, ["article": .text(article(characters)), "count": .number(characters)])
        }
    }
}

extension PersonalData {
    /// "a" or "an" before `number` as it is read aloud: "an" before eight, eleven, eighteen,
    /// eighty… and eight hundred…, also when they lead a count of thousands ("an 11,000").
    static func article(_ number: Int) -> String {
        var leading = number
        while leading >= 1000 { leading /= 1000 }
        let isVowelSound =
            leading == 8 || leading == 11 || leading == 18 || (80...89).contains(leading)
            || (800...899).contains(leading)
        return isVowelSound ? "an" : "a"
    }

    /// The bounds of `bytes` without the spaces around it: ASCII space and tab, the no-break
    /// space (C2 A0) and the ideographic space U+3000 (E3 80 80) that Chinese input methods type.
    fileprivate static func trimmedBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var start = 0
        var end = bytes.count
        while start < end, let length = CSVRecord.whitespaceLength(bytes, startingAt: start) {
            start += length
        }
        while end > start, let length = CSVRecord.whitespaceLength(bytes, endingAt: end) { end -= length }
        return (start, end)
    }

    /// Whether `bytes[start..<end]` is 15 digits, or 17 digits and a digit or `X`/`x`.
    fileprivate static func isIDShaped(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool
    {
        let length = end - start
        guard length == 15 || length == 18 else { return false }
        for index in start..<(end - 1) where !isDigit(bytes[index]) { return false }
        let last = bytes[end - 1]
        return isDigit(last) || (length == 18 && last | 0x20 == UInt8(ascii: "x"))
    }

    /// The number of digits of a number written with an optional sign and at most one decimal
    /// point (`-12.5`, `+3`, `.5`); nil when `bytes` is not such a number.
    fileprivate static func decimalDigitCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var digits = 0
        var points = 0
        for (index, byte) in bytes.enumerated() {
            if isDigit(byte) {
                digits += 1
            } else if byte == UInt8(ascii: "."), points == 0 {
                points += 1
            } else if index == 0, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                continue
            } else {
                return nil
            }
        }
        return digits > 0 ? digits : nil
    }

    fileprivate static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    fileprivate static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 26
    }
}

/// The check of a resident ID number (居民身份证号码) by GB 11643-1999, for `"id_check":
/// "id-card"` (SPEC §5.1): a failing id is a warning, so the reason never quotes the id.
enum IDCardCheck {
    /// ISO 7064 MOD 11-2 weights of the first 17 digits (2^(17−i) mod 11).
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each remainder 0…10 of the weighted sum modulo 11.
    static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// The earliest birth year taken as real.
    static let earliestBirthYear = 1900

    /// What is wrong with `id` as a GB 11643 resident ID number, without the id itself; nil
    /// when it passes. Spaces around it are ignored and a lowercase `x` is taken as `X`. Checked
    /// in this order: 18 characters, 17 digits then a digit or X, a real birth date (characters
    /// 7–14, YYYYMMDD, from 1900 and not after `asOf`), the check character.
    static func problem(_ id: String, asOf: Day) -> Diagnostic.Message? {
        let all = Array(id.utf8)
        return all.withUnsafeBufferPointer { buffer -> Diagnostic.Message? in
            let (start, end) = PersonalData.trimmedBounds(buffer)
            let bytes = UnsafeBufferPointer(rebasing: buffer[start..<end])
            return problem(bytes: bytes, asOf: asOf)
        }
    }

    private static func problem(bytes: UnsafeBufferPointer<UInt8>, asOf: Day) -> Diagnostic.Message? {
        guard bytes.count == 18 else {
            if bytes.count == 15 && bytes.allSatisfy(PersonalData.isDigit) { return .init(.idCardOldForm) }
            let characters = String(decoding: bytes, as: UTF8.self).count
            return .init(.idCardLength, ["count": .number(characters), "plural": .text(characters == 1 ? "" : "s")])
        }
        if let position = (0..<17).first(where: { !PersonalData.isDigit(bytes[$0]) }) {
            return .init(.idCardNotADigit, ["position": .number(position + 1)])
        }
        let last = bytes[17]
        guard PersonalData.isDigit(last) || last | 0x20 == UInt8(ascii: "x") else {
            return .init(.idCardLastCharacter)
        }
        if let problem = birthDateProblem(bytes, asOf: asOf) { return problem }
        var sum = 0
        for index in 0..<17 { sum += Int(bytes[index] &- 0x30) * weights[index] }
        let expected = checkCharacters[sum % 11]
        let found = PersonalData.isDigit(last) ? last : UInt8(ascii: "X")
        guard found == expected else { return .init(.idCardCheckCharacter) }
        return nil
    }

    /// The birth date at characters 7–14 as YYYYMMDD: a calendar day, from 1900 on, not after
    /// `asOf`. The reason does not quote the date (with the region code it narrows the person).
    private static func birthDateProblem(_ bytes: UnsafeBufferPointer<UInt8>, asOf: Day) -> Diagnostic.Message? {
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] &- 0x30) } }
        let (year, month, day) = (number(6..<10), number(10..<12), number(12..<14))
        guard let birth = Day(year: year, month: month, day: day) else { return .init(.idCardBirthDate) }
        guard year >= earliestBirthYear else {
            return .init(.idCardBornBefore, ["year": .number(earliestBirthYear)])
        }
        guard birth <= asOf else { return .init(.idCardBornAfter) }
        return nil
    }
}
