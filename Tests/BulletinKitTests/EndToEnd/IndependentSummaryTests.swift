import Foundation
import Testing

@testable import BulletinKit

/// GitHub issue 4: `summary.csv` agrees with an independent computation of SPEC §4 — for every
/// example and for generated datasets of every shape the SPEC allows.
@Suite struct IndependentSummaryTests {
    /// `examples/` at the top of the repository, found from this file's path.
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EndToEnd
        .deletingLastPathComponent()  // BulletinKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
        .appendingPathComponent("examples")

    @Test(arguments: ["nanyang", "jiyuan", "siping", "xuchang"])
    func exampleSummaryAgreesWithIndependentComputation(example: String) throws {
        let comparison = try SummaryComparison(directory: Self.examples.appendingPathComponent(example))
        #expect(comparison.difference == nil, "\(example): \(comparison.difference ?? "")")
        // Every unit has rows, and the example shows more than one status.
        #expect(comparison.rowCount > 10)
        #expect(Set(comparison.independent.map { $0[13] }).count >= 3)
    }
}

/// The program's `summary.csv` beside the independent one, with the first difference described.
struct SummaryComparison {
    /// The program's rows, header excluded.
    var program: [[String]] = []
    /// The independent rows.
    var independent: [[String]] = []
    /// The first difference: row, key and column; nil when the two agree.
    var difference: String?

    var rowCount: Int { independent.count }

    init(directory: URL, asOf: String? = nil) throws {
        let day = try asOf.map { text in try #require(Day(iso: text)) }
        let text = SummaryCSV.make(try BuildJob.check(dataset: directory, asOf: day))
        independent = try IndependentSummary.rows(directory: directory, asOf: asOf)
        // SPEC §6: UTF-8 with a byte-order mark so that Excel opens it.
        guard text.hasPrefix("\u{FEFF}") else {
            difference = "summary.csv does not start with a UTF-8 byte-order mark"
            return
        }
        var records = try CSV.parse(Data(text.dropFirst().utf8))
        guard records.first == IndependentSummary.header else {
            difference = "header \(records.first ?? []) is not \(IndependentSummary.header)"
            return
        }
        records.removeFirst()
        program = records
        difference = Self.firstDifference(program: program, independent: independent)
    }

    static func firstDifference(program: [[String]], independent: [[String]]) -> String? {
        for (index, (mine, theirs)) in zip(program, independent).enumerated() where mine != theirs {
            let line = index + 2  // the header is line 1
            let row =
                "program:     \(mine.joined(separator: ","))\n  independent: \(theirs.joined(separator: ","))"
            guard mine.count == theirs.count else {
                return "line \(line): \(mine.count) fields, expected \(theirs.count)\n  \(row)"
            }
            let column = (0..<mine.count).first { mine[$0] != theirs[$0] }!
            let key = "\(theirs[0]) \(theirs[2]) \(theirs[3])\(theirs[4].isEmpty ? "" : " [\(theirs[4])]")"
            return
                "line \(line) (\(key)), column \(IndependentSummary.header[column]): program \"\(mine[column])\", "
                + "independent \"\(theirs[column])\"\n  \(row)"
        }
        if program.count != independent.count {
            let extra = program.count > independent.count ? "program" : "independent"
            let first = (program.count > independent.count ? program : independent)[
                min(program.count, independent.count)]
            return
                "\(program.count) rows from the program, \(independent.count) independent; first extra (\(extra)): "
                + first.joined(separator: ",")
        }
        return nil
    }
}

/// The same comparison over generated datasets (see `GeneratedDataset`).
@Suite struct GeneratedSummaryTests {
    static let seeds: [UInt64] = Array(1...40)

    @Test(arguments: seeds)
    func generatedSummaryAgreesWithIndependentComputation(seed: UInt64) throws {
        let generated = GeneratedDataset(seed: seed)
        let folder = try TemporaryDataset(files: [:])
        for (name, data) in generated.files { try folder.write(data, to: name) }
        let comparison = try SummaryComparison(directory: folder.url, asOf: generated.asOfOverride)
        #expect(comparison.difference == nil, "seed \(seed): \(generated.summary)")
        #expect(comparison.rowCount > 0)
    }

    /// Ledgers over 1 MiB in declared GB18030: the program reads them in chunks with its own
    /// transcoder, the independent side decodes them whole with Foundation's.
    @Test(arguments: [1001] as [UInt64])
    func largeGB18030SummaryAgreesWithIndependentComputation(seed: UInt64) throws {
        let generated = GeneratedDataset(seed: seed, large: true)
        #expect(generated.features.contains("encoding:gb18030-declared"))
        // The first 1 MiB chunk ends inside a two-byte character of one ledger.
        #expect(generated.files.values.contains { Self.endsInsideCharacter($0, at: 1 << 20) })
        let folder = try TemporaryDataset(files: [:])
        for (name, data) in generated.files { try folder.write(data, to: name) }
        let comparison = try SummaryComparison(directory: folder.url, asOf: generated.asOfOverride)
        #expect(comparison.difference == nil, "seed \(seed): \(generated.summary)")
    }

    /// Whether `offset` falls inside a multi-byte character of GB18030 `data`: the text from the
    /// start of its line (CR and LF are never part of a multi-byte character) up to `offset`
    /// does not decode.
    static func endsInsideCharacter(_ data: Data, at offset: Int) -> Bool {
        guard data.count > offset else { return false }
        var lineStart = offset
        while lineStart > 0, data[lineStart - 1] != 0x0A, data[lineStart - 1] != 0x0D { lineStart -= 1 }
        return String(data: data[lineStart..<offset], encoding: String.Encoding(rawValue: 0x8000_0632)) == nil
    }
}

extension GeneratedSummaryTests {
    /// The generated datasets really hold what the comparison claims to cover: the tags name input
    /// shapes the generator wrote, and the (agreeing) rows show every status, ties, over-target
    /// units, change since the previous bulletin and text cells made safe for spreadsheets.
    @Test func generatedDatasetsCoverTheSpec() throws {
        var features: Set<String> = []
        var rows: [[String]] = []
        var tiedGroups = 0
        for seed in Self.seeds {
            let generated = GeneratedDataset(seed: seed)
            features.formUnion(generated.features)
            let folder = try TemporaryDataset(files: [:])
            for (name, data) in generated.files { try folder.write(data, to: name) }
            let summary = try IndependentSummary.rows(directory: folder.url, asOf: generated.asOfOverride)
            rows += summary
            // Ranked rows grouped by indicator, stage and category; a repeated rank is a tie.
            let groups = Dictionary(grouping: summary.filter { !$0[12].isEmpty }) { [$0[2], $0[3], $0[4]] }
            tiedGroups += groups.values.filter { Set($0.map { $0[12] }).count < $0.count }.count
        }
        let expected: Set<String> = [
            "headers:zh", "headers:en", "extra-columns", "quoted", "lines:LF", "lines:CRLF", "lines:CR",
            "encoding:utf-8", "encoding:utf-8-bom", "encoding:gb18030", "encoding:gb18030-declared",
            "date:iso", "date:slash", "date:dot", "date:cjk", "date:dash-short", "date:spaces",
            "measure:count", "measure:sum", "measure:grouped", "category", "shared-ledger",
            "text:formula-prefix",
            "targets:override", "targets:window", "targets:unit-without-rows", "targets:zero",
            "rule:days", "rule:months", "rule:milestones", "period:week", "period:month", "period:days",
            "as-of:inside-window:days", "as-of:inside-window:months", "as-of:inside-window:milestones",
            "as-of:before-start", "as-of:after-deadline", "as-of:month-end", "as-of:on-edge", "as-of-option",
            "date:on-edge", "targets:deadline-on-as-of",
            "error:unknown-region", "error:outside-root", "error:root-region", "error:bad-date",
            "error:field-count",
            "error:bad-measure", "error:duplicate-id",
        ]
        #expect(
            expected.subtracting(features).isEmpty,
            "never generated: \(expected.subtracting(features).sorted())")
        #expect(Set(rows.map { $0[13] }) == ["complete", "overdue", "red", "yellow", "green", "no-task"])
        #expect(tiedGroups >= 10)
        #expect(rows.contains { (Double($0[7]) ?? 0) > 100 }, "no unit over target")
        // Rates exactly halfway between two printed values with an even last digit (1/32 = 3.125%)
        // tell half away from zero (3.13) from half to even (3.12).
        let halfway = rows.filter { row in
            guard let done = IndependentSummary.measureCell(row[6]),
                let target = IndependentSummary.measureCell(row[5])
            else { return false }
            let hundredths = done / target * IndependentSummary.Fraction(10_000)
            return hundredths.denominator == 2 && (hundredths.numerator / 2) % 2 == 0
        }
        #expect(halfway.count >= 5, "rates halfway between two printed values: \(halfway.count)")
        #expect(
            rows.filter { !$0[10].isEmpty && $0[10] != "0" }.count >= 30,
            "too little change since the previous bulletin")
        #expect(rows.contains { $0[5].contains(".") }, "no fractional sum")
        #expect(rows.contains { !$0[4].isEmpty && !$0[12].isEmpty }, "no ranked category row")
        #expect(rows.contains { $0[1].hasPrefix("'") } && rows.contains { $0[4].hasPrefix("'") })
        let progress = Set(rows.map { $0[8] }).subtracting(["", "0.00", "100.00"])
        #expect(progress.count >= 20, "time progress is rarely strictly inside the window")
    }
}

/// The independent side's own arithmetic against numbers worked out by hand, so that agreement
/// with the program means both are right rather than both wrong.
@Suite struct IndependentArithmeticTests {
    typealias Fraction = IndependentSummary.Fraction
    typealias CalendarDay = IndependentSummary.CalendarDay

    @Test(arguments: [
        (1, 32, "3.13"),  // 3.125%: half away from zero, not to even (3.12)
        (-1, 32, "-3.13"),
        (72_585, 100_000, "72.59"),  // SPEC §4.1's 72.59%
        (1_047, 1_000, "104.70"),  // not capped
        (-1, 100_000, "0.00"),  // −0.001% prints as zero, without a sign
    ])
    func percentRoundsHalfAwayFromZero(numerator: Int, denominator: Int, expected: String) {
        #expect(Fraction(Int128(numerator), Int128(denominator)).percentText == expected)
    }

    @Test func timeProgressFollowsTheSpec() throws {
        let day = try #require(CalendarDay(iso: "2020-10-15"))
        let november = try #require(CalendarDay(iso: "2020-11-20"))
        let year = IndependentSummary.Window(
            start: CalendarDay(iso: "2020-01-01")!, deadline: CalendarDay(iso: "2020-12-31")!)
        // SPEC §4.2: a bulletin dated in November of a calendar-year task has P = 11/12 = 91.67%.
        #expect(
            IndependentSummary.timeProgress(on: november, window: year, rule: .months).percentText == "91.67")
        // Days 2020-03-01 … 2020-10-31 on 2020-10-15: 229 of 245 days = 93.47%.
        let housing = IndependentSummary.Window(
            start: CalendarDay(iso: "2020-03-01")!, deadline: CalendarDay(iso: "2020-10-31")!)
        #expect(IndependentSummary.timeProgress(on: day, window: housing, rule: .days).percentText == "93.47")
        // Milestones 05-31 30%, 08-31 70%, 11-30 100% from 03-01: on 10-15, 45 of the 91 days
        // after 08-31, so 0.7 + 0.3 × 45/91 = 0.848351… = 84.84%; before the start 0, after the last 100%.
        let water = IndependentSummary.Window(
            start: CalendarDay(iso: "2020-03-01")!, deadline: CalendarDay(iso: "2020-11-30")!)
        let milestones = IndependentSummary.Rule.milestones([
            (CalendarDay(iso: "2020-05-31")!, Fraction(3, 10)),
            (CalendarDay(iso: "2020-08-31")!, Fraction(7, 10)),
            (CalendarDay(iso: "2020-11-30")!, Fraction.one),
        ])
        #expect(
            IndependentSummary.timeProgress(on: day, window: water, rule: milestones).percentText == "84.84")
        #expect(
            IndependentSummary.timeProgress(
                on: CalendarDay(iso: "2020-02-01")!, window: water, rule: milestones) == .zero)
        #expect(
            IndependentSummary.timeProgress(
                on: CalendarDay(iso: "2021-01-01")!, window: water, rule: milestones) == .one)
    }

    @Test func cellsReadTheSpecsForms() {
        for text in ["2020-10-31", "2020/10/31", "2020.10.31", "2020年10月31日", " 2020/10/31 "] {
            guard case .day(let day) = IndependentSummary.dateCell(text) else {
                Issue.record("\(text) is a date")
                continue
            }
            #expect(day.iso == "2020-10-31")
        }
        guard case .day(let short) = IndependentSummary.dateCell("2020年6月5日") else {
            Issue.record("2020年6月5日 is a date")
            return
        }
        #expect(short.iso == "2020-06-05")
        for text in ["2020-02-30", "2020-13-01", "2020/10/", "2020-10/31", "明天"] {
            guard case .invalid = IndependentSummary.dateCell(text) else {
                Issue.record("\(text) is not a date")
                continue
            }
        }
        #expect(IndependentSummary.measureCell("1,234")?.plainText == "1234")
        #expect(IndependentSummary.measureCell("1234.5")?.plainText == "1234.5")
        #expect(["-3", "1,23", "3.", "", "abc"].allSatisfy { IndependentSummary.measureCell($0) == nil })
    }
}

/// `examples/siping` keeps its housing ledger as one workbook per county (issue 13): the
/// independent reading finds every household the generator designed, and no householder's name or
/// ID number reaches any output file.
@Suite struct SipingWorkbookTests {
    static let siping = IndependentSummaryTests.examples.appendingPathComponent("siping")

    /// Rows per county as the example's design gives them (`Tools/GenerateExamples/Siping.swift`,
    /// `housingPlans`, and the README's Files table): 38, 380, 300 and 220 households.
    @Test func everyHouseholdOfTheCountyWorkbooksIsRead() throws {
        let config = try IndependentSummary.Config(directory: Self.siping)
        let regions = try IndependentSummary.RegionTable(
            records: IndependentSummary.readCSV(Self.siping.appendingPathComponent("regions.csv")),
            root: config.root)
        let housing = try #require(config.indicators.firstIndex { $0.id == "housing" })
        #expect(config.indicators[housing].ledger == "危房改造/*.xlsx")
        #expect(
            try IndependentSummary.matchingPaths(directory: Self.siping, pattern: "危房改造/*.xlsx")
                == ["危房改造/伊通满族自治县.xlsx", "危房改造/双辽市.xlsx", "危房改造/梨树县.xlsx", "危房改造/铁东区.xlsx"])
        let items = try IndependentSummary.readLedgers(
            directory: Self.siping, config: config, regions: regions)[housing]
        let perUnit = Dictionary(grouping: items, by: \.unit).mapValues(\.count)
        #expect(perUnit == ["220303": 38, "220322": 380, "220323": 300, "220382": 220])
    }

    /// The lookup of SPEC §2.6 on the example's own regions, cases worked out by hand from
    /// `regions.csv` and `aliases.csv`.
    @Test func placeNamesAreLookedUpLevelByLevel() throws {
        let config = try IndependentSummary.Config(directory: Self.siping)
        let regions = try IndependentSummary.RegionTable(
            records: IndependentSummary.readCSV(Self.siping.appendingPathComponent("regions.csv")),
            root: config.root)
        let aliases = try IndependentSummary.readAliases(directory: Self.siping)
        func look(_ names: [String]) -> String? {
            IndependentSummary.lookUp(names, regions: regions, aliases: aliases)
        }
        #expect(look(["伊通满族自治县", "伊通", "前桥"]) == look(["伊通满族自治县", "伊通镇", "前桥村"]))
        #expect(look(["伊通满族自治县", "伊\u{3000}通"]) == "220323100")
        // 铁东区's names carry the city's and county's names in regions.csv; aliases.csv adds 山门镇.
        #expect(look(["铁东区", "山门"]) == "220303100")
        #expect(look(["铁东区", "山门镇", "靠道村"]) == "220303100208")
        // 西苇村 fits both 西苇村委会 and 西苇居委会 by stem: ambiguous.
        #expect(look(["伊通满族自治县", "西苇镇", "西苇村"]) == nil)
        #expect(look(["伊通满族自治县", "", "前桥村"]) == nil)
    }

    /// SPEC §5.1: the ledgers' householder names and ID numbers (read here through `XLSX.rows`)
    /// appear in no file of a build, not even the ID of the row with a failing check character.
    /// A name that is also part of a place name or of the configuration (`金山`) could appear
    /// honestly, so such names are not looked for.
    @Test func noNameOrIDNumberReachesTheOutput() throws {
        var ids: Set<String> = []
        var names: Set<String> = []
        let folder = Self.siping.appendingPathComponent("危房改造")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where file.hasSuffix(".xlsx") {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let sheet = try #require(try XLSX.sheetNames(data).firstIndex(of: "台账"))
            // Household rows are the ones with a serial number in column A.
            for row in try XLSX.rows(data, sheet: sheet) where row.count > 5 && Int(row[0]) != nil {
                ids.insert(row[5])
                names.insert(row[4])
            }
        }
        #expect(ids.count == 938)
        let publicText = try ["regions.csv", "bulletin.json", "aliases.csv"].map {
            try String(contentsOf: Self.siping.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        names = names.filter { !publicText.contains($0) }
        #expect(names.count > 500)
        let temporary = try TemporaryFolder()
        let out = temporary.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(dataset: Self.siping, out: out, templates: Repository.templates.path))
        for (path, bytes) in try filesBelow(out) {
            let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
            var leaked: Set<String> = []
            for start in scalars.indices {
                for length in [2, 3, 18] where start + length <= scalars.count {
                    var window = String.UnicodeScalarView()
                    window.append(contentsOf: scalars[start..<(start + length)])
                    let text = String(window)
                    if length == 18 ? ids.contains(text) : names.contains(text) { leaked.insert(text) }
                }
            }
            #expect(leaked.isEmpty, "\(path) holds \(leaked.count) names or ID numbers")
        }
    }
}
