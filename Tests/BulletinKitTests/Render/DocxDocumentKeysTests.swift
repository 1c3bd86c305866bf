import Foundation
import Testing

@testable import BulletinKit

/// The document keys of `bulletin.json` (SPEC §3): read, checked, and the 期数 counted.
@Suite struct DocxDocumentKeysTests {
    static func day(_ text: String) throws -> Day { try #require(Day(iso: text)) }

    /// `auto` counts the bulletin dates on or after the earliest start, this one included:
    /// - weekly from 2020-10-15 with the start 2020-01-01: 288 days = 41 weeks + 1 day, so the
    ///   dates back to 2020-01-02 are 41 earlier ones, and this is the 42nd;
    /// - every 14 days from 2020-10-15 with the start 2020-10-01: 10-15 and 10-01 (on the start
    ///   counts), not 09-17: 2;
    /// - monthly from 2020-03-31 with the start 2020-01-31: 03-31, 02-29 (clamped), 01-31: 3;
    /// - a bulletin dated before the start is still the first.
    @Test(arguments: [
        ("2020-10-15", Period.week, "2020-01-01", 42),
        ("2020-10-15", Period.days(14), "2020-10-01", 2),
        ("2020-03-31", Period.month, "2020-01-31", 3),
        ("2020-01-15", Period.week, "2020-03-01", 1),
    ])
    func automaticIssueNumber(asOf: String, period: Period, start: String, expected: Int) throws {
        var keys = DocumentKeys()
        keys.issueNumber = .auto
        #expect(
            keys.issueNumber(asOf: try Self.day(asOf), period: period, earliestStart: try Self.day(start))
                == expected)
        keys.issueNumber = .number(9)
        #expect(
            keys.issueNumber(asOf: try Self.day(asOf), period: period, earliestStart: try Self.day(start))
                == 9)
    }

    static func load(_ extra: String) throws(ConfigurationError) -> Configuration {
        // The keys go first in the top-level object; each `extra` ends with its comma.
        let base = housingConfiguration()
        guard let brace = base.firstIndex(of: "{") else { return try Configuration.load(from: Data(), file: "bulletin.json") }
        let text = base[...brace] + extra + base[base.index(after: brace)...]
        return try Configuration.load(from: Data(text.utf8), file: "bulletin.json")
    }

    @Test func keysAreRead() throws {
        let configuration = try Self.load(
            #""doc_no": "宛脱贫办〔2020〕45号", "issue_no": "auto", "cc": ["市委办公室", "市政府办公室"], "issued_on": "2020-10-16","#
        )
        #expect(configuration.document.docNo == "宛脱贫办〔2020〕45号")
        #expect(configuration.document.issueNumber == .auto)
        #expect(configuration.document.cc == ["市委办公室", "市政府办公室"])
        #expect(configuration.document.issuedOn == (try Self.day("2020-10-16")))
        #expect(try Self.load(#""issue_no": 12,"#).document.issueNumber == .number(12))
        #expect(try Self.load("").document == DocumentKeys())
        #expect(try Self.load(#""categories": {"C": "C级", "D": "D级"},"#).document.categoryLabels == ["C": "C级", "D": "D级"])
    }

    @Test(arguments: [
        (#""issue_no": "12","#, "issue_no", "whole number"),
        (#""issue_no": 0,"#, "issue_no", "from 1"),
        (#""cc": "市委办公室","#, "cc", "list of offices"),
        (#""cc": ["市委", 3],"#, "cc[1]", "non-empty string"),
        (#""issued_on": "2020/10/16","#, "issued_on", "YYYY-MM-DD"),
        (#""categories": ["C级"],"#, "categories", "object of labels"),
        (#""categories": {"C": 3},"#, "categories.C", "as a string"),
        (#""doc_no": 45,"#, "doc_no", "as a string"),
        (#""isued_on": "2020-10-16","#, "isued_on", "did you mean \"issued_on\""),
    ])
    func badKeysSayWhereAndWhat(extra: String, path: String, words: String) {
        do {
            _ = try Self.load(extra)
            Issue.record("\(extra) was accepted")
        } catch {
            let problem = error.problems.first { $0.path == path }
            #expect(problem?.message.description.contains(words) == true, "\(error.problems)")
        }
    }
}
