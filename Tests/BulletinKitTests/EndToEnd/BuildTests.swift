import Foundation
import Testing

@testable import BulletinKit

/// Whole builds of the example datasets, as a user runs them.
struct BuildTests {
    func build(_ example: String, into out: URL, history: Bool = false, locale: String? = nil) throws
        -> BuildJob.Outcome
    {
        try BuildJob.build(
            BuildJob.Request(
                dataset: Repository.example(example), out: out, templates: Repository.templates.path,
                locale: locale,
                history: history))
    }

    /// The units of a dataset counted from its regions.csv: rows whose parent is the root.
    func unitCodes(_ example: String) throws -> [String] {
        let rows = try CSV.parse(
            Data(contentsOf: Repository.example(example).appendingPathComponent("regions.csv")))
        let root = try #require(rows.dropFirst().first { $0[2].isEmpty })[0]
        return rows.dropFirst().filter { $0[2] == root }.map { $0[0] }
    }

    @Test(arguments: Repository.examples)
    func twoBuildsGiveIdenticalBytes(_ example: String) throws {
        let folder = try TemporaryFolder()
        let first = folder.url.appendingPathComponent("first")
        let second = folder.url.appendingPathComponent("second")
        _ = try build(example, into: first)
        _ = try build(example, into: second)
        let a = try filesBelow(first)
        let b = try filesBelow(second)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a { #expect(b[path] == bytes, "\(path) differs between two builds") }
    }

    /// The manifest lists every input file of the dataset with its size and SHA-256, the ledgers'
    /// hashed while they were scanned and the other files afterwards: each digest and size is
    /// the file's own, computed here separately.
    @Test(arguments: Repository.examples)
    func manifestHoldsEachInputsSizeAndDigest(_ example: String) throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out")
        _ = try build(example, into: out)
        let manifest = try JSONValue.parse(Data(contentsOf: out.appendingPathComponent("manifest.json")))
        let inputs = manifest["inputs"]?.arrayValue ?? []
        let dataset = Repository.example(example)
        // Ledgers may be workbooks in a folder (`危房改造/*.xlsx`, SPEC §2.4).
        let expected = try #require(FileManager.default.subpaths(atPath: dataset.path)).filter {
            $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") || $0 == "bulletin.json"
        }
        #expect(Set(inputs.compactMap { $0["file"]?.stringValue }) == Set(expected))
        for input in inputs {
            let file = try #require(input["file"]?.stringValue)
            let path = dataset.appendingPathComponent(file).path
            let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
            #expect(input["bytes"]?.numberValue == Double(size), "\(example)/\(file)")
            #expect(input["sha256"]?.stringValue == (try SHA256.hexDigest(ofFileAt: path)), "\(example)/\(file)")
        }
    }

    /// Ledgers read on several threads and pages written on several give the bytes of a build on
    /// one thread, with history pages too (the examples have two or three ledgers each).
    @Test(arguments: Repository.examples)
    func threadsDoNotChangeTheBytes(_ example: String) throws {
        let folder = try TemporaryFolder()
        var outputs: [[String: Data]] = []
        for threads in [1, 2, 4] {
            let out = folder.url.appendingPathComponent("threads-\(threads)")
            var request = BuildJob.Request(
                dataset: Repository.example(example), out: out, templates: Repository.templates.path,
                history: true)
            request.threads = threads
            _ = try BuildJob.build(request)
            outputs.append(try filesBelow(out))
        }
        for other in outputs.dropFirst() {
            #expect(other.keys.sorted() == outputs[0].keys.sorted())
            for (path, bytes) in outputs[0] {
                #expect(other[path] == bytes, "\(path) differs with more threads")
            }
        }
    }

    /// The build reports its stages in order, each started before it finishes, every ledger row
    /// read (nanyang's manifest counts them) and every file written.
    @Test func buildEventsFollowTheStages() throws {
        let folder = try TemporaryFolder()
        let events = EventLog()
        var request = BuildJob.Request(
            dataset: Repository.example("nanyang"), out: folder.url.appendingPathComponent("out"),
            templates: Repository.templates.path)
        request.progress = { events.append($0) }
        let outcome = try BuildJob.build(request)
        let stages = events.all.compactMap { event -> String? in
            switch event {
            case .started(let stage): "+" + stage.rawValue
            case .finished(let stage): "-" + stage.rawValue
            default: nil
            }
        }
        #expect(
            stages == [
                "+load", "-load", "+scan", "-scan", "+aggregate", "-aggregate", "+render", "-render",
                "+commit", "-commit",
            ])
        let reads = events.all.compactMap { event -> (Int, Int, Int)? in
            if case .read(let rows, let bytes, let total) = event { (rows, bytes, total) } else { nil }
        }
        let manifest = try JSONValue.parse(
            Data(contentsOf: folder.url.appendingPathComponent("out/manifest.json")))
        let ledgers = (manifest["inputs"]?.arrayValue ?? []).filter { $0["encoding"] != nil }
        let rows = ledgers.compactMap { $0["rows"]?.numberValue.map { Int($0) } }.reduce(0, +)
        let bytes = ledgers.compactMap { $0["bytes"]?.numberValue.map { Int($0) } }.reduce(0, +)
        #expect(rows > 10_000)
        #expect(reads.last?.0 == rows)
        #expect(reads.last?.1 == bytes)
        #expect(reads.allSatisfy { $0.2 == bytes })
        let writes = events.all.compactMap { event -> (Int, Int)? in
            if case .wrote(let files, let total) = event { (files, total) } else { nil }
        }
        // Every page counts once; the manifest, written last, is in the total but not a page.
        #expect(writes.map(\.0).sorted() == Array(1..<outcome.filesWritten))
        #expect(writes.allSatisfy { $0.1 == outcome.filesWritten })
    }

    @Test(arguments: Repository.examples)
    func everyUnitAndIndicatorHasItsPage(_ example: String) throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out")
        let outcome = try build(example, into: out)
        let files = try filesBelow(out)
        let units = try unitCodes(example)
        let configuration =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Repository.example(example).appendingPathComponent("bulletin.json")))
            as? [String: Any]
        let indicators = try #require(configuration?["indicators"] as? [[String: Any]]).compactMap {
            $0["id"] as? String
        }
        for code in units { #expect(files["units/\(code).html"] != nil, "no page for unit \(code)") }
        for id in indicators { #expect(files["indicators/\(id).html"] != nil, "no page for indicator \(id)") }
        for name in [
            "index.html", "quality.html", "briefing.md", "data.json", "summary.csv", "manifest.json",
            ".bulletin-output",
        ] {
            #expect(files[name] != nil, "no \(name)")
        }
        // The marker is not counted as a written file; everything else is.
        #expect(outcome.filesWritten == files.count - 1)
        #expect(files.keys.filter { $0.hasPrefix("units/") }.count == units.count)
    }

    @Test(arguments: Repository.examples)
    func pagesHoldNoLeftoverTagsAndNameEveryUnit(_ example: String) throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out")
        _ = try build(example, into: out)
        let files = try filesBelow(out)
        for (path, bytes) in files where path.hasSuffix(".html") || path.hasSuffix(".md") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("{{"), "\(path) has a leftover Mustache tag")
            #expect(!text.contains("labels."), "\(path) has a label path instead of its text")
        }
        let regions = try CSV.parse(
            Data(contentsOf: Repository.example(example).appendingPathComponent("regions.csv")))
        let names = Dictionary(regions.dropFirst().map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        let briefing = String(decoding: try #require(files["briefing.md"]), as: UTF8.self)
        for code in try unitCodes(example) {
            let name = try #require(names[code])
            #expect(index.contains(name), "index.html does not name \(name)")
            #expect(briefing.contains(name), "briefing.md does not name \(name)")
        }
    }

    /// Pages rendered in parallel are the same bytes as pages rendered one by one in order.
    @Test func parallelPagesEqualSequentialRendering() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out")
        _ = try build("nanyang", into: out)
        let bulletin = try BuildJob.check(dataset: Repository.example("nanyang"), asOf: nil)
        let templates = try TemplateLibrary(directory: Repository.templates)
        let labels = try TemplateLocation.labels(
            in: Repository.templates, locale: bulletin.configuration.locale)
        // As bytes: briefing.docx and summary.xlsx are not text.
        let sequential = try Site(bulletin: bulletin, templates: templates, labels: labels).pages().map {
            (path: $0.path, contents: Data(try $0.bytes()))
        }
        let written = try filesBelow(out)
        for file in sequential {
            #expect(written[file.path] == file.contents, "\(file.path) differs")
        }
        #expect(sequential.count == written.count - 2)  // the marker and the manifest are not pages
    }

    /// Nanyang's campaign starts 2020-01-01 and its bulletin is weekly as of 2020-10-15: the
    /// earlier bulletins are 2020-10-08 back to 2020-01-02 (= 2020-10-15 − 41 × 7 days; one more
    /// week would be 2019-12-26, before the start), so 41 folders.
    @Test func historyHoldsEveryEarlierWeek() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out")
        _ = try build("nanyang", into: out, history: true)
        let files = try filesBelow(out)
        let dates = Set(files.keys.filter { $0.hasPrefix("history/2") }.map { $0.split(separator: "/")[1] })
        #expect(dates.count == 41)
        #expect(dates.contains("2020-10-08") && dates.contains("2020-01-02") && !dates.contains("2019-12-26"))
        for date in dates {
            #expect(files["history/\(date)/index.html"] != nil && files["history/\(date)/briefing.md"] != nil)
        }
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("history/2020-10-08/index.html"), "the index links to last week's bulletin")
        let archive = String(decoding: try #require(files["history/index.html"]), as: UTF8.self)
        #expect(archive.contains("2020-01-02/index.html"))
    }

    @Test(arguments: ["zh-Hans", "zh-Hant", "en"])
    func everyLocaleBuildsWithItsLanguage(_ locale: String) throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out")
        _ = try build("xuchang", into: out, locale: locale)
        let index = String(decoding: try #require(try filesBelow(out)["index.html"]), as: UTF8.self)
        #expect(index.contains("<html lang=\"\(locale)\">"))
        // The as-of date written the locale's way.
        let date = try BuildJob.check(dataset: Repository.example("xuchang"), asOf: nil).asOf
        let (year, month, day) = date.components
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let expected = locale == "en" ? "\(months[month - 1]) \(day), \(year)" : "\(year)年\(month)月\(day)日"
        #expect(index.contains(expected))
    }

    @Test(arguments: Repository.examples)
    func checkPrintsWarningsAndExitsZero(_ example: String) throws {
        let bulletin = try BuildJob.check(dataset: Repository.example(example), asOf: nil)
        #expect(bulletin.quality.errorCount == 0)
        #expect(bulletin.quality.warningCount > 0, "each example carries a few warnings (SPEC §9)")
        #expect(Runner.run(["check", Repository.example(example).path]) == 0)
    }
}

/// Build events collected from any thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [BuildEvent] = []
    func append(_ event: BuildEvent) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }
    var all: [BuildEvent] {
        lock.lock()
        defer { lock.unlock() }
        return events
    }
}
