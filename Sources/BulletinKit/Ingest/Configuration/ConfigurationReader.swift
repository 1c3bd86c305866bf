import Foundation

/// Walks the JSON with its path, collecting problems instead of stopping at the first.
struct ConfigurationReader {
    var problems: [ConfigurationError.Problem] = []

    mutating func fail(_ path: String, _ message: Diagnostic.Message) {
        problems.append(.init(path: path, message: message))
    }

    /// A problem at `path`: the message `key` with `arguments`.
    mutating func fail(_ path: String, _ key: Diagnostic.Message.Key, _ arguments: KeyValuePairs<String, Diagnostic.Value> = [:]) {
        fail(path, Diagnostic.Message(key, arguments))
    }

    mutating func object(
        _ value: JSONValue?, at path: String, allowed: [String], required: [String]
    ) -> JSONObject? {
        guard let value else { return nil }
        guard let object = value.objectValue else {
            fail(path, .configExpectedObject, ["found": kind(value)])
            return nil
        }
        var suggested: Set<String> = []
        for key in object.keys where !allowed.contains(key) {
            var suggestion: Diagnostic.Value = ""
            if let closest = closest(to: key, in: allowed.filter { object[$0] == nil }) {
                suggestion = .message(.init(.configDidYouMean, ["suggestion": .text(closest)]))
                suggested.insert(closest)
            }
            fail(
                join(path, key), .configUnknownKey,
                ["key": .text(key), "suggestion": suggestion, "allowed": .list(allowed, joinedBy: .listComma)])
        }
        // A required key already offered as the correction of a typo is not reported twice.
        for key in required where object[key] == nil && !suggested.contains(key) {
            fail(path, .configMissingKey, ["key": .text(key)])
        }
        return object
    }

    mutating func string(_ object: JSONObject, _ key: String, at path: String) -> String? {
        guard let value = object[key] else { return nil }
        guard let string = value.stringValue else {
            if case .number = value {
                fail(join(path, key), .configExpectedStringNumber, ["found": describe(value), "text": .text(value.jsonText())])
            } else {
                fail(join(path, key), .configExpectedString, ["found": describe(value)])
            }
            return nil
        }
        guard !string.trimmingCharacters(in: .whitespaces).isEmpty else {
            fail(join(path, key), .configEmpty)
            return nil
        }
        return string
    }

    mutating func day(_ object: JSONObject, _ key: String, at path: String) -> Day? {
        guard let text = string(object, key, at: path) else { return nil }
        guard let day = Day(iso: text) else {
            fail(join(path, key), .configNotADate, ["value": .text(text)])
            return nil
        }
        guard Configuration.plausibleYears.contains(day.components.year) else {
            fail(
                join(path, key), .configImplausibleDate,
                [
                    "value": .text(text), "first": .number(Configuration.plausibleYears.lowerBound),
                    "last": .number(Configuration.plausibleYears.upperBound),
                ])
            return nil
        }
        return day
    }

    /// A number from `range` with at most four decimals: bounded, so that exact arithmetic on
    /// it cannot overflow.
    mutating func number(
        _ object: JSONObject, _ key: String, at path: String, in range: ClosedRange<Rational>, example: String
    ) -> Rational? {
        guard let value = object[key] else { return nil }
        guard let number = value.numberValue else {
            if case .string(let text) = value, Rational(decimal: text) != nil {
                fail(join(path, key), .configExpectedNumberQuoted, ["example": .text(example), "found": describe(value)])
            } else {
                fail(join(path, key), .configExpectedNumber, ["example": .text(example), "found": describe(value)])
            }
            return nil
        }
        guard let rational = Rational(shortestDecimalOf: number), range.contains(rational) else {
            fail(
                join(path, key), .configOutOfRange,
                [
                    "value": .text(value.jsonText()), "first": .text(range.lowerBound.fixed(0)),
                    "last": .text(range.upperBound.fixed(0)), "example": .text(example),
                ])
            return nil
        }
        guard (rational * Rational(10_000)).denominator == 1 else {
            fail(
                join(path, key), .configDecimals, ["value": .text(value.jsonText()), "rounded": .text(rational.fixed(4))])
            return nil
        }
        return rational
    }

    mutating func count(_ object: JSONObject, _ key: String, at path: String) -> Int? {
        guard let value = object[key] else { return nil }
        guard let number = value.numberValue, number == number.rounded(), number >= 0, number < 1000 else {
            fail(join(path, key), .configExpectedCount, ["found": describe(value)])
            return nil
        }
        return Int(number)
    }

    /// A JSON value as a problem shows it: a scalar as written (a string quoted), an array or
    /// object by its kind.
    func describe(_ value: JSONValue) -> Diagnostic.Value {
        switch value {
        case .number, .bool, .null: .text(value.jsonText())
        case .string(let text): .message(.init(.valueQuoted, ["value": .text(text)]))
        default: kind(value)
        }
    }

    /// The kind of a JSON value in words (`an array`, `数组`).
    func kind(_ value: JSONValue) -> Diagnostic.Value {
        let key: Diagnostic.Message.Key =
            switch value {
            case .null: .jsonNull
            case .bool: .jsonBoolean
            case .number: .jsonNumber
            case .string: .jsonString
            case .array: .jsonArray
            case .object: .jsonObject
            }
        return .message(.init(key))
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func configuration(_ json: JSONValue) -> Configuration? {
        let keys = [
            "title", "issuer", "root", "unit_label", "as_of", "period", "locale", "flags", "status",
            "remarks", "doc_no", "issue_no", "cc", "issued_on", "categories",
            "indicators",
        ]
        guard
            let top = object(
                json, at: "", allowed: keys, required: ["title", "root", "as_of", "indicators"])
        else { return nil }
        let title = string(top, "title", at: "")
        let issuer = string(top, "issuer", at: "")
        let document = DocumentKeys(reading: top) { fail($0, $1) }
        let root = string(top, "root", at: "")
        if let root, FieldParsing.regionCode(root) == nil {
            fail("root", .configRootNotACode, ["value": .text(root)])
        }
        let unitLabel = string(top, "unit_label", at: "") ?? "单位"
        let asOf = day(top, "as_of", at: "")
        let period = self.period(top["period"])
        let locale = locale(top)
        var flagsTop = 3
        var flagsBottom = 3
        if let flags = object(top["flags"], at: "flags", allowed: ["top", "bottom"], required: []) {
            flagsTop = count(flags, "top", at: "flags") ?? 3
            flagsBottom = count(flags, "bottom", at: "flags") ?? 3
        }
        let (yellow, red) = statusThresholds(top)
        let remarks = remarks(top)
        let indicators = indicators(top)
        guard problems.isEmpty, let title, let root, let asOf, let period else { return nil }
        return Configuration(
            title: title, issuer: issuer, root: root, unitLabel: unitLabel, asOf: asOf, period: period,
            locale: locale, flagsTop: flagsTop, flagsBottom: flagsBottom, yellowBelow: yellow, redBelow: red,
            remarks: remarks, indicators: indicators, document: document)
    }

    /// `"locale"`: one of the locales Bulletin ships labels for (default zh-Hans).
    private mutating func locale(_ top: JSONObject) -> String {
        var locale = Configuration.defaultLocale
        if let value = string(top, "locale", at: "") {
            if Configuration.locales.contains(value) {
                locale = value
            } else {
                fail(
                    "locale", .configLocale,
                    ["value": .text(value), "locales": .list(Configuration.locales, joinedBy: .listComma)])
            }
        }
        return locale
    }

    /// `"status"`: the gaps below which a unit is yellow and red, in percentage points.
    private mutating func statusThresholds(_ top: JSONObject) -> (yellow: Rational, red: Rational) {
        var yellow = Rational.zero
        var red = Rational(-10)
        if let status = object(
            top["status"], at: "status", allowed: ["yellow_below_pp", "red_below_pp"], required: [])
        {
            let points = Rational(-100)...Rational(100)
            yellow = number(status, "yellow_below_pp", at: "status", in: points, example: "0") ?? yellow
            red = number(status, "red_below_pp", at: "status", in: points, example: "-10") ?? red
            if red > yellow {
                fail("status", .configStatusOrder, ["red": .text(red.fixed(2)), "yellow": .text(yellow.fixed(2))])
            }
        }
        return (yellow, red)
    }

    /// `"remarks"`: the paragraphs of 五、下步工作.
    private mutating func remarks(_ top: JSONObject) -> [String] {
        var remarks: [String] = []
        if let value = top["remarks"] {
            if let array = value.arrayValue {
                for (index, element) in array.enumerated() {
                    if let text = element.stringValue {
                        remarks.append(text)
                    } else {
                        fail("remarks[\(index)]", .configExpectedString, ["found": kind(element)])
                    }
                }
            } else {
                fail("remarks", .configExpectedRemarks, ["found": kind(value)])
            }
        }
        return remarks
    }

    /// `"indicators"`: a non-empty array of indicators with unique ids.
    private mutating func indicators(_ top: JSONObject) -> [Indicator] {
        var indicators: [Indicator] = []
        if let value = top["indicators"] {
            if let array = value.arrayValue, !array.isEmpty {
                for (index, element) in array.enumerated() {
                    if let indicator = self.indicator(element, at: "indicators[\(index)]") {
                        if indicators.contains(where: { $0.id == indicator.id }) {
                            fail("indicators[\(index)].id", .configDuplicateIndicator, ["id": .text(indicator.id)])
                        }
                        indicators.append(indicator)
                    }
                }
            } else {
                fail("indicators", .configExpectedIndicators, ["found": kind(value)])
            }
        }
        return indicators
    }

    mutating func period(_ value: JSONValue?) -> Period? {
        guard let value else { return .week }
        switch value {
        case .string("week"): return .week
        case .string("month"): return .month
        case .number(let days) where days == days.rounded() && days >= 1 && days <= 366:
            return .days(Int(days))
        default:
            fail("period", .configPeriod, ["found": describe(value)])
            return nil
        }
    }
}
