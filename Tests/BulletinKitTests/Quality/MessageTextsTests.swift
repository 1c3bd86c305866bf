import Foundation
import Testing

@testable import BulletinKit

/// Findings' messages in the dataset's locale (SPEC §5, §7, §8; issue 17): every message key has
/// a template in every locale file, each template uses only the arguments the code gives it, and
/// the text is made the same way for every locale.
@Suite struct MessageTextsTests {
    typealias Key = Diagnostic.Message.Key

    /// The shipped locale files' `"messages"`, by locale.
    static let tables: [String: [String: String]] = {
        var tables: [String: [String: String]] = [:]
        for locale in Configuration.locales {
            let url = Repository.templates.appendingPathComponent("locales/\(locale).json")
            guard let data = FileManager.default.contents(atPath: url.path), let labels = try? JSONValue.parse(data),
                case .object(let messages)? = labels["messages"]
            else { continue }
            var table: [String: String] = [:]
            for member in messages.members { table[member.key] = member.value.stringValue }
            tables[locale] = table
        }
        return tables
    }()

    /// The MessageTexts of a shipped locale file.
    static func texts(_ locale: String) throws -> MessageTexts {
        MessageTexts(labels: try TemplateLocation.labels(in: Repository.templates, locale: locale))
    }

    /// Every key × every locale: the template is there, and its placeholders are among the
    /// arguments the key is given (`Message.init` checks that the code gives exactly those).
    @Test(arguments: Key.allCases, Configuration.locales)
    func everyKeyHasATemplateWithItsArguments(key: Key, locale: String) throws {
        let table = try #require(Self.tables[locale], "templates/locales/\(locale).json has no \"messages\"")
        let template = try #require(table[key.rawValue], "\(locale).json lacks messages.\(key.rawValue)")
        let unknown = Set(MessageTexts.placeholders(in: template)).subtracting(key.parameters)
        #expect(unknown.isEmpty, "\(locale).json messages.\(key.rawValue) uses \(unknown.sorted()), not given")
    }

    /// A key in a locale file that no code uses is a misspelling (or a leftover): the message
    /// it was meant for would silently fall back to English.
    @Test(arguments: Configuration.locales)
    func localeFilesHoldNoUnknownKeys(locale: String) throws {
        let table = try #require(Self.tables[locale])
        let known = Set(Key.allCases.map(\.rawValue))
        #expect(Set(table.keys).subtracting(known).sorted() == [])
    }

    /// en.json says exactly what the compiled-in fallback says, so English reads the same
    /// whether or not the locale files can be read.
    @Test(arguments: Key.allCases)
    func englishFileMatchesTheCompiledTemplates(key: Key) throws {
        #expect(Self.tables["en"]?[key.rawValue] == key.english)
    }

    /// Every argument a key is given is used by some locale: a parameter nobody shows is a
    /// value computed for nothing.
    @Test(arguments: Key.allCases)
    func everyArgumentIsShownSomewhere(key: Key) {
        let used = Set(Self.tables.values.flatMap { MessageTexts.placeholders(in: $0[key.rawValue] ?? "") })
        #expect(Set(key.parameters).subtracting(used).sorted() == [])
    }

    /// A Chinese template has none of the English template's words outside its placeholders:
    /// nothing was left untranslated (file names, options and the date forms may stay).
    @Test(arguments: Key.allCases, ["zh-Hans", "zh-Hant"])
    func chineseTemplatesAreChinese(key: Key, locale: String) throws {
        var template = try #require(Self.tables[locale]?[key.rawValue])
        for name in key.parameters { template = template.replacingOccurrences(of: "{\(name)}", with: "") }
        for word in ["is ", " the ", "not ", "expected", "found", "counted"] {
            #expect(!template.contains(word), "\(locale) messages.\(key.rawValue): \(template)")
        }
    }

    /// The issue's example, worked by hand: 竣工日期 2020-10-20 after the bulletin date 2020-10-15.
    @Test(arguments: [
        ("en", "竣工日期 2020-10-20 is after the bulletin date 2020-10-15; counted as not yet done"),
        ("zh-Hans", "竣工日期 2020-10-20 晚于通报日期 2020-10-15，计为未完成"),
        ("zh-Hant", "竣工日期 2020-10-20 晚於通報日期 2020-10-15，計為未完成"),
    ])
    func afterTheBulletinDateReadsInTheLocale(locale: String, expected: String) throws {
        let message = Diagnostic.Message(.afterAsOf, ["column": "竣工日期", "day": "2020-10-20", "as_of": "2020-10-15"])
        #expect(try Self.texts(locale).text(message) == expected)
    }

    /// A bad date cell, as the ledger check makes it: the column, the value quoted, the reason
    /// with the forms that would be right (SPEC §5's example).
    @Test func badDateNamesTheValueAndTheForms() throws {
        let row = Diagnostic.Message(
            .invalidValue,
            ["column": "开工日期", "value": LedgerRow.shown("2020-13-01"), "reason": .message(.init(.dateNotADate))])
        #expect(
            try Self.texts("zh-Hans").text(row)
                == "开工日期“2020-13-01”不是有效日期（应为 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日）")
        #expect(row.description == "开工日期 \"2020-13-01\" is not a date (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日)")
    }

    /// A name typed into a date column is described, never quoted, in every locale (SPEC §5.1):
    /// 张三 is a 2-character text.
    @Test(arguments: [
        ("en", "竣工日期 holds a 2-character text, which is not a date (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日)"),
        ("zh-Hans", "竣工日期（内容为2个字的文字）不是有效日期（应为 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日）"),
    ])
    func aNameIsDescribedNotQuoted(locale: String, expected: String) throws {
        let message = Diagnostic.Message(
            .invalidValue, ["column": "竣工日期", "value": LedgerRow.shown("张三"), "reason": .message(.init(.dateNotADate))])
        let text = try Self.texts(locale).text(message)
        #expect(text == expected)
        #expect(!text.contains("张三"))
    }

    /// A resident ID number is masked before it becomes an argument: 6 + 8 stars + 4.
    @Test(arguments: Configuration.locales)
    func anIDNumberIsMaskedInEveryLocale(locale: String) throws {
        let message = Diagnostic.Message(
            .duplicateID, ["column": "身份证号", "id": LedgerRow.shownID("41100219900101001X")])
        let text = try Self.texts(locale).text(message)
        #expect(text.contains("411002********001X"))
        #expect(!text.contains("41100219900101001X"))
    }

    /// Control characters in an argument are escaped when the message is made, whatever the
    /// template around them.
    @Test(arguments: Configuration.locales)
    func controlCharactersInArgumentsAreEscaped(locale: String) throws {
        let message = Diagnostic.Message(.placeEmpty, ["column": "乡镇\u{1B}[31m\u{202E}"])
        let text = try Self.texts(locale).text(message)
        #expect(text.contains("乡镇\\u{1B}[31m\\u{202E}"))
        #expect(!text.contains("\u{1B}"))
    }

    /// Lists are joined the locale's way: 、 in Chinese, a comma in English.
    @Test(arguments: [("en", "; closest: 城关镇, 城郊乡"), ("zh-Hans", "；最接近的是：城关镇、城郊乡")])
    func listsAreJoinedTheLocalesWay(locale: String, expected: String) throws {
        let message = Diagnostic.Message(.placeClosest, ["names": .list(["城关镇", "城郊乡"], joinedBy: .listComma)])
        #expect(try Self.texts(locale).text(message) == expected)
    }

    /// A brace that does not open an argument's name is text, not a placeholder.
    @Test func bracesThatAreNotPlaceholdersAreKept() {
        #expect(MessageTexts.placeholders(in: #"expected {"sum": "column"} or {name}, {x"#) == ["name"])
        #expect(Diagnostic.Message.plain(#"{"sum": "x"} {text}"#).description == #"{"sum": "x"} {text}"#)
    }

    /// A locale file without messages (a customised templates folder from before) falls back
    /// to English rather than printing keys.
    @Test func labelsWithoutMessagesFallBackToEnglish() {
        let texts = MessageTexts(labels: .object(JSONObject()))
        #expect(texts.isEmpty)
        #expect(texts.text(.init(.aliasEmpty)) == "the alias is empty")
        #expect(texts.severity(.warning) == "warning")
    }
}
