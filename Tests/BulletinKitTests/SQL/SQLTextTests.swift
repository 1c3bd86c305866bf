import Foundation
import Testing

@testable import BulletinKit

/// The SQL `bulletin sql` prints (SPEC §10), read as text: what is selected, filtered, grouped
/// and where it is written, with Chinese column names, quotes, backticks and spaces in names and
/// paths spelt as each engine needs them.
@Suite struct SQLTextTests {
    /// A dataset in a folder whose name has a space and a quote, with one ledger under a folder
    /// with the same, a header whose texts carry a space (`开工 日期`), a `"` and a `` ` ``, an id
    /// column and a householder column the grouped ledger must not carry.
    static let configuration = """
        {
          "title": "示例市危房改造进度通报", "root": "100", "unit_label": "县", "as_of": "2020-10-15",
          "indicators": [
            { "id": "housing", "title": "危房改造", "measure_unit": "户", "ledger": "county's ledgers/危房 台账.csv",
              "region": "村代码", "id_column": "身份证号", "category": "等级", "encoding": "utf-8",
              "stages": [ { "id": "started", "title": "开工", "date": "开工日期" },
                          { "id": "completed", "title": "竣工", "date": "竣工`日期" } ],
              "start": "2020-03-01", "deadline": "2020-10-31" },
            { "id": "people", "title": "危房改造人数", "measure_unit": "人", "ledger": "county's ledgers/危房 台账.csv",
              "region": "村代码", "measure": { "sum": "人口\\"数" },
              "stages": [ { "id": "completed", "title": "竣工", "date": "竣工`日期" } ],
              "start": "2020-03-01", "deadline": "2020-10-31" }
          ]
        }
        """

    static let ledger =
        "\u{FEFF}序号,户主,身份证号,村代码,等级,人口\"数,开工 日期,竣工`日期\r\n1,张三,411302198001011234,101001001,C,3,2020-03-05,2020/6/30\r\n"

    /// The fixture under a temporary folder, as `my city's data/`.
    static func dataset() throws -> (folder: TemporaryDataset, dataset: URL) {
        let folder = try TemporaryDataset(files: [
            "my city's data/bulletin.json": configuration,
            "my city's data/regions.csv": smallRegions,
            "my city's data/county's ledgers/危房 台账.csv": ledger,
        ])
        return (folder, folder.url.appendingPathComponent("my city's data"))
    }

    /// The plan of the fixture; the files are read while planning only.
    static func plan(_ dialect: SQLDialect) throws -> PreAggregation {
        let (folder, url) = try dataset()
        return try withExtendedLifetime(folder) {
            let loaded = try Dataset.load(directory: url)
            return PreAggregation.plan(configuration: loaded.configuration, directory: url, dialect: dialect)
        }
    }

    @Test func planGroupsByRegionCategoryAndDatesWithACountAndASum() throws {
        let plan = try Self.plan(.duckdb)
        #expect(plan.kept.isEmpty)
        #expect(plan.grouped.count == 1)
        let ledger = try #require(plan.grouped.first)
        // Region, then category, then the stages' dates in configuration order (开工, 竣工).
        #expect(ledger.groupColumns == ["村代码", "等级", "开工日期", "竣工`日期"])
        #expect(ledger.countColumn == "rows")
        #expect(ledger.sumColumns == ["人口\"数"])
        #expect(ledger.outputColumns == ["村代码", "等级", "开工日期", "竣工`日期", "rows", "人口\"数"])
        // The header's own text names the engine's column: `开工 日期` for `开工日期`.
        #expect(ledger.parts.first?.headerText(of: "开工日期") == "开工 日期")
        #expect(ledger.outputName == "housing")
    }

    @Test func duckDBQuotesNamesAndPathsAndKeepsNoPersonalColumn() throws {
        let plan = try Self.plan(.duckdb)
        let statements = plan.statements(out: "out dir's")
        #expect(statements.count == 1)
        let sql = try #require(statements.first)
        // Literals double `'`; identifiers double `"` and keep a backtick as it is.
        #expect(sql.contains("FROM read_csv('my city''s data/county''s ledgers/危房 台账.csv', header = true"))
        #expect(sql.contains("encoding = 'utf-8'"))
        #expect(sql.contains(") TO 'out dir''s/housing.csv' (FORMAT csv, HEADER true);"))
        #expect(
            sql.contains(
                "SELECT \"村代码\" AS \"村代码\", \"等级\" AS \"等级\", \"开工 日期\" AS \"开工日期\", \"竣工`日期\" AS \"竣工`日期\", \"人口\"\"数\" AS \"人口\"\"数\"\n"
            ))
        #expect(sql.contains("COUNT(*) AS \"rows\""))
        #expect(
            sql.contains(
                "AS DECIMAL(38, 4)) ELSE error('bulletin sql: county''s ledgers/危房 台账.csv: a 人口\"数 cell"))
        #expect(sql.contains("GROUP BY \"村代码\", \"等级\", \"开工日期\", \"竣工`日期\"\n"))
        // The id column is read only to skip blank and total rows; the householder never.
        #expect(!sql.contains("户主"))
        let selects = sql.split(separator: "\n").filter { $0.contains("SELECT") }
        #expect(selects.count == 2)
        #expect(selects.allSatisfy { !$0.contains("身份证号") })
        // Total-row markers (§2.5): the first column, the id and the region.
        #expect(sql.contains("regexp_replace(coalesce(\"序号\", ''),"))
        #expect(sql.contains("regexp_replace(coalesce(\"身份证号\", ''),"))
        #expect(sql.contains("regexp_replace(coalesce(\"村代码\", ''),"))
    }

    @Test func sparkQuotesNamesAndPathsWithBackslashesAndBackticks() throws {
        let plan = try Self.plan(.spark)
        let statements = plan.statements(out: "out dir's")
        // ANSI mode, the view of the one file, the grouping; no GB18030 file, so no charset switch.
        #expect(statements.count == 3)
        #expect(statements[0] == "SET spark.sql.ansi.enabled=true;")
        #expect(
            statements[1]
                == "CREATE OR REPLACE TEMPORARY VIEW `bulletin_housing_1` USING csv OPTIONS (path 'my city\\'s data/county\\'s ledgers/危房 台账.csv', header 'true', quote '\"', escape '\"', encoding 'UTF-8', mode 'FAILFAST');"
        )
        let sql = statements[2]
        #expect(
            sql.hasPrefix(
                "INSERT OVERWRITE DIRECTORY 'out dir\\'s/housing' USING csv OPTIONS (header 'true', quote '\"', escape '\"')\n"
            ))
        #expect(
            sql.contains(
                "SELECT `村代码` AS `村代码`, `等级` AS `等级`, `开工 日期` AS `开工日期`, `竣工``日期` AS `竣工``日期`, `人口\"数` AS `人口\"数`\n"
            ))
        #expect(sql.contains("FROM `bulletin_housing_1`\n"))
        #expect(sql.contains("ELSE raise_error('bulletin sql: county\\'s ledgers/危房 台账.csv: a 人口\"数 cell"))
        // Spark reads backslash escapes in literals: the regular expressions' are doubled.
        #expect(sql.contains("RLIKE '^[\\\\t\\\\n\\\\x{0B}"))
        #expect(sql.hasSuffix("ORDER BY `村代码`, `等级`, `开工日期`, `竣工``日期`;"))
        #expect(!sql.contains("户主"))
    }

    /// Spark splits a file by lines across its cores unless a quoted field holds a line break;
    /// then `multiLine` has it read the file whole.
    @Test(arguments: [
        ("a,\"b\nc\"\n", true),
        ("a,b\n\"c\",d\n", false),
        ("a,b\"c\nd,\"e\"\n", false),  // a quote inside a field is data: no quoted field holds the LF
        ("\"a\"\"\nb\"\n", true),  // "" is a quote inside the field, which goes on past the LF
        ("\"a\"\"\",b\nc\n", false),  // the field a" closes before the LF
        ("\u{FEFF}\"x\r\ny\"\r\n", true),
        ("a,\"b\"\r\n", false),
    ])
    func quotedLineBreaksAreFound(_ text: String, _ expected: Bool) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { PreAggregation.hasQuotedLineBreaks($0) } == expected)
    }

    @Test func sparkReadsAFileWholeOnlyWhenAQuotedFieldHoldsALineBreak() throws {
        let folder = try TemporaryDataset(
            files: GroupedEquivalenceTests.files(GroupedEquivalenceTests.mergingDataset, under: "city"))
        let url = folder.url.appendingPathComponent("city")
        let configuration = try Dataset.load(directory: url).configuration
        let plan = PreAggregation.plan(configuration: configuration, directory: url, dialect: .spark)
        #expect(plan.grouped.first?.parts.first?.hasQuotedLineBreaks == true)
        #expect(plan.statements(out: "g")[1].contains("header 'true', multiLine 'true', quote"))
    }

    @Test func scriptIsStatementsSeparatedByEmptyLinesAfterComments() throws {
        let plan = try Self.plan(.spark)
        let script = plan.script(out: "grouped")
        let chunks = script.components(separatedBy: "\n\n")
        #expect(chunks.count == 4)  // the comments, then three statements
        #expect(chunks[0].split(separator: "\n").allSatisfy { $0.hasPrefix("-- ") })
        #expect(chunks.dropFirst().allSatisfy { $0.trimmingCharacters(in: .newlines).hasSuffix(";") })
    }

    @Test(arguments: [
        ("duckdb", "'it''s a\\b'", "\"a\"\"b\""),
        ("spark", "'it\\'s a\\\\b'", "`a\"b`"),
    ])
    func literalsAndIdentifiers(_ dialect: String, _ literal: String, _ identifier: String) throws {
        let dialect = try #require(SQLDialect(rawValue: dialect))
        #expect(dialect.literal("it's a\\b") == literal)
        #expect(dialect.identifier("a\"b") == identifier)
    }

    @Test func groupedConfigurationSumsTheCountsAndDropsIdsAndEncoding() throws {
        let plan = try Self.plan(.spark)
        let original = try JSONValue.parse(Self.configuration)
        let indicators = try #require(plan.configuration(from: original)["indicators"]?.arrayValue)
        #expect(indicators.count == 2)
        #expect(indicators[0]["ledger"]?.stringValue == "housing/part-*.csv")
        #expect(indicators[0]["measure"]?["sum"]?.stringValue == "rows")
        #expect(indicators[0]["id_column"] == nil)
        #expect(indicators[0]["encoding"] == nil)
        #expect(indicators[0]["category"]?.stringValue == "等级")
        #expect(indicators[1]["ledger"]?.stringValue == "housing/part-*.csv")
        #expect(indicators[1]["measure"]?["sum"]?.stringValue == "人口\"数")
        #expect(indicators[1]["title"]?.stringValue == "危房改造人数")
    }

    /// A column both summed and grouped by (here 人口 as a category too) cannot be one grouped
    /// row's key and sum: the ledger is kept for Bulletin.
    @Test func aColumnBothSummedAndGroupedByIsKept() throws {
        var files = GroupedEquivalenceTests.files(GroupedEquivalenceTests.mergingDataset, under: "city")
        files["city/bulletin.json"] = files["city/bulletin.json"]?.replacingOccurrences(
            of: "\"category\": \"等级\"", with: "\"category\": \"人口\"")
        let folder = try TemporaryDataset(files: files)
        let url = folder.url.appendingPathComponent("city")
        let plan = PreAggregation.plan(
            configuration: try Dataset.load(directory: url).configuration, directory: url, dialect: .duckdb)
        #expect(plan.grouped.isEmpty)
        #expect(plan.kept.first?.reason == "its column 人口 is both summed and grouped by")
    }

    /// Ledgers the engine cannot read are kept for Bulletin, each with the reason.
    @Test func workbooksTitleRowsAndGB18030ForDuckDBAreKept() throws {
        let (folder, url) = try Self.dataset()
        // Title rows above the header: the engine takes line 1 as the header.
        try folder.write(
            "示例市危房改造台账,,,,,,,\r\n" + Self.ledger.dropFirst(), to: "my city's data/county's ledgers/危房 台账.csv")
        let loaded = try Dataset.load(directory: url)
        let plan = PreAggregation.plan(configuration: loaded.configuration, directory: url, dialect: .duckdb)
        #expect(plan.grouped.isEmpty)
        #expect(plan.kept.map(\.ledger) == ["county's ledgers/危房 台账.csv"])
        #expect(plan.kept.first?.reason.contains("line 1") == true)

        let siping = Repository.example("siping")
        let sipingConfiguration = try Dataset.load(directory: siping).configuration
        let duck = PreAggregation.plan(
            configuration: sipingConfiguration, directory: siping, dialect: .duckdb)
        #expect(duck.grouped.isEmpty)
        #expect(duck.kept.map(\.ledger) == ["危房改造/*.xlsx", "water.csv"])
        #expect(duck.kept.last?.reason.contains("GB18030") == true)
        let spark = PreAggregation.plan(
            configuration: sipingConfiguration, directory: siping, dialect: .spark)
        #expect(spark.kept.map(\.ledger) == ["危房改造/*.xlsx"])
        #expect(spark.grouped.map(\.ledger) == ["water.csv"])
        #expect(spark.grouped.first?.parts.first?.encoding == .gb18030)
        #expect(spark.statements(out: "g").contains("SET spark.sql.legacy.javaCharsets=true;"))
    }
}
