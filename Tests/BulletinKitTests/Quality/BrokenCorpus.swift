import Foundation
import Testing

@testable import BulletinKit

/// One broken dataset: the base dataset with one fault, the exit status it must give (SPEC §8:
/// 1 for data errors, 2 for configuration errors) and the line a clerk must see — the location
/// as an editor reads it, then words of the message: the value found and what would be right.
struct BrokenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var status: Int32
    /// `file[:line[:column]]`, as printed before `: error:`; ending in `:`, only the start of the
    /// location (a column that is no use to work out by hand).
    var location: String
    var mentions: [String]
    var change: @Sendable (inout [String: Data]) -> Void

    var testDescription: String { name }

    /// Whether a printed line is at this case's location.
    func matches(_ line: String) -> Bool {
        location.hasSuffix(":")
            ? line.hasPrefix(location) && line.contains(": error: ") : line.hasPrefix(location + ": error: ")
    }

    /// A ledger row appended to the base ledger: it is line 8.
    static func row(
        _ name: String, _ row: String, _ location: String, _ mentions: [String]
    ) -> BrokenCase {
        BrokenCase(name: name, status: 1, location: location, mentions: mentions) {
            $0.append(line: row, to: "housing.csv")
        }
    }

    static func data(
        _ name: String, _ location: String, _ mentions: [String],
        _ change: @escaping @Sendable (inout [String: Data]) -> Void
    ) -> BrokenCase {
        BrokenCase(name: name, status: 1, location: location, mentions: mentions, change: change)
    }

    static func configuration(
        _ name: String, _ location: String, _ mentions: [String],
        _ change: @escaping @Sendable (inout [String: Data]) -> Void
    ) -> BrokenCase {
        BrokenCase(name: name, status: 2, location: location, mentions: mentions, change: change)
    }
}

/// The base ledger is 233 bytes: header 43, then rows of 39, 26, 33, 36, 23 and 33 bytes (each
/// with its line feed). A row appended to it starts at byte 233.
let baseLedgerBytes = 233

/// `h7,101,1,C,2020-04-01,` is 22 characters: a cell after it is column 6, starting at
/// character 23 and byte 233 + 22 = 255.
let rowPrefix = "h7,101,1,C,2020-04-01,"

enum BrokenCorpus {
    static let ledgerRows: [BrokenCase] = [
        .row(
            "one field too many", "h7,101,1,C,2020-04-01,2020-09-01,extra", "housing.csv:8",
            ["expected 6 fields", "found 7"]),
        .row(
            "one field too few", "h7,101,1,C,2020-04-01", "housing.csv:8", ["expected 6 fields", "found 5"]),
        .row(
            "region code not in regions.csv", "h7,555,1,C,2020-04-01,", "housing.csv:8:2",
            ["village \"555\"", "is not in regions.csv"]),
        .row(
            "code from another city", "h7,999001,1,C,2020-04-01,", "housing.csv:8:2",
            ["village \"999001\"", "is not under 示例市 (100)"]),
        .row(
            "row at the root itself", "h7,100,1,C,2020-04-01,", "housing.csv:8:2",
            ["village \"100\"", "is the root 示例市 itself", "a unit or a region below one"]),
        .row(
            "region code with a letter", "h7,10l,1,C,2020-04-01,", "housing.csv:8:2",
            ["village \"10l\"", "is not a region code"]),
        .row(
            "month 13", rowPrefix + "2020-13-01", "housing.csv:8:6",
            ["completed \"2020-13-01\"", "is not a date", "YYYY-MM-DD"]),
        .row(
            "February 30th", rowPrefix + "2020/2/30", "housing.csv:8:6",
            ["completed \"2020/2/30\"", "February has 29 days in 2020"]),
        .row(
            "measure in words", "h7,101,三,C,2020-04-01,", "housing.csv:8:3",
            ["people holds a 1-character text", "is not a number", "1234"]),
        .row(
            "negative measure", "h7,101,-2,C,2020-04-01,", "housing.csv:8:3",
            ["people \"-2\"", "is negative"]),
        .row(
            "empty measure", "h7,101,,C,2020-04-01,", "housing.csv:8:3",
            ["people is empty", "non-negative number"]),
        .row(
            "duplicate id", "h3,102,1,D,2020-04-01,", "housing.csv:8:1",
            ["hid \"h3\"", "appears on an earlier line", "unique"]),
        // The NUL is shown as an escape, not written raw to the terminal.
        .row(
            "NUL byte in a date", rowPrefix + "2020-09-0\u{0}", "housing.csv:8:6",
            ["completed holds", "is not a date"]),
        // 8 (h7,"101") is column 2 from character 4; the x after the closing quote is character 9.
        .row(
            "text after a closing quote", "h7,\"101\"x,1,C,2020-04-01,", "housing.csv:8:9",
            ["unexpected text after the closing quote"]),
        // A stray quote at character 4 of line 8 swallows the line end; the quote closing the
        // field is the one before x on line 9. The error points at where the field opened.
        .row(
            "stray quote over a line end", "h7,\"101,1,C,2020-04-01,\nh8,101,1,C,2020-04-01,\"x",
            "housing.csv:8:4", ["the quoted field opened here runs on to line 9, column 24", "missing or stray"]),
        // The quote opens at character 23 of line 8 and is never closed.
        .row(
            "unclosed quote at the end of the file", rowPrefix + "\"2020-09-01", "housing.csv:8:23",
            ["quoted field that starts here is never closed", "byte offset 255"]),
    ]

    static let ledgerFiles: [BrokenCase] = [
        // Six columns, the last renamed: fatal for the file, for each indicator reading it.
        .data(
            "missing required column", "housing.csv:1",
            ["missing required column \"completed\"", "did you mean \"complete\"?"]
        ) {
            $0.replace("grade,started,completed", with: "grade,started,complete", in: "housing.csv")
        },
        // 0xFF is neither UTF-8 nor GB18030: read as GB18030 (not UTF-8), it fails at byte 255.
        .data(
            "bytes neither UTF-8 nor GB18030", "housing.csv:8:23",
            ["not valid GB18030", "byte offset 255", "FF"]
        ) {
            $0.append(Data(rowPrefix.utf8) + Data([0xFF, 0x0A]), to: "housing.csv")
        },
        // 甲 in GB18030 is BC D7; `h7,101,1,` is 9 bytes, so BC is byte 233 + 9 = 242, column 10.
        .data(
            "GB18030 file forced as UTF-8", "housing.csv:8:10",
            ["not valid UTF-8", "byte offset 242", "BC", "\"encoding\": \"gb18030\""]
        ) {
            $0.replace(
                "\"ledger\": \"housing.csv\",", with: "\"ledger\": \"housing.csv\", \"encoding\": \"utf-8\",",
                in: "bulletin.json")
            $0.append(
                Data("h7,101,1,".utf8) + Data([0xBC, 0xD7]) + Data(",2020-04-01,\n".utf8), to: "housing.csv")
        },
        // A million digits are not a date; the message keeps its start and its reason.
        .data(
            "a 1 MB field", "housing.csv:8:6", ["completed holds a 1000000-digit number", "is a number, not a date"]
        ) {
            $0.append(
                Data((rowPrefix + String(repeating: "9", count: 1_000_000) + "\n").utf8), to: "housing.csv")
        },
        // Ten million digits pass the cap of a record (1 MiB, issue 18): the row is skipped without
        // being stored, at the byte past the cap — byte 1,048,577 of the line, all ASCII, so column
        // 1,048,577.
        .data("a 10 MB field", "housing.csv:8:1048577", ["longer than 1 MiB", "the record is skipped"]) {
            $0.append(
                Data((rowPrefix + String(repeating: "9", count: 10_000_000) + "\n").utf8), to: "housing.csv")
        },
        .data("empty ledger file", "housing.csv:1", ["the file is empty", "header line"]) {
            $0["housing.csv"] = Data()
        },
        .data("missing ledger file", "housing.csv", ["does not exist", "indicators: housing, people"]) {
            $0["housing.csv"] = nil
        },
    ]

    static let regions: [BrokenCase] = [
        .data("missing regions.csv", "regions.csv", ["no regions.csv", "code,name,parent"]) {
            $0["regions.csv"] = nil
        },
        // 101's parent becomes its own township 101001 (line 6), whose parent is 101.
        .data(
            "regions with a cycle", "regions.csv:3:3", ["101 甲县 is its own ancestor", "101 → 101001 → 101"]
        ) {
            $0.replace("101,甲县,100", with: "101,甲县,101001", in: "regions.csv")
        },
        .data(
            "unknown parent", "regions.csv:11:3", ["parent \"105\" of 104 丁县", "is not a code in this file"]
        ) {
            $0.append(line: "104,丁县,105", to: "regions.csv")
        },
        .data("duplicate code", "regions.csv:11:1", ["code 102 already appears on line 4"]) {
            $0.append(line: "102,乙县重复,100", to: "regions.csv")
        },
        .data("non-digit code", "regions.csv:11:1", ["code \"10X\" is not a region code", "digits"]) {
            $0.append(line: "10X,丁县,100", to: "regions.csv")
        },
        .data("regions row too short", "regions.csv:11", ["expected 3 fields", "found 2"]) {
            $0.append(line: "104,丁县", to: "regions.csv")
        },
        .data(
            "regions without a parent column", "regions.csv:1",
            ["missing required column \"parent\"", "\"parent_code\""]
        ) {
            $0.replace("code,name,parent", with: "code,name,parent_code", in: "regions.csv")
        },
        .data("root not in regions.csv", "regions.csv", ["the root 200", "100 示例市, 999 外市"]) {
            $0.replace("\"root\": \"100\"", with: "\"root\": \"200\"", in: "bulletin.json")
        },
    ]

    static func targets(_ text: String) -> @Sendable (inout [String: Data]) -> Void {
        { $0["targets.csv"] = Data(text.utf8) }
    }

    static let targets: [BrokenCase] = [
        .data(
            "target for an unknown indicator", "targets.csv:2:1",
            ["indicator \"housng\"", "did you mean \"housing\"?"],
            targets("indicator,region,target\nhousng,101,4\n")),
        .data(
            "target for a township", "targets.csv:2:2", ["region \"101001\" is 甲一镇", "(write 101)"],
            targets("indicator,region,target\nhousing,101001,4\n")),
        .data(
            "target in words", "targets.csv:2:3", ["target \"四\"", "is not a number"],
            targets("indicator,region,target\nhousing,101,四\n")),
        .data(
            "target given twice", "targets.csv:3:2", ["housing already has a target for 101 on line 2"],
            targets("indicator,region,target\nhousing,101,4\nhousing,101,5\n")),
        .data(
            "target deadline that does not exist", "targets.csv:2:5",
            ["deadline \"2020-11-31\"", "November has 30 days"],
            targets("indicator,region,target,start,deadline\nhousing,101,4,,2020-11-31\n")),
        .data(
            "target window ending before it starts", "targets.csv:2:5",
            ["ends (2020-03-31) before it starts (2020-04-01)"],
            targets("indicator,region,target,start,deadline\nhousing,101,4,2020-04-01,2020-03-31\n")),
        .data(
            "targets without a target column", "targets.csv:1",
            ["missing required column \"target\"", "the header has \"indicator\", \"region\", \"plan\""],
            targets("indicator,region,plan\nhousing,101,4\n")),
        .data(
            "targets row too long", "targets.csv:2", ["expected 3 fields", "found 4"],
            targets("indicator,region,target\nhousing,101,4,5\n")),
    ]

    static let configuration: [BrokenCase] = [
        .configuration(
            "misspelt key", "bulletin.json",
            ["indicators[0].deadlne: unknown key \"deadlne\"", "did you mean \"deadline\"?"]
        ) {
            $0.replace("\"deadline\"", with: "\"deadlne\"", in: "bulletin.json")
        },
        .configuration(
            "misspelt top-level key", "bulletin.json",
            ["titel: unknown key \"titel\"", "did you mean \"title\"?"]
        ) {
            $0.replace("\"title\": \"示例市", with: "\"titel\": \"示例市", in: "bulletin.json")
        },
        .configuration("wrong JSON type", "bulletin.json", ["root: expected a string, found 100", "\"100\""])
        {
            $0.replace("\"root\": \"100\"", with: "\"root\": 100", in: "bulletin.json")
        },
        // Without the comma after as_of (line 5), reading stops at "period", line 6 column 3.
        .configuration(
            "missing comma", "bulletin.json:6:3", ["not valid JSON", "comma missing at the end of line 5"]
        ) {
            $0.replace("\"as_of\": \"2020-10-15\",", with: "\"as_of\": \"2020-10-15\"", in: "bulletin.json")
        },
        // A comma after the last stage (line 18): reading stops at the ] of line 19, column 7.
        .configuration(
            "trailing comma", "bulletin.json:19:7", ["not valid JSON", "no comma before a closing"]
        ) {
            $0.replace("\"completed\" }\n      ],", with: "\"completed\" },\n      ],", in: "bulletin.json")
        },
        .configuration("missing bulletin.json", "bulletin.json", ["no bulletin.json in", "bulletin init"]) {
            $0["bulletin.json"] = nil
        },
        .configuration("missing required key", "bulletin.json", ["missing required key \"root\""]) {
            $0.replace("\"root\": \"100\",", with: "", in: "bulletin.json")
        },
        .configuration(
            "unsupported encoding", "bulletin.json",
            ["indicators[0].encoding: \"latin1\" is not supported", "\"gb18030\""]
        ) {
            $0.replace(
                "\"ledger\": \"housing.csv\",",
                with: "\"ledger\": \"housing.csv\", \"encoding\": \"latin1\",", in: "bulletin.json")
        },
        .configuration(
            "rank_by not a stage", "bulletin.json",
            ["indicators[0].rank_by: \"complete\"", "did you mean \"completed\"?"]
        ) {
            $0.replace(
                "\"start\": \"2020-03-01\",", with: "\"rank_by\": \"complete\", \"start\": \"2020-03-01\",",
                in: "bulletin.json")
        },
        .configuration(
            "as_of not a date", "bulletin.json", ["as_of: \"2020-13-01\" is not a date", "YYYY-MM-DD"]
        ) {
            $0.replace("\"2020-10-15\"", with: "\"2020-13-01\"", in: "bulletin.json")
        },
        .configuration(
            "mistyped year", "bulletin.json",
            ["indicators[0].start: \"0202-03-01\" is not a plausible date", "1900"]
        ) {
            $0.replace("\"2020-03-01\"", with: "\"0202-03-01\"", in: "bulletin.json")
        },
        .configuration(
            "weight below zero", "bulletin.json",
            ["indicators[0].weight: -1 is out of range", "from 0 to 100"]
        ) {
            $0.replace(
                "\"start\": \"2020-03-01\",", with: "\"weight\": -1, \"start\": \"2020-03-01\",",
                in: "bulletin.json")
        },
        // 示例市 in GB18030: the string read as UTF-8 is not text; reading stops on line 2.
        .configuration(
            "bulletin.json saved in GB18030", "bulletin.json:2:",
            ["the string is not valid UTF-8", "save bulletin.json as UTF-8"]
        ) {
            let text = String(decoding: $0["bulletin.json"] ?? Data(), as: UTF8.self)
            let parts = text.components(separatedBy: "示例市")
            $0["bulletin.json"] =
                Data(parts[0].utf8) + Data([0xCA, 0xBE, 0xC0, 0xFD, 0xCA, 0xD0])
                + Data(parts.dropFirst().joined(separator: "示例市").utf8)
        },
    ]

    static let all = ledgerRows + ledgerFiles + regions + targets + configuration
}
