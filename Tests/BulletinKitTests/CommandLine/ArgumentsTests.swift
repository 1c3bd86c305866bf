import Testing

@testable import BulletinKit

/// The command line of SPEC §8: both option spellings, and errors that name what was wrong.
struct ArgumentsTests {
    @Test(arguments: [
        ["build", "data", "--out", "site", "--as-of", "2020-10-08", "--locale", "en", "--history", "--keep-going", "--quiet"],
        ["build", "--out=site", "--as-of=2020-10-08", "--locale=en", "data", "--history", "--keep-going", "--quiet"],
        ["build", "--history", "--out", "site", "--keep-going", "--locale", "en", "--quiet", "--as-of", "2020-10-08", "--", "data"],
    ])
    func bothOptionSpellingsGiveTheSameBuild(_ arguments: [String]) throws {
        var expected = BuildOptions(dataset: "data")
        expected.out = "site"
        expected.asOf = Day(year: 2020, month: 10, day: 8)
        expected.locale = "en"
        expected.history = true
        expected.keepGoing = true
        expected.quiet = true
        #expect(try Arguments.parse(arguments) == .build(expected))
    }

    @Test func buildDefaultsToOutputFolder() throws {
        #expect(try Arguments.parse(["build", "examples/nanyang"]) == .build(BuildOptions(dataset: "examples/nanyang")))
        #expect(BuildOptions(dataset: "x").out == "output")
    }

    @Test func checkInitHelpAndVersion() throws {
        #expect(try Arguments.parse(["check", "d", "--as-of", "2020-01-31"]) == .check(CheckOptions(dataset: "d", asOf: Day(year: 2020, month: 1, day: 31))))
        #expect(try Arguments.parse(["init", "new-city"]) == .initialize(directory: "new-city"))
        #expect(try Arguments.parse([]) == .help(topic: nil))
        #expect(try Arguments.parse(["--help"]) == .help(topic: nil))
        #expect(try Arguments.parse(["help", "build"]) == .help(topic: "build"))
        #expect(try Arguments.parse(["build", "--help"]) == .help(topic: "build"))
        #expect(try Arguments.parse(["--version"]) == .version)
    }

    /// Each bad command line, and a phrase its message must contain.
    @Test(arguments: [
        (["build"], "build needs the dataset folder"),
        (["build", "a", "b"], "takes one folder, found 2: a b"),
        (["build", "d", "--bogus"], "unknown option --bogus"),
        (["build", "d", "-o", "x"], "unknown option -o"),
        (["build", "d", "--out"], "--out needs a value"),
        (["build", "d", "--as-of", "2020-13-01"], "\"2020-13-01\" is not a date"),
        (["build", "d", "--as-of=15/10/2020"], "write it as YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or YYYYMMDD"),
        (["build", "d", "--locale", "fr"], "--locale \"fr\" is not one of zh-Hans, zh-Hant, en"),
        (["build", "d", "--history=yes"], "--history takes no value"),
        (["check", "d", "--out", "x"], "unknown option --out; check accepts --as-of"),
        (["init", "d", "--quiet"], "init takes no options"),
        (["frob"], "unknown command \"frob\""),
        (["help", "frob"], "there is no command \"frob\""),
    ] as [([String], String)])
    func badCommandLinesSayWhatIsWrong(_ arguments: [String], _ phrase: String) {
        #expect(throws: UsageError.self) { try Arguments.parse(arguments) }
        do {
            _ = try Arguments.parse(arguments)
        } catch {
            #expect(error.description.contains(phrase), "\(error.description)")
            #expect(error.description.hasPrefix("error: "))
            #expect(error.description.contains("usage: bulletin"))
        }
    }

    /// `--as-of` takes every date form a ledger's date cell takes (SPEC §2.2, §8).
    @Test(arguments: ["2020-10-15", "2020/10/15", "2020年10月15日", "20201015", " 2020-10-15 "])
    func asOfTakesEveryLedgerDateForm(_ text: String) throws {
        #expect(
            try Arguments.parse(["check", "d", "--as-of", text])
                == .check(CheckOptions(dataset: "d", asOf: Day(year: 2020, month: 10, day: 15))))
    }

    @Test func usageErrorsExitWithTwo() {
        // `bulletin` alone prints the usage and exits 2 (SPEC §8).
        #expect(Runner.run([]) == 2)
        #expect(Runner.run(["build", "--bogus"]) == 2)
        #expect(Runner.run(["frob"]) == 2)
    }

    @Test func helpAndVersionExitWithZero() {
        #expect(Runner.run(["help", "check"]) == 0)
        #expect(Runner.run(["--version"]) == 0)
    }
}
