import BulletinKit
import Foundation
import SplitMix

/// One stage of a task (开工 → 竣工 → 入住) and the ledger column holding its date.
struct Stage {
    let id: String
    let title: String
    let column: String
}

/// How a clerk wrote a date; one style per row, as rows are filled in by different hands.
enum DateStyle {
    case iso  // 2020-03-05
    case slash  // 2020/3/5, as Excel shows a date cell
    case dot  // 2020.03.05
    case chinese  // 2020年3月5日

    func format(_ day: Day) -> String {
        let (year, month, dayOfMonth) = day.components
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch self {
        case .iso: return day.description
        case .slash: return "\(year)/\(month)/\(dayOfMonth)"
        case .dot: return "\(year).\(two(month)).\(two(dayOfMonth))"
        case .chinese: return "\(year)年\(month)月\(dayOfMonth)日"
        }
    }

    /// A style drawn with weights (ISO, Excel slash, dot, Chinese).
    static func draw(_ rng: inout SplitMix64, weights: [Double]) -> DateStyle {
        [.iso, .slash, .dot, .chinese][rng.pick(weights: weights)]
    }
}

/// One task item, one ledger row: a household, a house, a water project.
struct Item {
    var unit: String
    var village: String
    var measure = 1
    var category = ""
    var dates: [Day?]
    var id = ""
    var name = ""
    var note = ""
    /// Whether the measure is written with a thousands separator (`"1,234"`).
    var isMeasureGrouped = false
    var style = DateStyle.iso

    func date(_ stage: Int) -> String { dates[stage].map(style.format) ?? "" }
}

/// Bytes as a clerk's tool writes them.
enum TextEncoding {
    case utf8
    case utf8WithBOM  // Excel's "CSV UTF-8"
    case gb18030  // Excel on a Chinese Windows

    static let gb18030Foundation = String.Encoding(rawValue: 0x8000_0632)
}

/// A ledger file to write: its columns (header and how to print an item), its items in file
/// order, and the encoding and line ending it is written with.
struct Ledger {
    let file: String
    let stages: [Stage]
    var items: [Item] = []
    var columns: [(header: String, value: (Item) -> String)] = []
    var encoding = TextEncoding.utf8
    var lineEnding = "\n"
    /// When the ledger is kept as workbooks (`file` is then their pattern): each workbook's path
    /// in the dataset, its number of items and its bytes. Written instead of a CSV.
    var workbooks: [(file: String, items: Int, data: Data)] = []

    /// The physical line of item `index` (the header is line 1; no field spans lines).
    static func line(ofItem index: Int) -> Int { index + 2 }

    /// The files to write: the CSV, or the workbooks.
    func files() throws -> [(String, Data)] {
        workbooks.isEmpty ? [(file, try data())] : workbooks.map { ($0.file, $0.data) }
    }

    func data() throws -> Data {
        var text = columns.map { Ledger.quoted($0.header) }.joined(separator: ",") + lineEnding
        for item in items {
            text += columns.map { Ledger.quoted($0.value(item)) }.joined(separator: ",") + lineEnding
        }
        return try Ledger.encode(text, encoding, file: file)
    }

    /// RFC 4180: quote only where needed, doubling quotes inside.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func encode(_ text: String, _ encoding: TextEncoding, file: String) throws -> Data {
        switch encoding {
        case .utf8: return Data(text.utf8)
        case .utf8WithBOM: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .gb18030:
            guard let data = text.data(using: TextEncoding.gb18030Foundation),
                String(data: data, encoding: TextEncoding.gb18030Foundation) == text,
                String(data: data, encoding: .utf8) == nil
            else { throw GeneratorError("\(file): GB18030 encoding does not round-trip on this platform") }
            return data
        }
    }
}

/// `1234` or, now and then, `1,234` as Excel shows a number with a thousands separator.
func formatNumber(_ value: Int, grouped: Bool) -> String {
    guard grouped, value >= 1000 else { return String(value) }
    let text = String(value)
    var result = ""
    for (offset, character) in text.enumerated() {
        if offset > 0, (text.count - offset) % 3 == 0 { result += "," }
        result.append(character)
    }
    return result
}
