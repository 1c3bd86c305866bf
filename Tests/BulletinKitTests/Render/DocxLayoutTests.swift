import Foundation
import Testing

@testable import BulletinKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The Word briefing's page, type and tables after GB/T 9704-2012, read back from the package
/// with the tests' own ZIP reader and Foundation's XML parser. Expected values are the
/// standard's, converted by hand: 1 mm = 1440 / 25.4 twips, so A4 210 × 297 mm = 11906 × 16838
/// (11905.5 and 16837.8 rounded), margins 37 mm = 2097.6 → 2098, 35 mm = 1984.3 → 1984,
/// 28 mm = 1587.4 → 1587, 26 mm = 1474.0 → 1474; sizes in half-points: 二号 22 pt = 44,
/// 三号 16 pt = 32, 四号 14 pt = 28, 小四 12 pt = 24.
@Suite struct DocxLayoutTests {
    /// Nanyang with every document key set.
    static func nanyangWithKeys() throws -> (package: StoredZip, dataset: TemporaryDataset) {
        let dataset = try DocxFixture.copyOfExample("nanyang") { configuration in
            configuration["doc_no"] = .string("宛脱贫办〔2020〕45号")
            configuration["issue_no"] = .string("auto")
            configuration["cc"] = .array([.string("市委办公室"), .string("市政府办公室")])
            configuration["issued_on"] = .string("2020-10-16")
        }
        return (try StoredZip(DocxFixture.file("briefing.docx", of: dataset.url)), dataset)
    }

    @Test func everyPartIsWellFormedAndDeclared() throws {
        let (package, _) = try Self.nanyangWithKeys()
        let names = package.entries.map(\.name)
        #expect(names.first == "[Content_Types].xml")
        for required in [
            "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
            "word/_rels/document.xml.rels",
            "word/footer1.xml", "docProps/core.xml",
        ] {
            #expect(names.contains(required), "\(required) is missing")
        }
        for entry in package.entries {
            #expect(entry.dosDate == 0x21 && entry.dosTime == 0, "\(entry.name): not 1980-01-01 00:00")
            _ = try XMLTree.parse(entry.bytes, part: entry.name)
        }
        let types = try XMLTree.parse(try #require(package.entries.first?.bytes), part: "types")
        let overrides = Set(types.all("Override").compactMap { $0["PartName"] })
        for name in names where name.hasSuffix(".xml") && name != "[Content_Types].xml" {
            #expect(overrides.contains("/" + name), "\(name) has no content type")
        }
    }

    @Test func pagesAreA4WithTheStandardMarginsAndTheWideTableLandscape() throws {
        let (package, _) = try Self.nanyangWithKeys()
        let document = try XMLTree.parse(try #require(package.text("word/document.xml")), part: "document")
        let sections = document.all("w:sectPr")
        // Portrait for the title and 一、, landscape for the nine-column unit tables, portrait to the end.
        #expect(sections.count == 3)
        let expected: [(width: String, height: String, orient: String?, margins: [String])] = [
            ("11906", "16838", nil, ["2098", "1984", "1587", "1474"]),
            ("16838", "11906", "landscape", ["1587", "1474", "1984", "2098"]),
            ("11906", "16838", nil, ["2098", "1984", "1587", "1474"]),
        ]
        for (section, want) in zip(sections, expected) {
            let size = try #require(section.first("w:pgSz"))
            #expect(
                size["w:w"] == want.width && size["w:h"] == want.height && size["w:orient"] == want.orient)
            let margins = try #require(section.first("w:pgMar"))
            #expect(
                [margins["w:top"], margins["w:bottom"], margins["w:left"], margins["w:right"]] == want.margins
            )
            #expect(section.all("w:footerReference").count == 2)
        }
        // The landscape section holds the four nine-column unit tables; the last section the
        // composite rank (three columns) and the findings (four: unit, location, severity,
        // problem); the first none.
        let body = try #require(document.first("w:body"))
        var columnsBySection: [[Int]] = [[]]
        for child in body.children {
            if child.name == "w:tbl" {
                columnsBySection[columnsBySection.count - 1].append(child.all("w:gridCol").count)
            }
            if child.name == "w:p", child.first("w:sectPr") != nil { columnsBySection.append([]) }
        }
        #expect(columnsBySection == [[], [9, 9, 9, 9], [3, 4]])
        // Each table is exactly as wide as its section's text block: 16838 − 1984 − 2098 = 12756
        // on landscape pages, 11906 − 1587 − 1474 = 8845 on portrait ones.
        let widths = body.children.filter { $0.name == "w:tbl" }.map { table in
            table.all("w:gridCol").compactMap { Int($0["w:w"] ?? "") }.reduce(0, +)
        }
        #expect(widths == [12756, 12756, 12756, 12756, 8845, 8845])
    }

    @Test func stylesCarryTheStandardFontsAndSizes() throws {
        let (package, _) = try Self.nanyangWithKeys()
        let styles = try XMLTree.parse(try #require(package.text("word/styles.xml")), part: "styles")
        func style(_ id: String) throws -> XMLTree {
            try #require(styles.all("w:style").first { $0["w:styleId"] == id }, "no style \(id)")
        }
        let cases: [(id: String, font: String, size: String)] = [
            ("Title", "方正小标宋简体", "44"), ("Normal", "仿宋_GB2312", "32"), ("Heading1", "黑体", "32"),
            ("Heading2", "楷体_GB2312", "32"), ("TableText", "仿宋_GB2312", "24"), ("Footer", "宋体", "28"),
            ("Colophon", "仿宋_GB2312", "28"),
        ]
        for want in cases {
            let definition = try style(want.id)
            let fonts = try #require(definition.first("w:rFonts"))
            #expect(
                fonts["w:eastAsia"] == want.font && fonts["w:ascii"] == want.font
                    && fonts["w:hAnsi"] == want.font)
            #expect(definition.first("w:sz")?["w:val"] == want.size, "\(want.id)")
        }
        #expect(try style("Title").first("w:jc")?["w:val"] == "center")
        #expect(try style("Signature").first("w:jc")?["w:val"] == "right")
        #expect(try style("Normal").first("w:ind")?["w:firstLineChars"] == "200")
        // Fixed line spacing of 28.95 pt (579 twips), within the 28–29 pt offices use.
        let spacing = try #require(try style("Normal").first("w:spacing"))
        #expect(spacing["w:lineRule"] == "exact" && spacing["w:line"] == "579")
        // The fallbacks the reader uses when a face is missing.
        let fonts = try XMLTree.parse(try #require(package.text("word/fontTable.xml")), part: "fonts")
        let fallback = Dictionary(
            fonts.all("w:font").map { ($0["w:name"] ?? "", $0.first("w:altName")?["w:val"] ?? "") },
            uniquingKeysWith: { a, _ in a })
        #expect(fallback["方正小标宋简体"] == "华文中宋" && fallback["华文中宋"] == "SimSun")
        #expect(
            fallback["仿宋_GB2312"] == "FangSong" && fallback["楷体_GB2312"] == "KaiTi"
                && fallback["黑体"] == "SimHei")
    }

    @Test func headingsUseTheirStyles() throws {
        let (package, _) = try Self.nanyangWithKeys()
        let document = try XMLTree.parse(try #require(package.text("word/document.xml")), part: "document")
        let paragraphs = document.all("w:p").map { ($0.first("w:pStyle")?["w:val"] ?? "", $0.text) }
        let title = paragraphs.first { $0.0 == "Title" }
        #expect(title?.1 == "南阳市脱贫攻坚重点任务进度通报")
        #expect(
            paragraphs.filter { $0.0 == "Heading1" }.map(\.1)
                == ["一、总体进展", "二、各单位进度", "三、排名", "四、数据质量", "五、下步工作"])
        let subheadings = paragraphs.filter { $0.0 == "Heading2" }.map(\.1)
        #expect(subheadings.first == "（一）易地扶贫搬迁（搬迁户）：入住（户）")
        #expect(subheadings.contains("（五）综合排名"))
    }

    @Test func tableRowsRepeatTheirHeaderAndNeverSplit() throws {
        let (package, _) = try Self.nanyangWithKeys()
        let document = try XMLTree.parse(try #require(package.text("word/document.xml")), part: "document")
        let tables = document.all("w:tbl")
        #expect(tables.count >= 6)  // four unit tables, the composite rank, the findings
        for table in tables {
            let rows = table.all("w:tr")
            #expect(rows.first?.first("w:tblHeader") != nil)
            #expect(rows.dropFirst().allSatisfy { $0.first("w:tblHeader") == nil })
            #expect(rows.allSatisfy { $0.first("w:cantSplit") != nil })
            #expect(table.first("w:tblBorders")?.children.allSatisfy { $0["w:val"] == "single" } == true)
            #expect(rows.first?.all("w:pStyle").allSatisfy { $0["w:val"] == "TableHeading" } == true)
        }
        // Status words, not colours: the first unit table's total row ends with "✖ 逾期".
        let total = try #require(tables.first?.all("w:tr").dropFirst().first)
        #expect(total.all("w:tc").last?.text == "✖ 逾期")
    }

    /// 版头, footer and 版记. Nanyang's campaign starts 2020-01-01 and the bulletin is weekly as of
    /// 2020-10-15: 288 days, 41 whole weeks back to 2020-01-02, so this is issue 41 + 1 = 42.
    @Test func headerFooterAndColophon() throws {
        let (package, _) = try Self.nanyangWithKeys()
        let document = try XMLTree.parse(try #require(package.text("word/document.xml")), part: "document")
        let paragraphs = document.all("w:p")
        let texts = paragraphs.map(\.text)
        #expect(Array(texts.prefix(4)) == ["南阳市脱贫攻坚领导小组办公室", "第42期", "宛脱贫办〔2020〕45号", "南阳市脱贫攻坚重点任务进度通报"])
        #expect(paragraphs[2].first("w:bottom")?["w:color"] == "FF0000")
        // The end: 落款 (issuer, date), then the 版记 between rules.
        #expect(
            Array(texts.suffix(4)) == [
                "南阳市脱贫攻坚领导小组办公室", "2020年10月15日", "\t抄送：市委办公室，市政府办公室。",
                "\t南阳市脱贫攻坚领导小组办公室\t2020年10月16日印发",
            ])
        let colophon = Array(paragraphs.suffix(2))
        #expect(colophon[0].first("w:top")?["w:sz"] == "8" && colophon[0].first("w:bottom")?["w:sz"] == "6")
        #expect(colophon[1].first("w:top") == nil && colophon[1].first("w:bottom")?["w:sz"] == "8")
        // 落款 without a seal: the issuer two characters in from the right; the date starts two
        // characters right of the issuer's start. The issuer is 14 characters wide, the date
        // 2020年10月15日 3 + 8 × ½ = 7, so the date ends 14 − 7 = 7 characters in.
        let signature = Array(paragraphs.suffix(4).prefix(2))
        #expect(signature.allSatisfy { $0.first("w:pStyle")?["w:val"] == "Signature" })
        #expect(signature.map { $0.first("w:ind")?["w:rightChars"] } == ["200", "700"])
        for (part, side) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
            let footer = try XMLTree.parse(try #require(package.text(part)), part: part)
            #expect(footer.first("w:instrText")?.text.trimmingCharacters(in: .whitespaces) == "PAGE")
            #expect(footer.text == "— 1 —")
            #expect(footer.first("w:jc")?["w:val"] == side)
        }
        let settings = try #require(package.text("word/settings.xml"))
        #expect(settings.contains("<w:evenAndOddHeaders/>"))
        let core = try #require(package.text("docProps/core.xml"))
        #expect(core.contains(">2020-10-15</dcterms:created>") && !core.contains("T00"))
    }

    /// Without document keys there is no 版头 rule, 期数 or 抄送; the 印发 line carries the issuer.
    @Test func onlyTheLinesThatHaveContent() throws {
        let package = try StoredZip(DocxFixture.file("briefing.docx", of: Repository.example("xuchang")))
        let document = try XMLTree.parse(try #require(package.text("word/document.xml")), part: "document")
        let texts = document.all("w:p").map(\.text)
        #expect(texts.first == "许昌市住房和城乡建设局")
        #expect(!texts.contains { $0.contains("期") && $0.hasPrefix("第") })
        #expect(!texts.contains { $0.contains("抄送") })
        #expect(texts.last == "\t许昌市住房和城乡建设局\t2020年11月20日印发")
    }
}
