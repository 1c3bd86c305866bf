import Foundation
import Testing

@testable import BulletinKit

/// Bounded property tests: seeded random inputs, each run a fixed number of times, must give
/// findings or documented errors with sane positions — never a crash or a runtime trap.
@Suite struct FuzzTests {
    // MARK: CSV

    static let csvCases = 4000
    static let chunkSizes = [1, 2, 3, 5, 8]

    /// A random CSV input: pieces strung together, or the base ledger mutated.
    static func csvInput(_ generator: inout SeededGenerator) -> [UInt8] {
        if generator.chance(1, in: 2) {
            return (0..<generator.below(40)).flatMap { _ in generator.pick(csvPieces) }
        }
        return mutate(Array(BaseDataset.ledger.utf8), count: 6, pieces: csvPieces, using: &generator)
    }

    /// What reading `bytes` gives: the records, or the error's position.
    enum Outcome: Equatable {
        case records([[String]])
        case error(line: Int, column: Int, byteOffset: Int?)
    }

    static func read(_ bytes: [UInt8], encoding: TextEncoding?, chunkSize: Int) -> Outcome {
        do {
            let records = try readAll(bytes, encoding: encoding, chunkSize: chunkSize)
            return .records(records.map(\.fields))
        } catch {
            return .error(line: error.line, column: error.column, byteOffset: error.byteOffset)
        }
    }

    /// An error's line and column lie in the input: line 1…(physical lines), column 1…(that
    /// line's length + 1, characters being at most bytes), byte offset inside the input.
    static func expectSanePosition(
        _ line: Int, _ column: Int, _ byteOffset: Int?, in bytes: [UInt8], case number: Int
    ) {
        let lengths = physicalLineLengths(bytes)
        let check = {
            #expect(line >= 1 && line <= lengths.count, "case \(number): line \(line) of \(lengths.count)")
            if line >= 1 && line <= lengths.count {
                #expect(
                    column >= 1 && column <= lengths[line - 1] + 1,
                    "case \(number): column \(column) on a line of \(lengths[line - 1]) bytes")
            }
        }
        check()
        if let byteOffset {
            #expect(
                byteOffset >= 0 && byteOffset < bytes.count,
                "case \(number): byte offset \(byteOffset) of \(bytes.count)")
        }
    }

    /// `CSV.parse` returns records or throws `CSVError` at a position inside the input.
    @Test func csvParseNeverCrashes() {
        var generator = SeededGenerator(seed: 0xB011E7)
        var errors = 0
        for number in 0..<Self.csvCases {
            let bytes = Self.csvInput(&generator)
            do {
                let records = try CSV.parse(Data(bytes))
                // Each record starts on its own physical line.
                #expect(records.count <= physicalLineLengths(bytes).count, "case \(number)")
            } catch let error as CSVError {
                errors += 1
                Self.expectSanePosition(error.line, error.column, error.byteOffset, in: bytes, case: number)
                #expect(!error.reason.isEmpty)
            } catch {
                Issue.record("case \(number): \(type(of: error)) is not a CSVError")
            }
        }
        // Both outcomes were exercised.
        #expect(errors > Self.csvCases / 10 && errors < Self.csvCases * 9 / 10)
    }

    /// The streaming reader gives the same records, or the same error at the same place, whatever
    /// the chunk size and whether the encoding is detected or forced.
    @Test func csvReaderAgreesAcrossChunkSizesAndEncodings() {
        var generator = SeededGenerator(seed: 0xC5F)
        for number in 0..<Self.csvCases / 4 {
            let bytes = Self.csvInput(&generator)
            for encoding in [nil, TextEncoding.utf8, .gb18030] {
                let whole = Self.read(bytes, encoding: encoding, chunkSize: 1 << 20)
                if case .error(let line, let column, let byteOffset) = whole {
                    Self.expectSanePosition(line, column, byteOffset, in: bytes, case: number)
                }
                for chunkSize in Self.chunkSizes {
                    let chunked = Self.read(bytes, encoding: encoding, chunkSize: chunkSize)
                    #expect(
                        chunked == whole,
                        "case \(number), \(encoding?.rawValue ?? "detected"), chunk size \(chunkSize)")
                }
            }
        }
    }

    // MARK: Configuration

    static let configurationCases = 2000

    /// A random JSON value of the kinds a clerk might type where another was meant.
    static func randomValue(_ generator: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        switch generator.below(depth > 1 ? 4 : 6) {
        case 0:
            return .string(
                generator.pick([
                    "", " ", "count", "week", "month", "days", "utf-8", "gb18030", "2020-10-15", "2020-13-01",
                    "0202-03-01", "9999-12-31", "411300", "housing.csv", "../housing.csv", "started",
                    "completed",
                    "县", "<b>县</b>", "\u{0}\u{1B}[31m", String(repeating: "长", count: 3000),
                ]))
        case 1:
            return .number(
                generator.pick([
                    0, 1, -1, 3, 7, 100, 366, 367, 999, 1000, 2.5, 0.35, 1e-7, 0.123456789, -100.5, 1e15,
                    1e300, -1e300,
                ]))
        case 2: return .bool(generator.chance(1, in: 2))
        case 3: return .null
        case 4: return .array((0..<generator.below(3)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<generator.below(3) {
                object[generator.pick(["sum", "date", "rate", "id", "title", "top", "x"])] = randomValue(
                    &generator, depth: depth + 1)
            }
            return .object(object)
        }
    }

    /// Every path to a node of `value`, as `Configuration` writes paths (`indicators[0].id`).
    static func paths(of value: JSONValue, at path: String = "") -> [String] {
        var result = [path]
        switch value {
        case .object(let object):
            for (key, member) in object.members {
                result += paths(of: member, at: path.isEmpty ? key : "\(path).\(key)")
            }
        case .array(let array):
            for (index, element) in array.enumerated() {
                result += paths(of: element, at: "\(path)[\(index)]")
            }
        default: break
        }
        return result
    }

    /// `value` with the node at `path` changed by `change` (nil removes a member).
    static func updating(_ value: JSONValue, at path: [PathStep], _ change: (JSONValue) -> JSONValue?)
        -> JSONValue?
    {
        guard let step = path.first else { return change(value) }
        switch (value, step) {
        case (.object(var object), .key(let key)):
            guard let member = object[key] else { return value }
            object[key] = updating(member, at: Array(path.dropFirst()), change)
            return .object(object)
        case (.array(var array), .index(let index)) where array.indices.contains(index):
            if let element = updating(array[index], at: Array(path.dropFirst()), change) {
                array[index] = element
            } else {
                array.remove(at: index)
            }
            return .array(array)
        default: return value
        }
    }

    enum PathStep: Equatable {
        case key(String)
        case index(Int)
    }

    /// `indicators[0].stages[1].id` as steps; keys here are made of letters and `_` only.
    static func steps(_ path: String) -> [PathStep] {
        var steps: [PathStep] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { steps.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    steps.append(.index(Int(rest[rest.index(after: rest.startIndex)..<close]) ?? -1))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        return steps
    }

    /// A typo of `key`: a letter dropped, doubled or swapped with the next.
    static func typo(_ key: String, _ generator: inout SeededGenerator) -> String {
        var characters = Array(key)
        guard characters.count > 1 else { return key + "s" }
        let index = generator.below(characters.count - 1)
        switch generator.below(3) {
        case 0: characters.remove(at: index)
        case 1: characters.insert(characters[index], at: index)
        default: characters.swapAt(index, index + 1)
        }
        return String(characters)
    }

    /// A random structural change: a value of another kind, a key misspelt, removed or added.
    static func configurationMutation(_ json: JSONValue, _ generator: inout SeededGenerator) -> JSONValue {
        let all = paths(of: json)
        let path = generator.pick(all)
        let steps = steps(path)
        switch generator.below(4) {
        case 0:
            return updating(json, at: steps) { _ in randomValue(&generator) } ?? json
        case 1, 2:
            // Misspell, remove or add a key of the object holding this node.
            guard case .key(let key)? = steps.last else { return json }
            return updating(json, at: Array(steps.dropLast())) { parent in
                guard case .object(var object) = parent, let member = object[key] else { return parent }
                object[key] = nil
                if generator.chance(2, in: 3) { object[typo(key, &generator)] = member }
                return .object(object)
            } ?? json
        default:
            return updating(json, at: steps) { node in
                guard case .object(var object) = node else { return node }
                object[
                    generator.pick([
                        "weight", "encoding", "rank_by", "time_progress", "flags", "status", "period",
                        "extra",
                    ])] =
                    randomValue(&generator)
                return .object(object)
            } ?? json
        }
    }

    /// Checks one configuration text: it loads, or every problem is located sanely — a JSON
    /// path that names a node of the document (the object holding a missing key), or a line and
    /// column inside the text.
    static func expectSaneLoad(_ data: Data, document: JSONValue?, case number: Int) {
        do {
            _ = try Configuration.load(from: data, file: "bulletin.json")
        } catch {
            #expect(!error.problems.isEmpty, "case \(number)")
            let known = document.map { Set(paths(of: $0)) }
            let lineCount = String(decoding: data, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false
            ).count
            for problem in error.problems {
                #expect(!problem.message.description.isEmpty)
                if let known {
                    #expect(
                        known.contains(problem.path), "case \(number): \(problem.path) is not in the document"
                    )
                }
                if let line = problem.line {
                    #expect(line >= 1 && line <= max(lineCount, 1), "case \(number): line \(line)")
                    #expect((problem.column ?? 0) >= 1, "case \(number): column")
                }
            }
            #expect(!error.description.isEmpty)
        }
    }

    @Test func configurationLoaderNeverCrashesOnChangedValuesAndKeys() throws {
        let base = try JSONValue.parse(BaseDataset.configuration)
        var generator = SeededGenerator(seed: 0xC0F1)
        var failures = 0
        for number in 0..<Self.configurationCases {
            var json = base
            for _ in 0..<(1 + generator.below(3)) { json = Self.configurationMutation(json, &generator) }
            let data = Data(json.jsonText().utf8)
            do {
                _ = try Configuration.load(from: data, file: "bulletin.json")
            } catch {
                failures += 1
            }
            Self.expectSaneLoad(data, document: json, case: number)
        }
        #expect(failures > Self.configurationCases / 2)
    }

    @Test func configurationLoaderNeverCrashesOnBrokenText() {
        let jsonPieces: [[UInt8]] = [
            Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("]".utf8), Array(",".utf8),
            Array(":".utf8),
            Array("\"".utf8), Array("\\".utf8), Array("\\u12".utf8), Array("\\uD800".utf8), Array("-".utf8),
            Array("0".utf8), Array("1e999".utf8), Array("true".utf8), Array("nul".utf8), Array("\n".utf8),
            [0xEF, 0xBB, 0xBF], [0xFF], [0x00], [0xCA, 0xBE],
        ]
        var generator = SeededGenerator(seed: 0x7E47)
        for number in 0..<Self.configurationCases {
            let bytes = mutate(
                Array(BaseDataset.configuration.utf8), count: 4, pieces: jsonPieces, using: &generator)
            Self.expectSaneLoad(Data(bytes), document: try? JSONValue.parse(Data(bytes)), case: number)
        }
    }

    // MARK: Whole datasets

    static let datasetCases = 300

    /// Broken ledgers, regions and targets together, through the whole check: findings in the
    /// dataset's files at lines that exist, or a documented failure — never a crash.
    @Test func checkingBrokenDatasetsNeverCrashes() throws {
        var generator = SeededGenerator(seed: 0xDA7A)
        let targets =
            "indicator,region,target,start,deadline\nhousing,101,4,2020-03-01,2020-10-31\npeople,102,6,,\n"
        // One folder, its files rewritten for each case.
        let dataset = try TemporaryDataset(files: [:])
        for number in 0..<Self.datasetCases {
            var files = BaseDataset.files
            files["targets.csv"] = Data(targets.utf8)
            let name = generator.pick(["housing.csv", "housing.csv", "regions.csv", "targets.csv"])
            if generator.chance(1, in: 10) {
                files[name] = Data(
                    (0..<generator.below(300)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            } else {
                files[name] = Data(
                    mutate(Array(files[name] ?? Data()), count: 5, pieces: csvPieces, using: &generator))
            }
            for (file, contents) in files { try dataset.write(contents, to: file) }
            var findings: [Finding] = []
            do {
                findings = try BuildJob.check(dataset: dataset.url, asOf: nil).quality.findings
            } catch {
                if case .data(let quality) = error { findings = quality.findings }
            }
            for finding in findings {
                let lines = physicalLineLengths(Array(files[finding.file] ?? Data())).count
                #expect(files[finding.file] != nil, "case \(number): \(finding)")
                #expect((finding.line ?? 1) <= lines, "case \(number): \(finding)")
            }
        }
    }
}
