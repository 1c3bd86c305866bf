import Foundation
import Testing

@testable import BulletinKit

/// The three locale files are complete: the same labels in each, and every label a template or
/// the code asks for is there (a missing one would show its path on the page).
struct LocaleTests {
    static let locales = ["zh-Hans", "zh-Hant", "en"]

    static func labels(_ locale: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: Repository.templates.appendingPathComponent("locales/\(locale).json")))
    }

    /// Dotted paths of every string in a label tree.
    static func paths(_ value: JSONValue, prefix: String = "") -> Set<String> {
        guard let object = value.objectValue else { return [prefix] }
        var result: Set<String> = []
        for key in object.keys {
            guard let child = object[key] else { continue }
            result.formUnion(paths(child, prefix: prefix.isEmpty ? key : prefix + "." + key))
        }
        return result
    }

    @Test func everyLocaleHasTheSameLabels() throws {
        let reference = Self.paths(try Self.labels("zh-Hans"))
        #expect(reference.count > 100)
        for locale in Self.locales.dropFirst() {
            let paths = Self.paths(try Self.labels(locale))
            #expect(paths.subtracting(reference).isEmpty, "\(locale) has extra labels: \(paths.subtracting(reference).sorted())")
            #expect(reference.subtracting(paths).isEmpty, "\(locale) lacks: \(reference.subtracting(paths).sorted())")
        }
    }

    @Test func everyLabelTheTemplatesUseExists() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Repository.templates.path)
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".md") }
        #expect(files.count >= 8)
        var used: Set<String> = []
        for file in files {
            let text = try String(contentsOf: Repository.templates.appendingPathComponent(file), encoding: .utf8)
            var rest = Substring(text)
            while let start = rest.range(of: "labels.") {
                let name = rest[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
                used.insert(String(name))
                rest = rest[start.upperBound...]
            }
        }
        #expect(used.contains("col.rate"))
        for locale in Self.locales {
            let paths = Self.paths(try Self.labels(locale))
            for label in used.sorted() { #expect(paths.contains(label), "\(locale) lacks labels.\(label)") }
        }
    }

    /// Status, severity and finding kinds come from the code, not the templates.
    @Test func everyStatusAndSeverityHasItsWords() throws {
        for locale in Self.locales {
            let paths = Self.paths(try Self.labels(locale))
            for status in ["complete", "overdue", "red", "yellow", "green", "no-task"] {
                #expect(paths.contains("status.\(status)") && paths.contains("status_symbol.\(status)"), "\(locale): \(status)")
            }
            for severity in ["error", "warning"] { #expect(paths.contains("severity.\(severity)")) }
            for phrase in ["overall", "no_task", "change_up", "change_down", "change_none", "change_new_only", "gap_ahead",
                "gap_behind", "gap_even", "flags", "complete", "overdue", "below_average", "behind", "none_behind",
                "name_with_rate", "list_separator", "sentence_separator", "quality", "quality_none"]
            {
                #expect(paths.contains("prose.\(phrase)"), "\(locale) lacks prose.\(phrase)")
            }
        }
    }
}

/// Every kind of ledger finding has a label in every locale, so the quality page never shows a
/// raw key such as `id-card` (the kinds of configuration, template and output problems are
/// never on that page).
@Suite struct FindingLabelTests {
    @Test(arguments: ["zh-Hans", "zh-Hant", "en"])
    func everyFindingKindIsLabelled(locale: String) throws {
        let data = try Data(contentsOf: Repository.templates.appendingPathComponent("locales/\(locale).json"))
        let labels = try JSONValue.parse(data)
        for kind in Finding.Kind.allCases where ![.configuration, .template, .output].contains(kind) {
            #expect(labels["finding"]?[kind.rawValue]?.stringValue?.isEmpty == false, "\(locale): finding.\(kind.rawValue)")
        }
    }
}
