/// Reading the render context as the Markdown template reads it: dotted paths, Mustache's idea
/// of what is true, and numbers printed as Mustache prints them.
extension BriefingDocument {
    /// The value at a dotted path below `base` (the whole context when nil).
    func value(_ path: String, in base: JSONValue? = nil) -> JSONValue? {
        var value: JSONValue? = base ?? context
        // Key by key, without a list of them: the unit tables read nine paths of every row.
        var rest = path[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: ".") ?? rest.endIndex
            let key = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            guard !key.isEmpty else { continue }
            guard case .object(let object)? = value else { return nil }
            value = object[String(key)]
        }
        return value
    }

    /// The text at a path: a string as it is, a number as Mustache prints it, anything else "".
    func text(_ path: String, in base: JSONValue? = nil) -> String {
        Self.plain(value(path, in: base))
    }

    /// The elements of the list at a path (none when it is not a list).
    func list(_ path: String, in base: JSONValue? = nil) -> [JSONValue] {
        value(path, in: base)?.arrayValue ?? []
    }

    /// Whether a Mustache section on the path would render: not missing, null, false or an
    /// empty list.
    func isTrue(_ path: String, in base: JSONValue? = nil) -> Bool {
        switch value(path, in: base) {
        case nil, .null?, .bool(false)?: false
        case .array(let elements)?: !elements.isEmpty
        default: true
        }
    }

    /// A value's text as Mustache prints it: strings as they are, numbers as JSON writes them.
    static func plain(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: return text
        case .number(let number)?: return number.isFinite ? JSONValue.numberText(number) : ""
        case .bool(let flag)?: return flag ? "true" : "false"
        default: return ""
        }
    }

    /// Columns sharing `width` twips by `weights`; the last takes what rounding leaves.
    static func columns(weights: [Double], alignments: [WordDocument.Alignment], width: Int)
        -> [WordDocument.Table.Column]
    {
        let total = weights.reduce(0, +)
        var columns: [WordDocument.Table.Column] = []
        var used = 0
        for (index, weight) in weights.enumerated() {
            let share =
                index == weights.count - 1 ? width - used : Int((Double(width) * weight / total).rounded())
            used += share
            columns.append(
                .init(width: share, alignment: index < alignments.count ? alignments[index] : .center))
        }
        return columns
    }

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; from 100 on, digits (no briefing has so
    /// many indicators).
    static func chineseNumeral(_ number: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch number {
        case 1...9: return digits[number]
        case 10...99:
            let tens = number / 10
            let ones = number % 10
            return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
        default: return String(number)
        }
    }
}
