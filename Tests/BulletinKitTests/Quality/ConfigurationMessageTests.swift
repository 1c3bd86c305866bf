import Foundation
import Testing

@testable import BulletinKit

/// Configuration problems a clerk can act on: each names its JSON path, the value found and
/// what would be right.
@Suite struct ConfigurationMessageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var old: String
        var new: String
        var path: String
        var words: [String]
        var testDescription: String { "\(path): \(words.first ?? "")" }

        init(_ old: String, _ new: String, _ path: String, _ words: [String]) {
            self.old = old
            self.new = new
            self.path = path
            self.words = words
        }
    }

    /// Changes are made in the base configuration; `"start": "2020-03-01",` and `"measure_unit"`
    /// first occur in indicator 0, `"measure": { "sum": "people" }` is indicator 1's.
    static let start = "\"start\": \"2020-03-01\","
    static let period = "\"period\": \"week\","

    @Test(arguments: [
        Case(period, "\"period\": 0,", "period", ["from 1 to 366", "found 0"]),
        Case(period, "\"period\": \"weekly\",", "period", ["\"week\", \"month\"", "found \"weekly\""]),
        Case(
            period, period + "\"status\": {\"yellow_below_pp\": -5, \"red_below_pp\": 0},", "status",
            ["red_below_pp (0.00) must not be above yellow_below_pp (-5.00)"]),
        Case(
            period, period + "\"status\": {\"yellow_below_pp\": 0.123456},", "status.yellow_below_pp",
            ["0.123456 has more than 4 decimal places", "0.1235"]),
        Case(
            period, period + "\"status\": {\"red_below_pp\": \"-10\"},", "status.red_below_pp",
            ["found \"-10\"", "without quotes"]),
        Case(
            period, period + "\"status\": {\"red_below_pp\": -1e300},", "status.red_below_pp",
            ["out of range", "from -100 to 100"]),
        Case(
            period, period + "\"flags\": {\"top\": -1},", "flags.top",
            ["whole number from 0 to 999", "found -1"]),
        Case(period, period + "\"flags\": {\"bottm\": 3},", "flags.bottm", ["did you mean \"bottom\"?"]),
        Case(
            period, period + "\"locale\": \"fr\",", "locale", ["\"fr\" is not a supported locale", "zh-Hans"]),
        Case(
            period, period + "\"remarks\": \"按期完成\",", "remarks",
            ["expected an array of paragraphs, found a string"]),
        Case(
            period, period + "\"remarks\": [\"按期完成\", 3],", "remarks[1]",
            ["expected a string, found a number"]),
        Case(
            "\"root\": \"100\"", "\"root\": \"41a\"", "root", ["\"41a\" is not a region code", "\"411300\""]),
        Case("\"title\": \"示例市危房改造进度通报\"", "\"title\": \" \"", "title", ["must not be empty"]),
        Case("\"id\": \"housing\"", "\"id\": \"Housing\"", "indicators[0].id", ["\"Housing\"", "a-z, 0-9"]),
        Case(
            "\"id\": \"people\"", "\"id\": \"housing\"", "indicators[1].id",
            ["\"housing\" is used by an earlier indicator"]),
        Case(
            "\"ledger\": \"housing.csv\"", "\"ledger\": \"../housing.csv\"", "indicators[0].ledger",
            ["\"../housing.csv\" must be a file inside the dataset folder"]),
        Case(
            "\"measure\": { \"sum\": \"people\" }", "\"measure\": \"sum\"", "indicators[1].measure",
            ["expected \"count\" or {\"sum\": \"column\"}", "found \"sum\""]),
        Case(
            "\"measure\": { \"sum\": \"people\" }", "\"measure\": { \"summ\": \"people\" }",
            "indicators[1].measure.summ",
            ["did you mean \"sum\"?"]),
        Case(
            "{ \"id\": \"started\", \"title\": \"开工\", \"date\": \"started\" }",
            "{ \"id\": \"started\", \"title\": \"开工\" }",
            "indicators[0].stages[0]", ["missing required key \"date\""]),
        Case(
            "{ \"id\": \"completed\", \"title\": \"竣工\", \"date\": \"completed\" }",
            "{ \"id\": \"started\", \"title\": \"竣工\", \"date\": \"completed\" }",
            "indicators[0].stages[1].id",
            ["\"started\" is used by an earlier stage"]),
        Case(
            "\"deadline\": \"2020-10-31\"", "\"deadline\": \"2020-02-01\"", "indicators[0].deadline",
            ["2020-02-01 is before the start 2020-03-01"]),
        Case(
            start, start + "\"time_progress\": \"weeks\",", "indicators[0].time_progress",
            ["\"days\", \"months\" or a list", "found \"weeks\""]),
        Case(
            start, start + "\"time_progress\": [{\"date\": \"2020-06-30\", \"rate\": 1.5}],",
            "indicators[0].time_progress[0].rate",
            ["1.5 is out of range", "from 0 to 1"]),
        Case(
            start,
            start
                + "\"time_progress\": [{\"date\": \"2020-06-30\", \"rate\": 0.6}, {\"date\": \"2020-08-31\", \"rate\": 0.5}],",
            "indicators[0].time_progress[1].rate", ["0.5000 is below the previous milestone's rate 0.6000"]),
        Case(
            start, start + "\"time_progress\": [{\"date\": \"2020-02-01\", \"rate\": 0.5}],",
            "indicators[0].time_progress[0].date",
            ["2020-02-01 is not after the start 2020-03-01"]),
        Case(start, start + "\"weight\": 1e300,", "indicators[0].weight", ["out of range", "from 0 to 100"]),
        Case(start, start + "\"weight\": 1e-7,", "indicators[0].weight", ["more than 4 decimal places"]),
        Case(
            start, start + "\"encoding\": 8,", "indicators[0].encoding",
            ["expected a string, found 8", "\"8\""]),
        Case(
            "\"as_of\": \"2020-10-15\"", "\"as_of\": \"20201015\"", "as_of",
            ["\"20201015\" is not a date", "YYYY-MM-DD"]),
        Case(
            "\"deadline\": \"2020-10-31\"", "\"deadline\": \"20200-10-31\"", "indicators[0].deadline",
            ["\"20200-10-31\" is not a date"]),
    ])
    func problemNamesItsPathTheValueAndWhatWouldBeRight(_ test: Case) {
        var files = BaseDataset.files
        files.replace(test.old, with: test.new, in: "bulletin.json")
        do {
            _ = try Configuration.load(from: files["bulletin.json"] ?? Data(), file: "bulletin.json")
            Issue.record("loaded")
        } catch {
            let messages = error.problems.map { "\($0.path): \($0.message)" }
            #expect(
                error.problems.contains { problem in
                    problem.path == test.path && test.words.allSatisfy(problem.message.description.contains)
                }, "\(messages)")
            #expect(error.description.contains("bulletin.json: error: \(test.path): "))
        }
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        var files = BaseDataset.files
        files.replace("\"root\": \"100\"", with: "\"root\": 100", in: "bulletin.json")
        files.replace("\"deadline\"", with: "\"deadlne\"", in: "bulletin.json")
        files.replace("\"id\": \"people\"", with: "\"id\": \"People\"", in: "bulletin.json")
        #expect {
            try Configuration.load(from: files["bulletin.json"] ?? Data(), file: "bulletin.json")
        } throws: { error in
            let paths = (error as? ConfigurationError)?.problems.map(\.path) ?? []
            return paths == ["root", "indicators[0].deadlne", "indicators[1].id"]
        }
    }

    /// A key or value holding control characters is printed escaped, as ledger findings are.
    @Test func keysFromTheFileArePrintedSafely() {
        var files = BaseDataset.files
        files.replace(
            "\"period\": \"week\",", with: "\"period\": \"week\", \"x\\u001b[2J\": 1,", in: "bulletin.json")
        do {
            _ = try Configuration.load(from: files["bulletin.json"] ?? Data(), file: "bulletin.json")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains("unknown key \"x\\u{1B}[2J\""))
            #expect(!error.description.contains("\u{1B}"))
        }
    }

    /// `--as-of` is held to the same years as dates in the file (a year such as 0020 would also
    /// make monthly bulletins step back before year 1).
    @Test func anImplausibleAsOfOptionIsAConfigurationError() throws {
        let dataset = try BaseDataset.write()
        #expect {
            try Dataset.load(directory: dataset.url, asOf: Day(year: 20, month: 1, day: 15))
        } throws: { error in
            (error as? ConfigurationError)?.description
                == "error: --as-of 0020-01-15 is not a plausible bulletin date: the year must be from 1900 to 2199"
        }
    }
}
