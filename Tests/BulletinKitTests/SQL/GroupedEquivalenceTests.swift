import Foundation
import Testing

@testable import BulletinKit

/// SPEC §10 "Past one machine", shown by `swift test` alone: the ledgers grouped here in Swift
/// the way the printed SQL groups them — rows kept by the same rules, grouped by the plan's
/// columns, counted and summed — build a summary.csv byte for byte equal to the raw dataset's.
/// The grouping is this test's own (`Grouping` below); only the plan and the grouped dataset's
/// bulletin.json and copies come from `bulletin sql`.
@Suite struct GroupedEquivalenceTests {
    /// Each example with the dialect whose output layout the test writes: DuckDB's one CSV per
    /// ledger, and for siping Spark's folder of parts (its GB18030 water ledger is grouped by
    /// Spark only; its workbooks are kept for Bulletin).
    @Test(arguments: [
        ("nanyang", "duckdb"), ("jiyuan", "duckdb"), ("xuchang", "duckdb"), ("siping", "spark"),
    ])
    func groupedExampleGivesTheRawSummary(_ name: String, _ dialect: String) throws {
        let dialect = try #require(SQLDialect(rawValue: dialect))
        let (raw, grouped, plan) = try Self.buildBoth(Repository.example(name), dialect: dialect)
        #expect(!plan.grouped.isEmpty)
        #expect(raw == grouped, "summary.csv of the grouped \(name) differs from the raw one")
    }

    /// A ledger where grouping merges rows: two households per (village, grade, dates), a total
    /// row, a blank row, a footer, measures with thousands separators and spaces, a BOM and CRLF.
    @Test func groupingMergesRowsAndSkipsTotalsBlanksAndFooters() throws {
        let folder = try TemporaryDataset(files: Self.files(Self.mergingDataset, under: "city"))
        let (raw, grouped, plan) = try Self.buildBoth(
            folder.url.appendingPathComponent("city"), dialect: .duckdb)
        #expect(raw == grouped)
        let out = try #require(plan.grouped.first)
        let rows = try Grouping.rows(of: out, in: folder.url.appendingPathComponent("city"))
        // Three groups from five households, in code order: 甲一村 (2 rows, 3 + 1,200 people),
        // 甲二镇 (1 row, 5), 乙一村 (2 rows, 2 + 4).
        #expect(rows.map(\.key.first) == ["101001001", "101002", "102001001"])
        #expect(rows.map(\.measures) == [["2", "1203"], ["1", "5"], ["2", "6"]])
    }

    /// Place names instead of codes (§2.6), an alias from `aliases.csv`, and a ledger `water.csv`
    /// kept as a workbook-like neighbour: the names are grouped as written and looked up by
    /// Bulletin in the grouped build, which gets `aliases.csv` copied.
    @Test func placeNamesAndAliasesGroupAsTheyCount() throws {
        let folder = try TemporaryDataset(files: Self.files(Self.placeNameDataset, under: "city"))
        let dataset = folder.url.appendingPathComponent("city")
        let (raw, grouped, plan) = try Self.buildBoth(dataset, dialect: .duckdb)
        #expect(raw == grouped)
        let ledger = try #require(plan.grouped.first)
        #expect(ledger.groupColumns == ["县区", "乡镇", "村", "等级", "开工日期", "竣工日期"])
        // Names are grouped as written: 老甲镇/甲一村 and 甲一镇/甲一 stay two groups. In code-point
        // order of the names (乙 U+4E59 < 甲 U+7532; 甲一镇 before 老甲镇, 一 U+4E00 < 老 U+8001):
        // 乙县 (4 people), 甲县/甲一镇 (2), 甲县/老甲镇 (3).
        let rows = try Grouping.rows(of: ledger, in: dataset)
        #expect(rows.map(\.measures) == [["1", "4"], ["1", "2"], ["1", "3"]])
        #expect(raw.count > 0)
    }

    /// A grouped ledger's output never lands on a copied file: the indicator `water` reads a
    /// UTF-8 `housing.csv` that DuckDB groups, and would name its output `water.csv` — the file
    /// of the GB18030 ledger kept for Bulletin (siping's, which DuckDB cannot read offline).
    @Test func outputNamesAvoidTheKeptLedgers() throws {
        let configuration = Self.configuration
            .replacingOccurrences(of: "\"id\": \"housing\"", with: "\"id\": \"water\"")
            .replacingOccurrences(
                of: "\"measure_unit\": \"人\", \"ledger\": \"housing.csv\"",
                with: "\"measure_unit\": \"人\", \"ledger\": \"water.csv\"")
        let folder = try TemporaryDataset(files: [
            "city/bulletin.json": configuration, "city/regions.csv": smallRegions,
            "city/housing.csv": "户主,身份证号,村代码,等级,人口,开工日期,竣工日期\n甲,H01,101001001,C,3,2020-03-05,\n",
        ])
        try folder.write(
            Data(contentsOf: Repository.example("siping").appendingPathComponent("water.csv")),
            to: "city/water.csv")
        let dataset = folder.url.appendingPathComponent("city")
        let plan = PreAggregation.plan(
            configuration: try Dataset.load(directory: dataset).configuration, directory: dataset,
            dialect: .duckdb)
        #expect(plan.kept.map(\.ledger) == ["water.csv"])
        #expect(plan.grouped.map(\.ledger) == ["housing.csv"])
        #expect(plan.grouped.first?.outputLedger(for: .duckdb) == "water_grouped.csv")
    }

    /// A dataset's files under `folder`.
    static func files(_ dataset: [String: String], under folder: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: dataset.map { (folder + "/" + $0.key, $0.value) })
    }

    /// By hand: 甲一村 C 2020-03-05/2020-06-30 twice (people 3 + 1,200), 乙一村 D not yet
    /// completed twice (2 + 4), 甲二镇 C once (5). Total row, blank row and footer skipped; a
    /// quoted line break in a name (Spark must then read the file whole).
    static let mergingDataset = [
        "bulletin.json": configuration,
        "regions.csv": smallRegions,
        "housing.csv": [
            "\u{FEFF}户主,身份证号,村代码,等级,人口,开工日期,竣工日期",
            "\"甲\n某\",H01,101001001,C,3,2020-03-05,2020/6/30",
            "乙,H02,101001001,C,\"1,200\",2020-03-05,2020/6/30",
            "丙,H03,102001001,D,2,2020-04-01,",
            ",,,,,,",
            "丁,H04,102001001,D, 4 ,2020-04-01,",
            "戊,H05,101002,C,5,2020-05-01,2020-09-30",
            "全市合计,,,,1214,,",
            "填表人：某某,,,,,,",
        ].joined(separator: "\r\n") + "\r\n",
    ]

    /// By hand: 甲县/甲一镇/甲一村 twice with the same dates (one by the alias 老甲镇, one by its
    /// stem 甲一), 乙县/乙一镇 once, and a county subtotal row that is not counted.
    static let placeNameDataset = [
        "bulletin.json": configuration.replacingOccurrences(
            of: "\"region\": \"村代码\"", with: "\"region\": {\"names\": [\"县区\", \"乡镇\", \"村\"]}"),
        "regions.csv": smallRegions,
        "aliases.csv": "code,alias\n101001,老甲镇\n",
        "housing.csv": """
        户主,身份证号,县区,乡镇,村,等级,人口,开工日期,竣工日期
        甲,H01,甲县,老甲镇,甲一村,C,3,2020-03-05,2020-06-30
        乙,H02,甲县,甲一镇,甲一,C,2,2020-03-05,2020-06-30
        丙,H03,乙县,乙一镇,,D,4,2020-04-01,
        ,,甲县小计,,,,5,,

        """,
    ]

    /// A ledger of two files matched by a pattern, with their columns in different orders (each
    /// file is read by its own header). By hand: 甲一村 C twice (3 + 2 people), 乙一村 D once (4).
    static let partsDataset = [
        "bulletin.json": configuration.replacingOccurrences(
            of: "\"ledger\": \"housing.csv\"", with: "\"ledger\": \"县/*.csv\""),
        "regions.csv": smallRegions,
        "县/甲县.csv": """
        户主,身份证号,村代码,等级,人口,开工日期,竣工日期
        甲,H01,101001001,C,3,2020-03-05,2020-06-30
        乙,H02,101001001,C,2,2020-03-05,2020-06-30

        """,
        "县/乙县.csv": """
        竣工日期,开工日期,人口,等级,村代码,身份证号,户主
        ,2020-04-01,4,D,102001001,H03,丙

        """,
    ]

    @Test func patternPartsWithTheirOwnColumnOrdersGroupAsOne() throws {
        let folder = try TemporaryDataset(files: Self.files(Self.partsDataset, under: "city"))
        let dataset = folder.url.appendingPathComponent("city")
        let (raw, grouped, plan) = try Self.buildBoth(dataset, dialect: .duckdb)
        #expect(raw == grouped)
        let ledger = try #require(plan.grouped.first)
        #expect(ledger.parts.map(\.path) == ["县/乙县.csv", "县/甲县.csv"])  // code-point order: 乙 U+4E59 < 甲 U+7532
        #expect(try Grouping.rows(of: ledger, in: dataset).map(\.measures) == [["2", "5"], ["1", "4"]])
        #expect(plan.statements(out: "g")[0].components(separatedBy: "UNION ALL").count == 2)
    }

    static let configuration = """
        {
          "title": "示例市危房改造进度通报", "root": "100", "unit_label": "县", "as_of": "2020-10-15",
          "indicators": [
            { "id": "housing", "title": "危房改造", "measure_unit": "户", "ledger": "housing.csv",
              "region": "村代码", "id_column": "身份证号", "category": "等级",
              "stages": [ { "id": "started", "title": "开工", "date": "开工日期" },
                          { "id": "completed", "title": "竣工", "date": "竣工日期" } ],
              "start": "2020-03-01", "deadline": "2020-10-31" },
            { "id": "people", "title": "危房改造人数", "measure_unit": "人", "ledger": "housing.csv",
              "region": "村代码", "measure": { "sum": "人口" },
              "stages": [ { "id": "completed", "title": "竣工", "date": "竣工日期" } ],
              "start": "2020-03-01", "deadline": "2020-10-31" }
          ]
        }
        """

    /// Builds the raw dataset, then the grouped one (`bulletin sql`'s files plus this test's
    /// grouped ledgers), and returns both summary.csv files and the plan.
    static func buildBoth(_ dataset: URL, dialect: SQLDialect) throws -> (
        raw: Data, grouped: Data, plan: PreAggregation
    ) {
        let folder = try TemporaryFolder()
        let groupedDataset = folder.url.appendingPathComponent("grouped")
        _ = try SQLCommand.run(dataset: dataset, dialect: dialect, out: groupedDataset)
        let plan = PreAggregation.plan(
            configuration: try Dataset.load(directory: dataset).configuration, directory: dataset,
            dialect: dialect)
        for ledger in plan.grouped {
            let path = dialect == .duckdb ? ledger.outputName + ".csv" : ledger.outputName + "/part-00000.csv"
            let target = groupedDataset.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Grouping.csv(of: ledger, in: dataset).write(to: target)
        }
        func summary(_ dataset: URL, _ out: String) throws -> Data {
            let outURL = folder.url.appendingPathComponent(out)
            _ = try BuildJob.build(
                BuildJob.Request(dataset: dataset, out: outURL, templates: Repository.templates.path))
            return try Data(contentsOf: outURL.appendingPathComponent("summary.csv"))
        }
        return (try summary(dataset, "raw-out"), try summary(groupedDataset, "grouped-out"), plan)
    }
}

/// The grouping the SQL does, written independently in Swift for the test: rows read with
/// `CSV.parse`; a row is skipped when every configured cell is blank, or its first, id or region
/// cell ends with 合计/总计/小计 or starts with a footer label and a colon; the rest are grouped
/// by the group columns' texts, counted, and their measures summed as decimals.
enum Grouping {
    /// One group: its key texts and its measures (the count first when there is one).
    struct Row {
        var key: [String]
        var measures: [String]
    }

    static func rows(of ledger: PreAggregation.GroupedLedger, in dataset: URL) throws -> [Row] {
        var groups: [[String]: [Decimal]] = [:]
        let measureCount = (ledger.countColumn == nil ? 0 : 1) + ledger.sumColumns.count
        for part in ledger.parts {
            let records = try CSV.parse(Data(contentsOf: dataset.appendingPathComponent(part.path)))
            guard let header = records.first else { continue }
            func cell(_ record: [String], _ column: Int) -> String {
                column < record.count ? record[column] : ""
            }
            func index(_ name: String) -> Int { header.firstIndex { stripped($0) == stripped(name) } ?? 0 }
            let configured = ledger.configuredColumns.map(index)
            let markers = [0] + ledger.markerColumns.map(index)
            for record in records.dropFirst() {
                if configured.allSatisfy({ stripped(cell(record, $0)).isEmpty }) { continue }
                if markers.contains(where: { isMarker(stripped(cell(record, $0))) }) { continue }
                let key = ledger.groupColumns.map { cell(record, index($0)) }
                var measures = groups[key] ?? Array(repeating: 0, count: measureCount)
                var slot = 0
                if ledger.countColumn != nil {
                    measures[0] += 1
                    slot = 1
                }
                for sum in ledger.sumColumns {
                    let text = stripped(cell(record, index(sum))).replacingOccurrences(of: ",", with: "")
                    measures[slot] += try #require(Decimal(string: text), "\(part.path): \(sum) \"\(text)\"")
                    slot += 1
                }
                groups[key] = measures
            }
        }
        return groups.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            Row(key: key, measures: groups[key, default: []].map { "\($0)" })
        }
    }

    /// The grouped ledger as a UTF-8 CSV with the plan's output header.
    static func csv(of ledger: PreAggregation.GroupedLedger, in dataset: URL) throws -> Data {
        var lines = [ledger.outputColumns.map(quoted).joined(separator: ",")]
        for row in try rows(of: ledger, in: dataset) {
            lines.append((row.key + row.measures).map(quoted).joined(separator: ","))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func stripped(_ text: String) -> String {
        String(
            text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }.map(Character.init)
        )
    }

    static func isMarker(_ text: String) -> Bool {
        ["合计", "总计", "小计"].contains { text.hasSuffix($0) }
            || ["填表人", "审核人", "制表人", "填报人"].contains { text.hasPrefix($0 + "：") || text.hasPrefix($0 + ":") }
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { ",\"\r\n".contains($0) })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
