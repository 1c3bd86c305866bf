import Foundation
import Testing

@testable import BulletinKit

/// SPEC §10 "Past one machine", for real: the SQL `bulletin sql` prints, run one statement at a
/// time by DuckDB and by Spark SQL (pyspark, local) from the datasets' parent folder, writes
/// grouped ledgers whose build gives the raw dataset's summary.csv byte for byte.
///
/// The engines come from the Python tools the checkers install (`EngineTools.python`), never
/// from the product. Where they are missing the tests are skipped by `.enabled(if:)` — Swift
/// Testing lists them as skipped with the reason below — rather than passing without running;
/// `swift test` alone still shows the equivalence through `GroupedEquivalenceTests`.
@Suite(.serialized) struct EngineEquivalenceTests {
    /// nanyang (UTF-8 with a BOM, quoted `1,043` measures, a count and a sum on one ledger),
    /// siping (GB18030 with CRLF, workbooks kept for Bulletin), jiyuan, xuchang, the SQL text
    /// fixture, whose folder, ledger path and column names carry spaces, quotes and a backtick,
    /// and the small ledgers with total rows, a blank row, a footer, place names and a pattern of
    /// two files with their columns in different orders (`small`).
    @Test(
        .enabled(
            if: EngineTools.hasDuckDB,
            "needs duckdb in \(EngineTools.python) (installed by the checkers' setup)"))
    func duckDBGroupedDatasetsGiveTheRawSummaries() throws {
        try Self.check(
            ["nanyang", "siping", "jiyuan", "xuchang", Self.fixture] + Self.small.keys.sorted(),
            dialect: .duckdb)
    }

    /// One Spark session (a JVM start of 10–20 s) runs every statement of every dataset.
    @Test(
        .enabled(if: EngineTools.hasSpark, "needs pyspark in \(EngineTools.python) and a java on the PATH"))
    func sparkGroupedDatasetsGiveTheRawSummaries() throws {
        try Self.check(["nanyang", "siping", Self.fixture] + Self.small.keys.sorted(), dialect: .spark)
    }

    /// A grouped ledger carries only the grouping's columns: no id, no householder name.
    @Test(.enabled(if: EngineTools.hasDuckDB, "needs duckdb in \(EngineTools.python)"))
    func duckDBGroupedLedgersCarryNoPersonalColumns() throws {
        let folder = try TemporaryFolder()
        try Self.run(["nanyang"], dialect: .duckdb, in: folder.url)
        let housing = try String(
            contentsOf: folder.url.appendingPathComponent("nanyang-grouped/housing.csv"), encoding: .utf8)
        #expect(housing.hasPrefix("village_code,grade,started_on,completed_on,rows\n"))
        let relocation = try String(
            contentsOf: folder.url.appendingPathComponent("nanyang-grouped/relocation_households.csv"),
            encoding: .utf8)
        #expect(relocation.hasPrefix("village_code,started_on,completed_on,moved_in_on,rows,people\n"))
        // 14,083 households (SPEC §9) in the groups' row counts.
        let counts = relocation.split(separator: "\n").dropFirst().compactMap {
            $0.split(separator: ",").dropLast().last
        }
        #expect(counts.compactMap { Int($0) }.reduce(0, +) == 14_083)
    }

    /// A measure Bulletin would reject (§2.2: not a number, negative, empty, five decimals)
    /// stops the engine with the script's message, rather than being summed as NULL or rounded.
    @Test(
        .enabled(if: EngineTools.hasDuckDB, "needs duckdb in \(EngineTools.python)"),
        arguments: ["abc", "-3", "", "1.23456"])
    func duckDBStopsAtAMeasureBulletinWouldReject(_ measure: String) throws {
        let folder = try TemporaryFolder()
        let dataset = folder.url.appendingPathComponent("city")
        try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true)
        try Data(GroupedEquivalenceTests.configuration.utf8).write(
            to: dataset.appendingPathComponent("bulletin.json"))
        try Data(smallRegions.utf8).write(to: dataset.appendingPathComponent("regions.csv"))
        let ledger = "户主,身份证号,村代码,等级,人口,开工日期,竣工日期\n甲,H01,101001001,C,\(measure),2020-03-05,\n"
        try Data(ledger.utf8).write(to: dataset.appendingPathComponent("housing.csv"))
        let script = try SQLCommand.run(
            dataset: dataset, dialect: .duckdb, out: folder.url.appendingPathComponent("g"))
        try Data(script.utf8).write(to: folder.url.appendingPathComponent("city.sql"))
        let result = try EngineTools.runPython(
            EngineTools.runner, arguments: ["duckdb", "city.sql"], in: folder.url)
        #expect(result.status != 0)
        #expect(
            result.log.contains("bulletin sql: housing.csv: a 人口 cell is not a non-negative number"),
            "\(result.log.suffix(2000))")
    }

    /// The small datasets of `GroupedEquivalenceTests`, by the folder name they are written under.
    static let small = [
        "merging": GroupedEquivalenceTests.mergingDataset,
        "place-names": GroupedEquivalenceTests.placeNameDataset,
        "parts": GroupedEquivalenceTests.partsDataset,
    ]

    /// The name under which the SQL text fixture is copied.
    static let fixture = "my city's data"

    /// Copies the datasets into one folder, writes each one's SQL and grouped dataset with
    /// `bulletin sql`, runs all the SQL in one engine process there, and returns nothing: the
    /// grouped datasets are `<name>-grouped` beside the copies.
    static func run(_ names: [String], dialect: SQLDialect, in folder: URL) throws {
        var arguments = [dialect.rawValue]
        for name in names {
            let copy = folder.appendingPathComponent(name)
            if let files = small[name] {
                for (file, text) in files {
                    let target = copy.appendingPathComponent(file)
                    try FileManager.default.createDirectory(
                        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: target)
                }
            } else if name == fixture {
                let (fixtureFolder, dataset) = try SQLTextTests.dataset()
                try withExtendedLifetime(fixtureFolder) {
                    try FileManager.default.copyItem(at: dataset, to: copy)
                }
            } else {
                try FileManager.default.copyItem(at: Repository.example(name), to: copy)
            }
            let script = try SQLCommand.run(
                dataset: copy, dialect: dialect, out: folder.appendingPathComponent(name + "-grouped"))
            let scriptFile = folder.appendingPathComponent(name + ".sql")
            try Data(script.utf8).write(to: scriptFile)
            arguments.append(scriptFile.lastPathComponent)
        }
        let result = try EngineTools.runPython(EngineTools.runner, arguments: arguments, in: folder)
        try #require(result.status == 0, "the \(dialect.engineName) run failed:\n\(result.log.suffix(3000))")
    }

    static func check(_ names: [String], dialect: SQLDialect) throws {
        let folder = try TemporaryFolder()
        try run(names, dialect: dialect, in: folder.url)
        for name in names {
            func summary(_ dataset: String) throws -> Data {
                let out = folder.url.appendingPathComponent(dataset + "-out")
                _ = try BuildJob.build(
                    BuildJob.Request(
                        dataset: folder.url.appendingPathComponent(dataset), out: out,
                        templates: Repository.templates.path))
                return try Data(contentsOf: out.appendingPathComponent("summary.csv"))
            }
            let raw = try summary(name)
            let grouped = try summary(name + "-grouped")
            #expect(
                raw == grouped,
                "\(dialect.engineName): summary.csv of the grouped \(name) differs from the raw one")
        }
    }
}

/// The Python with DuckDB and pyspark: `BULLETIN_PYTHON` (`.ci/run` sets it), else the one the
/// checkers' setup installs, when it is there.
enum EngineTools {
    static let python = ProcessInfo.processInfo.environment["BULLETIN_PYTHON"] ?? "/tmp/bulletin-tools-venv/bin/python"

    static let hasDuckDB = canRun("import duckdb")
    static let hasSpark =
        canRun("import pyspark")
        && (try? runPython(
            "import shutil, sys; sys.exit(0 if shutil.which('java') else 1)", arguments: [], in: nil
        ).status) == 0

    /// Runs every statement of each script file (arguments after the dialect) in one engine
    /// session, from the current folder: a statement is a chunk between empty lines, without
    /// its `--` comment lines and final `;`.
    static let runner = """
        import sys
        dialect, scripts = sys.argv[1], sys.argv[2:]
        statements = []
        for path in scripts:
            for chunk in open(path, encoding='utf-8').read().split('\\n\\n'):
                body = '\\n'.join(l for l in chunk.split('\\n') if not l.startswith('--')).strip()
                if body:
                    statements.append(body[:-1] if body.endswith(';') else body)
        if dialect == 'duckdb':
            import duckdb
            connection = duckdb.connect()
            for statement in statements:
                connection.execute(statement)
        else:
            from pyspark.sql import SparkSession
            spark = (SparkSession.builder.master('local[2]').config('spark.ui.enabled', 'false')
                     .config('spark.sql.shuffle.partitions', '4').getOrCreate())
            spark.sparkContext.setLogLevel('ERROR')
            for statement in statements:
                spark.sql(statement).collect()
            spark.stop()
        print(len(statements), 'statements run')
        """

    static func canRun(_ code: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        return (try? runPython(code, arguments: [], in: nil).status) == 0
    }

    /// Runs `code` with the tools' Python in `folder`; its output goes to a file, read after.
    static func runPython(_ code: String, arguments: [String], in folder: URL?) throws -> (
        status: Int32, log: String
    ) {
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bulletin-sql-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: logFile) }
        let log = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", code] + arguments
        if let folder { process.currentDirectoryURL = folder }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        process.waitUntilExit()
        try log.close()
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }
}
