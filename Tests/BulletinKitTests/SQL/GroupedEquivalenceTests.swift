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
    @Test(arguments: [("nanyang", "duckdb"), ("jiyuan", "duckdb"), ("xuchang", "duckdb"), ("siping", "spark")])
    func groupedExampleGivesTheRawSummary(_ name: String, _ dialect: String) throws {
        let dialect = try #require(SQLDialect(rawValue: dialect))
        let (raw, grouped, plan) = try Self.buildBoth(Repository.example(name), dialect: dialect)
        #expect(!plan.grouped.isEmpty)
        #expect(raw == grouped, "summary.csv of the grouped \(name) differs from the raw one")
    }

    /// A ledger where grouping merges rows: two households per (village, grade, dates), a total
    /// row, a blank row, a footer, measures with thousands separators and spaces, a BOM and CRLF.
    @Test func groupingMergesRowsAndSkipsTotalsBlanksAndFooters() throws {
        let folder = try TemporaryDataset(files: [
            "city/bulletin.json": Self.configuration,
            "city/regions.csv": smallRegions,
        ])
        // By hand: 甲一村 C 2020-03-05/2020-06-30 twice (people 3 + 1,200), 乙一村 D not yet
        // completed twice (2 + 4), 甲二镇 C once (5). Total row, blank row and footer skipped.
        let ledger = [
            "\u{FEFF}户主,身份证号,村代码,等级,人口,开工日期,竣工日期",
            "甲,H01,101001001,C,3,2020-03-05,2020/6/30",
            "乙,H02,101001001,C,\"1,200\",2020-03-05,2020/6/30",
            "丙,H03,102001001,D,2,2020-04-01,",
            ",,,,,,",
            "丁,H04,102001001,D, 4 ,2020-04-01,",
            "戊,H05,101002,C,5,2020-05-01,2020-09-30",
            "全市合计,,,,1214,,",
            "填表人：某某,,,,,,",
        ].joined(separator: "\r\n") + "\r\n"
        try folder.write(ledger, to: "city/housing.csv")
        let (raw, grouped, plan) = try Self.buildBoth(folder.url.appendingPathComponent("city"), dialect: .duckdb)
        #expect(raw == grouped)
        let out = try #require(plan.grouped.first)
        let rows = try Grouping.rows(of: out, in: folder.url.appendingPathComponent("city"))
        // Three groups from five households, in code order: 甲一村 (2 rows, 3 + 1,200 people),
        // 甲二镇 (1 row, 5), 乙一村 (2 rows, 2 + 4).
        #expect(rows.map(\.key.first) == ["101001001", "101002", "102001001"])
        #expect(rows.map(\.measures) == [["2", "1203"], ["1", "5"], ["2", "6"]])
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
    static func buildBoth(_ dataset: URL, dialect: SQLDialect) throws -> (raw: Data, grouped: Data, plan: PreAggregation) {
        let folder = try TemporaryFolder()
        let groupedDataset = folder.url.appendingPathComponent("grouped")
        _ = try SQLCommand.run(dataset: dataset, dialect: dialect, out: groupedDataset)
        let plan = PreAggregation.plan(
            configuration: try Dataset.load(directory: dataset).configuration, directory: dataset, dialect: dialect)
        for ledger in plan.grouped {
            let path = dialect == .duckdb ? ledger.outputName + ".csv" : ledger.outputName + "/part-00000.csv"
            let target = groupedDataset.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Grouping.csv(of: ledger, in: dataset).write(to: target)
        }
        func summary(_ dataset: URL, _ out: String) throws -> Data {
            let outURL = folder.url.appendingPathComponent(out)
            _ = try BuildJob.build(BuildJob.Request(dataset: dataset, out: outURL, templates: Repository.templates.path))
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
            func cell(_ record: [String], _ column: Int) -> String { column < record.count ? record[column] : "" }
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
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }.map(Character.init))
    }

    static func isMarker(_ text: String) -> Bool {
        ["合计", "总计", "小计"].contains { text.hasSuffix($0) }
            || ["填表人", "审核人", "制表人", "填报人"].contains { text.hasPrefix($0 + "：") || text.hasPrefix($0 + ":") }
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
