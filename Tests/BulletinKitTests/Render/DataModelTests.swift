import Foundation
import Testing

@testable import BulletinKit

/// `data.json` is the bulletin's model (SPEC §6.2): valid against the repository's
/// `data.schema.json`, the same numbers as `summary.csv`, and no display text.
struct DataModelTests {
    static let schemaURL = Repository.root.appendingPathComponent("data.schema.json")

    /// Builds an example and returns its output folder (kept alive by `folder`).
    func build(_ example: String, history: Bool = false, in folder: TemporaryFolder) throws -> URL {
        let out = folder.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: Repository.example(example), out: out, templates: Repository.templates.path,
                history: history))
        return out
    }

    func model(_ out: URL) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: out.appendingPathComponent("data.json")))
    }

    @Test(arguments: Repository.examples, [false, true])
    func everyExamplesModelIsValidAgainstTheSchema(_ example: String, history: Bool) throws {
        let folder = try TemporaryFolder()
        let out = try build(example, history: history, in: folder)
        let validator = JSONSchemaValidator(root: try JSONValue.parse(Data(contentsOf: Self.schemaURL)))
        let errors = validator.errors(in: try model(out))
        #expect(errors.isEmpty, "\(example): \(errors.prefix(10))")
    }

    /// The schema's `additionalProperties: false` and `required` bite on the real model: a stray
    /// display string, a missing figure and a status word that is not a code word all fail.
    @Test func theSchemaRejectsAModelWithAStrayOrMissingField() throws {
        let folder = try TemporaryFolder()
        let out = try build("xuchang", in: folder)
        let validator = JSONSchemaValidator(root: try JSONValue.parse(Data(contentsOf: Self.schemaURL)))
        let model = try model(out)
        var object = try #require(model.objectValue)

        var withText = object
        var bulletin = try #require(withText["bulletin"]?.objectValue)
        bulletin["as_of_text"] = "2020年11月20日"
        withText["bulletin"] = .object(bulletin)
        #expect(validator.errors(in: .object(withText)) == [#"/bulletin: the key "as_of_text" is not allowed"#])

        object["composite"] = .array([.object(JSONObject(["code": "411002", "rank": 1]))])
        #expect(validator.errors(in: .object(object)) == [#"/composite/0: the required key "score_pct" is missing"#])

        var indicators = try #require(model["indicators"]?.arrayValue)
        var indicator = try #require(indicators[0].objectValue)
        var root = try #require(indicator["root"]?.objectValue)
        root["figures"] = [[[1, 1, 100, 0, 0, 0, "已完成"]]]
        indicator["root"] = .object(root)
        indicators[0] = .object(indicator)
        var withWord = try #require(model.objectValue)
        withWord["indicators"] = .array(indicators)
        #expect(
            validator.errors(in: .object(withWord)) == [
                #"/indicators/0/root/figures/0/0/6: "已完成" is not one of the allowed values"#
            ])
    }

    /// The same documents checked by the Python `jsonschema` package, an implementation written
    /// by others, when the tools' Python has it; the schema itself is checked against the
    /// 2020-12 meta-schema.
    @Test(.enabled(if: PythonJSONSchema.python != nil, "skipped: no Python with jsonschema (BULLETIN_PYTHON or /tmp/bulletin-tools-venv/bin/python)"))
    func jsonschemaAgreesThatEveryExampleIsValid() throws {
        let python = try #require(PythonJSONSchema.python)
        let folder = try TemporaryFolder()
        var files: [String] = []
        for example in Repository.examples {
            let out = folder.url.appendingPathComponent(example)
            _ = try BuildJob.build(
                BuildJob.Request(dataset: Repository.example(example), out: out, templates: Repository.templates.path))
            files.append(out.appendingPathComponent("data.json").path)
        }
        let (status, output) = try PythonJSONSchema.run(python, schema: Self.schemaURL.path, files: files)
        #expect(status == 0, "\(output)")
        #expect(output.split(separator: "\n").filter { $0.hasSuffix(": valid") }.count == files.count, "\(output)")
    }

    /// A unit's figures worked out by hand from examples/nanyang/housing.csv: 宛城区 (411302) has
    /// 70 housing rows (no targets.csv line), 60 with a 竣工 date on or before 2020-10-15 and 58 by
    /// the previous bulletin 2020-10-08 (counted with a script that normalises the ledger's
    /// date formats, outside Bulletin). Time progress by days: 2020-03-01…2020-10-15 is 229 days
    /// of the 245 to 2020-10-31 → 229/245 = 93.469…% → 93.47. Rate 60/70 = 85.714…% → 85.71.
    /// Gap 60/70 − 229/245 = (14700 − 16030)/17150 = −7.755…pp → −7.76 (below 0, above −10:
    /// yellow). New since previous 60 − 58 = 2; rate change 2/70 = 2.857…pp → 2.86.
    /// Of its 70 rows, 16 are in 黄台岗镇 (411302105), 14 of them with a 竣工 date by
    /// 2020-10-15 and 13 by 2020-10-08 (the same script).
    @Test func aUnitsFiguresMatchTheHandWorkedValues() throws {
        let folder = try TemporaryFolder()
        let model = try model(try build("nanyang", in: folder))
        let indicator = try #require(model["indicators"]?.arrayValue?.first { $0["id"] == "housing" })
        #expect(indicator["stages"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["started", "completed"])
        let unit = try #require(indicator["units"]?.arrayValue?.first { $0["code"] == "411302" })
        #expect(unit["time_progress_pct"] == 93.47)
        #expect(unit["start"] == "2020-03-01")
        #expect(unit["deadline"] == "2020-10-31")
        // figures[1] is the completed stage; its first row is the whole, before C and D.
        let completed = try #require(unit["figures"]?.arrayValue?[1].arrayValue?.first)
        let fieldValues = try #require(model["figure_fields"]?.arrayValue)
        let fields = fieldValues.compactMap(\.stringValue)
        let row = Dictionary(uniqueKeysWithValues: zip(fields, try #require(completed.arrayValue)))
        #expect(row["target"] == 70)
        #expect(row["done"] == 60)
        #expect(row["rate_pct"] == 85.71)
        #expect(row["gap_pp"] == -7.76)
        #expect(row["new_since_previous"] == 2)
        #expect(row["rate_change_pp"] == 2.86)
        #expect(row["status"] == "yellow")
        // Its trend ends on the as-of date with the same done.
        #expect(unit["trend_done"]?.arrayValue?.last == 60)
        #expect(indicator["trend_dates"]?.arrayValue?.last == "2020-10-15")
        // Its window is the indicator's: its trend's time progress is the root's.
        #expect(unit["trend_time_progress_pct"] == .null)
        #expect(indicator["root"]?["trend_time_progress_pct"]?.arrayValue?.last == 93.47)
        // The township breakdown is aligned with the unit's townships in `units`.
        let units = try #require(model["units"]?.arrayValue)
        let wancheng = try #require(units.first { $0["code"] == "411302" })
        let townships = try #require(wancheng["townships"]?.arrayValue)
        let position = try #require(townships.firstIndex { $0["code"] == "411302105" })
        #expect(townships[position]["name"] == "黄台岗镇")
        #expect(model["township_fields"] == ["target", "done", "new_since_previous"])
        let counts = try #require(unit["townships"]?.arrayValue?[position].arrayValue)
        #expect(counts.count == 2)
        #expect(counts[1] == [16, 14, 1])
    }

    /// Every summary.csv row (checked against independently computed figures by
    /// IndependentSummaryTests) has the same numbers in data.json, and data.json has no row
    /// summary.csv lacks.
    @Test(arguments: Repository.examples)
    func everyFigureAgreesWithSummaryCSV(_ example: String) throws {
        let folder = try TemporaryFolder()
        let out = try build(example, in: folder)
        let model = try model(out)
        let summary = try CSV.parse(Data(contentsOf: out.appendingPathComponent("summary.csv")))
        let header = try #require(summary.first).map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
        #expect(header == SummaryCSV.header)
        // Every data.json row as summary.csv would print it, keyed by region, indicator, stage, category.
        var rows: [String: [String]] = [:]
        let rootCode = try #require(model["bulletin"]?["root"]?["code"]?.stringValue)
        for indicator in model["indicators"]?.arrayValue ?? [] {
            let id = try #require(indicator["id"]?.stringValue)
            let stages = indicator["stages"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            let categories = [""] + (indicator["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for region in [try #require(indicator["root"])] + (indicator["units"]?.arrayValue ?? []) {
                let code = try #require(region["code"]?.stringValue)
                let progress = try #require(region["time_progress_pct"]?.numberValue)
                let ranks = region["ranks"]?.arrayValue ?? []
                #expect((code == rootCode) == ranks.isEmpty)
                for (stage, lists) in zip(stages, region["figures"]?.arrayValue ?? []) {
                    for (categoryIndex, (category, figures)) in zip(categories, lists.arrayValue ?? []).enumerated() {
                        let cells = figures.arrayValue ?? []
                        try #require(cells.count == 7)
                        let hasTask = cells[2] != .null
                        func number(_ value: JSONValue) -> String {
                            value.numberValue.map { JSONValue.numberText($0) } ?? ""
                        }
                        let rank = stage == indicator["ranking_stage"]?.stringValue && !ranks.isEmpty
                            ? number(ranks[categoryIndex]) : ""
                        rows["\(code)|\(id)|\(stage)|\(category)"] =
                            hasTask
                            ? [cells[0], cells[1], cells[2], .number(progress), cells[3], cells[4], cells[5]].map(number)
                                + [rank, cells[6].stringValue ?? ""]
                            : Array(repeating: "", count: 8) + [cells[6].stringValue ?? ""]
                    }
                }
            }
        }
        var seen = 0
        for line in summary.dropFirst() where line.count == SummaryCSV.header.count {
            let key = "\(line[0])|\(line[2])|\(line[3])|\(line[4])"
            let row = try #require(rows[key], "data.json has no row for \(key)")
            // Numbers compared as numbers: summary.csv prints 100.00 where data.json's 100.00 reads back as 100.
            let expected = line[5...].map { cell in Double(cell).map { JSONValue.numberText($0) } ?? cell }
            #expect(row == Array(expected), "\(example) \(key)")
            seen += 1
        }
        #expect(seen == rows.count)
    }

    /// Display text stays in the templates' context: no formatted strings, links, labels or
    /// chart markup in the model.
    @Test(arguments: Repository.examples)
    func theModelHoldsNoDisplayText(_ example: String) throws {
        let folder = try TemporaryFolder()
        let out = try build(example, history: true, in: folder)
        var keys: Set<String> = []
        var strings: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for member in object.members {
                    keys.insert(member.key)
                    walk(member.value)
                }
            case .array(let elements): elements.forEach(walk)
            case .string(let text): strings.append(text)
            default: break
            }
        }
        walk(try model(out))
        #expect(keys.filter { $0.hasSuffix("_text") || $0.hasSuffix("href") || $0 == "labels" || $0.hasSuffix("_svg") }.isEmpty)
        #expect(!strings.contains { $0.contains("<svg") || $0.hasSuffix(".html") || $0.hasSuffix("%") })
        // Far smaller than the context it replaces (about 1 MB for nanyang); only the
        // ordinary whitespace-free form.
        let bytes = try Data(contentsOf: out.appendingPathComponent("data.json"))
        #expect(!bytes.contains(UInt8(ascii: "\t")))
        #expect(bytes.last == UInt8(ascii: "\n"))
    }
}

/// The tools' Python with the `jsonschema` package, when this machine has it.
enum PythonJSONSchema {
    static let python: URL? = {
        let path = EngineTools.python
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        let url = URL(fileURLWithPath: path)
        let status = try? run(url, arguments: ["-c", "import jsonschema"]).status
        return status == 0 ? url : nil
    }()

    /// Checks the schema against the meta-schema, then each file against the schema; prints
    /// `<file>: valid` or the first errors, and exits non-zero when any file is invalid.
    static func run(_ python: URL, schema: String, files: [String]) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            bad = 0
            for path in sys.argv[2:]:
                errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
                if errors:
                    bad += 1
                    print(path + ": " + "; ".join(e.json_path + " " + e.message for e in errors[:5]))
                else:
                    print(path + ": valid")
            sys.exit(1 if bad else 0)
            """
        return try run(python, arguments: ["-c", script, schema] + files)
    }

    private static func run(_ python: URL, arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
