import Foundation
import Testing

@testable import BulletinKit

/// `bulletin sql DATASET --dialect duckdb|spark --out DIR` on the command line (SPEC §8): its
/// options, its usage errors (exit 2), and the output folders it refuses.
@Suite struct SQLCommandTests {
    @Test(arguments: [
        ["sql", "data", "--dialect", "spark", "--out", "grouped"],
        ["sql", "--dialect=spark", "--out=grouped", "data"],
        ["sql", "--out", "grouped", "--dialect", "spark", "--", "data"],
    ])
    func bothOptionSpellingsGiveTheSameCommand(_ arguments: [String]) throws {
        #expect(
            try Arguments.parse(arguments)
                == .sql(SQLOptions(dataset: "data", dialect: .spark, out: "grouped")))
    }

    /// Each bad command line, and a phrase its message must contain.
    @Test(
        arguments: [
            (["sql", "d", "--out", "g"], "sql needs --dialect duckdb or --dialect spark"),
            (["sql", "d", "--dialect", "duckdb"], "sql needs --out DIR"),
            (
                ["sql", "d", "--dialect", "oracle", "--out", "g"],
                "--dialect \"oracle\" is not one of duckdb, spark"
            ),
            (["sql", "d", "--dialect"], "--dialect needs a value, e.g. --dialect duckdb"),
            (["sql", "d", "--dialect", "spark", "--out="], "--out needs a folder"),
            (["sql", "d", "--as-of", "2020-10-15"], "unknown option --as-of; sql accepts --dialect, --out"),
            (["sql", "--dialect", "spark", "--out", "g"], "sql needs the dataset folder"),
        ] as [([String], String)])
    func badCommandLinesSayWhatIsWrong(_ arguments: [String], _ phrase: String) {
        do {
            _ = try Arguments.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(error.description.contains(phrase), "\(error.description)")
            #expect(
                error.description.contains("usage: bulletin sql DATASET --dialect duckdb|spark --out DIR"))
        }
        #expect(Runner.run(arguments) == 2)
    }

    @Test func helpDescribesWhenToUseIt() throws {
        #expect(try Arguments.parse(["help", "sql"]) == .help(topic: "sql"))
        #expect(try Arguments.parse(["sql", "--help"]) == .help(topic: "sql"))
        #expect(Usage.text(for: "sql").contains("tens of millions of rows"))
        #expect(Usage.text(for: nil).contains("bulletin sql DATASET --dialect duckdb|spark --out DIR"))
    }

    @Test(arguments: [
        ("/work/examples/out", "/work/examples", "out"),
        ("/work/grouped", "/work/examples", "../grouped"),
        ("/tmp/a b/g", "/work/examples", "../../tmp/a b/g"),
        ("/work/examples", "/work/examples", "."),
    ])
    func outputPathIsRelativeToTheDatasetsParent(_ target: String, _ base: String, _ expected: String) {
        #expect(
            SQLCommand.relativePath(of: URL(fileURLWithPath: target), from: URL(fileURLWithPath: base))
                == expected)
    }

    /// The built executable, as a user runs it: the script on stdout, nothing on stderr, exit 0;
    /// a usage error on stderr with exit 2.
    @Test func executablePrintsTheScriptOnStdout() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            at: Repository.example("nanyang"), to: folder.url.appendingPathComponent("nanyang"))
        let run = try BulletinExecutable.run(
            ["sql", "nanyang", "--dialect", "spark", "--out", "grouped dir"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(
            run.stdout.hasPrefix(
                "-- bulletin sql --dialect spark: groups the ledgers of nanyang/ into grouped dir/"))
        #expect(run.stdout.contains("INSERT OVERWRITE DIRECTORY 'grouped dir/housing' USING csv"))
        #expect(run.stdout.contains("path 'nanyang/housing.csv'"))
        // The first householder and resident-style id of nanyang's housing.csv are not printed.
        #expect(!run.stdout.contains("肖伟梅") && !run.stdout.contains("4113021045040"))
        let grouped = try filesBelow(folder.url.appendingPathComponent("grouped dir"))
        #expect(grouped.keys.sorted() == [".bulletin-sql", "bulletin.json", "regions.csv", "targets.csv"])

        let bad = try BulletinExecutable.run(
            ["sql", "nanyang", "--dialect", "oracle", "--out", "g"], in: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("usage: bulletin sql DATASET --dialect duckdb|spark --out DIR"))
    }

    @Test func refusesTheDatasetItsParentAndAFolderItDidNotWrite() throws {
        let folder = try TemporaryFolder()
        let dataset = folder.url.appendingPathComponent("nanyang")
        try FileManager.default.copyItem(at: Repository.example("nanyang"), to: dataset)
        for out in [dataset, folder.url] {
            #expect(throws: ConfigurationError.self) {
                try SQLCommand.run(dataset: dataset, dialect: .duckdb, out: out)
            }
        }
        let other = folder.url.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: other.appendingPathComponent("notes.txt"))
        do {
            _ = try SQLCommand.run(dataset: dataset, dialect: .duckdb, out: other)
            Issue.record("a folder with someone else's files was written into")
        } catch {
            #expect(error.description.contains("holds files that bulletin sql did not write"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.path) == ["notes.txt"])

        // A folder it wrote may be written again (the script is re-run after a fix).
        let grouped = folder.url.appendingPathComponent("grouped")
        let first = try SQLCommand.run(dataset: dataset, dialect: .duckdb, out: grouped)
        let second = try SQLCommand.run(dataset: dataset, dialect: .duckdb, out: grouped)
        #expect(first == second)
        #expect(first.contains("TO 'grouped/housing.csv'"))
        #expect(first.contains("read_csv('nanyang/housing.csv'"))
        let written = try FileManager.default.contentsOfDirectory(atPath: grouped.path).sorted()
        #expect(written == [".bulletin-sql", "bulletin.json", "regions.csv", "targets.csv"])
        // The dataset is unchanged: nothing was written into it.
        #expect(try filesBelow(dataset) == filesBelow(Repository.example("nanyang")))
    }
}
