import Foundation
import Testing

@testable import BulletinKit

/// The small valid dataset the broken-dataset corpus starts from: each broken case changes one
/// thing in it. Line numbers below are what the cases' expectations are worked out from.
enum BaseDataset {
    /// Lines: 1 header, 2 root 100, 3–5 units 101–103, 6 township 101001, 7 village 101001001,
    /// 8 township 102001, 9–10 another city 999 and its county 999001.
    static let regions = """
        code,name,parent
        100,示例市,
        101,甲县,100
        102,乙县,100
        103,丙县,100
        101001,甲一镇,101
        101001001,甲一村,101001
        102001,乙一镇,102
        999,外市,
        999001,外县,999

        """

    /// The housing indicator (农村危房改造): households counted by id, with grades, started and
    /// completed. Other fixtures change its titles or add members.
    static let housing: FixtureJSON = [
        "id": "housing",
        "title": "农村危房改造",
        "measure_unit": "户",
        "ledger": "housing.csv",
        "region": "village",
        "id_column": "hid",
        "category": "grade",
        "stages": [
            ["id": "started", "title": "开工", "date": "started"],
            ["id": "completed", "title": "竣工", "date": "completed"],
        ],
        "start": "2020-03-01",
        "deadline": "2020-10-31",
    ]

    /// The people indicator (危房改造受益人口): the `people` column summed over the same ledger.
    static let people: FixtureJSON = [
        "id": "people",
        "title": "危房改造受益人口",
        "measure_unit": "人",
        "ledger": "housing.csv",
        "region": "village",
        "measure": ["sum": "people"],
        "stages": [["id": "completed", "title": "竣工", "date": "completed"]],
        "start": "2020-03-01",
        "deadline": "2020-10-31",
    ]

    /// bulletin.json's members before `indicators`, for 示例市 as of 2020-10-15, weekly.
    static let settings: [(key: String, value: FixtureJSON)] = [
        ("title", "示例市危房改造进度通报"), ("root", "100"), ("unit_label", "县"), ("as_of", "2020-10-15"),
        ("period", "week"),
    ]

    /// The bulletin.json of `settings` and `indicators`.
    static func bulletinJSON(indicators: [FixtureJSON]) -> String {
        FixtureJSON.object(settings + [("indicators", .array(indicators))]).text
    }

    /// Two indicators over one ledger: households by count (with ids and grades) and people by
    /// sum. Lines: 3 `root`, 5 `as_of`, 9 first indicator's `id`, 21 its `deadline`.
    static let configuration = bulletinJSON(indicators: [housing, people])

    /// Six valid rows, lines 2–7; a row a case appends is line 8. Columns: 1 hid, 2 village,
    /// 3 people, 4 grade, 5 started, 6 completed.
    static let ledger = """
        hid,village,people,grade,started,completed
        h1,101001001,3,C,2020-04-01,2020-09-01
        h2,101001,2,D,2020-04-01,
        h3,101,4,C,2020-05-01,2020-10-01
        h4,102001,1,D,2020-04-01,2020-08-15
        h5,102,5,C,2020-06-01,
        h6,103,2,D,2020-04-01,2020-10-10

        """

    static var files: [String: Data] {
        [
            "bulletin.json": Data(configuration.utf8), "regions.csv": Data(regions.utf8),
            "housing.csv": Data(ledger.utf8),
        ]
    }

    /// The base dataset with `change` applied, written to a fresh temporary folder.
    static func write(_ change: (inout [String: Data]) -> Void = { _ in }) throws -> TemporaryDataset {
        var files = self.files
        change(&files)
        let dataset = try TemporaryDataset(files: [:])
        for (name, contents) in files { try dataset.write(contents, to: name) }
        return dataset
    }
}

extension [String: Data] {
    /// Replaces the first occurrence of `old` in the text of `file`; records an issue when it is
    /// not there (a case whose change silently did nothing would prove nothing).
    mutating func replace(_ old: String, with new: String, in file: String) {
        let text = String(decoding: self[file] ?? Data(), as: UTF8.self)
        guard let range = text.range(of: old) else {
            Issue.record("\(file) has no \(old.debugDescription) to replace")
            return
        }
        self[file] = Data(text.replacingCharacters(in: range, with: new).utf8)
    }

    /// Appends bytes to `file`.
    mutating func append(_ bytes: Data, to file: String) {
        self[file, default: Data()].append(bytes)
    }

    /// Appends a line of text to `file`.
    mutating func append(line: String, to file: String) {
        append(Data((line + "\n").utf8), to: file)
    }
}

/// A folder tree as it is on disk — every file's bytes and modification date, every folder and
/// every symbolic link's destination — to prove that a failed build changed nothing.
struct TreeSnapshot: Equatable, CustomStringConvertible {
    enum Entry: Equatable {
        case file(Data, modified: Date?)
        case folder
        case link(String)
    }

    var entries: [String: Entry]

    init(_ root: URL) {
        var entries: [String: Entry] = [:]
        func walk(_ url: URL, _ relative: String) {
            let fileManager = FileManager.default
            if let destination = try? fileManager.destinationOfSymbolicLink(atPath: url.path) {
                entries[relative] = .link(destination)
                return
            }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
            if isDirectory.boolValue {
                entries[relative] = .folder
                for name in (try? fileManager.contentsOfDirectory(atPath: url.path)) ?? [] {
                    walk(url.appendingPathComponent(name), relative.isEmpty ? name : relative + "/" + name)
                }
            } else {
                let modified =
                    (try? fileManager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
                entries[relative] = .file((try? Data(contentsOf: url)) ?? Data(), modified: modified)
            }
        }
        walk(root, "")
        self.entries = entries
    }

    var description: String { entries.keys.sorted().joined(separator: ", ") }
}

/// A previous output folder as a first build would have left it: the marker, pages in
/// subfolders, and a file that is not text.
func makePreviousOutput(at url: URL) throws {
    let fileManager = FileManager.default
    try fileManager.createDirectory(
        at: url.appendingPathComponent("units"), withIntermediateDirectories: true)
    try Data(OutputDirectory.markerText.utf8).write(
        to: url.appendingPathComponent(OutputDirectory.markerName))
    try Data("<!doctype html><title>上期通报</title>\n".utf8).write(to: url.appendingPathComponent("index.html"))
    try Data("<p>甲县</p>\n".utf8).write(to: url.appendingPathComponent("units/101.html"))
    try Data([0xEF, 0xBB, 0xBF, 0x61, 0x2C, 0x62, 0x0D, 0x0A, 0x00, 0xFF]).write(
        to: url.appendingPathComponent("summary.csv"))
}

/// Names of temporary folders a build leaves beside `out` when it did not clean up.
func leftovers(beside out: URL) -> [String] {
    let names =
        (try? FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)) ?? []
    // Only this output's own temporary names: other builds may share the parent (e.g. /tmp).
    let own = "." + out.lastPathComponent + ".bulletin-"
    return names.filter { $0.hasPrefix(own) && ($0.contains(".bulletin-tmp-") || $0.contains(".bulletin-old-")) }.sorted()
}

/// A templates folder with every page template the site renders, each a line of its own, and
/// an empty label file for the locale: enough for a build to succeed whatever the engine.
func makeTemplates(in folder: TemporaryDataset, locale: String = "zh-Hans") throws -> String {
    for name in ["layout", "index", "quality", "indicator", "unit", "history"] {
        try folder.write("<!doctype html><title>{{title}}</title>\n", to: "templates/\(name).html")
    }
    try folder.write("# {{title}}\n", to: "templates/briefing.md")
    try folder.write("{}\n", to: "templates/locales/\(locale).json")
    return folder.url.appendingPathComponent("templates").path
}

/// The `bulletin` executable built beside the test bundle, run as a user would run it.
enum BulletinExecutable {
    /// Where the executable is: next to the test bundle, in the package's build folder.
    static let url: URL? = {
        let fileManager = FileManager.default
        var folders: [URL] = []
        for start in [
            Bundle.main.executableURL, Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]),
        ] {
            guard var folder = start?.resolvingSymlinksInPath().deletingLastPathComponent() else { continue }
            for _ in 0..<4 {
                folders.append(folder)
                folder.deleteLastPathComponent()
            }
        }
        // The package's own build folder, found from this source file.
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        folders.append(package.appendingPathComponent(".build/debug"))
        return folders.lazy.map { $0.appendingPathComponent("bulletin") }.first {
            fileManager.isExecutableFile(atPath: $0.path)
        }
    }()

    /// Runs `bulletin` with `arguments` in `directory`; its exit status, stdout and stderr.
    static func run(_ arguments: [String], in directory: URL) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        guard let url else {
            Issue.record("the bulletin executable was not built beside the tests (swift build builds it)")
            return (-1, "", "")
        }
        let capture = try TemporaryDataset(files: [:])
        let outPath = capture.url.appendingPathComponent("stdout").path
        let errPath = capture.url.appendingPathComponent("stderr").path
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // Files rather than pipes: nothing can block on a full pipe.
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        let read = { (path: String) in
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
        // A trap (crash) ends the process by a signal, not an exit status: report it as such.
        let status =
            process.terminationReason == .uncaughtSignal
            ? -process.terminationStatus : process.terminationStatus
        return (status, read(outPath), read(errPath))
    }
}
