import Foundation
import Testing

@testable import BulletinKit

/// Every string from the data is hostile (issue 7): region names, titles, remarks, categories,
/// units of measure and stage titles carrying markup, table pipes, emphasis, list and heading
/// markers and spreadsheet formulas must come out inert in every file the shipped templates
/// write — HTML, the Markdown briefing, summary.csv, data.json and the SVG charts.
struct HostileStringsTests {
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(2)>"

    /// Names in regions.csv, CSV-quoted. 101's name is a script, 102's a formula with a pipe and
    /// emphasis, 103's a heading marker with a line break, a township an image tag.
    static let regions = """
        code,name,parent
        100,"示例市 | *粗体* _斜体_",
        101,"\(script)甲县",100
        102,"=HYPERLINK(""http://x.invalid"",""乙县"")|**",100
        103,"# 丙县
        - 第二行",100
        101001,"\(image)甲一镇",101
        101001001,甲一村,101001
        102001,乙一镇,102

        """

    /// The base dataset's housing indicator with hostile titles, a hostile unit label and
    /// remarks that look like a Markdown list, a link and a table.
    static let configuration = hostileConfiguration.text

    static let hostileConfiguration: FixtureJSON = [
        "title": .string("通报 \(script) | `代码`"),
        "root": "100",
        "unit_label": "县<b>",
        "as_of": "2020-10-15",
        "period": "week",
        "remarks": [#"- 不是列表 <a href="javascript:alert(3)">点我</a>"#, "1. 不是编号 | 也不是表格"],
        "indicators": [
            BaseDataset.housing.setting("title", to: "危房<i>改造</i>|").setting("measure_unit", to: "户*")
                .setting(
                    "stages",
                    to: [
                        ["id": "started", "title": "开工<u>", "date": "started"],
                        ["id": "completed", "title": "竣工|", "date": "completed"],
                    ])
        ],
    ]

    /// Grades are hostile too: `@SUM(A1)`, `+1|2`, `<s>D</s>`. 103 has 2 of 2 completed, 101 1 of
    /// 3 (behind: its gap is negative and must stay a plain negative number in summary.csv).
    static let ledger = """
        hid,village,grade,started,completed
        h1,101001001,@SUM(A1),2020-04-01,2020-09-01
        h2,101001,+1|2,2020-04-01,
        h3,101,<s>D</s>,2020-05-01,
        h4,102001,@SUM(A1),2020-04-01,2020-08-15
        h5,102,+1|2,2020-06-01,2020-10-01
        h6,103,<s>D</s>,2020-04-01,2020-10-10
        h7,103,@SUM(A1),2020-04-01,2020-10-12

        """

    func buildHostile() throws -> (files: [String: Data], dataset: TemporaryDataset, folder: TemporaryFolder) {
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": Self.configuration, "regions.csv": Self.regions, "housing.csv": Self.ledger,
        ])
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(dataset: dataset.url, out: out, templates: Repository.templates.path, history: true))
        return (try filesBelow(out), dataset, folder)
    }

    @Test func htmlPagesCarryNoMarkupFromTheData() throws {
        let (files, _, _) = try buildHostile()
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count >= 8)
        for (path, bytes) in pages {
            let text = String(decoding: bytes, as: UTF8.self).lowercased()
            // Bulletin's own pages have no script, image, bold, italic, underline or strike-through
            // elements, so any of these can only have come from the data.
            for tag in ["<script", "<img", "<b>", "<i>", "<u>", "<s>", "javascript:alert(3)\">"] {
                #expect(!text.contains(tag), "\(path) contains \(tag)")
            }
        }
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;甲县"))
        let unit = String(decoding: try #require(files["units/101.html"]), as: UTF8.self)
        #expect(unit.contains("&lt;img src=x onerror=alert(2)&gt;甲一镇"))
    }

    @Test func svgChartsEscapeTheirText() throws {
        let (files, _, _) = try buildHostile()
        let page = String(decoding: try #require(files["indicators/housing.html"]), as: UTF8.self)
        let svgStart = try #require(page.range(of: "<svg"))
        let svgEnd = try #require(page.range(of: "</svg>", range: svgStart.upperBound..<page.endIndex))
        let svg = String(page[svgStart.lowerBound..<svgEnd.upperBound])
        #expect(svg.contains("&lt;script&gt;alert"), "\(svg.prefix(1500))")
        #expect(!svg.lowercased().contains("<script"))
    }

    @Test func markdownBriefingKeepsDataAsText() throws {
        let (files, _, _) = try buildHostile()
        for (path, bytes) in files where path.hasSuffix(".md") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.lowercased().contains("<script"), "\(path)")
            #expect(!text.lowercased().contains("<img"), "\(path)")
            #expect(!text.contains("<b>") && !text.contains("<i>") && !text.contains("<s>"), "\(path)")
            var header: Int?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                // Every line that is not a heading the template wrote starts with text, a table
                // pipe or a list number the template wrote — never a marker from the data.
                #expect(!line.hasPrefix("- "), "\(path): a data line became a list item: \(line)")
                #expect(!line.hasPrefix("# 丙县"), "\(path): a name became a heading: \(line)")
                guard line.hasPrefix("|") else {
                    header = nil
                    continue
                }
                // Cells are split by pipes that are not escaped; every row of a table has as many as
                // its header.
                let cells = unescapedPipes(in: line)
                if let header {
                    #expect(cells == header, "\(path): ragged table row: \(line)")
                } else {
                    header = cells
                }
            }
        }
        let briefing = String(decoding: try #require(files["briefing.md"]), as: UTF8.self)
        #expect(briefing.contains("&lt;script&gt;alert(1)&lt;/script&gt;甲县"))
        #expect(briefing.contains("\\*粗体\\*"))
        #expect(briefing.contains("示例市 \\| "))
    }

    @Test func summaryDefusesFormulasButNotNumbers() throws {
        let (files, _, _) = try buildHostile()
        var bytes = try #require(files["summary.csv"])
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        bytes.removeFirst(3)
        let rows = try CSV.parse(bytes)
        let header = try #require(rows.first)
        let name = try #require(header.firstIndex(of: "unit_name"))
        let category = try #require(header.firstIndex(of: "category"))
        let gap = try #require(header.firstIndex(of: "gap_pp"))
        for row in rows.dropFirst() {
            for cell in [row[name], row[category]] {
                if let first = cell.first { #expect(!"=+-@".contains(first), "formula left live: \(cell)") }
            }
        }
        #expect(rows.contains { $0[name] == "'=HYPERLINK(\"http://x.invalid\",\"乙县\")|**" })
        #expect(rows.contains { $0[category] == "'@SUM(A1)" })
        #expect(rows.contains { $0[category] == "'+1|2" })
        // 101 has 1 of 3 houses completed (h1 on 09-01; h3 not yet): 33.33%, behind time
        // progress, so its gap is negative — and printed as a plain negative number.
        let behind = try #require(rows.first { $0[0] == "101" && $0[3] == "completed" && $0[category].isEmpty })
        #expect(behind[7] == "33.33")
        #expect(behind[gap].hasPrefix("-") && Double(behind[gap]) != nil)
    }

    @Test func dataJSONKeepsTheExactStrings() throws {
        let (files, _, _) = try buildHostile()
        let data = try #require(files["data.json"])
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let units = try #require(json?["units"] as? [[String: Any]])
        #expect(units.compactMap { $0["name"] as? String }.contains("\(Self.script)甲县"))
    }

    private func unescapedPipes(in line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                count += 1
            }
        }
        return count
    }
}
