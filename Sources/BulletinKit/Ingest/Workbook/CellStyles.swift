/// What a cell's number format makes of a number: a plain number, or a date or time of day, or
/// an elapsed time (`[h]:mm:ss`, a duration that may pass 24 hours).
enum NumberFormatKind: UInt8, Equatable, Sendable {
    case number
    /// A day, perhaps with a time of day (`yyyy-mm-dd`, `yyyy"年"m"月"d"日"`, `m/d/yy h:mm`).
    case date
    /// A time of day without a date (`h:mm:ss`, `h:mm AM/PM`).
    case timeOfDay
    /// A duration in hours (`[h]:mm:ss`, `[mm]:ss`).
    case elapsed
}

/// The cell formats of `xl/styles.xml` reduced to what reading needs: for each style index
/// (`s="…"`, an index into `<cellXfs>`), the kind of its number format.
struct CellStyles {
    private(set) var kinds: [NumberFormatKind] = []

    /// No styles: every number is a number.
    init() {}

    /// Reads `<numFmts>` and `<cellXfs>` from the styles part.
    init(reading xml: inout XMLScanner) throws(WorkbookError) {
        var customFormats: [Int: NumberFormatKind] = [:]
        var inCellFormats = false
        while true {
            switch try xml.next() {
            case .endOfPart: return
            case .text: continue
            case .endTag:
                if xml.isNamed("cellXfs") { inCellFormats = false }
            case .startTag:
                if xml.isNamed("numFmt") {
                    guard let id = try xml.string(ofAttribute: "numFmtId").flatMap({ Int($0) }) else {
                        continue
                    }
                    customFormats[id] = Self.kind(
                        ofFormatCode: try xml.string(ofAttribute: "formatCode") ?? "")
                } else if xml.isNamed("cellXfs") {
                    inCellFormats = true
                } else if inCellFormats, xml.isNamed("xf") {
                    let id = try xml.string(ofAttribute: "numFmtId").flatMap { Int($0) } ?? 0
                    kinds.append(customFormats[id] ?? Self.kind(ofBuiltInFormat: id))
                    try xml.skipElement()
                }
            }
        }
    }

    /// The kind of number format of style `index`; a number for a style the file lacks.
    @inline(__always)
    func kind(ofStyle index: Int) -> NumberFormatKind {
        index >= 0 && index < kinds.count ? kinds[index] : .number
    }

    /// The built-in formats (ECMA-376 §18.8.30, and the East Asian ids Excel and WPS use):
    /// 14–17, 22 and 27–31, 34–36, 50–58 are dates (the CJK and locale date formats among them,
    /// e.g. 31 = `yyyy"年"m"月"d"日"`), 18–21, 32–33 and 45, 47 times of day, 46 `[h]:mm:ss`.
    static func kind(ofBuiltInFormat id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 22, 27...31, 34...36, 50...58: .date
        case 18...21, 32, 33, 45, 47: .timeOfDay
        case 46: .elapsed
        default: .number
        }
    }

    /// The kind of a custom format code. Only the first section (up to `;`) counts. Letters
    /// inside quotes, after `\`, `_` or `*`, and inside brackets (`[Red]`, `[$-804]`) are not
    /// date parts; `[h]`, `[mm]`, `[ss]` make it elapsed time. A format with y or d is a date;
    /// with h or s (and `m` then minutes, `AM/PM` included) a time of day; with `m` alone a date
    /// (`mmm`). Only y m d h s count, so `General` and `0.00E+00` are numbers.
    static func kind(ofFormatCode code: String) -> NumberFormatKind {
        var hasYearOrDay = false
        var hasMonth = false
        var hasTime = false
        var isElapsed = false
        func verdict() -> NumberFormatKind {
            isElapsed ? .elapsed : hasYearOrDay ? .date : hasTime ? .timeOfDay : hasMonth ? .date : .number
        }
        var iterator = Array(code.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "\""):
                while let inner = iterator.next(), inner != UInt8(ascii: "\"") {}
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                _ = iterator.next()
            case UInt8(ascii: "["):
                var inside: [UInt8] = []
                while let inner = iterator.next(), inner != UInt8(ascii: "]") { inside.append(inner | 0x20) }
                if !inside.isEmpty, inside.allSatisfy({ $0 == inside[0] }), "hms".utf8.contains(inside[0]) {
                    isElapsed = true
                }
            case UInt8(ascii: ";"):
                return verdict()
            default:
                switch byte | 0x20 {
                case UInt8(ascii: "y"), UInt8(ascii: "d"): hasYearOrDay = true
                case UInt8(ascii: "m"): hasMonth = true
                case UInt8(ascii: "h"), UInt8(ascii: "s"): hasTime = true
                default: break
                }
            }
        }
        return verdict()
    }
}
